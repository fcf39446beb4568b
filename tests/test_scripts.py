"""Scripts: Arabic right to left, shaping of Arabic and Gurmukhi, Chinese in an embedded font,
and no character drawn without its glyph.

Positions come from the page's content stream (each glyph's advance and baseline, in PDF points,
y up) and its fonts' ToUnicode maps: what is drawn, not what a text extractor or /ActualText
makes of it.
The Kineret PDFs come from the session batch (test_batch.session_batch); the small Arabic and
Gurmukhi documents are written here, with words chosen to appear once each.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdf
import pypdfium2
import pytest
from conftest import CONTENT, build, minimal, pdf_text, run_cli, squash, write_content
from pypdf.generic import ContentStream
from test_batch import PAPERS, SIZES, batch_pdf, session_batch

FONTS = CONTENT.parent / "handout" / "data" / "fonts"
ALL_LANGUAGES = ("en", "fr", "es", "zh", "ar", "pa")
# issue 11: Latin and Cyrillic scripts
ALL_LANGUAGES += ("vi", "tl", "ht", "pt", "pl", "so", "ru", "uk")
ALL_LANGUAGES += ("zh-Hant", "ko", "ja")  # issue 11: CJK (the font pack)
ALL_LANGUAGES += ("fa", "hi", "he", "ur", "bn", "ta", "gu", "th", "am")  # issue 11: scripts


@pytest.fixture(scope="session")
def kineret_batch(tmp_path_factory):
    """The session's batch of the repository's content (built once, see test_batch.py)."""
    return session_batch(tmp_path_factory)


# A small Arabic handout: one line of four colour words, a dose with a Latin unit, a paragraph
# long enough for three lines, and a list.
COLOURS = ("أحمر", "أخضر", "أزرق", "أصفر")  # red green blue yellow, in reading order
DOSE = "الجرعة المعتادة هي 100 mg كل يوم"  # the usual dose is 100 mg every day
LONG = " ".join(["هذه جملة طويلة لاختبار محاذاة الأسطر إلى اليمين"] * 5)
ITEMS = ("البند الأول", "البند الثاني")
ARABIC_DOC = f"""
- "{" ".join(COLOURS)}"
- "{DOSE}"
- "{LONG}"
- bullets:
    - "{ITEMS[0]}"
    - "{ITEMS[1]}"
"""


def _mul(m, n):
    """The PDF matrix product m x n (row vectors: a point p is drawn at p x m x n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _point(x: float, y: float, m) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def _to_unicode(font) -> dict[int, str]:
    """The characters each code of a simple font stands for, from its ToUnicode CMap."""
    out: dict[int, str] = {}
    if "/ToUnicode" not in font:
        return out
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, chars in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(code, 16)] = bytes.fromhex(chars).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, first in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            for n, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(int(first, 16) + n)
    return out


