"""The scripts of issue 11 (Farsi, Urdu, Hebrew, Hindi, Bengali, Gujarati, Tamil, Thai, Amharic):
each sample line is drawn with the very glyphs, at the very places, that HarfBuzz gives for the
same text with the same font file; Thai lines break only where ICU's dictionary puts a word
boundary; right-to-left pages are flush right; numbers and phone numbers read as written; and
the words copy out of the PDF as written (pypdf and pdfium).

Glyphs are read from the page's content stream (test_scripts.glyphs) and named by their
outlines in the embedded subset font, matched against the outlines of the bundled font: what is
drawn, whatever the subset renumbered.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import numpy as np
import pikepdf
import pypdf
import pypdfium2
import pytest
import uharfbuzz as hb
from conftest import (
    CONTENT,
    build,
    cli_env,
    expected_texts,
    minimal,
    norm,
    run_cli,
    squash,
    write_content,
)
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from test_batch import batch_pdf, session_batch
from test_scripts import (
    FONTS,
    assert_reads_as_written,
    glyphs,
    line_of,
    lines,
    page_glyphs,
)

# A sample line per script, short enough for one line: conjuncts, reph and vowel signs that go
# before their consonant (Indic), split vowels (Tamil, Bengali), stacked marks (Thai), joining
# and the zero-width non-joiner (Farsi, Urdu), syllables (Ethiopic).
SAMPLES = {
    "fa": ("NotoSansArabic-Regular", "دستگاه ایمنی بیش‌فعال را آرام می‌کند"),
    "ur": ("NotoNaskhArabic-Regular", "مدافعتی نظام کو دباتی ہے"),
    "he": ("NotoSansHebrew-Regular", "מערכת החיסון פעילה מדי"),
    "hi": ("NotoSansDevanagari-Regular", "प्राकृतिक प्रक्रिया में कार्टिलेज भी शामिल है"),
    "bn": ("NotoSansBengali-Regular", "প্রোটিনের ক্ষতি প্রতিরোধ কার্টিলেজ"),
    "gu": ("NotoSansGujarati-Regular", "પ્રતિક્રિયા કાર્ટિલેજ મહત્ત્વનો છે"),
    "ta": ("NotoSansTamil-Regular", "நோயெதிர்ப்பு மண்டலத்தைக் கொழுப்புத் திசு"),
    "th": ("NotoSansThai-Regular", "ผู้หญิงที่ตั้งครรภ์ให้นมบุตร"),
    "am": ("NotoSansEthiopic-Regular", "የአርትራይተስ ምልክቶችን ሊያሻሽል ይችላል።"),
}
RTL = ("fa", "ur", "he")
LANGUAGES = tuple(SAMPLES)


@pytest.fixture(scope="session")
def kineret_batch(tmp_path_factory):
    """The session's batch of the repository's content (built once, see test_batch.py)."""
    return session_batch(tmp_path_factory)


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, Path]:
    """One small handout per language: its sample line as the only paragraph."""
    out = {}
    for language, (_, text) in SAMPLES.items():
        folder = tmp_path_factory.mktemp(f"sample-{language}")
        doc = minimal(f'- "{text}"', language=language)
        out[language] = build(write_content(folder, doc), folder / "out")
    return out


# -- glyphs named by their outlines ---------------------------------------------------------------


def _outline(glyph_set, name: str) -> tuple:
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[name].draw(pen)
    return tuple((op, tuple(map(tuple, args))) for op, args in pen.value)


@cache
def bundled(face: str) -> tuple[dict[int, tuple], dict[tuple, int]]:
    """The bundled font's outline of each glyph id, and the first glyph id of each outline
    (fonts may hold two glyphs of one shape)."""
    font = TTFont(FONTS / f"{face}.ttf")
    glyph_set = font.getGlyphSet()
    outlines = {gid: _outline(glyph_set, name) for gid, name in enumerate(font.getGlyphOrder())}
    first: dict[tuple, int] = {}
    for gid, outline in outlines.items():
        first.setdefault(outline, gid)
    return outlines, first


def embedded(pdf: Path, face: str) -> dict[int, tuple]:
    """The outline each code of the page's subset of a face draws (one subset on the page)."""
    page = pypdf.PdfReader(pdf).pages[0]
    subsets = [
        f.get_object()
        for f in page["/Resources"]["/Font"].values()
        if str(f.get_object()["/BaseFont"]).split("+")[-1] == face
    ]
    assert len(subsets) == 1, f"{len(subsets)} subsets of {face} on the page"
    data = subsets[0]["/FontDescriptor"]["/FontFile2"].get_object().get_data()
    font = TTFont(io.BytesIO(data))
    glyph_set = font.getGlyphSet()
    cmap = font["cmap"].getBestCmap() or {}
    if not cmap:  # a symbolic subset: codes map through the (3, 0) table
        cmap = next(t.cmap for t in font["cmap"].tables if t.cmap)
    return {code & 0xFF: _outline(glyph_set, name) for code, name in cmap.items()}


