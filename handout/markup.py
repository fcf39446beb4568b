"""Inline runs (plain data) -> spans, each in one registered font face.

Content text never becomes markup: spans are drawn piece by piece (text.py), and `escape`
makes text safe wherever it is written into XML (the XMP metadata).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from handout import fonts
from handout.model import Run
from handout.typography import typeset_runs

LINK_COLOR = "#0B4F6C"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


class Span(NamedTuple):
    """Text drawn in one registered face; `underline` marks links. `stroked` thickens the
    outlines for bold in a family that has no bold face (every family in fonts.py has one
    today): emphasis is never lost, and never looks like a link."""

    text: str
    face: str
    href: str | None = None
    underline: bool = False
    stroked: bool = False
    # a value written in its own direction whatever the page's (the clinic's address): on a
    # right-to-left page, one left-to-right unit when it has no right-to-left letters
    isolated: bool = False


def escape(text: str) -> str:
    """Text as XML shows it literally (xml.sax's escape costs 13 ms of imports)."""
    return text.translate(_ESCAPES)


def spans(runs: tuple[Run, ...], chain: tuple[fonts.Family, ...], bold: bool = False) -> list[Span]:
    """Split inline runs by font; `bold` makes the whole text bold (headings, titles). The
    chain's language sets the typography (quotes, no-break spaces: typography.py)."""
    language = getattr(chain, "language", "")
    if language:
        runs = typeset_runs(runs, language)
    out = []
    for run in runs:
        for family, part in fonts.segments(run.text, chain):
            weight = bold or run.bold
            face = fonts.register(family.face(weight, run.italic))
            stroked = weight and family.bold is None
            out.append(Span(part, face, run.href, bool(run.href), stroked))
    return out


def text_spans(text: str, chain: tuple[fonts.Family, ...], bold: bool = False) -> list[Span]:
    return spans((Run(text),), chain, bold)


def content_spans(
    runs: tuple[Run, ...], chain: fonts.Chain, bold: bool = False
) -> tuple[Span, ...]:
    """`spans` of the content's own text, remembered: a batch sets the same text in two papers
    and tightening sets a handout again. Never for what staff type at the desk (personal.py),
    which must not outlive its request."""
    return _content_spans(runs, chain, chain.language, bold)


@lru_cache(maxsize=4096)
def _content_spans(
    runs: tuple[Run, ...], chain: fonts.Chain, language: str, bold: bool
) -> tuple[Span, ...]:
    return tuple(spans(runs, chain, bold))
