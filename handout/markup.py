"""Inline runs (plain data) -> spans in one font each -> ReportLab paragraph markup.

All content text is escaped here: the only tags in the markup are the ones this module writes.
"""

from __future__ import annotations

from typing import NamedTuple

from handout import fonts
from handout.model import Run

LINK_COLOR = "#0B4F6C"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


class Span(NamedTuple):
    """Text drawn in one registered face; `underline` marks links, and bold where the face
    has no bold of its own (Droid Sans Fallback), so emphasis is never lost."""

    text: str
    face: str
    href: str | None = None
    underline: bool = False


def escape(text: str) -> str:
    """Text as ReportLab markup shows it literally (xml.sax's escape costs 13 ms of imports)."""
    return text.translate(_ESCAPES)


def spans(runs: tuple[Run, ...], chain: tuple[fonts.Family, ...], bold: bool = False) -> list[Span]:
    """Split inline runs by font; `bold` makes the whole text bold (headings, titles)."""
    out = []
    for run in runs:
        for family, part in fonts.segments(run.text, chain):
            weight = bold or run.bold
            face = fonts.register(family.face(weight, run.italic))
            emphasis = run.bold and not bold and family.bold is None
            out.append(Span(part, face, run.href, bool(run.href) or emphasis))
    return out


def text_spans(text: str, chain: tuple[fonts.Family, ...], bold: bool = False) -> list[Span]:
    return spans((Run(text),), chain, bold)


def to_markup(parts: list[Span]) -> str:
    out = []
    for span in parts:
        body = f'<font face="{span.face}">{escape(span.text)}</font>'
        if span.underline:
            body = f"<u>{body}</u>"
        if span.href:
            body = f'<a href="{escape(span.href)}" color="{LINK_COLOR}">{body}</a>'
        out.append(body)
    return "".join(out)
