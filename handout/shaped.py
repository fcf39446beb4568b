"""Paragraphs in shaped scripts (Arabic, Gurmukhi), laid out here rather than by ReportLab.

Why not ReportLab's Paragraph: it shapes each space-delimited word with the font of the word's
first fragment, so a word that changes font part-way ("Kineret؟", "IL-1ਦਾ") is drawn with
missing glyphs, and its right-to-left path drops spaces and misorders words that have several
fragments. Here every piece of text has one font and one bidi level; it is shaped on its own
by HarfBuzz (through ReportLab's `shapeStr`); lines are broken in logical order, and each line
is put in visual order by UAX #9 rule L2, with mirroring (L4) for neutral characters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from handout.markup import LINK_COLOR, Span
from handout.rlbidi import levels

_LINK = HexColor(LINK_COLOR)


@dataclass(frozen=True)
class Piece:
    """A run of one span at one bidi level, ready to draw."""

    span: Span
    text: str  # logical order
    level: int
    glyphs: str  # what is drawn: a ReportLab ShapedStr, or plain text
    width: float

    @property
    def space(self) -> bool:
        return self.text.isspace()


def _strong_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _piece(span: Span, text: str, level: int, size: float) -> Piece:
    drawn = text
    if level % 2 and not _strong_rtl(text):
        # Neutrals (and Latin forced right to left) in a right-to-left run: HarfBuzz sees no
        # right-to-left script in them, so reverse and mirror them ourselves (UAX #9 L2, L4).
        from bidi.mirror import MIRRORED

        drawn = "".join(MIRRORED.get(c, c) for c in reversed(text))
    font = getFont(span.face)
    if not text.isspace() and getattr(font, "shapable", False):
        from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

        glyphs = shapeStr(drawn, span.face, size)
        if isinstance(glyphs, ShapedStr):
            width = sum(d.x_advance for d in glyphs.__shapeData__) * size / 1000
            return Piece(span, text, level, glyphs, width)
    return Piece(span, text, level, drawn, stringWidth(drawn, span.face, size))


def pieces(parts: list[Span], rtl: bool, size: float) -> list[Piece]:
    """Split spans where the bidi level or spacing changes, and shape each piece."""
    text = "".join(p.text for p in parts)
    level = levels(text, rtl)
    out: list[Piece] = []
    pos = 0
    for span in parts:
        start = pos
        end = pos + len(span.text)
        for i in range(pos + 1, end + 1):
            if i == end or level[i] != level[start] or text[i].isspace() != text[start].isspace():
                out.append(_piece(span, text[start:i], level[start], size))
                start = i
        pos = end
    return out


def break_lines(items: list[Piece], width: float, size: float) -> list[list[Piece]]:
    """Greedy line breaking at spaces, in logical order; over-long words are cut to fit."""
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    used = 0.0
    words: list[list[Piece]] = []
    for item in items:
        if item.space or not words or words[-1][-1].space:
            words.append([item])
        else:
            words[-1].append(item)
    for word in words:
        w = sum(p.width for p in word)
        if word[0].space:
            if line:
                line.append(word[0])
                used += w
            continue
        if line and used + w > width:
            lines.append(_trim(line))
            line, used = [], 0.0
        if w > width:
            for chunk in _cut(word, width, size):
                if line:
                    lines.append(_trim(line))
                line, used = chunk, sum(p.width for p in chunk)
            continue
        line.extend(word)
        used += w
    if line:
        lines.append(_trim(line))
    return lines or [[]]


def _trim(line: list[Piece]) -> list[Piece]:
    while line and line[-1].space:
        line = line[:-1]
    return line


def _cut(word: list[Piece], width: float, size: float) -> list[list[Piece]]:
    """Cut a word wider than the line into chunks that fit (long URLs, long compounds)."""
    chunks: list[list[Piece]] = [[]]
    used = 0.0
    for piece in word:
        rest = piece.text
        while rest:

            def part(n: int, piece: Piece = piece, rest: str = rest) -> Piece:
                return _piece(piece.span, rest[:n], piece.level, size)

            fits = len(rest)
            while fits > 1 and used + part(fits).width > width:
                fits -= 1
            if used and used + part(fits).width > width:
                chunks.append([])
                used = 0.0
                continue
            chunk = part(fits)
            chunks[-1].append(chunk)
            used += chunk.width
            rest = rest[fits:]
    return [c for c in chunks if c]


def visual(line: list[Piece]) -> list[Piece]:
    """UAX #9 rule L2: reverse runs at each level from the highest to the lowest odd one."""
    order = list(line)
    if not order:
        return order
    highest = max(p.level for p in order)
    odd = [p.level for p in order if p.level % 2]
    if not odd:
        return order
    for lvl in range(highest, min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if order[i].level >= lvl:
                j = i
                while j < len(order) and order[j].level >= lvl:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


class ShapedParagraph(Flowable):
    """A paragraph (or list item, with `bullet`) of shaped, possibly right-to-left, text."""

    def __init__(
        self,
        parts: list[Span],
        style: ParagraphStyle,
        rtl: bool,
        bullet: list[Span] | None = None,
        lines: list[list[Piece]] | None = None,
    ) -> None:
        super().__init__()
        self.parts, self.style, self.rtl, self.bullet = parts, style, rtl, bullet
        self._lines = lines
        self._for_width: float | None = None if lines is None else -1.0

    @property
    def text_width(self) -> float:
        return self.width - self.style.leftIndent - self.style.rightIndent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if self._lines is None or self._for_width not in (avail_width, -1.0):
            items = pieces(self.parts, self.rtl, self.style.fontSize)
            self._lines = break_lines(items, self.text_width, self.style.fontSize)
            self._for_width = avail_width
        self.height = len(self._lines) * self.style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        lines = self._lines
        fit = int((avail_height + 1e-6) // self.style.leading)
        fit = min(fit, len(lines) - 2)  # no widow
        if fit < 2:  # no orphan
            return []
        first = ShapedParagraph(self.parts, self.style, self.rtl, self.bullet, lines[:fit])
        rest = ShapedParagraph(self.parts, self.style, self.rtl, None, lines[fit:])
        first.spaceAfter = rest.spaceBefore = 0
        for half in (first, rest):
            half.__dict__.update({k: v for k, v in self.__dict__.items() if k in ("role", "label")})
        return [first, rest]

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        size, leading = style.fontSize, style.leading
        canvas.saveState()
        for n, line in enumerate(self._lines):
            y = self.height - size - n * leading
            width = sum(p.width for p in line)
            x = style.leftIndent
            if style.alignment == TA_RIGHT:
                x += self.text_width - width
            elif style.alignment == TA_CENTER:
                x += (self.text_width - width) / 2
            for piece in visual(line):
                self._draw_piece(piece, x, y)
                x += piece.width
            if n == 0 and self.bullet:
                self._draw_bullet(y)
        canvas.restoreState()

    def _draw_piece(self, piece: Piece, x: float, y: float) -> None:
        canvas, size = self.canv, self.style.fontSize
        if piece.space:
            return
        canvas.setFillColor(_LINK if piece.span.href else self.style.textColor)
        canvas.setFont(piece.span.face, size)
        canvas.drawString(x, y, piece.glyphs)
        if piece.span.underline:
            canvas.setStrokeColor(_LINK if piece.span.href else self.style.textColor)
            canvas.setLineWidth(size * 0.06)
            canvas.line(x, y - size * 0.14, x + piece.width, y - size * 0.14)
        if piece.span.href:
            rect = (x, y - size * 0.3, x + piece.width, y + size * 0.9)
            canvas.linkURL(piece.span.href, rect, relative=1, thickness=0)

    def _draw_bullet(self, y: float) -> None:
        style = self.style
        items = visual(pieces(self.bullet, self.rtl, style.fontSize))
        width = sum(p.width for p in items)
        x = self.width - style.bulletIndent - width if self.rtl else style.bulletIndent
        for piece in items:
            self._draw_piece(piece, x, y)
            x += piece.width
