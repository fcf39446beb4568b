"""Letters with stacked marks (Vietnamese ệ, ở, ữ): drawn as the font's precomposed glyphs,
whose marks the type designer placed, even when the content file has them decomposed (a
base letter and combining marks, as some systems type them). Drawn one after another
without shaping, the marks of a decomposed letter collide."""

from __future__ import annotations

import unicodedata

import pypdfium2
from conftest import build, minimal, write_content

TEXT = "Hãy báo cho bác sĩ biết mọi lần bị sốt và nhiễm trùng. Tiếng Việt, người, những."


def page_chars(pdf) -> str:
    return "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf))


def test_decomposed_vietnamese_is_drawn_composed(tmp_path):
    nfd = unicodedata.normalize("NFD", TEXT)
    assert nfd != TEXT and any(unicodedata.combining(c) for c in nfd)
    content = write_content(tmp_path, minimal(f'- "{nfd}"', language="vi"))
    drawn = page_chars(build(content, tmp_path / "out"))
    assert not [c for c in drawn if unicodedata.combining(c)], "a mark drawn on its own"
    assert TEXT in " ".join(drawn.split())  # the same words, each letter one glyph
