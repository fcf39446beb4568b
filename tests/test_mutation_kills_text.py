"""Line breaking and drawing rules that mutation testing (tools/mutation.py text) showed no
test held: each asserts the words on each printed line (as drawn: a soft hyphen shows where a
line breaks at it), their order on the line, or the text a PDF reader extracts, in this process.
"""

from __future__ import annotations

import io

import pypdf
import pytest
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from handout import fonts
from handout.markup import Span, text_spans
from handout.text import TextParagraph, break_lines, pieces

SIZE = 12.0


def spans(text: str, language: str = "en") -> list[Span]:
    return text_spans(text, fonts.chain_for(language))


def width(text: str) -> float:
    """The width of Latin text in the body face at SIZE."""
    spans("a")  # registers the face
    return stringWidth(text, "NotoSans", SIZE)


def printed_lines(text: str, room: float, language: str = "en") -> list[str]:
    """What each line of a paragraph shows, as drawn, in logical order."""
    items = pieces(spans(text, language), language == "ar", SIZE)
    return ["".join(str(p.glyphs) for p in line) for line in break_lines(items, room, SIZE)]


def test_words_fill_a_line_then_the_rest_goes_on_the_next():
    text = "one two three four five six"
    assert printed_lines(text, width("one two three") + 1) == ["one two three", "four five six"]
    assert printed_lines(text, 1000) == [text]


def test_words_that_exactly_fit_the_line_stay_on_it():
    assert printed_lines("one two three four", width("one two three four")) == [
        "one two three four"
    ]
    assert printed_lines("aaa bbb ccc ddd eee", width("aaa bbb ccc")) == ["aaa bbb ccc", "ddd eee"]


def test_a_no_break_space_keeps_a_dose_on_one_line():
    text = "Take 100\u00a0mg daily"
    room = width("Take 100") + 1  # "mg" would fit after "100", not "100 mg" after "Take"
    assert printed_lines(text, room) == ["Take", "100\u00a0mg", "daily"]


def test_a_soft_hyphen_shows_only_where_the_line_breaks_at_it():
    assert printed_lines("a medi\u00adcation", 1000) == ["a medication"]
    assert printed_lines("a medi\u00adcation", width("a medi-") + 1) == ["a medi-", "cation"]
    # the hyphen needs its room: a line with room for "a medi" but not "a medi-" breaks earlier
    assert printed_lines("a medi\u00adcation", width("a medi-") - 1) == ["a", "medi-", "cation"]


def test_a_zero_width_space_is_a_break_that_draws_nothing():
    assert printed_lines("aaaa\u200bbbbb", 1000) == ["aaaabbbb"]
    assert printed_lines("aaaa\u200bbbbb", width("aaaab")) == ["aaaa", "bbbb"]


def test_a_lone_last_word_takes_the_word_above_with_it():
    text = "aa bb cc dd"
    assert printed_lines(text, width("aa bb cc") + 1) == ["aa bb", "cc dd"]
    # ...but not from a line of two words (it would leave one word above), nor when both do
    # not fit on the last line together
    assert printed_lines("aa bb cc", width("aa bb") + 1) == ["aa bb", "cc"]
    text = "aa bb cccccc dddddd"
    assert printed_lines(text, width("aa bb cccccc") + 1) == ["aa bb cccccc", "dddddd"]
    # the two exactly fit the last line
    assert width("i j cc") < width("cc dd") < width("i j cc dd")
    assert printed_lines("i j cc dd", width("cc dd")) == ["i j", "cc dd"]


def test_a_word_wider_than_the_line_is_cut_to_fit():
    word = "a" * 40
    lines = printed_lines(word, width("a" * 10) + 0.5)
    assert lines == ["a" * 10] * 4
    assert printed_lines(word, width("a" * 10)) == ["a" * 10] * 4  # exactly ten fit


def test_a_long_compound_is_cut_after_a_hyphen_in_the_second_half():
    lines = printed_lines("aaaaaaa-bbbbbbbb", width("aaaaaaa-bbb") + 0.5)
    assert lines == ["aaaaaaa-", "bbbbbbbb"]