def drawn_line(pdf: Path, face: str, text: str) -> tuple[list[tuple[int, float, float]], float]:
    """(glyph id in the bundled font, x, rise) of each glyph of the line that draws the text,
    in points, and the size it is drawn at."""
    page = glyphs(pypdf.PdfReader(pdf).pages[0])
    line = max(lines([g for g in page if g.font == face]), key=lambda ln: ln[0].size)  # body
    wanted = Counter(c for c in squash(text) if unicodedata.category(c) != "Cf")
    assert sum(len(g.text) for g in line) >= sum(wanted.values())  # the whole line, not a part
    codes = embedded(pdf, face)
    _, first = bundled(face)
    drawn = [(first[codes[g.code]], g.left, g.rise) for g in line if codes[g.code]]
    return drawn, line[0].size


def harfbuzz_line(face: str, text: str, size: float, rtl: bool) -> list[tuple[int, float, float]]:
    """HarfBuzz's own shaping of the text with the bundled font file: (glyph id, x, y offset)."""
    blob = hb.Blob.from_file_path(str(FONTS / f"{face}.ttf"))
    font = hb.Font(hb.Face(blob))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(font, buf, {"kern": True, "liga": True})
    scale = size / font.face.upem
    outlines, first = bundled(face)
    out, pen = [], 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        if outlines[info.codepoint]:  # spaces draw nothing
            x = (pen + pos.x_offset) * scale
            out.append((first[outlines[info.codepoint]], x, pos.y_offset * scale))
        pen += pos.x_advance
    return out


def _relative(line: list[tuple[int, float, float]]) -> list[tuple[int, float, float]]:
    left = min(x for _, x, _ in line)
    return sorted((gid, x - left, y) for gid, x, y in line)


def unmatched(drawn, wanted, tol: float = 0.05) -> list[tuple[int, float, float]]:
    """The glyphs HarfBuzz places that the page does not draw (same glyph, same place to
    `tol` points), and the page's glyphs HarfBuzz has not."""
    rest = _relative(drawn)
    missing = []
    for gid, x, y in _relative(wanted):
        hit = next(
            (g for g in rest if g[0] == gid and abs(g[1] - x) <= tol and abs(g[2] - y) <= tol),
            None,
        )
        if hit is None:
            missing.append((gid, round(x, 2), round(y, 2)))
        else:
            rest.remove(hit)
    return missing + [(gid, round(x, 2), round(y, 2)) for gid, x, y in rest]


@pytest.mark.parametrize("language", LANGUAGES)
def test_sample_line_is_drawn_as_harfbuzz_shapes_it(samples, language):
    """Same glyphs (conjuncts, reph, reordered vowel signs, joined forms, stacked marks), at
    the same places to a tenth of a point, as uharfbuzz's own shaping of the whole line."""
    face, text = SAMPLES[language]
    drawn, size = drawn_line(samples[language], face, text)
    wanted = harfbuzz_line(face, text, size, language in RTL)
    assert len(drawn) == len(wanted)
    assert not unmatched(drawn, wanted)


