"""Type sizes, colours and paragraph styles, derived from one body size so that standard and
large print keep the same proportions."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from reportlab.lib.colors import Color, HexColor
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

# Callout kinds: (border/icon colour, background tint, icon glyph). Tints are light enough to
# keep black text well above WCAG AA contrast, also when printed in greyscale.
CALLOUTS = {
    "call-doctor": (HexColor("#B3261E"), HexColor("#FCEDEB"), "!"),
    "warning": (HexColor("#8A5300"), HexColor("#FFF4DE"), "!"),
    "info": (HexColor("#0B4F6C"), HexColor("#E7F1F6"), "i"),
}


class Theme(NamedTuple):
    """Everything about the look that depends on the print size."""

    body: float  # body text size in points
    margin: float  # page margin (left, right, top) in points
    qr_size: float  # the code itself, without its quiet zone

    @property
    def leading(self) -> float:
        return round(self.body * 1.35, 1)

    @property
    def small(self) -> float:
        return max(9.0, round(self.body * 0.72, 1))

    # Page furniture sits in the margins but never nearer the sheet's edge than EDGE.
    @property
    def footer_baseline(self) -> float:
        return EDGE + self.small * 0.3

    @property
    def footer_rule(self) -> float:
        return self.footer_baseline + self.small * 1.45

    @property
    def bottom(self) -> float:
        """Where the text frame ends: above the footer and its rule."""
        return self.footer_rule + self.small * 1.3

    def top(self, draft: bool) -> float:
        """The frame's distance from the top edge; a draft's notice line needs room."""
        return max(self.margin, EDGE + self.small * 2.6) if draft else self.margin


EDGE = 15 * mm
STANDARD = Theme(body=13, margin=19 * mm, qr_size=27 * mm)
LARGE = Theme(body=18, margin=16 * mm, qr_size=36 * mm)


@cache
def styles(theme: Theme, chain: tuple[Family, ...]) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a handout in the script of this font chain."""
    main = chain[0]
    font, bold = register(main.face(False, False)), register(main.face(True, False))
    b, lead, rtl = theme.body, theme.leading, main.rtl
    base = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=b,
        leading=lead,
        textColor=INK,
        alignment=TA_RIGHT if main.rtl else TA_LEFT,  # right-to-left pages: see text.py
        spaceAfter=lead * 0.45,
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
            fontSize=theme.small + 1,
            leading=theme.small * 1.6,
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
            fontSize=theme.small + 1,
            leading=(theme.small + 1) * 1.35,
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
            spaceBefore=b * 0.95,
            spaceAfter=b * 0.4,
            keepWithNext=1,
        ),
        "item": derive(
            "item", bulletIndent=b * 0.35, bulletFontName=font, spaceAfter=lead * 0.15, **side
        ),
        "item_last": derive(
            "item_last", bulletIndent=b * 0.35, bulletFontName=font, spaceAfter=lead * 0.45, **side
        ),
        "callout_title": derive(
            "callout_title", fontName=bold, fontSize=b * 1.1, leading=b * 1.4, spaceAfter=0
        ),
        "qr_caption": derive("qr_caption", fontName=bold, spaceAfter=lead * 0.25),
        "qr_text": derive(
            "qr_text",
            fontSize=theme.small + 1,
            leading=(theme.small + 1) * 1.35,
            textColor=MUTED,
            spaceAfter=0,
        ),
        "qr_url": derive("qr_url", spaceAfter=0),
        "source": derive(
            "source",
            fontSize=theme.small + 1,
            leading=(theme.small + 1) * 1.4,
            textColor=MUTED,
            spaceBefore=b * 0.8,
        ),
    }