def test_chinese_breaks_between_characters_but_never_before_a_full_stop():
    text = "中文中文中文中文。"
    items = pieces(spans(text, "zh"), False, SIZE)
    one = items[0].width / len(items[0].text)  # one CJK character
    lines = printed_lines(text, one * 4 + 0.5, "zh")
    assert "".join(lines) == text
    assert all(len(line) <= 4 for line in lines)
    assert not any(line.startswith("。") for line in lines)
    assert lines[-1].endswith("文。")


def page_text(paragraph: TextParagraph, room: float = 300) -> list[str]:
    """The paragraph drawn on a PDF page, read back by pypdf, line by line."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    paragraph.wrapOn(canvas, room, 800)
    paragraph.drawOn(canvas, 50, 400)
    canvas.save()
    text = pypdf.PdfReader(buffer).pages[0].extract_text()
    return [line.strip() for line in text.splitlines() if line.strip()]


def style(**more) -> ParagraphStyle:
    return ParagraphStyle("body", fontName="NotoSans", fontSize=SIZE, leading=SIZE * 1.4, **more)


def test_a_drawn_paragraph_reads_back_line_by_line():
    paragraph = TextParagraph(spans("one two three four five six"), style())
    assert page_text(paragraph, width("one two three") + 1) == ["one two three", "four five six"]


def test_alignment_places_the_line_on_the_page():
    def x_of(**more) -> float:
        paragraph = TextParagraph(spans("word"), style(**more))
        paragraph.wrap(200, 800)
        ((_, placed),) = paragraph.lines()
        return placed[0].x

    assert x_of() == 0
    assert abs(x_of(alignment=TA_RIGHT) - (200 - width("word"))) < 1e-6
    assert abs(x_of(alignment=TA_RIGHT, rightIndent=10) - (190 - width("word"))) < 1e-6
    # a right-aligned line with a start indent still ends at the right edge (RTL list items)
    assert abs(x_of(alignment=TA_RIGHT, leftIndent=10) - (200 - width("word"))) < 1e-6
    assert abs(x_of(alignment=TA_CENTER) - (200 - width("word")) / 2) < 1e-6


def test_a_long_word_of_any_letters_is_cut_only_where_the_line_is_full():
    word = "".join(map(chr, range(65, 91))) + "".join(map(chr, range(97, 123))) + "0123456789"
    for part in (1.5, 2, 2.5, 3, 4, 5, 7, 10):
        room = width(word) / part
        lines = printed_lines(word, room)
        assert "".join(lines) == word
        start = 0
        for line in lines[:-1]:  # each line is the longest stretch that fits
            rest = word[start:]
            assert line == rest[: max(n for n in range(1, len(rest)) if width(rest[:n]) <= room)]
            start += len(line)
        assert width(lines[-1]) <= room


def test_arabic_words_in_an_english_sentence_read_right_to_left():
    arabic = "\u0643\u0644\u0645\u0629 \u0623\u062e\u0631\u0649"  # two words
    paragraph = TextParagraph(spans(f"see {arabic} here", "ar"), style())
    paragraph.wrap(400, 800)
    ((_, placed),) = paragraph.lines()
    x = {p.piece.text.strip(): p.x for p in placed}
    first, second = arabic.split()
    assert x["see"] < x[second] < x[first] < x["here"]


def test_arabic_is_spaced_with_the_fonts_kerning():
    """A shaped word takes the width HarfBuzz gives it with kerning on (as typesetting does):
    "مرة" is narrower kerned than not."""
    import uharfbuzz as hb
    from reportlab.pdfbase.pdfmetrics import getFont

    word = "\u0645\u0631\u0629"
    (piece,) = pieces(spans(word, "ar"), True, SIZE)
    font = hb.Font(hb.Face(hb.Blob.from_file_path(getFont(piece.span.face).face.filename)))

    def advance(kern: bool) -> float:
        buffer = hb.Buffer()
        buffer.add_str(word)
        buffer.guess_segment_properties()
        hb.shape(font, buffer, {"kern": kern, "liga": True, "dlig": False})
        return sum(p.x_advance for p in buffer.glyph_positions) * SIZE / font.face.upem

    assert abs(piece.width - advance(True)) < 1e-6
    assert advance(True) < advance(False)


def test_characters_that_only_steer_breaking_or_direction_are_not_drawn():
    for invisible in ("\u2060", "\u200e", "\u200f", "\u00ad", "\u200b", "\u2066", "\u2069"):
        assert printed_lines(f"ab{invisible}cd", 1000) == ["abcd"], hex(ord(invisible))


def link_spans(url: str) -> list[Span]:
    from handout.markup import spans as run_spans
    from handout.model import Run

    return run_spans((Run(url, href=url),), fonts.chain_for("en"))


@pytest.mark.parametrize(
    "url",
    [
        "https://a.example/first-part/second-part/third-part/end",
        # capitals too (any letter is just a letter in an address)
        "https://Clinic.Example/Xray/XY-Results/Box-X/Index",
    ],
)
def test_a_long_web_address_breaks_only_after_a_slash(url: str):
    items = pieces(link_spans(url), False, SIZE)
    lines = ["".join(p.text for p in line) for line in break_lines(items, width(url) / 3, SIZE)]
    assert "".join(lines) == url
    assert len(lines) > 1
    assert all(line.endswith("/") for line in lines[:-1]), lines


def test_a_web_address_on_a_left_to_right_page_is_drawn_as_it_reads():
    url = "https://a.example/x-y/(z)"
    items = pieces(link_spans(url), False, SIZE)
    assert "".join(str(p.glyphs) for p in items) == url
    assert {p.level for p in items} == {0}


def test_a_web_address_without_a_slash_to_break_at_never_breaks_beside_a_hyphen():
    url = "https://a.example/" + "-".join(["abcdefgh"] * 8)
    items = pieces(link_spans(url), False, SIZE)
    for chars in range(12, 40):  # lines of every length: some full lines end at a hyphen
        room = width("a" * chars)
        lines = ["".join(p.text for p in line) for line in break_lines(items, room, SIZE)]
        assert "".join(lines) == url
        for line in lines[:-1]:
            assert not line.endswith("-"), lines
        assert not any(line.startswith("-") for line in lines), lines


def test_a_paragraph_splits_across_pages_without_a_widow_or_an_orphan():
    text = " ".join(["word"] * 60)
    paragraph = TextParagraph(spans(text), style())
    _, height = paragraph.wrap(width("word word word") + 1, 800)
    leading = SIZE * 1.4
    total = round(height / leading)
    assert total >= 6

    def halves(lines_room: float) -> list[int]:
        parts = paragraph.split(paragraph.width, lines_room * leading)
        return [round(p.wrap(paragraph.width, 800)[1] / leading) for p in parts]

    assert halves(3) == [3, total - 3]
    assert halves(2) == [2, total - 2]  # two lines at a page's foot are no orphan
    assert halves(1.5) == []  # one line alone at a page's foot: the whole paragraph moves on
    assert halves(total - 1) == [total - 2, 2]  # never one line alone at the next page's top
    words = [
        t
        for p in paragraph.split(paragraph.width, 3 * leading)
        for t in page_text(p, paragraph.width)
    ]
    assert " ".join(words).split() == text.split()


def test_a_link_is_drawn_as_an_annotation_over_its_words():
    from handout.markup import spans as run_spans
    from handout.model import Run

    runs = (Run("see "), Run("the site", href="https://a.example/x"), Run(" now"))
    paragraph = TextParagraph(run_spans(runs, fonts.chain_for("en")), style())
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    paragraph.wrapOn(canvas, 300, 800)
    paragraph.drawOn(canvas, 50, 400)
    canvas.save()
    page = pypdf.PdfReader(buffer).pages[0]
    assert page.extract_text().split() == ["see", "the", "site", "now"]
    (link,) = [a.get_object() for a in page["/Annots"]]
    assert link["/A"]["/URI"] == "https://a.example/x"
    assert list(link["/Border"]) == [0, 0, 0]  # no box drawn around the words by a viewer
    x0, y0, x1, y1 = map(float, link["/Rect"])
    assert abs(x0 - (50 + width("see "))) < 0.01
    assert abs(x1 - (50 + width("see the site"))) < 0.01
    assert y0 < 400 + paragraph.height - SIZE < y1  # around the baseline: the words' height
    assert abs((y1 - y0) - 1.2 * SIZE) < 0.01
    stream = page.get_contents().get_data().decode("latin-1")
    # the underline: a rule 6 % of the size thick, under the link's words only
    import re

    (rule,) = re.findall(r"\n([\d.]+) w\nn ([\d.]+) [\d.]+ m ([\d.]+) [\d.]+ l S", stream)
    assert [float(v) for v in rule] == pytest.approx([SIZE * 0.06, x0 - 50, x1 - 50], abs=0.01)


def test_a_list_bullet_sits_in_the_indent_on_the_side_the_line_starts():
    def bullet_x(language: str, text: str) -> float:
        rtl = language == "ar"
        item = TextParagraph(
            spans(text, language),
            style(leftIndent=20, rightIndent=20, bulletIndent=5),
            rtl,
            bullet=spans("\u2022", language),
        )
        item.wrap(200, 800)
        ((_, placed),) = item.lines()
        (bullet,) = [p for p in placed if p.order < 0]
        return bullet.x, bullet.piece.width

    x, _ = bullet_x("en", "word")
    assert x == 5
    x, w = bullet_x("ar", "\u0643\u0644\u0645\u0629")
    assert abs(x - (200 - 5 - w)) < 1e-6


def test_bold_without_a_bold_face_is_drawn_with_thickened_outlines():
    paragraph = TextParagraph([Span("word", "NotoSans", stroked=True)], style())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    paragraph.wrapOn(canvas, 300, 800)
    paragraph.drawOn(canvas, 50, 400)
    canvas.save()
    stream = pypdf.PdfReader(buffer).pages[0].get_contents().get_data().decode("latin-1")
    assert f"{SIZE * 0.035:.2f} w" in stream and "2 Tr" in stream
    assert stream.index("2 Tr") < stream.index("0 Tr")  # and only for its own words
    plain = TextParagraph([Span("word", "NotoSans")], style())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    plain.wrapOn(canvas, 300, 800)
    plain.drawOn(canvas, 50, 400)
    canvas.save()
    assert "2 Tr" not in pypdf.PdfReader(buffer).pages[0].get_contents().get_data().decode(
        "latin-1"
    )


def test_a_word_broken_at_its_soft_hyphen_shows_the_hyphen_after_a_lone_word_moves_down():
    """The last line's lone word takes the word above with it; when that is the end of a word
    broken at its soft hyphen, the line above ends in the hyphen (found by Hypothesis)."""
    text = "treat it with a medi\u00adcine daily"
    for room in range(int(width("medi-")) + 1, int(width(text)) + 2):
        lines = printed_lines(text, room)
        assert "".join(lines).replace("-", "").replace(" ", "") == text.replace(
            "\u00ad", ""
        ).replace(" ", ""), (room, lines)
        assert not any(line.endswith("medi") for line in lines), (room, lines)


def test_chinese_may_break_after_any_latin_letter_but_not_after_an_opening_bracket():
    cjk = pieces(spans("中", "zh"), False, SIZE)[0].width
    for letter in "AXZaxz":
        text = f"中中中中{letter}中中中中"
        room = 4 * cjk + width(letter) + 0.5
        assert printed_lines(text, room, "zh") == [f"中中中中{letter}", "中中中中"], letter
    assert printed_lines("中中中中（中中中", 5 * cjk + 0.5, "zh") == ["中中中中", "（中中中"]


def test_arabic_is_drawn_as_its_shaped_letters():
    """The word's shaped glyphs are drawn (read back as the word, or as its presentation
    forms, depending on what the PDF's glyph map already holds)."""
    import unicodedata

    word = "\u0643\u0644\u0645\u0629"
    paragraph = TextParagraph(spans(word, "ar"), style(alignment=TA_RIGHT), rtl=True)
    (line,) = page_text(paragraph)
    assert unicodedata.normalize("NFKC", line) == word


