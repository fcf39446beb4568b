"""Translation rules that mutation testing (tools/mutation.py translations) showed no test
held: each asserts what is built (which language's text, draft or final) or the one-line
error a user gets, on small files, in this process."""

from __future__ import annotations

from test_translation_rules import FRENCH, MASTER, edit, error

from handout.build import prepare


def test_a_language_tag_in_another_case_finds_its_file(tmp_path):
    """BCP 47 tags are compared without regard to case: --lang fr finds content.FR.yaml."""
    (tmp_path / "content.yaml").write_text(MASTER, encoding="utf-8")
    (tmp_path / "content.FR.yaml").write_text(edit(FRENCH, "fr", "FR"), encoding="utf-8")
    prepared = prepare(tmp_path / "content.yaml", "fr")
    assert (prepared.handout.language, prepared.handout.title) == ("FR", "Démo")


def test_a_translation_file_without_its_record_is_refused_when_built_itself(tmp_path):
    """content.fr.yaml in French beside content.yaml is a translation even with no
    `translation:` record: building it is an error, not a master of its own."""
    (tmp_path / "content.yaml").write_text(MASTER, encoding="utf-8")
    french = FRENCH.replace("translation:", "# translation:")
    (tmp_path / "content.fr.yaml").write_text(french, encoding="utf-8")
    message = error(prepare, tmp_path / "content.fr.yaml")
    assert message == (
        f"{tmp_path / 'content.fr.yaml'}:2: translation: missing; a translation records its"
        " source: translation: {from_revised: DATE, reviewed_by: NAME or null}"
    )


def test_a_file_whose_language_is_not_its_name_is_a_master_of_its_own(tmp_path):
    """content.fr.yaml that says `language: es` is not the French translation: it builds as
    the Spanish master it says it is; so does content.fr.yaml with no content.yaml beside it."""
    (tmp_path / "content.yaml").write_text(MASTER, encoding="utf-8")
    spanish = edit(FRENCH.replace("translation:", "# translation:"), "language: fr", "language: es")
    (tmp_path / "content.fr.yaml").write_text(spanish, encoding="utf-8")
    prepared = prepare(tmp_path / "content.fr.yaml")
    assert (prepared.handout.language, prepared.handout.title, prepared.draft_reasons) == (
        "es",
        "Démo",
        (),
    )
    (tmp_path / "content.yaml").unlink()
    french = FRENCH.replace("translation:", "# translation:")
    (tmp_path / "content.fr.yaml").write_text(french, encoding="utf-8")
    assert prepare(tmp_path / "content.fr.yaml").handout.title == "Démo"


def test_lang_that_is_not_a_language_tag_is_one_line(tmp_path):
    (tmp_path / "content.yaml").write_text(MASTER, encoding="utf-8")
    message = error(prepare, tmp_path / "content.yaml", "a/b")
    assert message == "--lang: 'a/b' is not a language tag (e.g. fr)"


def test_a_missing_translation_names_every_translation_there_or_none(tmp_path):
    (tmp_path / "content.yaml").write_text(MASTER, encoding="utf-8")
    message = error(prepare, tmp_path / "content.yaml", "de")
    assert message.endswith("no 'de' translation (content.de.yaml not found; translations: none)")
    (tmp_path / "content.fr.yaml").write_text(FRENCH, encoding="utf-8")
    spanish = edit(FRENCH, "language: fr", "language: es")
    (tmp_path / "content.es.yaml").write_text(spanish, encoding="utf-8")
    message = error(prepare, tmp_path / "content.yaml", "de")
    assert message.endswith("(content.de.yaml not found; translations: es, fr)")


def test_from_revised_later_than_the_master_is_one_line_naming_both_dates(tmp_path):
    (tmp_path / "content.yaml").write_text(MASTER, encoding="utf-8")
    french = edit(FRENCH, "from_revised: 2026-03-04", "from_revised: 2027-03-04")
    (tmp_path / "content.fr.yaml").write_text(french, encoding="utf-8")
    message = error(prepare, tmp_path / "content.yaml", "fr")
    assert message == (
        f"{tmp_path / 'content.fr.yaml'}:6: translation.from_revised: 2027-03-04 is later than"
        " the master's revised date 2026-03-04: no such version of the master exists"
    )


def check_line(tmp_path, french: str) -> str:
    (tmp_path / "content.yaml").write_text(MASTER, encoding="utf-8")
    (tmp_path / "content.fr.yaml").write_text(french, encoding="utf-8")
    return error(prepare, tmp_path / "content.yaml", "fr").replace(str(tmp_path) + "/", "")


def test_sections_missing_and_extra_are_listed_in_one_line(tmp_path):
    head = FRENCH.partition("  - id: one")[0]
    others = (
        "  - id: x\n    heading: X\n    blocks: [x]\n  - id: y\n    heading: Y\n    blocks: [y]\n"
    )
    assert check_line(tmp_path, head + others) == (
        "content.fr.yaml:9: sections: missing one, two; not in the master: x, y"
    )


def test_links_that_differ_from_the_masters_are_listed_in_one_line(tmp_path):
    french = edit(
        FRENCH,
        "[de la fièvre, de la toux]",
        "['[a](https://a.example) [b](https://b.example)', de la toux]",
    )
    assert check_line(tmp_path, french) == (
        "content.fr.yaml:13: sections[one].blocks[1].bullets[0]: links to https://a.example,"
        " https://b.example; the master's links to nothing"
    )
    master_link = edit(
        MASTER, "- Take it daily.", "- '[Take](https://a.example) [it](https://c.example)'"
    )
    (tmp_path / "content.yaml").write_text(master_link, encoding="utf-8")
    (tmp_path / "content.fr.yaml").write_text(FRENCH, encoding="utf-8")
    message = error(prepare, tmp_path / "content.yaml", "fr").replace(str(tmp_path) + "/", "")
    assert message == (
        "content.fr.yaml:12: sections[one].blocks[0]: links to nothing; the master's links to"
        " https://a.example, https://c.example"
    )


def test_a_translation_of_a_draft_master_says_why_it_is_a_draft(tmp_path):
    (tmp_path / "content.yaml").write_text(
        edit(MASTER, "status: approved", "status: draft"), encoding="utf-8"
    )
    (tmp_path / "content.fr.yaml").write_text(FRENCH, encoding="utf-8")
    assert prepare(tmp_path / "content.yaml", "fr").draft_reasons == ("the master is a draft",)
