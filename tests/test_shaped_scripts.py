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
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pypdf
import pytest
import uharfbuzz as hb
from conftest import build, minimal, squash, write_content
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from test_batch import session_batch
from test_scripts import FONTS, glyphs, lines

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