def test_the_indents_narrow_the_lines():
    text = "one two three four five six"
    room = width("one two three") + 1
    for left, right in ((0, 30), (30, 0), (15, 15)):
        paragraph = TextParagraph(spans(text), style(leftIndent=left, rightIndent=right))
        paragraph.wrap(room + 30, 800)
        lines = ["".join(p.piece.text for p in placed) for _, placed in paragraph.lines()]
        assert lines[0] == "one two three", (left, right, lines)


# "take the medicine every day": four words
ARABIC = "\u062e\u0630 \u0627\u0644\u062f\u0648\u0627\u0621 \u0643\u0644 \u064a\u0648\u0645"


def drawn_pdf(*placed: tuple[TextParagraph, float, float]) -> bytes:
    """Paragraphs, each wrapped to a width and drawn at an x, on one page, untagged (as the
    page's footer and notice are)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for paragraph, room, x in placed:
        paragraph.wrapOn(canvas, room, 800)
        paragraph.drawOn(canvas, x, 400)
    canvas.save()
    return buffer.getvalue()


def test_untagged_arabic_copies_in_its_reading_order():
    """Right-to-left words need no ActualText: pdfium reads their glyphs as they are listed,
    and would turn a replacement text round."""
    import pypdfium2

    paragraph = TextParagraph(spans(ARABIC, "ar"), style(alignment=TA_RIGHT), rtl=True)
    page = pypdfium2.PdfDocument(drawn_pdf((paragraph, 300, 50)))[0]
    assert page.get_textpage().get_text_range().split() == ARABIC.split()


def test_a_link_of_several_shaped_words_is_one_annotation_over_all_of_them():
    from handout.markup import spans as run_spans
    from handout.model import Run

    url = "https://a.example/x"
    words = "\u0627\u0644\u0645\u0648\u0642\u0639 \u0627\u0644\u0631\u0633\u0645\u064a"
    see, now = "\u0627\u0646\u0638\u0631 ", " \u0627\u0644\u0622\u0646"
    runs = (Run(see), Run(words, href=url), Run(now))
    paragraph = TextParagraph(run_spans(runs, fonts.chain_for("ar")), style(), rtl=True)
    page = pypdf.PdfReader(io.BytesIO(drawn_pdf((paragraph, 300, 50)))).pages[0]
    (link,) = [a.get_object() for a in page["/Annots"]]
    assert link["/A"]["/URI"] == url
    ((_, placed),) = paragraph.lines()
    linked = [p for p in placed if p.piece.span.href and not p.piece.space]
    assert len(linked) == 2
    x0, _, x1, _ = map(float, link["/Rect"])
    assert abs(x0 - (50 + min(p.x for p in linked))) < 0.01
    assert abs(x1 - (50 + max(p.x + p.piece.width for p in linked))) < 0.01


def test_a_shaped_word_with_a_vowel_mark_has_each_glyph_where_harfbuzz_put_it():
    """ "صبورًا": the tanween sits raised over its letter (a text rise), and the letters after
    it keep HarfBuzz's advances (a kerned letter is narrower than its own width)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    word = "\u0635\u0628\u0648\u0631\u064b\u0627"
    paragraph = TextParagraph(spans(word, "ar"), style(), rtl=True)
    pdf = drawn_pdf((paragraph, 300, 50))
    ((_, (placed,)),) = paragraph.lines()
    expected, advance = [], 0.0
    for glyph in placed.piece.glyphs.__shapeData__:
        expected.append(50 + placed.x + (advance + glyph.x_offset) * SIZE / 1000)
        advance += glyph.x_advance
    textpage = pypdfium2.PdfDocument(pdf)[0].get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    found = []
    for i in range(textpage.count_chars()):
        if not textpage.get_text_range(i, 1).isspace():
            pdfium_c.FPDFText_GetCharOrigin(textpage, i, x, y)
            found.append(x.value)
    assert len(found) == len(word)
    assert sorted(found) == pytest.approx(sorted(expected), abs=0.01)


