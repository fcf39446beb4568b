"""The translation rules of the README on small files, in this process (fast): which file is
whose translation, every structure mismatch and its message, and when a translation is a draft.
(The same rules through the CLI and on the Kineret files are in test_translations.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from handout.build import prepare
from handout.check import check
from handout.errors import HandoutError

MASTER = """\
handout: demo
language: en
title: Demo
revised: 2026-03-04
status: approved
identifiers: [{label: DIN, value: "0224"}]
sections:
  - id: one
    heading: First
    blocks:
      - Take it daily.
      - bullets: [a fever, a cough]
      - callout: {kind: warning, title: Stop, blocks: [Now., {steps: [a, b]}]}
      - qr: {url: "https://a.example/v", caption: Watch}
  - id: two
    heading: Second
    blocks: [More.]
"""

FRENCH = """\
handout: demo
language: fr
title: Démo
revised: 2026-03-04
status: approved
translation: {from_revised: 2026-03-04, reviewed_by: A. Reviewer}
identifiers: [{label: DIN, value: "0224"}]
sections:
  - id: one
    heading: Premier
    blocks:
      - Prenez-le chaque jour.
      - bullets: [de la fièvre, de la toux]
      - callout: {kind: warning, title: Arrêtez, blocks: [Maintenant., {steps: [a, b]}]}
      - qr: {url: "https://a.example/v", caption: Regardez}
  - id: two
    heading: Deuxième
    blocks: [Encore.]