@dataclass(frozen=True)
class Glyph:
    """One glyph as the page draws it: what its code stands for (ToUnicode), where its advance
    starts and ends along x, its baseline, its size on the page and its font."""

    text: str
    code: int
    left: float
    right: float
    baseline: float
    size: float
    font: str
    rise: float = 0.0  # the text rise (Ts) it is drawn at: HarfBuzz's vertical offset

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def glyphs(page) -> list[Glyph]:
    """Every glyph shown on a pypdf page, from its content stream: the words as drawn, whatever
    a text extractor (or /ActualText for copying) makes of them."""
    fonts = {k: v.get_object() for k, v in page["/Resources"].get("/Font", {}).items()}
    maps = {k: _to_unicode(f) for k, f in fonts.items()}
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    ctm, stack, tm, tlm = identity, [], identity, identity
    font, size, leading, char_space, word_space, scale = None, 0.0, 0.0, 0.0, 0.0, 1.0
    rise = 0.0
    out: list[Glyph] = []

    def show(data: bytes) -> None:
        nonlocal tm
        f = fonts[font]
        widths, first = f.get("/Widths", []), int(f.get("/FirstChar", 0))
        name = str(f.get("/BaseFont", "")).lstrip("/").split("+")[-1]
        m = _mul(tm, ctm)
        effective = size * abs(m[0] * m[3] - m[1] * m[2]) ** 0.5
        x = 0.0
        for code in data:
            n = code - first
            w = (float(widths[n]) if 0 <= n < len(widths) else 0.0) / 1000 * size
            advance = (w + char_space + (word_space if code == 32 else 0)) * scale
            (x0, y0), (x1, _) = _point(x, 0, m), _point(x + advance, 0, m)
            text = maps[font].get(code, "")
            out.append(Glyph(text, code, min(x0, x1), max(x0, x1), y0, effective, name, rise))
            x += advance
        tm = _mul((1, 0, 0, 1, x, 0), tm)

    reader_content = page.get_contents()
    if reader_content is None:
        return out
    for operands, op in ContentStream(reader_content, page.pdf).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _mul(tuple(map(float, operands)), ctm)
        elif op == b"BT":
            tm = tlm = identity
        elif op == b"Tm":
            tm = tlm = tuple(map(float, operands))
        elif op in (b"Td", b"TD"):
            if op == b"TD":
                leading = -float(operands[1])
            tm = tlm = _mul((1, 0, 0, 1, float(operands[0]), float(operands[1])), tlm)
        elif op == b"T*":
            tm = tlm = _mul((1, 0, 0, 1, 0, -leading), tlm)
        elif op == b"TL":
            leading = float(operands[0])
        elif op == b"Tc":
            char_space = float(operands[0])
        elif op == b"Tw":
            word_space = float(operands[0])
        elif op == b"Ts":
            rise = float(operands[0])
        elif op == b"Tz":
            scale = float(operands[0]) / 100
        elif op == b"Tf":
            font, size = operands[0], float(operands[1])
        elif op in (b"Tj", b"'", b'"'):
            if op != b"Tj":
                tm = tlm = _mul((1, 0, 0, 1, 0, -leading), tlm)
            show(_bytes(operands[-1]))
        elif op == b"TJ":
            for item in operands[0]:
                if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                    tm = _mul((1, 0, 0, 1, -float(item) / 1000 * size * scale, 0), tm)
                else:
                    show(_bytes(item))
    return out


def _bytes(string) -> bytes:
    return string.original_bytes if hasattr(string, "original_bytes") else bytes(string)


def page_glyphs(pdf: Path) -> list[list[Glyph]]:
    return [glyphs(page) for page in pypdf.PdfReader(pdf).pages]


def lines(drawn: list[Glyph]) -> list[list[Glyph]]:
    """Visible glyphs grouped into lines by baseline, top line first."""
    visible = sorted((g for g in drawn if g.text.strip()), key=lambda g: -g.baseline)
    out: list[list[Glyph]] = []
    for g in visible:
        if out and abs(out[-1][0].baseline - g.baseline) < 2:
            out[-1].append(g)
        else:
            out.append([g])
    return out


def letters(text: str) -> Counter:
    return Counter(squash(text))


def shown(line: list[Glyph]) -> Counter:
    return Counter(squash("".join(g.text for g in line)))


def right_to_left(line: list[Glyph]) -> list[Glyph]:
    return sorted(line, key=lambda g: -g.centre)


def left_to_right(line: list[Glyph]) -> str:
    return "".join(g.text for g in sorted(line, key=lambda g: g.centre))


def take(glyphs_in_order: list[Glyph], word: str) -> list[Glyph] | None:
    """The leading glyphs that draw exactly the letters of a word, if they do. Letters are
    compared as a multiset: which letter of a ligature a PDF names first is not at issue."""
    need, got, n = letters(word), Counter(), 0
    while n < len(glyphs_in_order) and sum(got.values()) < sum(need.values()):
        got.update(squash(glyphs_in_order[n].text))
        n += 1
    return glyphs_in_order[:n] if got == need else None


def reads(line: list[Glyph], words: list[str]) -> bool:
    """Whether the line's glyphs, taken from the right, are the words in order."""
    rest = right_to_left(line)
    for word in words:
        got = take(rest, word)
        if got is None:
            return False
        rest = rest[len(got) :]
    return not rest


def line_of(drawn: list[Glyph], text: str) -> list[Glyph]:
    """The one line whose glyphs draw exactly the letters of a text."""
    found = [line for line in lines(drawn) if shown(line) == letters(text)]
    assert len(found) == 1, f"{text!r} is on {len(found)} lines"
    return found[0]


def runs(line: list[Glyph], text: str) -> list[list[Glyph]]:
    """Each place where, read left to right, the line spells a (left-to-right) text."""
    ordered = sorted(line, key=lambda g: g.centre)
    out = []
    for i in range(len(ordered)):
        got = take(ordered[i:], text)
        if got is not None and "".join(g.text for g in got).replace(" ", "") == squash(text):
            out.append(got)
    return out


