"""The clinic's words in the issue-11 Latin and Cyrillic languages: `batch --clinic` puts the
call line, filled with the clinic's name and phone, in each language's call-doctor box."""

from __future__ import annotations

from conftest import CONTENT, norm, run_cli
from test_clinic import AFTER, NAME, PHONE, page_texts, write_clinic

LANGUAGES = ("vi", "tl", "ht", "pt", "pl", "so", "ru", "uk")


def test_the_call_line_is_in_each_language(tmp_path):
    from handout.catalogue import PERSONAL, fill

    clinic = write_clinic(tmp_path / "clinic")
    out = tmp_path / "out"
    args = ["batch", CONTENT, "--lang", ",".join(LANGUAGES), "--paper", "letter"]
    result = run_cli([*args, "--large-print", "no", "--clinic", clinic, "--out", out])
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        text = " ".join(page_texts(out / f"kineret-{language}-letter.pdf"))
        words = PERSONAL[language]
        assert norm(fill(words["call_clinic"], clinic=NAME, phone=PHONE)) in text, language
        assert norm(fill(words["after_hours"], phone=AFTER)) in text, language