def test_a_web_address_cut_across_lines_of_an_arabic_page_reads_back_whole():
    """Each line of the address is read back (pypdf) with nothing added: joined, the lines
    are the address as typed."""
    from handout.markup import spans as run_spans
    from handout.model import Run

    url = "https://a.example/first-part/second-part/third-part/end"
    runs = (Run("\u0627\u0646\u0638\u0631 "), Run(url, href=url))
    paragraph = TextParagraph(
        run_spans(runs, fonts.chain_for("ar")), style(alignment=TA_RIGHT), rtl=True
    )
    pdf = drawn_pdf((paragraph, width("second-part/") + 5, 50))
    first, *address = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split("\n")
    assert len(address) > 2
    assert "".join(address) == url


def test_a_link_first_in_its_paragraph_or_starting_with_a_space_has_its_annotation():
    from handout.markup import spans as run_spans
    from handout.model import Run

    runs = (Run("the site", href="https://a.example/x"), Run(" now"))
    paragraph = TextParagraph(run_spans(runs, fonts.chain_for("en")), style())
    page = pypdf.PdfReader(io.BytesIO(drawn_pdf((paragraph, 300, 50)))).pages[0]
    (link,) = [a.get_object() for a in page["/Annots"]]
    x0, _, x1, _ = map(float, link["/Rect"])
    assert (x0, x1) == pytest.approx((50, 50 + width("the site")), abs=0.01)
    # ...and one whose text starts with a space (drawn joined to its words)
    runs = (Run("see"), Run(" the site", href="https://a.example/x"), Run(" now"))
    paragraph = TextParagraph(run_spans(runs, fonts.chain_for("en")), style())
    page = pypdf.PdfReader(io.BytesIO(drawn_pdf((paragraph, 300, 50)))).pages[0]
    (link,) = [a.get_object() for a in page["/Annots"]]
    x0, _, x1, _ = map(float, link["/Rect"])
    assert (x0, x1) == pytest.approx((50 + width("see"), 50 + width("see the site")), abs=0.01)