def left(gs: list[Glyph]) -> float:
    return min(g.left for g in gs)


def right(gs: list[Glyph]) -> float:
    return max(g.right for g in gs)


def assert_reads_as_written(line: list[Glyph], sentence: str, number: str) -> None:
    """On a right-to-left line, `number` reads left to right as written (its groups not
    turned round), with the words before it on its right and the words after it on its left."""
    (found,) = runs(line, number)
    sep = "-" if "-" in number else " "
    assert not runs(line, sep.join(reversed(number.split(sep))))
    before, after = sentence.split(number)
    assert shown([g for g in line if g.left >= right(found) - 0.01]) == letters(before)
    assert shown([g for g in line if g.right <= left(found) + 0.01]) == letters(after)


def body_size(drawn: list[Glyph]) -> float:
    return Counter(round(g.size, 1) for g in drawn if g.text.strip()).most_common(1)[0][0]


@pytest.fixture(scope="module")
def arabic_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("arabic")
    return build(write_content(folder, minimal(ARABIC_DOC, language="ar")), folder / "out")


@pytest.fixture(scope="module")
def arabic(arabic_pdf) -> list[Glyph]:
    (drawn,) = page_glyphs(arabic_pdf)
    return drawn


def right_margin(pdf: Path) -> float:
    from handout.styles import STANDARD

    return float(pypdf.PdfReader(pdf).pages[0].mediabox.width) - STANDARD.margin


def kineret(batch, language: str = "ar") -> list[list[Glyph]]:
    return page_glyphs(batch_pdf(batch, language))


# -- right to left -------------------------------------------------------------------------------


def test_arabic_words_run_from_right_to_left(arabic):
    line = line_of(arabic, " ".join(COLOURS))
    assert reads(line, list(COLOURS)), "the first word is rightmost, the last leftmost"
    assert not reads(line, list(reversed(COLOURS)))


@pytest.mark.parametrize("text", [" ".join(COLOURS), DOSE], ids=["colours", "dose"])
def test_first_word_starts_at_the_right_margin_last_word_ends_left(arabic, arabic_pdf, text):
    line = line_of(arabic, text)
    first = take(right_to_left(line), text.split()[0])
    last = take(sorted(line, key=lambda g: g.centre), text.split()[-1])
    assert first and last, "the line starts with the first word and ends with the last"
    assert right(first) == pytest.approx(right_margin(arabic_pdf), abs=1)
    assert left(last) < left(first)


def body_lines(drawn: list[Glyph]) -> list[list[Glyph]]:
    """Lines in the body size, without list items (those with a bullet)."""
    size = body_size(drawn)
    return [
        line
        for line in lines(drawn)
        if all(abs(g.size - size) < 0.5 for g in line) and not any(g.text == "\u2022" for g in line)
    ]


def test_arabic_body_lines_are_flush_right_and_ragged_left(arabic, arabic_pdf):
    body = body_lines(arabic)
    assert len(body) == 5, "two one-line paragraphs and one of three lines"
    for line in body:
        assert right(line) == pytest.approx(right_margin(arabic_pdf), abs=1), line[0].baseline
    lefts = sorted(left(line) for line in body)
    assert lefts[-1] - lefts[0] > 100, "lines of different lengths start at different places"


def bullet_lines(drawn: list[Glyph]) -> list[tuple[Glyph, list[Glyph]]]:
    """Each list bullet (not the footer's separators) with the other glyphs of its line."""
    size = body_size(drawn)
    out = []
    for line in lines(drawn):
        for bullet in (g for g in line if g.text == "\u2022" and g.size >= size - 0.5):
            out.append((bullet, [g for g in line if g is not bullet]))
    return out


def test_list_bullets_are_at_the_right_of_their_items(arabic):
    found = bullet_lines(arabic)
    assert len(found) == len(ITEMS)
    for (bullet, rest), item in zip(found, ITEMS, strict=True):
        assert reads(rest, item.split()), item
        assert right(rest) < bullet.left
    assert len({round(b.left, 1) for b, _ in found}) == 1, "bullets line up"