# -- Thai: line breaks at dictionary word boundaries -------------------------------------------

# Thai written without spaces, long enough for several lines in any paper and print size.
THAI_RUN = "ยานี้ช่วยบรรเทาอาการปวดและบวมของโรคข้ออักเสบและป้องกันความเสียหายระยะยาว" * 3


@pytest.fixture(scope="module")
def thai_lines(tmp_path_factory) -> list[str]:
    """The lines of the Thai run as copied from the page (each line's /ActualText)."""
    folder = tmp_path_factory.mktemp("thai-run")
    pdf = build(write_content(folder, minimal(f'- "{THAI_RUN}"', language="th")), folder / "out")
    text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
    return [ln.strip() for ln in text.splitlines() if ln.strip() and ln.strip() in THAI_RUN]


def test_thai_lines_break_only_at_dictionary_word_boundaries(thai_lines):
    """Where a line ends inside the run (no space to break at), ICU's dictionary has a word
    boundary: never inside a word, so never inside a grapheme cluster either."""
    from icu4py.breakers import LineBreaker

    assert "".join(thai_lines) == THAI_RUN, "the run is on the page, line after line"
    assert len(thai_lines) >= 3
    boundaries = {start for start, _ in LineBreaker(THAI_RUN, "th").segments()}
    ends = [sum(map(len, thai_lines[: n + 1])) for n in range(len(thai_lines) - 1)]
    assert not [e for e in ends if e not in boundaries], [THAI_RUN[e - 5 : e + 5] for e in ends]


def test_a_line_end_inside_a_thai_word_would_be_seen():
    """The check above can fail: a cut by characters falls inside words."""
    from icu4py.breakers import LineBreaker

    boundaries = {start for start, _ in LineBreaker(THAI_RUN, "th").segments()}
    assert [n for n in range(1, 40) if n not in boundaries]


# -- right-to-left pages are flush right ------------------------------------------------------


def ink_rows(pdf: Path, page: int = 0) -> list[tuple[int, int]]:
    """(leftmost, rightmost) dark pixel of each pixel row of body text, at 100 dpi: the page's
    ink without the light see-through DRAFT mark, rules and tints."""
    image = pypdfium2.PdfDocument(pdf)[page].render(scale=100 / 72).to_pil().convert("L")
    dark = np.asarray(image) < 110
    rows = []
    for y in range(dark.shape[0]):
        xs = np.flatnonzero(dark[y])
        if len(xs) > 2:
            rows.append((int(xs[0]), int(xs[-1])))
    return rows


def flush(rows: list[tuple[int, int]]) -> tuple[int, float, int, float]:
    """The column most rows start at and the share of rows there (within 2 px), and the same
    for the column most rows end at."""
    out = []
    for edges in ([a for a, _ in rows], [b for _, b in rows]):
        column, _ = Counter(edges).most_common(1)[0]
        out += [column, sum(1 for x in edges if abs(x - column) <= 2) / len(rows)]
    return tuple(out)


@pytest.mark.parametrize("language", RTL)
def test_right_to_left_pages_are_flush_right_and_ragged_left(kineret_batch, language):
    """Measured from pixels, on the first two pages: more rows of ink end at the right margin
    than start at the left one (boxes and rules span the column, so both edges have rows),
    and the right margin is the mirror of the English page's left one; English is the other
    way round."""
    english = ink_rows(batch_pdf(kineret_batch, "en"))
    en_left, en_left_share, _, en_right_share = flush(english)
    assert en_left_share > en_right_share + 0.1
    width = pypdfium2.PdfDocument(batch_pdf(kineret_batch, "en"))[0].get_width() * 100 / 72
    for page in range(2):
        _, left_share, right_edge, right_share = flush(
            ink_rows(batch_pdf(kineret_batch, language), page)
        )
        assert right_share > left_share + 0.1, (page, right_share, left_share)
        assert abs((width - right_edge) - en_left) <= 3, (page, right_edge, en_left)


