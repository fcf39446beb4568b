"""Inline text: only **bold**, *italic* and [text](url) are interpreted; everything else prints
as typed, and nothing runs off the page."""

from __future__ import annotations

import pypdf
import pypdfium2
import pytest
from conftest import (
    POINTS_PER_MM,
    body_text,
    build,
    minimal,
    norm,
    squash,
    text_pieces,
    write_content,
)

from handout.typography import typeset

LITERAL = 'Use <b>this</b> & <img src="/etc/passwd"/> a < b'
LITERAL_2 = "Also a <b and c &amp; d </para> <font color=red>"
LINK_URL = "https://example.org/x"


@pytest.fixture(scope="module")
def markup_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("markup")
    blocks = f"""
        - '{LITERAL}'
        - '{LITERAL_2}'
        - See [our site]({LINK_URL}) today.
        - Take it **strongword** and *slantword* every day.
    """
    return build(write_content(folder, minimal(blocks)), folder / "out")


def test_markup_characters_print_literally(markup_pdf):
    text = body_text(markup_pdf)
    assert norm(typeset(LITERAL, "en")) in text  # as typed, with typographic quotes
    assert norm(typeset(LITERAL_2, "en")) in text


def test_img_tag_embeds_no_image(markup_pdf):
    reader = pypdf.PdfReader(markup_pdf)
    assert not any(page.images for page in reader.pages)
    assert b"/Subtype /Image" not in markup_pdf.read_bytes()


def test_bold_and_italic_are_interpreted(markup_pdf):
    text = body_text(markup_pdf)
    assert "Take it strongword and slantword every day." in text
    fonts = {}
    for page in pypdf.PdfReader(markup_pdf).pages:
        for piece, font, _, _ in text_pieces(page):
            for word in ("strongword", "slantword", "Take"):
                if word in piece:
                    fonts[word] = font
    assert "Bold" in fonts["strongword"] and "Italic" not in fonts["strongword"]
    assert "Italic" in fonts["slantword"] and "Bold" not in fonts["slantword"]
    assert "Bold" not in fonts["Take"] and "Italic" not in fonts["Take"]


def test_link_is_a_clickable_annotation_on_its_words(markup_pdf):
    reader = pypdf.PdfReader(markup_pdf)
    links = [
        (index, annot.get_object())
        for index, page in enumerate(reader.pages)
        for annot in page.get("/Annots", [])
        if annot.get_object()["/Subtype"] == "/Link"
    ]
    ours = [(i, a) for i, a in links if a.get("/A", {}).get("/URI") == LINK_URL]
    assert len(ours) == 1, links
    index, annot = ours[0]
    assert "our site" in norm(reader.pages[index].extract_text())
    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
    textpage = pypdfium2.PdfDocument(markup_pdf)[index].get_textpage()
    hit = textpage.search("our site").get_next()
    assert hit
    for i in range(hit[0], hit[0] + hit[1]):
        left, bottom, right, top = textpage.get_charbox(i)
        if right > left:
            assert x0 <= (left + right) / 2 <= x1 and y0 <= (bottom + top) / 2 <= y1


WORD = "pneumono" + "x" * 292  # 300 characters, no break opportunity
URL = "https://example.org/" + "y" * 180  # 200 characters
assert len(WORD) == 300 and len(URL) == 200

LONG = f"""
    - "Before {WORD} and {URL} after."
    - bullets:
        - "Item {WORD} and {URL} end"
    - callout:
        kind: warning
        title: Long words
        blocks:
          - "Inside {WORD} and {URL} end"
    - qr:
        url: {URL}
        caption: A long link
"""


@pytest.mark.parametrize("options", [[], ["--large-print"], ["--paper", "a4"]])
def test_long_word_and_url_stay_on_the_page(tmp_path, options):
    pdf = build(write_content(tmp_path, minimal(LONG)), tmp_path / "out", *options)
    text = squash(body_text(pdf))  # without footers: a paragraph may run on to the next page
    text = text.replace(squash("Long words (continued)"), "")  # the box's title, repeated
    assert text.count(WORD) == 3
    assert text.count(URL) >= 4  # paragraph, bullet, callout, and printed beside the QR code
    margin = 15 * POINTS_PER_MM
    for page in pypdfium2.PdfDocument(pdf):
        width, _ = page.get_size()
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            left, _, right, _ = textpage.get_charbox(i)
            if right <= left:
                continue  # a space or line break pdfium made up: nothing is drawn
            # inside the page, and inside its 15 mm side margins
            assert left >= margin and right <= width - margin, textpage.get_text_range(i, 1)
