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