# -- numbers and phone numbers in right-to-left text read as written -----------------------------

NUMBERS = {
    "fa": {
        "555-0142": "با درمانگاه با شمارهٔ 555-0142 تماس بگیرید",
        "۵۵۵-۰۱۴۲": "امروز با شمارهٔ ۵۵۵-۰۱۴۲ تماس بگیرید",
        "2026-10-02": "نوبت بعدی شما 2026-10-02 صبح است",
        "۱۰۰ mg": "مقدار معمول ۱۰۰ mg در روز است",
        "+1 613 555 0199": "یا با +1 613 555 0199 عصر تماس بگیرید",
        "(613) 555-0142": "یا با شمارهٔ (613) 555-0142 صبح",
    },
    "ur": {
        "۵۵۵-۰۱۴۲": "کلینک کو ۵۵۵-۰۱۴۲ پر آج فون کریں",
        "۱۰۰ mg": "عام خوراک روزانہ ۱۰۰ mg ہے",
        "555-0142": "کلینک کو 555-0142 پر فون کریں",
        "(613) 555-0142": "یا نمبر (613) 555-0142 پر صبح",
    },
    "he": {
        "555-0142": "התקשרו למרפאה במספר 555-0142 היום",
        "100 mg": "המינון הרגיל הוא 100 mg ביום",
        "2026-10-02": "התור הבא שלכם בתאריך 2026-10-02 בבוקר",
        "+1 613 555 0199": "או התקשרו אל +1 613 555 0199 בערב",
    },
}


@pytest.fixture(scope="module")
def number_pages(tmp_path_factory) -> dict[str, list]:
    out = {}
    for language, sentences in NUMBERS.items():
        folder = tmp_path_factory.mktemp(f"numbers-{language}")
        doc = minimal("\n".join(f'- "{s}"' for s in sentences.values()), language=language)
        (out[language],) = page_glyphs(build(write_content(folder, doc), folder / "out"))
    return out


@pytest.mark.parametrize(
    ("language", "number"), [(lang, n) for lang, ns in NUMBERS.items() for n in ns]
)
def test_numbers_in_right_to_left_text_read_as_written(number_pages, language, number):
    """Read left to right by the glyphs' places, the number is as written, in Latin or in
    the language's own digits (۵۵۵-۰۱۴۲, not ۰۱۴۲-۵۵۵), and the words keep their places: the
    words before it on its right, the words after it on its left."""
    sentence = NUMBERS[language][number]
    line = line_of(number_pages[language], sentence)
    assert_reads_as_written(line, sentence, number)


# -- copied text -------------------------------------------------------------------------------

LTR_SHAPED = ("hi", "bn", "gu", "ta", "th", "am")


def _texts(language: str) -> list[str]:
    from handout.loader import load

    return expected_texts(load(CONTENT.with_name(f"content.{language}.yaml")))


@pytest.mark.parametrize("language", LTR_SHAPED)
def test_pdfium_copies_every_text_of_the_translation(kineret_batch, language):
    """Every heading, paragraph, list item, caption, as written (conjuncts and reordered
    vowel signs included: /ActualText). Thai lines break inside phrases, where the copy has a
    line end: Thai is compared without its spaces."""
    document = pypdfium2.PdfDocument(batch_pdf(kineret_batch, language))
    copied = norm(
        unicodedata.normalize("NFKC", " ".join(p.get_textpage().get_text_range() for p in document))
    )
    fold = squash if language == "th" else (lambda t: t)
    missing = [
        t
        for t in _texts(language)
        if fold(norm(unicodedata.normalize("NFKC", t))) not in fold(copied)
    ]
    assert not missing, missing