def tagged_pdf(paragraph: TextParagraph, room: float = 300) -> bytes:
    """The paragraph drawn as a handout's body text is: tagged, with its structure tree."""
    from handout.pdfua import make_pdfua
    from handout.tagging import Node, Tagger

    class TaggedCanvas(Canvas):
        def _addAnnotation(self, annotation, name=None, addtopage=1) -> None:  # noqa: N802
            super()._addAnnotation(annotation, name, addtopage)
            self.tagger.annotation_added(annotation, self._annotationrefs[-1])

    root = Node("Document")
    paragraph.node = root.add("P")
    buffer = io.BytesIO()
    canvas = TaggedCanvas(buffer)
    canvas.tagger = Tagger(root)
    paragraph.wrapOn(canvas, room, 800)
    paragraph.drawOn(canvas, 50, 400)
    canvas.showPage()
    make_pdfua(canvas._doc, canvas.tagger, 1, "en")
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("after", [" and more words ", " and more, ", " "])
def test_a_tagged_link_is_announced_with_its_own_words_only(after: str):
    """The annotation's /Contents (what a screen reader says for the link) holds the link's
    words, not the words after it on the line."""
    from handout.markup import spans as run_spans
    from handout.model import Run

    runs = (Run("see "), Run("the site", href="https://a.example/x"), Run(after), Run("bold", True))
    paragraph = TextParagraph(run_spans(runs, fonts.chain_for("en")), style())
    page = pypdf.PdfReader(io.BytesIO(tagged_pdf(paragraph))).pages[0]
    assert page.extract_text().split() == f"see the site{after}bold".split()
    (link,) = [a.get_object() for a in page["/Annots"]]
    assert link["/Contents"] == "the site"
    x0, _, x1, _ = map(float, link["/Rect"])
    assert (x0, x1) == pytest.approx((50 + width("see "), 50 + width("see the site")), abs=0.01)


