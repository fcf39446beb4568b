"""Patient-facing typography, read back from the PDFs: typographic quotes and apostrophes per
language, French punctuation and guillemets bound to their words (never alone at a line's
start or end), web addresses exactly as typed, and dates as each language writes them.

The words are the content's: only quotes, apostrophes and no-break spaces differ from it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import pypdf
import pypdfium2
import pytest
from conftest import ROOT, build, minimal, norm, pdf_text, squash, write_content
from test_batch import PAPERS, SIZES, batch_pdf, session_batch
from test_scripts import lines, page_glyphs

NNBSP = "\u202f"


@pytest.fixture(scope="session")
def kineret_batch(tmp_path_factory):
    return session_batch(tmp_path_factory)


def drawn_text(pdf) -> list[str]:
    """Each page's characters as drawn (from the content stream and ToUnicode maps), in
    drawing order, spaces included: no extractor's guess about spaces between words."""
    return ["".join(g.text for g in page) for page in page_glyphs(pdf)]


# -- quotes and apostrophes ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr", "es", "zh", "zh-Hant", "ko", "ja"])
def test_no_straight_quote_or_apostrophe_is_printed(kineret_batch, language):
    for page in pdf_text(batch_pdf(kineret_batch, language)):
        assert "'" not in page and '"' not in page, page


def test_english_quotes_and_apostrophes_are_typographic(kineret_batch):
    """content.yaml types "fatty tissue" and body's with straight marks."""
    text = " ".join(pdf_text(batch_pdf(kineret_batch, "en")))
    assert "\u201cfatty tissue\u201d" in text
    assert "body\u2019s" in text
    assert "\u201cKineret (anakinra)\u201d patient information" in text


def test_korean_quotes_are_typographic(kineret_batch):
    """content.ko.yaml types the source's title with straight marks."""
    text = " ".join(pdf_text(batch_pdf(kineret_batch, "ko")))
    assert "\u201cKineret(anakinra)\u201d" in text


# A quotation right after a word: in Chinese and Japanese, written without spaces, the mark
# before it follows a letter too, so only pairing tells an opening mark from a closing one.
CJK_QUOTES = {
    "zh": ('医生说"每天注射"。请按"开始"键。', "医生说“每天注射”。请按“开始”键。"),
    "zh-Hant": ('醫師說"每天注射"。請按"開始"鍵。', "醫師說「每天注射」。請按「開始」鍵。"),
    "ja": ('医師は"毎日注射"と言いました。', "医師は「毎日注射」と言いました。"),
}


@pytest.mark.parametrize("language", list(CJK_QUOTES))
def test_cjk_straight_quotes_open_and_close_in_turn(tmp_path, language):
    typed, printed = CJK_QUOTES[language]
    doc = minimal(f"- '{typed}'", language=language)
    pdf = build(write_content(tmp_path, doc), tmp_path / "out")
    assert printed in squash("".join(drawn_text(pdf)))


def test_french_apostrophes_and_guillemets(kineret_batch):
    text = "".join(drawn_text(batch_pdf(kineret_batch, "fr")))
    assert "Qu\u2019est-ce que Kineret\u202f?" in text
    assert "\u00ab\u202ftissu graisseux\u202f\u00bb" in text


# -- French punctuation bound to its words -----------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("large", SIZES, ids=["standard", "large"])
def test_french_marks_have_their_no_break_spaces(kineret_batch, paper, large):
    """Before ; ? ! a narrow no-break space, before : a space (except in a web address or a
    time), inside « » narrow no-break spaces: as French typesetting has them."""
    text = "".join(drawn_text(batch_pdf(kineret_batch, "fr", paper, large)))
    assert text.count("?") >= 5 and text.count(":") >= 5 and text.count("\u00bb") >= 2
    assert not re.findall(f"[^{NNBSP}?!][;?!]", text)  # "?!" has one space, before the ?
    # before ":", a no-break space (which the PDF copies as a space: see the line breaks below)
    assert not re.findall(r"\S:(?!//|[0-9])", text)
    assert not re.findall(f"\u00ab[^{NNBSP}]|[^{NNBSP}]\u00bb", text)


# Short questions and answers with French marks, repeated with words of changing lengths, so
# that many lines would end just before a mark or just after a « if a break were allowed there.
PHRASES = [
    "Vraiment ?",
    "Oui !",
    "Le « tissu » est ici :",
    "Parfois ;",
    "« Non »",
    "Attention !",
    "Pourquoi ?",
    "« Bien sûr » dit-il :",
]
STRESS = " ".join(f"{'mot' * (1 + n % 4)} {PHRASES[n % len(PHRASES)]}" for n in range(90))
LINK = "https://example.org/faq?langue=fr&x=1"


@pytest.fixture(scope="module")
def french_stress(tmp_path_factory):
    folder = tmp_path_factory.mktemp("french")
    blocks = f'- "{STRESS}"\n- "Voir [{LINK}]({LINK}) ou https://example.org/a?b"'
    doc = minimal(blocks, language="fr")
    return [build(write_content(folder, doc), folder / o, *a) for o, a in _VARIANTS]


_VARIANTS = [("standard", ()), ("large", ("--large-print",)), ("a4", ("--paper", "a4"))]


def test_no_french_line_starts_with_a_mark_or_ends_with_an_opening_guillemet(french_stress):
    checked = 0
    for pdf in french_stress:
        for page in page_glyphs(pdf):
            for line in lines(page):
                ordered = sorted(line, key=lambda g: g.left)
                assert ordered[0].text not in "?!:;\u00bb", "".join(g.text for g in ordered)
                assert ordered[-1].text != "\u00ab", "".join(g.text for g in ordered)
                checked += 1
    assert checked > 30