@pytest.mark.parametrize("language", RTL)
def test_actual_text_holds_every_text_in_reading_order(kineret_batch, language):
    """What ActualText-aware tools (poppler, Acrobat, screen readers) copy: every text of the
    right-to-left translation, in reading order, numbers in their digits as written."""
    pdf = pikepdf.open(batch_pdf(kineret_batch, language))
    spans = []
    for page in pdf.pages:
        contents = page.Contents
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        data = b" ".join(c.read_bytes() for c in streams)
        for hexed in re.findall(rb"/ActualText <FEFF([0-9A-F]*)>", data):
            spans.append(bytes.fromhex(hexed.decode()).decode("utf-16-be"))
    copied = norm(unicodedata.normalize("NFKC", " ".join(spans)))
    missing = [t for t in _texts(language) if norm(unicodedata.normalize("NFKC", t)) not in copied]
    assert not missing, missing


def copied_words(text: str) -> list[str]:
    """Words as pypdf's copy is compared: NFKC, no punctuation, no Arabic vowel marks
    (test_tagging.words); a zero-width non-joiner, which draws nothing, as a word break; no
    digits (pypdf turns Persian ones round, taking them for right-to-left letters; the page
    draws numbers as written: test_numbers_in_right_to_left_text_read_as_written)."""
    from test_tagging import words

    return words(re.sub("[0-9\u06f0-\u06f9]", "", text.replace("\u200c", " ")))


@pytest.mark.parametrize("language", (*RTL, "am"))
def test_pypdf_copies_every_word(kineret_batch, language):
    """pypdf reads glyphs, not /ActualText: right-to-left words and Ethiopic syllables come
    out whole."""
    pages = pypdf.PdfReader(batch_pdf(kineret_batch, language)).pages
    copied = set(copied_words("\n".join(p.extract_text() for p in pages)))
    lost = [w for t in _texts(language) for w in copied_words(t) if w not in copied]
    assert not lost, lost


def test_thai_without_icu_is_an_error_naming_the_extra(tmp_path):
    """Without icu4py (the [thai] extra) a Thai handout is not drawn with lines broken
    anywhere: one line on stderr names what to install, exit 2, no PDF."""
    blocker = tmp_path / "blocked" / "icu4py"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('icu4py is not installed')\n")
    (blocker / "breakers.py").write_text("")
    (tmp_path / "src").mkdir()
    content = write_content(tmp_path / "src", minimal(f'- "{THAI_RUN}"', language="th"))
    out = tmp_path / "out"
    result = run_cli(["build", content, "--out", out], env={"PYTHONPATH": str(blocker.parent)})
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line == (
        "handout: error: Thai text needs dictionary line breaking (ICU): install it with "
        "pip install 'handout[thai]' (the icu4py package)"
    )
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_arabic_is_shaped_even_when_the_host_program_registered_its_face_first():
    """ReportLab maps a second font of one PostScript name to the first one registered: a
    program that draws with Noto Sans Arabic itself, then builds a handout, must still get
    joined Arabic letters (the handout's glyphs, not the letters one by one)."""
    code = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from reportlab.pdfbase.ttfonts import TTFont\n"
        "from handout.fonts import BUNDLED, chain_for\n"
        "pdfmetrics.registerFont(TTFont('host', str(BUNDLED / 'NotoSansArabic-Regular.ttf')))\n"
        "from handout.markup import text_spans\n"
        "from handout.text import pieces\n"
        "(piece,) = pieces(text_spans('\\u0645\\u0631\\u0629', chain_for('ar')), True, 12.0)\n"
        "print(piece.shaped, str(piece.glyphs) != '\\u0629\\u0631\\u0645')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=cli_env(), capture_output=True, text=True, timeout=120
    )
    assert done.stdout.split() == ["True", "True"], done.stderr