def test_a_link_is_drawn_in_the_link_colour_and_the_rest_in_the_ink():
    import pypdfium2
    from reportlab.lib.colors import HexColor

    from handout.markup import LINK_COLOR
    from handout.markup import spans as run_spans
    from handout.model import Run

    runs = (Run("see "), Run("the site", href="https://a.example/x"), Run(" now"))
    paragraph = TextParagraph(run_spans(runs, fonts.chain_for("en")), style())
    page = pypdfium2.PdfDocument(drawn_pdf((paragraph, 300, 50)))[0]
    image = page.render(scale=4).to_pil().convert("RGB")
    top = page.get_height() - 400 - paragraph.height

    def darkest(x0: float, x1: float) -> tuple[int, int, int]:
        box = image.crop((int(x0 * 4), int(top * 4), int(x1 * 4), int((top + SIZE * 1.4) * 4)))
        return min((color for _, color in box.getcolors(box.width * box.height)), key=sum)

    link = HexColor(LINK_COLOR)
    assert darkest(50, 50 + width("see") - 1) == (0, 0, 0)
    link_ink = darkest(52 + width("see "), 50 + width("see the site") - 2)
    assert link_ink == pytest.approx(
        tuple(round(c * 255) for c in (link.red, link.green, link.blue)), abs=2
    )


