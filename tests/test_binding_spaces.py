"""Spaces that must not break a line, read back from the PDFs' lines: a dose's number and its
unit ("100 mg", "100 мг") in every language, and a one-letter word (w, z, i; в, и, з) at a
line's end in Polish, Russian and Ukrainian, whose typesetting forbids it."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
from conftest import build, minimal, write_content

FILLERS = ["a", "bb", "ccc", "dddd", "eeeee", "ffffff"]


def page_lines(pdf: Path) -> list[str]:
    """Every line of text on the pages, as pdfium reads them."""
    out = []
    for page in pypdfium2.PdfDocument(pdf):
        out += [ln.strip() for ln in page.get_textpage().get_text_range().split("\r\n")]
    return [ln for ln in out if ln]


def built(tmp_path: Path, language: str, paragraph: str) -> Path:
    content = write_content(tmp_path, minimal(f'- "{paragraph}"', language=language))
    return build(content, tmp_path / "out")


@pytest.mark.parametrize(("language", "unit"), [("en", "mg"), ("ru", "мг"), ("vi", "mL")])
def test_a_dose_never_breaks_between_its_number_and_its_unit(tmp_path, language, unit):
    """Doses after words of every length, so that without the binding some line would end
    at the number."""
    doses = [f"{10 + i} {unit}" for i in range(150)]
    words = [f"{FILLERS[i % len(FILLERS)]} {dose}" for i, dose in enumerate(doses)]
    lines = [" ".join(ln.split()) for ln in page_lines(built(tmp_path, language, " ".join(words)))]
    assert len(lines) > 20
    assert not [ln for ln in lines if ln.startswith(unit)]
    broken = [d for d in doses if not any(re.search(rf"(^|\s){d}(\s|$)", ln) for ln in lines)]
    assert not broken


ONE_LETTER = {
    "pl": ("w", "z", "i", "a", "o", "u"),
    "ru": ("в", "и", "с", "к", "о", "у"),
    "uk": ("в", "і", "з", "у", "й", "а"),
}


@pytest.mark.parametrize("language", sorted(ONE_LETTER))
def test_a_one_letter_word_never_ends_a_line(tmp_path, language):
    letters = ONE_LETTER[language]
    filler = {"pl": "domu", "ru": "доме", "uk": "хаті"}[language]
    words = [f"{filler * (1 + i % 3)} {letters[i % len(letters)]}" for i in range(150)]
    lines = page_lines(built(tmp_path, language, " ".join(words) + " " + filler))
    assert len(lines) > 20
    ends = [ln for ln in lines if re.search(r"(?:^|\s)[^\W\d_]$", ln)]
    assert not ends, ends[:3]


def test_other_languages_keep_their_one_letter_words_breakable(tmp_path):
    """English has no such rule: its lines may end in "a"."""
    words = [f"{FILLERS[i % len(FILLERS)] * 2} a" for i in range(150)]
    lines = page_lines(built(tmp_path, "en", " ".join(words)))
    assert [ln for ln in lines if ln.endswith(" a")]
