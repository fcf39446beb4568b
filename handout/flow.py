"""Flowables that break between pages only where a print designer would.

ReportLab's KeepTogether keeps a group whole or splits it anywhere, and does not nest, so a
heading kept with a long callout either leaves a hole or falls apart. Here a `Stack` holds the
blocks of a section (or of a box) and knows, for each of its children, whether a page may end
after it: never after a heading or a lead-in (a child marked `glue`), never after the first
item of a list or before its last one; a list item is split only when it is taller than a
fifth of a page (its `whole`). When it must break, it breaks inside the child that
crosses the page foot (a paragraph keeps two lines each side, see text.py), else at the last
place a break is allowed. A `Box` (a callout, the key points, a QR block) splits through its
stack and repeats its title on the next page with a "continued" cue; a `Beside` (a QR code and
its words) splits its words column and keeps the code with the first part.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from handout.styles import CalloutLook
from handout.tagging import artifact

EPSILON = 1e-6


def glued(flowable: Flowable) -> bool:
    """Whether a page must not end right after this flowable."""
    return bool(getattr(flowable, "glue", False))


class Stack(Flowable):
    """Children one under the other, with the space each asks for between them."""

    def __init__(self, children: list[Flowable]) -> None:
        super().__init__()
        self.children = children
        self._tops: list[float] = []
        self._heights: list[float] = []
        self.glue = glued(children[-1])

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return self.children[0].getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.children[-1].getSpaceAfter()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self._tops, self._heights = [], []
        y = 0.0
        for i, child in enumerate(self.children):
            if i:
                y += self.children[i - 1].getSpaceAfter() + child.getSpaceBefore()
            _, h = child.wrapOn(self.canv, avail_width, avail_height)
            self._tops.append(y)
            self._heights.append(h)
            y += h
        self.height = y
        return avail_width, y

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        parts = self.cut(avail_width, avail_height)
        if parts is None:
            return []
        first, rest = parts
        return [Stack(first), Stack(rest)] if first and rest else []

    def cut(
        self, avail_width: float, avail_height: float
    ) -> tuple[list[Flowable], list[Flowable]] | None:
        """The children before and after the best allowed page break within avail_height."""
        kids, tops, heights = self.children, self._tops, self._heights
        crossing = next(
            (i for i, h in enumerate(heights) if tops[i] + h > avail_height + EPSILON), None
        )
        if crossing is None:
            return None
        # inside the child that crosses the foot
        inside = self._split_child(crossing, avail_width, avail_height - tops[crossing])
        if inside is not None:
            return inside
        # else after the last child that a page may end with; a glued child may still split so
        # that its tail goes over with what it is glued to
        for j in range(crossing - 1, -1, -1):
            if not glued(kids[j]):
                return kids[: j + 1], kids[j + 1 :]
            room = min(avail_height - tops[j], heights[j] - EPSILON)
            inside = self._split_child(j, avail_width, room)
            if inside is not None:
                return inside
        return None

    def _split_child(
        self, i: int, avail_width: float, room: float
    ) -> tuple[list[Flowable], list[Flowable]] | None:
        if room <= 0 or self._heights[i] <= getattr(self.children[i], "whole", 0.0):
            return None  # a child no taller than its `whole` is never split (a list item)
        parts = self.children[i].splitOn(self.canv, avail_width, room)
        if len(parts) < 2:
            return None
        _, h = parts[0].wrapOn(self.canv, avail_width, room)
        if h > room + EPSILON:
            return None
        return self.children[:i] + parts[:1], parts[1:] + self.children[i + 1 :]

    def draw(self) -> None:
        for child, top, h in zip(self.children, self._tops, self._heights, strict=True):
            child.drawOn(self.canv, 0, self.height - top - h)


class Beside(Flowable):
    """A fixed figure (a QR code) beside a stack of words, both centred on each other; the
    figure on the start side of the line. Splits the words, the figure staying with the first
    part: a caption too long for a page is never a LayoutError."""

    def __init__(
        self, figure: Flowable | None, words: Stack, figure_width: float, gap: float, rtl: bool
    ) -> None:
        super().__init__()
        self.figure, self.words, self.figure_width = figure, words, figure_width
        self.gap, self.rtl = gap, rtl

    def _words_width(self, avail_width: float) -> float:
        return avail_width - self.figure_width - self.gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _, self._words_h = self.words.wrapOn(self.canv, self._words_width(avail_width), 1e9)
        self._figure_h = self.figure.wrapOn(self.canv, 0, 0)[1] if self.figure else 0.0
        self.height = max(self._words_h, self._figure_h)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self._figure_h > avail_height + EPSILON:
            return []
        parts = self.words.splitOn(self.canv, self._words_width(avail_width), avail_height)
        if len(parts) < 2:
            return []
        first, rest = parts
        return [
            Beside(self.figure, first, self.figure_width, self.gap, self.rtl),
            Beside(None, rest, self.figure_width, self.gap, self.rtl),
        ]

    def draw(self) -> None:
        words_x = 0.0 if self.rtl else self.figure_width + self.gap
        figure_x = self.width - self.figure_width if self.rtl else 0.0
        if self.figure is not None:
            self.figure.drawOn(self.canv, figure_x, (self.height - self._figure_h) / 2)
        self.words.drawOn(self.canv, words_x, (self.height - self._words_h) / 2)


class Box(Flowable):
    """A bordered box with an optional title row (icon and title) over a stack of content.

    A box no taller than `keep` points is kept whole; a taller one splits through its stack,
    and the next part opens with `continued()` (the title and a "continued" cue, drawn as an
    artifact: the title is in the structure tree once)."""

    def __init__(
        self,
        look: CalloutLook,
        title: Flowable | None,
        content: Stack,
        pad: float,
        rtl: bool,
        keep: float,
        continued: Callable[[], Flowable | None],
        space_after: float,
        bar: float = 0.0,
    ) -> None:
        super().__init__()
        self.look, self.title, self.content, self.pad, self.rtl = look, title, content, pad, rtl
        self.keep, self.continued, self.bar = keep, continued, bar
        self.spaceAfter = space_after

    @property
    def _banded(self) -> bool:
        return self.title is not None and self.look.band is not None

    def _inner(self, avail_width: float) -> float:
        return avail_width - 2 * self.pad - self.bar

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, inner, pad = avail_width, self._inner(avail_width), self.pad
        self._title_h = self.title.wrapOn(self.canv, inner, 1e9)[1] if self.title else 0.0
        self._content_h = self.content.wrapOn(self.canv, inner, 1e9)[1]
        # band: from the box's top to below the title; then a gap before the content
        self._band_h = self._title_h + pad * 1.3 if self.title else 0.0
        head = self._band_h + (pad * 0.6 if self._banded else 0.0) if self.title else pad * 0.7
        self._head = head
        self.height = head + self._content_h + pad * 0.8
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.height <= self.keep:
            return []
        room = avail_height - self._head - self.pad * 0.8
        parts = self.content.splitOn(self.canv, self._inner(avail_width), room)
        if len(parts) < 2:
            return []
        first, rest = parts
        args = (self.pad, self.rtl, 0.0, self.continued, self.spaceAfter, self.bar)
        return [
            Box(self.look, self.title, first, *args),
            Box(self.look, self.continued(), rest, *args),
        ]

    def draw(self) -> None:
        c, w, h, pad, look = self.canv, self.width, self.height, self.pad, self.look
        with artifact(c):
            c.saveState()
            c.setStrokeColor(look.color)
            c.setFillColor(look.tint)
            c.setLineWidth(look.border)
            inset = look.border / 2  # the border inside the box's width
            c.rect(inset, inset, w - 2 * inset, h - 2 * inset, stroke=0, fill=1)
            if self._banded:
                c.setFillColor(look.band)
                c.rect(0, h - self._band_h, w, self._band_h, stroke=0, fill=1)
            if self.bar:
                c.setFillColor(look.color)
                c.rect(w - self.bar if self.rtl else 0, 0, self.bar, h, stroke=0, fill=1)
            c.rect(inset, inset, w - 2 * inset, h - 2 * inset, stroke=1, fill=0)
            c.restoreState()
        x = pad if self.rtl else pad + self.bar
        if self.title is not None:
            self.title.drawOn(c, x, h - pad * 0.65 - self._title_h)
        self.content.drawOn(c, x, pad * 0.8)


class TitleRow(Flowable):
    """An icon and a title beside it, on the start side of the line; `decoration` draws the
    title as an artifact (a repeated title on a box's next page)."""

    def __init__(self, icon: Flowable | None, title: Flowable, gap: float, rtl: bool) -> None:
        super().__init__()
        self.icon, self.text, self.gap, self.rtl = icon, title, gap, rtl
        self.decoration = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        room = self.icon.width + self.gap if self.icon else 0.0
        _, self._text_h = self.text.wrapOn(self.canv, avail_width - room, avail_height)
        self._icon_h = self.icon.height if self.icon else 0.0
        self.height = max(self._text_h, self._icon_h)
        return avail_width, self.height

    def draw(self) -> None:
        c, room = self.canv, (self.icon.width + self.gap if self.icon else 0.0)
        if self.icon is not None:
            x = self.width - self.icon.width if self.rtl else 0.0
            self.icon.drawOn(c, x, (self.height - self._icon_h) / 2)
        x = 0.0 if self.rtl else room
        y = (self.height - self._text_h) / 2
        if self.decoration:
            with artifact(c):
                self.text.drawOn(c, x, y)
        else:
            self.text.drawOn(c, x, y)


class Icon(Flowable):
    """A callout's mark, different in shape for each kind: a telephone (call-doctor), a
    triangle with "!" (warning), a circle with "i" (info). Drawn in `color`, with the inner
    mark in `ink`."""

    def __init__(self, shape: str, color: Color, ink: Color, size: float) -> None:
        super().__init__()
        self.shape, self.color, self.ink = shape, color, ink
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, s = self.canv, self.width
        with artifact(c):  # decoration: the callout's title says what it is
            c.saveState()
            c.setFillColor(self.color)
            if self.shape == "triangle":
                path = c.beginPath()
                path.moveTo(s / 2, s * 0.98)
                path.lineTo(s * 1.02, s * 0.08)
                path.lineTo(-s * 0.02, s * 0.08)
                path.close()
                c.drawPath(path, stroke=0, fill=1)
                self._mark(s * 0.2, dot_first=False)
            elif self.shape == "phone":
                c.circle(s / 2, s / 2, s / 2, stroke=0, fill=1)
                self._handset()
            else:
                c.circle(s / 2, s / 2, s / 2, stroke=0, fill=1)
                self._mark(s * 0.2, dot_first=True)
            c.restoreState()

    def _mark(self, bottom: float, dot_first: bool) -> None:
        """An "i" (dot above a stem) or a "!" (stem above a dot), drawn as shapes."""
        c, s = self.canv, self.width
        c.setFillColor(self.ink)
        stem, dot = s * 0.13, s * 0.075
        x = s / 2
        if dot_first:  # i
            c.roundRect(x - stem / 2, bottom, stem, s * 0.36, stem * 0.2, stroke=0, fill=1)
            c.circle(x, bottom + s * 0.5, dot, stroke=0, fill=1)
        else:  # !
            c.circle(x, bottom + dot, dot, stroke=0, fill=1)
            top = bottom + s * 0.22
            c.roundRect(x - stem / 2, top, stem, s * 0.38, stem * 0.3, stroke=0, fill=1)

    def _handset(self) -> None:
        """A telephone handset: a curved grip with an ear and a mouth piece, tilted."""
        c, s = self.canv, self.width
        c.setStrokeColor(self.ink)
        c.setFillColor(self.ink)
        c.translate(s / 2, s / 2)
        c.rotate(-45)
        r = s * 0.24
        c.setLineWidth(s * 0.12)
        path = c.beginPath()
        path.arc(-r, -r, r, r, 105, 150)
        c.drawPath(path, stroke=1, fill=0)
        for angle in (105, 255):  # the pieces point inwards, towards the face
            c.saveState()
            c.rotate(angle)
            c.roundRect(r * 0.55, -s * 0.1, r * 0.75, s * 0.2, s * 0.06, stroke=0, fill=1)
            c.restoreState()