def test_the_content_s_own_paragraphs_break_the_same_way_when_measured_once_for_all():
    """`shared` paragraphs (the content's text, measured once for every rendering) read back
    as a paragraph of their own does, at each width."""
    text = "one two three four five six seven eight"
    for room in (width("one two three") + 1, width("one two three four five") + 1):
        alone = page_text(TextParagraph(spans(text), style()), room)
        assert page_text(TextParagraph(spans(text), style(), shared=True), room) == alone
        assert len(alone) > 1


def test_arabic_words_after_a_web_address_on_a_left_to_right_page_still_read_right_to_left():
    from handout.markup import spans as run_spans
    from handout.model import Run

    url = "https://a.example/x"
    arabic = "\u0643\u0644\u0645\u0629 \u0623\u062e\u0631\u0649"  # two words
    for before in ("", "see "):
        runs = (Run(before), Run(url, href=url), Run(f" {arabic} here"))
        paragraph = TextParagraph(run_spans(runs, fonts.chain_for("ar")), style())
        paragraph.wrap(400, 800)
        ((_, placed),) = paragraph.lines()
        words = [(p.x, p.piece.text.strip()) for p in placed if p.piece.text.strip()]
        first, second = arabic.split()
        assert [w for _, w in sorted(words)] == [*before.split(), url, second, first, "here"]


def test_a_long_word_of_two_spans_is_cut_into_lines_that_fit():
    """A word too long for the line whose start is in another span (a bold first letter):
    each cut line, both spans' parts together, fits the line."""
    word = [Span("aaaaa", "NotoSans"), Span("b" * 60, "NotoSans", stroked=True)]
    spans("a")  # registers the face
    room = width("a" * 12)
    lines = break_lines(pieces(word, False, SIZE), room, SIZE)
    assert "".join(p.text for line in lines for p in line) == "aaaaa" + "b" * 60
    assert len(lines) > 2
    assert all(sum(p.width for p in line) <= room + 1e-6 for line in lines)


def test_a_paragraph_not_shared_leaves_nothing_in_the_measurement_cache():
    """The desk's personal fields are not `shared`: nothing typed there outlives its
    request in the cache of measured paragraphs (the content's own text is kept)."""
    from handout.text import measured

    measured.cache_clear()
    page_text(TextParagraph(spans("Prepared for A. Patient"), style()))
    assert measured.cache_info().currsize == 0
    page_text(TextParagraph(spans("Take it daily"), style(), shared=True))
    assert measured.cache_info().currsize == 1
    measured.cache_clear()


