"""Type sizes, colours and paragraph styles, derived from one body size so that standard and
large print keep the same proportions."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from handout.fonts import Family, register

INK = HexColor("#1A1A1A")
ACCENT = HexColor("#0B4F6C")
MUTED = HexColor("#4A4A4A")
RULE = HexColor("#9AA5AD")
DRAFT = HexColor("#B3261E")
WATERMARK = Color(0.55, 0.55, 0.55, alpha=0.2)  # see-through: a light grey over the page


class CalloutLook(NamedTuple):
    """How a kind of callout looks. The kinds differ in form, not only in colour, so that they
    stay apart on a greyscale laser print: call-doctor has a solid title band with reversed
    text and a telephone, warning a tinted band and a triangle, info no band and an "i"."""

    color: Color  # border, band and icon
    tint: Color  # background of the body: light enough for black text (WCAG AA)
    icon: str  # "phone", "triangle" or "circle"
    band: Color | None  # the title band's fill; None: the title sits on the tint
    border: float  # border width in points


CALLOUTS = {
    "call-doctor": CalloutLook(
        HexColor("#A4221B"), HexColor("#FFFFFF"), "phone", HexColor("#A4221B"), 2.4
    ),
    "warning": CalloutLook(
        HexColor("#7A4A00"), HexColor("#FFF6E3"), "triangle", HexColor("#F5D58C"), 1.2
    ),
    "info": CalloutLook(HexColor("#0B4F6C"), HexColor("#EAF3F7"), "circle", None, 0.7),
}
KEY_POINTS = CalloutLook(ACCENT, HexColor("#F1F5F7"), "", None, 1.2)


class Theme(NamedTuple):
    """Everything about the look that depends on the print size."""

    body: float  # body text size in points
    margin: float  # left and right page margins, in points: they set the measure
    qr_size: float  # the code itself, without its quiet zone
    floor: float  # the smallest type on the page (footer, hints), in points
    head: float  # the top margin, in points
    space: float = 1.0  # a factor on the space between blocks: below 1 to save a page
    line: float = 1.35  # leading, as a multiple of the body size (CNIB: 1.25-1.3 and up)

    @property
    def leading(self) -> float:
        return round(self.body * self.line, 1)

    @property
    def small(self) -> float:
        return max(self.floor, round(self.body * 0.72, 1))

    # Page furniture sits in the margins but never nearer the sheet's edge than EDGE.
    def footer_rule(self, lines: int) -> float:
        """The rule above a footer of `lines` lines."""
        return EDGE + lines * self.small * 1.25 + self.small * 0.5

    def bottom(self, lines: int) -> float:
        """Where the text frame ends: above the footer and its rule."""
        return self.footer_rule(lines) + self.small * 1.3

    def top(self, draft: bool) -> float:
        """The frame's distance from the top edge; a draft's notice line needs room."""
        return max(self.head, EDGE + self.small * 2.6) if draft else self.head


EDGE = 15 * mm
# Standard print: 13 pt body on a column of about 34 em (440 pt on Letter, 425 pt on A4), so
# that lines hold 55-75 characters; the wide margins are room for notes. Large print: 18 pt,
# 16 pt at the least (RNIB), on nearly the whole sheet.
STANDARD = Theme(body=13, margin=30 * mm, qr_size=27 * mm, floor=10, head=19 * mm)
LARGE = Theme(body=18, margin=16 * mm, qr_size=36 * mm, floor=16, head=16 * mm)


@cache
def styles(theme: Theme, chain: tuple[Family, ...]) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a handout in the script of this font chain."""
    main = chain[0]
    font, bold = register(main.face(False, False)), register(main.face(True, False))
    b, lead, rtl, sp = theme.body, theme.leading, main.rtl, theme.space
    small = theme.small + 1
    base = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=b,
        leading=lead,
        textColor=INK,
        alignment=TA_RIGHT if main.rtl else TA_LEFT,  # right-to-left pages: see text.py
        spaceAfter=lead * 0.45 * sp,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    indent = b * 1.5
    side = {"rightIndent": indent} if rtl else {"leftIndent": indent}
    return {
        "body": base,
        "kicker": derive(
            "kicker",
            fontName=bold,
            fontSize=small,
            leading=small * 1.45,
            textColor=ACCENT,
            spaceAfter=0,
        ),
        "title": derive(
            "title",
            fontName=bold,
            fontSize=b * 2.9,
            leading=b * 3.3,
            textColor=ACCENT,
            spaceAfter=0,
        ),
        "subtitle": derive(
            "subtitle", fontSize=b * 1.45, leading=b * 1.9, textColor=MUTED, spaceAfter=0
        ),
        "meta": derive(
            "meta",
            fontSize=small,
            leading=small * 1.35,
            textColor=MUTED,
            spaceBefore=b * 0.4,
            spaceAfter=0,
        ),
        "h2": derive(
            "h2",
            fontName=bold,
            fontSize=b * 1.38,
            leading=b * 1.7,
            textColor=ACCENT,
            spaceBefore=b * 0.95 * sp,
            spaceAfter=b * 0.4 * sp,
        ),
        "item": derive(
            "item", bulletIndent=b * 0.35, bulletFontName=font, spaceAfter=lead * 0.15 * sp, **side
        ),
        "item_last": derive(
            "item_last",
            bulletIndent=b * 0.35,
            bulletFontName=font,
            spaceAfter=lead * 0.45 * sp,
            **side,
        ),
        "callout_title": derive(
            "callout_title", fontName=bold, fontSize=b * 1.1, leading=b * 1.4, spaceAfter=0
        ),
        "callout_band": derive(  # reversed: white on the solid band of a call-doctor box
            "callout_band",
            fontName=bold,
            fontSize=b * 1.1,
            leading=b * 1.4,
            spaceAfter=0,
            textColor=white,
        ),
        "qr_caption": derive("qr_caption", fontName=bold, spaceAfter=lead * 0.25),
        "qr_text": derive(
            "qr_text", fontSize=small, leading=small * 1.35, textColor=MUTED, spaceAfter=0
        ),
        "qr_url": derive("qr_url", spaceAfter=0),
        "source": derive(
            "source",
            fontSize=small,
            leading=small * 1.4,
            textColor=MUTED,
            spaceBefore=b * 0.8 * sp,
            spaceAfter=0,
        ),
    }