"""


def pair(tmp_path: Path, master: str = MASTER, french: str = FRENCH, **more: str) -> Path:
    (tmp_path / "content.yaml").write_text(master, encoding="utf-8")
    (tmp_path / "content.fr.yaml").write_text(french, encoding="utf-8")
    for language, text in more.items():
        (tmp_path / f"content.{language}.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "content.yaml"


def error(function, *args) -> str:
    with pytest.raises(HandoutError) as e:
        function(*args)
    return str(e.value)


def test_lang_builds_the_translation_beside_the_master(tmp_path):
    master = pair(tmp_path)
    prepared = prepare(master, "fr")
    assert prepared.handout.language == "fr" and prepared.handout.title == "Démo"
    assert prepared.draft_reasons == ()
    assert prepare(master, "en").handout.title == "Demo"
    assert prepare(master).handout.title == "Demo"


def test_a_translation_file_builds_itself_against_its_master(tmp_path):
    pair(tmp_path)
    prepared = prepare(tmp_path / "content.fr.yaml")
    assert prepared.handout.title == "Démo"
    assert prepare(tmp_path / "content.fr.yaml", "fr").handout.title == "Démo"
    message = error(prepare, tmp_path / "content.fr.yaml", "es")
    assert message.endswith("content.fr.yaml: is the 'fr' translation, not 'es'")


def test_a_missing_language_names_the_file_and_the_translations_there(tmp_path):
    master = pair(tmp_path)
    message = error(prepare, master, "de")
    assert message.endswith("no 'de' translation (content.de.yaml not found; translations: fr)")


def test_a_translation_needs_its_translation_record(tmp_path):
    master = pair(tmp_path, french=FRENCH.replace("translation:", "# translation:"))
    message = error(prepare, master, "fr")
    assert "content.fr.yaml:2: translation: missing; a translation records its source" in message


def test_a_translation_without_its_master_beside_it_is_an_error(tmp_path):
    (tmp_path / "content.fr.yaml").write_text(FRENCH, encoding="utf-8")
    message = error(prepare, tmp_path / "content.fr.yaml")
    assert "content.fr.yaml:6: translation: its master content.yaml is not beside it" in message
    (tmp_path / "fr.yaml").write_text(FRENCH, encoding="utf-8")
    assert "its master fr.yaml is not beside it" in error(prepare, tmp_path / "fr.yaml")


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


MISMATCHES = {
    "handout id": (
        ("handout: demo", "handout: other"),
        ":1: handout: 'other' differs from the master's 'demo'",
    ),
    "language": (
        ("language: fr", "language: es"),
        ":2: language: 'es' does not match the file name",
    ),
    "identifier": (
        ('value: "0224"', 'value: "0225"'),
        ":7: identifiers: values differ from the master's",
    ),
    "section missing": (
        ("  - id: two\n    heading: Deuxième\n    blocks: [Encore.]\n", ""),
        ":9: sections: missing two",
    ),
    "section extra": (
        (
            "blocks: [Encore.]\n",
            "blocks: [Encore.]\n  - id: three\n    heading: T\n    blocks: [x]\n",
        ),
        ":9: sections: not in the master: three",
    ),
    "block dropped": (
        ("      - Prenez-le chaque jour.\n", ""),
        ":9: sections[one].blocks: has 3 blocks, the master has 4",
    ),
    "block kind": (
        ("- Prenez-le chaque jour.", "- steps: [Prenez-le]"),
        ":12: sections[one].blocks[0]: is steps, the master's is paragraph",
    ),
    "bullet dropped": (
        ("[de la fièvre, de la toux]", "[de la fièvre]"),
        ":13: sections[one].blocks[1].bullets: has 1 items, the master has 2",
    ),
    "callout kind": (
        ("kind: warning", "kind: info"),
        ":14: sections[one].blocks[2].callout.kind: is info, the master's is warning",
    ),
    "step dropped": (
        ("{steps: [a, b]}", "{steps: [a]}"),
        ":14: sections[one].blocks[2].callout.blocks[1].steps: has 1 items, the master has 2",
    ),
    "callout block dropped": (
        ("blocks: [Maintenant., {steps: [a, b]}]", "blocks: [{steps: [a, b]}]"),
        ":14: sections[one].blocks[2].callout.blocks: has 1 blocks, the master has 2",
    ),
    "qr url": (
        ('url: "https://a.example/v"', 'url: "https://b.example/v"'),
        ":15: sections[one].blocks[3].qr.url: https://b.example/v differs from the master's https://a.example/v",
    ),
}


@pytest.mark.parametrize("case", MISMATCHES)
def test_every_structure_mismatch_is_an_error_naming_its_place(tmp_path, case):
    (old, new), expected = MISMATCHES[case]
    master = pair(tmp_path, french=edit(FRENCH, old, new))
    message = error(prepare, master, "fr")
    assert f"content.fr.yaml{expected}" in message, message
    report = check(str(master))
    if case == "language":  # README: X.L.yaml is a translation only if its language is L
        assert report.translations == []
        report = check(str(tmp_path / "content.fr.yaml"))
    assert report.problems == 1
    assert expected.split(": ", 1)[1] in "\n".join(state for _, state in report.translations)


def test_sections_in_another_order_are_an_error(tmp_path):
    head, one, two = FRENCH.partition("  - id: one")[0], *FRENCH.split("  - id: ")[1:]
    master = pair(tmp_path, french=f"{head}  - id: {two}  - id: {one}")
    assert "content.fr.yaml:9: sections: not in the master's order" in error(prepare, master, "fr")


@pytest.mark.parametrize(
    "french, master, reasons",
    [
        ("reviewed_by: A. Reviewer", "revised: 2026-03-04", ()),
        ("reviewed_by: null", "revised: 2026-03-04", ("translation not reviewed",)),
        (
            "reviewed_by: A. Reviewer",
            "revised: 2026-03-05",
            ("translation is stale (master revised 2026-03-05, translated from 2026-03-04)",),
        ),
        (
            "reviewed_by: null",
            "revised: 2027-01-01",
            (
                "translation not reviewed",
                "translation is stale (master revised 2027-01-01, translated from 2026-03-04)",
            ),
        ),
    ],
)
def test_a_translation_is_a_draft_while_unreviewed_or_stale(tmp_path, french, master, reasons):
    path = pair(
        tmp_path,
        master=edit(MASTER, "revised: 2026-03-04", master),
        french=edit(FRENCH, "reviewed_by: A. Reviewer", french),
    )
    assert prepare(path, "fr").draft_reasons == reasons
    (line,) = [state for language, state in check(str(path)).translations if language == "fr"]
    assert ("final (reviewed)" in line) == (not reasons)
    assert all(r in line for r in reasons)


def test_a_translation_marked_draft_is_a_draft(tmp_path):
    path = pair(tmp_path, french=edit(FRENCH, "status: approved", "status: draft"))
    assert prepare(path, "fr").draft_reasons == ("status is draft",)


def test_check_lists_the_translations_a_master_names_or_else_those_beside_it(tmp_path):
    spanish = edit(edit(FRENCH, "language: fr", "language: es"), "title: Démo", "title: Demo")
    path = pair(tmp_path, es=spanish)
    languages = [language for language, _ in check(str(path)).translations]
    assert languages == ["es", "fr"]
    named = edit(MASTER, "status: approved\n", "status: approved\nlanguages: [fr, de]\n")
    path = pair(tmp_path, master=named, es=spanish)
    report = check(str(path))
    assert [language for language, _ in report.translations] == ["fr", "de"]
    assert report.translations[1] == ("de", "missing (content.de.yaml not found)")
    assert report.problems == 1


def test_check_of_a_translation_reports_it_against_its_master(tmp_path):
    pair(tmp_path)
    report = check(str(tmp_path / "content.fr.yaml"))
    ((language, state),) = report.translations
    assert [language, *state.split()] == [
        "fr",
        "content.fr.yaml:",
        "final",
        "(reviewed);",
        "reviewed",
        "by",
        "A.",
        "Reviewer",
    ]


def test_a_draft_masters_translation_is_a_draft(tmp_path):
    path = pair(tmp_path, master=edit(MASTER, "status: approved", "status: draft"))
    assert prepare(path, "fr").draft_reasons


def test_from_revised_later_than_the_masters_revised_is_an_error(tmp_path):
    path = pair(
        tmp_path, french=edit(FRENCH, "from_revised: 2026-03-04", "from_revised: 2027-03-04")
    )
    with pytest.raises(HandoutError):
        prepare(path, "fr")


def test_a_backup_copy_is_not_a_translation(tmp_path):
    path = pair(tmp_path)
    (tmp_path / "content.bak.yaml").write_text(MASTER, encoding="utf-8")
    assert [language for language, _ in check(str(path)).translations] == ["fr"]


def test_check_and_build_agree_on_a_translation_without_its_record(tmp_path):
    path = pair(tmp_path, french=FRENCH.replace("translation:", "# translation:"))
    with pytest.raises(HandoutError):
        prepare(path, "fr")
    assert check(str(path)).problems == 1