def test_a_tagged_shaped_paragraph_copies_with_one_space_between_lines_and_none_after():
    import pypdfium2

    text = " ".join(  # "take the medicine daily and tell the doctor"
        [
            "\u0a26\u0a35\u0a3e\u0a08",
            "\u0a30\u0a4b\u0a1c\u0a3c\u0a3e\u0a28\u0a3e",
            "\u0a32\u0a13",
            "\u0a05\u0a24\u0a47",
            "\u0a21\u0a3e\u0a15\u0a1f\u0a30",
            "\u0a28\u0a42\u0a70",
            "\u0a26\u0a71\u0a38\u0a4b",
        ]
    )
    paragraph = TextParagraph(spans(text, "pa"), style())
    pdf = tagged_pdf(paragraph, 120)
    assert len(paragraph.lines()) == 2
    copied = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
    first, second = copied.split("\r\n")
    assert first.endswith(" ") and not first.endswith("  ")  # the words do not run together
    assert (first + second).split() == text.split()
    assert not second.endswith(" ")


def test_a_list_bullet_is_not_a_link():
    item = TextParagraph(
        spans("word"), style(leftIndent=20, bulletIndent=5), bullet=spans("\u2022")
    )
    page = pypdf.PdfReader(io.BytesIO(drawn_pdf((item, 200, 50)))).pages[0]
    assert page.extract_text().split() == ["\u2022", "word"]
    assert "/Annots" not in page


def test_the_two_halves_of_a_right_to_left_line_read_back_as_separate_words():
    """Two paragraphs on one baseline (the footer's halves on an Arabic page): pypdf reads a
    space between them, not one word made of both."""
    left = TextParagraph(spans("Kineret 100 mg", "ar"), style(), rtl=True)
    right = TextParagraph(spans("\u0635\u0641\u062d\u0629 \u0661", "ar"), style(), rtl=True)
    pdf = drawn_pdf((right, 120, 300), (left, 120, 50))
    words = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split()
    assert "Kineret" in words and "mg" in words


def test_a_link_whose_words_have_no_slash_is_still_cut_to_fit():
    """A link's text may be words, not its address: a long one is cut like any word."""
    from handout.markup import spans as run_spans
    from handout.model import Run

    word = "Medicationguide" * 3
    runs = (Run(word, href="https://a.example/x"),)
    items = pieces(run_spans(runs, fonts.chain_for("en")), False, SIZE)
    lines = ["".join(p.text for p in line) for line in break_lines(items, width(word) / 3, SIZE)]
    assert "".join(lines) == word
    assert len(lines) >= 3


def test_a_cut_word_s_next_span_goes_on_the_line_where_the_cut_ends_when_it_fits():
    """The end of a long first span, then a short second span of the same word: they share
    the last line (a cut never leaves a line shorter than it needs)."""
    word = [Span("a" * 30, "NotoSans", stroked=True), Span("bb", "NotoSans")]
    spans("a")  # registers the face
    lines = break_lines(pieces(word, False, SIZE), width("a" * 12) + 0.01, SIZE)
    assert ["".join(p.text for p in line) for line in lines] == ["a" * 12, "a" * 12, "a" * 6 + "bb"]


def test_a_web_address_inside_an_arabic_sentence_has_one_space_on_each_side():
    """Right to left, as the reader sees it: the words, then the address as typed, each with
    its own space (the address is isolated exactly, not with the space beside it)."""
    from handout.markup import spans as run_spans
    from handout.model import Run
    from handout.text import visual

    url = "https://a.example/x"
    runs = (Run("زوروا "), Run(url, href=url), Run(" كل يوم"))
    items = pieces(run_spans(runs, fonts.chain_for("ar")), True, SIZE)
    (line,) = break_lines(items, 1000, SIZE)
    assert [p.text for p in visual(line)] == ["يوم", " ", "كل", " ", url, " ", "زوروا"]