def test_kineret_arabic_list_items_read_right_to_left_after_their_bullet(kineret_batch):
    """Every bullet of the Arabic handout is at the right of its item; every item that fits on
    one line and is all Arabic reads from right to left in its words' order."""
    from handout.inline import plain_text
    from handout.loader import load
    from handout.model import Callout, ItemList

    def items(blocks):
        for b in blocks:
            if isinstance(b, ItemList) and not b.numbered:
                yield from (plain_text(runs) for runs in b.items)
            elif isinstance(b, Callout):
                yield from items(b.blocks)

    translation = load(CONTENT.with_name("content.ar.yaml"))
    texts = [plain_text(runs) for runs in translation.key_points]  # the box on page 1
    texts += [t for s in translation.sections for t in items(s.blocks)]
    found = [b for page in kineret(kineret_batch) for b in bullet_lines(page)]
    assert len(found) == len(texts)
    for bullet, rest in found:
        assert rest and right(rest) < bullet.left
    plain_arabic = [t for t in texts if re.fullmatch("[\u0600-\u06ff ]+", t)]
    checked = 0
    for _, rest in found:
        same = [t for t in plain_arabic if shown(rest) == letters(t)]
        if same:
            assert reads(rest, same[0].split()), same[0]
            checked += 1
    assert checked >= 3


# -- numbers and Latin inside Arabic -------------------------------------------------------------


def dose_line(pages: list[list[Glyph]]) -> list[Glyph]:
    found = [
        line for page in pages for line in lines(page) if runs(line, "100") and runs(line, "mg")
    ]
    assert len(found) == 1
    return found[0]


def test_dose_in_arabic_reads_as_written(arabic):
    """Inside Arabic, a number with its Latin unit is one left-to-right unit (LRI ... PDI), as
    a careful typesetter sets it: "100" sits left of "mg", not "mg 100" as bare UAX #9 has it."""
    line = dose_line([arabic])
    (number,), (unit,) = runs(line, "100"), runs(line, "mg")
    assert right(number) < left(unit)
    assert "100mg" in left_to_right(line)


def test_kineret_arabic_dose_reads_as_written(kineret_batch):
    line = dose_line(kineret(kineret_batch))
    (number,), (unit,) = runs(line, "100"), runs(line, "mg")
    assert right(number) < left(unit)


def test_latin_words_inside_arabic_read_left_to_right(kineret_batch):
    pages = kineret(kineret_batch)
    for word in ("Kineret", "anakinra", "IL-1"):
        assert any(runs(line, word) for page in pages for line in lines(page)), word
        for page in pages:
            for line in lines(page):
                assert word[::-1] not in left_to_right(line), word


def test_url_beside_the_qr_code_reads_left_to_right_in_arabic(kineret_batch):
    """A patient types what the page shows: the URL's line, read left to right, is the URL."""
    from handout.loader import load
    from handout.model import Qr

    translation = load(CONTENT.with_name("content.ar.yaml"))
    urls = {b.url for s in translation.sections for b in s.blocks if isinstance(b, Qr)}
    assert urls
    printed = []
    for page in kineret(kineret_batch):
        for line in lines(page):
            text = left_to_right(line)
            if "rheuminfo.com/medications" in text:
                printed.append(text)
    assert printed
    for text in printed:
        assert text in urls


# -- shaping -------------------------------------------------------------------------------------

SCALE = 4  # render at 288 dpi