def test_web_addresses_are_printed_exactly_as_typed(french_stress):
    """No space is put before the ? of a web address, in a link or in plain text."""
    for pdf in french_stress:
        text = "".join(drawn_text(pdf))
        assert LINK in text.replace("\n", "")
        assert "https://example.org/a?b" in text


# -- dates -----------------------------------------------------------------------------------------

DATES = {
    "en": "Revised November 24, 2026",
    "fr": "Révision : 24 novembre 2026",
    "es": "Revisión: 24 de noviembre de 2026",
    "zh": "修订日期：2026年11月24日",
    "ar": "تاريخ التنقيح: 24 نوفمبر 2026",
    "pa": "ਸੋਧ ਦੀ ਤਾਰੀਖ਼: 24 ਨਵੰਬਰ 2026",
    # issue 11: Latin and Cyrillic scripts
    "vi": "Ngày sửa đổi: 24 tháng 11, 2026",
    "tl": "Binago: Nobyembre 24, 2026",
    "ht": "Revize: 24 novanm 2026",
    "pt": "Revisão: 24 de novembro de 2026",
    "pl": "Data aktualizacji: 24 listopada 2026",
    "so": "La cusboonaysiiyay: Noofeembar 24, 2026",
    "ru": "Редакция от 24 ноября 2026 г.",
    "uk": "Редакція від 24 листопада 2026 р.",
    "zh-Hant": "修訂日期：2026年11月24日",
    "ko": "개정일: 2026년 11월 24일",
    "ja": "改訂日：2026年11月24日",
    # issue 11: scripts
    "fa": "تاریخ بازنگری: 24 نوامبر 2026",
    "hi": "संशोधित: 24 नवंबर 2026",
    "he": "עודכן: 24 בנובמבר 2026",
    "ur": "نظرثانی کی تاریخ: 24 نومبر، 2026",
    "bn": "সংশোধিত: 24 নভেম্বর, 2026",
    "ta": "திருத்தப்பட்டது: 24 நவம்பர், 2026",
    "gu": "સુધારેલ: 24 નવેમ્બર, 2026",
    "th": "ปรับปรุงเมื่อ 24 พฤศจิกายน ค.ศ. 2026",
    "am": "የተከለሰው፦ 24 ኖቬምበር 2026",
}


@pytest.mark.parametrize("language", list(DATES))
def test_revised_date_is_written_as_the_language_writes_it(kineret_batch, language):
    """In the title block and in every page's footer; never the ISO form 2026-11-24. (The
    text as pdfium copies it, composed again: Arabic and Gurmukhi are drawn shaped.)"""
    pdf = batch_pdf(kineret_batch, language)
    document = pypdfium2.PdfDocument(pdf)
    pages = [
        norm(unicodedata.normalize("NFKC", page.get_textpage().get_text_range()))
        for page in document
    ]
    wanted = norm(unicodedata.normalize("NFKC", DATES[language]))
    assert all(wanted in page for page in pages), pages[0]
    if language not in ("ar", "fa", "ur"):  # pdfium copies the Arabic title block in visual order
        assert pages[0].count(wanted) == 2  # title block and footer
    assert not any("2026-11-24" in page for page in pages)
    assert len(pages) == len(pypdf.PdfReader(pdf).pages)


def test_dates_library_is_loaded_only_to_print_a_date():
    """Babel's locale data is large: importing the tool must not load it (cold start)."""
    code = (
        "import sys, handout.cli, handout.render, handout.layout, handout.build;"
        "print('babel' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


# -- no one-word last line -------------------------------------------------------------------------

WORDS = ["take", "your", "dose", "with", "food", "and", "water", "every", "day", "before", "you"]


def _paragraph(n: int) -> str:
    """Paragraph n: 25 to 44 everyday words, ending in a word that marks it (End7.)."""
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(25 + n % 20)]
    return " ".join(words).capitalize() + f" End{n}."


@pytest.fixture(scope="module")
def paragraphs_pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("paragraphs")
    out = []
    for language, doc in (("en", _paragraph), ("zh", lambda n: "您好" * (30 + n) + f"。E{n}")):
        blocks = "\n".join(f'- "{doc(n)}"' for n in range(24))
        content = write_content(folder, minimal(blocks, language=language), f"{language}.yaml")
        for options in ((), ("--large-print",)):
            pdf = build(content, folder / language / str(len(options)), *options)
            out.append((language, pdf))
    return out


def test_no_paragraph_ends_in_a_line_of_one_word(paragraphs_pdfs):
    """Read from the glyphs' places: the line holding each paragraph's last word holds at
    least one more word (Latin) or character (Chinese)."""
    checked = 0
    for language, pdf in paragraphs_pdfs:
        for page in page_glyphs(pdf):
            rows: dict[float, list] = {}
            for g in page:
                rows.setdefault(round(g.baseline, 1), []).append(g)
            for row in rows.values():
                text = "".join(g.text for g in sorted(row, key=lambda g: g.left))
                if re.search(r"(End|E)\d+\.?$", text.strip()):
                    if language == "en":
                        assert len(text.split()) >= 2, text
                    else:
                        assert len(squash(text)) >= len(re.search(r"E\d+$", text)[0]) + 2
                    checked += 1
    assert checked >= 4 * 24