def ink(image) -> np.ndarray:
    """The dark pixels of an image, cropped to their bounding box."""
    dark = np.asarray(image.convert("L")) < 128
    ys, xs = np.nonzero(dark)
    assert len(ys), "nothing drawn"
    return dark[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


def mismatch(a: np.ndarray, b: np.ndarray) -> float:
    """How much two drawings differ: b scaled to a's size, the share of ink that differs at the
    best shift of up to 2 px (0 the same; 1 or more nothing in common)."""
    from PIL import Image

    h, w = a.shape
    b = np.asarray(Image.fromarray(b).resize((w, h), Image.NEAREST))
    pa = np.zeros((h + 4, w + 4), bool)
    pa[2 : 2 + h, 2 : 2 + w] = a
    best = float("inf")
    for dy in range(5):
        for dx in range(5):
            pb = np.zeros((h + 4, w + 4), bool)
            pb[dy : dy + h, dx : dx + w] = b
            best = min(best, (pa ^ pb).sum() / max(pa.sum(), pb.sum()))
    return best


def drawn_in_handout(pdf: Path, face: str):
    """The rendered band of the handout's one body paragraph (drawn in `face`)."""
    drawn = [g for g in page_glyphs(pdf)[0] if g.font == face and g.text.strip()]
    size = max(round(g.size, 1) for g in drawn)  # the body; the footer and meta are smaller
    (y,) = {round(g.baseline, 1) for g in drawn if round(g.size, 1) == size}
    page = pypdfium2.PdfDocument(pdf)[0]
    height = page.get_size()[1]
    image = page.render(scale=SCALE).to_pil()
    top, bottom = (height - y - 1.1 * size) * SCALE, (height - y + 0.45 * size) * SCALE
    return image.crop((0, int(top), image.size[0], int(bottom))), size


def drawn_by_reportlab(word: str, font_file: Path, size: float, shaped: bool):
    """The word drawn on a blank page by ReportLab's canvas, with or without HarfBuzz."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont, shapeStr
    from reportlab.pdfgen.canvas import Canvas

    name = f"reference-{font_file.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font_file)))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 80))
    text = canvas.beginText(40, 30)
    text.setFont(name, size)
    text.textOut(shapeStr(word, name, size) if shaped else word)
    canvas.drawText(text)
    canvas.save()
    return pypdfium2.PdfDocument(buffer.getvalue())[0].render(scale=SCALE).to_pil()


@pytest.mark.parametrize(
    ("language", "word", "font"),
    [
        ("ar", "بسم", "NotoSansArabic-Regular"),  # joined letters, drawn right to left
        ("pa", "ਕਿਵੇਂ", "NotoSansGurmukhi-Regular"),  # the i sign goes before its consonant
    ],
    ids=["arabic", "gurmukhi"],
)
def test_words_are_drawn_shaped(tmp_path, language, word, font):
    """The rendered word differs from the same font's letters drawn one by one from its cmap,
    and looks like HarfBuzz's shaping of it."""
    pdf = build(write_content(tmp_path, minimal(f'- "{word}"', language=language)), tmp_path)
    band, size = drawn_in_handout(pdf, font)
    got = ink(band)
    unshaped = ink(drawn_by_reportlab(word, FONTS / f"{font}.ttf", size, shaped=False))
    shaped = ink(drawn_by_reportlab(word, FONTS / f"{font}.ttf", size, shaped=True))
    assert mismatch(shaped, unshaped) > 0.5, "the test word needs shaping"
    assert mismatch(got, unshaped) > 0.5
    assert mismatch(got, shaped) < mismatch(got, unshaped) / 2


# -- every character has its glyph ---------------------------------------------------------------


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_no_character_is_drawn_without_its_glyph(kineret_batch, language):
    """ReportLab's TrueType subsets draw a character their font lacks as code 0, which every
    subset keeps for the font's .notdef glyph: a box, or nothing, where a letter should be."""
    for paper in PAPERS:
        for large in SIZES:
            pages = page_glyphs(batch_pdf(kineret_batch, language, paper, large))
            assert sum(map(len, pages)) > 1000
            missing = [
                (n, g.font, round(g.size))
                for n, page in enumerate(pages, 1)
                for g in page
                if g.code == 0
            ]
            assert not missing, f"{paper}{' large' if large else ''}: .notdef on {missing[:5]}"


def font_has(font_name: str, char: str) -> bool:
    from reportlab.pdfbase.ttfonts import TTFontFile

    (path,) = [p for p in FONTS.glob("*.ttf") if p.stem in (font_name, font_name + "Full")]
    return ord(char) in TTFontFile(str(path)).charToGlyph


def test_mixed_latin_and_arabic_word_has_every_glyph(kineret_batch):
    """ "Kineret؟": the Latin letters from the Latin font, the Arabic question mark from the
    Arabic one, beside each other on the heading's line."""
    from handout.loader import load

    translation = load(CONTENT.with_name("content.ar.yaml"))
    heading = next(s.heading for s in translation.sections if "Kineret\u061f" in s.heading)
    first_page = kineret(kineret_batch)[0]
    (line,) = [line for line in lines(first_page) if shown(line) == letters(heading)]
    (name,) = runs(line, "Kineret")
    marks = [g for g in line if g.text == "\u061f"]
    assert len(marks) == 1
    for g in [*name, *marks]:
        assert g.code != 0 and font_has(g.font, g.text), (g.text, g.font)
    assert "Arabic" in marks[0].font and "Arabic" not in name[0].font
    assert marks[0].right == pytest.approx(left(name), abs=0.5), "؟ ends the word, on its left"


def test_arabic_watermark_reads_right_to_left(kineret_batch):
    """The DRAFT mark, drawn large across the page, is Arabic too: shaped from the Arabic font,
    its first letter at the upper right end of the diagonal, not the lower left."""
    from handout.catalogue import CATALOGUE

    mark = CATALOGUE["ar"]["draft_mark"]
    for page in kineret(kineret_batch):
        size = body_size(page)
        big = [g for g in page if g.size > 3 * size and g.text.strip()]
        assert shown(big) == letters(mark)
        assert all("Arabic" in g.font for g in big)
        first, last = take(right_to_left(big), mark[0]), take(right_to_left(big)[::-1], mark[-1])
        assert first and last, "read from the right, the mark starts with its first letter"


# -- numbers that read left to right inside Arabic ----------------------------------------------

# A phone number, a date, a number with its unit, a phone number in groups and a `tel:` link,
# each in an Arabic sentence (the Arabic words around them: "call the clinic", "today", ...).
NUMBERS = {
    "555-0142": "اتصلوا بالعيادة على 555-0142 اليوم",
    "2026-10-02": "موعدكم القادم في 2026-10-02 صباحا",
    "100 mg": "الجرعة المعتادة 100 mg مرة واحدة",
    "+1 613 555 0199": "أو اتصلوا على +1 613 555 0199 مساء",
    "(613) 555-0142": "أو على الرقم (613) 555-0142 صباحا",
    "555 0177": "للطوارئ [555 0177](tel:+15550177) ليلا",  # a `tel:` link's text
}
NUMBERS_DOC = "\n".join(f'- "{sentence}"' for sentence in NUMBERS.values())


@pytest.fixture(scope="module")
def arabic_numbers(tmp_path_factory) -> list[Glyph]:
    folder = tmp_path_factory.mktemp("arabic-numbers")
    doc = minimal(NUMBERS_DOC, language="ar")
    (drawn,) = page_glyphs(build(write_content(folder, doc), folder / "out"))
    return drawn


@pytest.mark.parametrize("number", list(NUMBERS))
def test_numbers_in_arabic_read_as_written(arabic_numbers, number):
    """Read left to right by the glyphs' places on the line, the number is as written
    (555-0142, not 0142-555 as bare UAX #9 and a browser set it), and the Arabic words keep
    their places: the words before it on its right, the words after it on its left."""
    from handout.inline import parse_inline, plain_text

    sentence = plain_text(parse_inline(NUMBERS[number])[0])
    line = line_of(arabic_numbers, sentence)
    assert_reads_as_written(line, sentence, number)


# -- Chinese, Japanese and Korean: bold faces, their fonts, line breaks -------------------------

# Each CJK language's own face (bundled for zh, the font pack handout-fonts-cjk for the others)
CJK_FACES = {
    "zh": "NotoSansSCHandout",
    "zh-Hant": "NotoSansTCHandout",
    "ja": "NotoSansJPHandout",
    "ko": "NotoSansKRHandout",
}
_CJK_LETTER = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")


def _is_cjk(text: str) -> bool:
    """Han, kana or Hangul: what the language's CJK face draws (not Latin, digits, marks)."""
    return bool(_CJK_LETTER.search(text))


def _translation(language: str):
    from handout.loader import load

    return load(CONTENT.with_name(f"content.{language}.yaml"))


@pytest.mark.parametrize("language", list(CJK_FACES))
def test_cjk_text_is_drawn_with_the_languages_embedded_face(kineret_batch, language):
    """Every heading is on the pages, and every Han, kana or Hangul glyph is drawn by the
    language's own face, regular or bold: Japanese kanji in their Japanese forms, Traditional
    hanzi from the Traditional face (the font names in the PDF, embedded)."""
    path = batch_pdf(kineret_batch, language)
    embedded = set()
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for f in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                descriptor = f.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    stream = descriptor.get_object()["/FontFile2"].get_object()
                    if len(stream.get_data()) > 1000:
                        embedded.add(str(f["/BaseFont"]).split("+")[-1])
                        subset_tag = str(f["/BaseFont"]).lstrip("/").split("+")[0]
                        assert re.fullmatch("[A-Z]{6}", subset_tag), f["/BaseFont"]
    face = CJK_FACES[language]
    assert {f"{face}-Regular", f"{face}-Bold"} <= embedded, embedded

    text = squash(" ".join(pdf_text(path)))
    for section in _translation(language).sections:
        assert squash(section.heading) in text
    drawn = [g for page in page_glyphs(path) for g in page]
    cjk = [g for g in drawn if _is_cjk(g.text)]
    assert len(cjk) > 500
    assert {g.font for g in cjk} == {f"{face}-Regular", f"{face}-Bold"}


@pytest.mark.parametrize("language", list(CJK_FACES))
def test_cjk_headings_are_drawn_in_a_bold_face(kineret_batch, language):
    """Every section heading (on one line or two): its Han, kana or Hangul in the bold face of
    the language's font, its Latin letters in Noto Sans Bold (the font names in the PDF)."""
    headings = {squash(s.heading) for s in _translation(language).sections}
    found = set()
    for page in kineret(kineret_batch, language):
        size = body_size(page)
        drawn = [g for g in page if g.text.strip() and size * 1.1 < g.size < size * 2]
        chars = "".join(g.text for g in drawn)
        for heading in headings:
            start = chars.find(heading)
            if start < 0:
                continue
            run = drawn[start : start + len(heading)]
            cjk = [g for g in run if _is_cjk(g.text)]
            latin = [g for g in run if g.text.isascii() and g.text.isalpha()]
            assert cjk and {g.font for g in cjk} == {f"{CJK_FACES[language]}-Bold"}, heading
            assert not latin or {g.font for g in latin} == {"NotoSans-Bold"}, heading
            found.add(heading)
    assert found == headings


def _bold_runs(handout) -> list[str]:
    from handout.model import Callout, ItemList, Paragraph

    def walk(blocks):
        for b in blocks:
            if isinstance(b, Paragraph):
                yield b.runs
            elif isinstance(b, ItemList):
                yield from b.items
            elif isinstance(b, Callout):
                yield from walk(b.blocks)

    return [r.text for s in handout.sections for runs_ in walk(s.blocks) for r in runs_ if r.bold]


@pytest.mark.parametrize("language", list(CJK_FACES))
def test_cjk_bold_runs_are_bold_and_not_underlined(kineret_batch, language):
    """Inline **bold** is drawn in the bold face, and nothing is drawn under it: a patient
    could take an underline for a link."""
    from handout.typography import typeset

    path = batch_pdf(kineret_batch, language)
    bold = [typeset(t, language) for t in _bold_runs(_translation(language)) if _is_cjk(t)]
    assert len(bold) >= 3
    document = pypdfium2.PdfDocument(path)
    checked = 0
    for n, page in enumerate(page_glyphs(path)):
        drawn = [g for g in page if g.text.strip()]
        chars = "".join(g.text for g in drawn)
        image = None
        for text in bold:
            start = chars.find(squash(text))
            if start < 0:
                continue
            run = drawn[start : start + len(squash(text))]
            cjk = [g for g in run if _is_cjk(g.text)]
            assert {g.font for g in cjk} == {f"{CJK_FACES[language]}-Bold"}, text
            if image is None:
                scale = 4
                image = np.asarray(document[n].render(scale=scale).to_pil().convert("L"))
                height = float(document[n].get_height())
            for baseline in {g.baseline for g in cjk}:
                on_line = [g for g in cjk if g.baseline == baseline]
                size = on_line[0].size
                x0, x1 = (int(f(on_line) * scale) for f in (left, right))
                top = int((height - baseline + size * 0.13) * scale)  # below the glyphs' feet
                band = image[top : int((height - baseline + size * 0.22) * scale), x0:x1] < 128
                assert band.mean(axis=1).max() < 0.3, f"a line under {text!r}"
            checked += 1
    assert checked >= 3


# A character each font's national set lacks: an error naming it and its line, never a blank.
OUTSIDE_THE_SET = {
    "zh": "\u9f9c",  # 龜: traditional (龟 in simplified), not in GB 2312
    "ja": "\u525d",  # 剝: JIS X 0213, not JIS X 0208 (which has 剥)
    "ko": "\ub620",  # 똠: a Hangul syllable outside KS X 1001's 2350
}


@pytest.mark.parametrize("language", list(OUTSIDE_THE_SET))
def test_a_character_outside_the_fonts_set_is_an_error_naming_it(tmp_path, language):
    char = OUTSIDE_THE_SET[language]
    doc = minimal(f'- "{_translation(language).sections[0].heading} {char}"', language=language)
    path = write_content(tmp_path, doc)
    result = run_cli(["build", path, "--out", tmp_path / "out"])
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert f"U+{ord(char):04X}" in line and f"{path}:" in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


def test_traditional_chinese_is_drawn_with_the_traditional_face(tmp_path):
    """zh-Hant, zh-TW and zh-HK text (龜 and all) is drawn in the Traditional Chinese face;
    zh-Hans-HK stays Simplified."""
    for tag in ("zh-Hant", "zh-TW", "zh-HK"):
        doc = minimal('- "您好 龜"', language=tag)
        (drawn,) = page_glyphs(build(write_content(tmp_path, doc), tmp_path / tag))
        assert {g.font for g in drawn if g.text == "龜"} == {"NotoSansTCHandout-Regular"}, tag
    doc = minimal('- "您好 龟"', language="zh-Hans-HK")
    (drawn,) = page_glyphs(build(write_content(tmp_path, doc), tmp_path / "hans"))
    assert {g.font for g in drawn if g.text == "龟"} == {"NotoSansSCHandout-Regular"}


# Kinsoku: marks that never start a line (closing brackets and quotes, commas and stops, the
# iteration and prolonged sound marks, small kana) and that never end one (opening marks).
NO_LINE_START = set(
    "、。，．：；？！）」』】〉》〕〗〙〛〞”’・ー…,.:;?!)]}%ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ"
)
NO_LINE_END = set("（「『【〈《〔〖〘〚〝“‘([{")


def text_lines(page: list[Glyph]) -> list[str]:
    """The page's lines of text (not the big DRAFT mark), each as drawn from left to right,
    with a space where one is drawn or where there is a gap (after a list's bullet), and
    without a list item's bullet or number."""
    size = body_size(page)
    grouped: list[list[Glyph]] = []
    for g in sorted((g for g in page if g.size < 2 * size), key=lambda g: -g.baseline):
        if grouped and abs(grouped[-1][0].baseline - g.baseline) < 2:
            grouped[-1].append(g)
        else:
            grouped.append([g])
    out = []
    for line in grouped:
        text, previous = "", None
        for g in sorted(line, key=lambda g: g.left):
            if previous is not None and g.left - previous.right > 0.1 * g.size:
                text += " "
            text, previous = text + g.text, g
        out.append(re.sub(r"^\s*(\u2022|\d+\.)\s+", "", text).strip())
    return out


@pytest.mark.parametrize("variant", [(p, s) for p in PAPERS for s in SIZES], ids=str)
@pytest.mark.parametrize("language", list(CJK_FACES))
def test_no_cjk_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    kineret_batch, language, variant
):
    checked = 0
    for page in page_glyphs(batch_pdf(kineret_batch, language, *variant)):
        for line in text_lines(page):
            if not line:
                continue
            checked += 1
            assert line[0] not in NO_LINE_START, line
            assert line[-1] not in NO_LINE_END, line
    assert checked > 60


@pytest.mark.parametrize("variant", [(p, s) for p in PAPERS for s in SIZES], ids=str)
def test_korean_lines_break_between_words_only(kineret_batch, variant):
    """Korean is written with spaces between words: a line starts and ends with a whole word
    of the text (its last syllables never start the next line), as a Korean reader expects."""
    from conftest import expected_texts

    from handout.catalogue import labels_for
    from handout.typography import typeset

    korean = _translation("ko")
    labels = [re.sub(r"\{\w+\}", "", label) for label in labels_for(korean).values()]
    texts = [*expected_texts(korean), *labels, "2026년 11월 24일"]
    words = {w for text in texts for w in typeset(text, "ko").split()}
    checked = 0
    for page in page_glyphs(batch_pdf(kineret_batch, "ko", *variant)):
        for line in text_lines(page):
            tokens = [t for t in line.split() if re.search("[\uac00-\ud7a3]", t)]
            for token in tokens[:1] + tokens[-1:]:
                bare = token.rstrip(":").lstrip("0123456789")  # "1쪽": page 1 of the footer
                assert token in words or bare in words, (token, line)
                checked += 1
    assert checked > 100


def test_japanese_small_kana_and_marks_never_start_a_line(tmp_path):
    """Phrases of every length put small kana (ょ, っ, ャ), the prolonged sound mark, the
    iteration mark and closing marks at every place in a line: none starts one."""
    phrases = [("くすりを" * 4)[:n] for n in range(1, 15)]
    text = "".join(f"{p}ちょっと{p[::-1]}「シャワー」、時々{p[:2]}。" for p in phrases * 3)
    pdf = build(write_content(tmp_path, minimal(f'- "{text}"', language="ja")), tmp_path / "o")
    checked = 0
    for page in page_glyphs(pdf):
        for line in text_lines(page):
            if len(line) < 20:  # the title, the footer
                continue
            checked += 1
            assert line[0] not in NO_LINE_START, line
            assert line[-1] not in NO_LINE_END, line
    assert checked >= 10
