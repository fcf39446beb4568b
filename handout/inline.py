"""The documented inline syntax, and nothing else: **bold**, *italic*, [text](url).

A backslash makes the next marker character literal (\\* \\[ \\] \\\\). Every other character,
including `<` and `&`, is text: markup for ReportLab is built later from these runs, escaped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import groupby
from urllib.parse import urlsplit

from handout.model import Run

# Where each marker may close, found once for the whole text (a closer's test looks only at
# its neighbours), so that an opener that never closes costs a lookup, not a scan to the end.
_BOLD_CLOSE = re.compile(r"(?<=\S)(?=\*\*)")  # "**" after a non-space
_ITALIC_CLOSE = re.compile(r"(?<=[^\s\\])(?=\*(?!\*))")  # one "*" after a non-space, non-"\"
_LABEL_CLOSE = re.compile(r"(?<!\\)(?:\\\\)*(?=\])")  # before a "]" no backslash escapes
_URL = re.compile(r"(?:[^()\s]|\([^()\s]*\))+(?=\))")  # up to the ")" that ends a link
_MARKERS = re.compile(r"[\\\[*]")
_ESCAPABLE = frozenset("\\*[]()_")

SAFE_SCHEMES = ("https", "mailto", "tel")


class UnsafeURL(ValueError):
    """A URL the handout must not print as a link or QR code."""


def check_url(url: str) -> str | None:
    """Raise UnsafeURL for a scheme we never allow or an address that does not parse; return a
    warning for http:. (Characters are checked before: charpolicy.check_url.)"""
    try:
        parts = urlsplit(url)
    except ValueError as e:  # "https://[::1", a host that NFKC normalisation changes
        raise UnsafeURL(f"{url!r} is not a valid web address ({e})") from None
    scheme = parts.scheme.lower() if ":" in url else ""
    if scheme in SAFE_SCHEMES:
        if scheme == "https" and not parts.netloc:
            raise UnsafeURL(f"{url!r} has no host")
        return None
    if scheme == "http":
        return f"{url} uses http:, not https:"
    if not scheme:
        raise UnsafeURL(f"{url!r} is not an absolute URL (use https:, mailto: or tel:)")
    raise UnsafeURL(f"unsafe URL scheme {scheme + ':'!r} in {url!r} (use https:, mailto: or tel:)")


def parse_inline(text: str) -> tuple[tuple[Run, ...], tuple[str, ...]]:
    """Split text into runs; return them with the link URLs found (for checking)."""
    parser = _Parser(text)
    parser.parse(0, len(text), False, False, None)
    return _merge(parser.runs), tuple(parser.urls)


class _Parser:
    """The inline syntax in one pass, in time linear in the text (times a logarithm).

    At each position the first of these that matches is taken, as a regular expression's
    alternation would: an escape (a backslash before one of \\ * [ ] ( ) _); a link
    [text](url), whose text ends at the first unescaped "]" and whose url is characters other
    than spaces and parentheses, with balanced pairs of parentheses allowed; **bold**, whose
    text starts and ends with a non-space and ends at the first such "**"; *italic*, likewise
    with one "*" that is not part of "**" or escaped. The text inside is parsed again, with
    its start and end as the ends of the text; a link inside a link's text stays text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs: list[Run] = []
        self.urls: list[str] = []
        self.bold_close = [m.start() for m in _BOLD_CLOSE.finditer(text)]
        self.italic_close = [m.start() for m in _ITALIC_CLOSE.finditer(text)]
        self.label_close = [m.end() for m in _LABEL_CLOSE.finditer(text)]
        self.url_end: dict[int, int | None] = {}

    def parse(self, lo: int, hi: int, bold: bool, italic: bool, href: str | None) -> None:
        text, pos, i = self.text, lo, lo
        while m := _MARKERS.search(text, i, hi):
            p, char = m.start(), m.group()
            end = None  # where the construct found at p ends
            if char == "\\":
                if p + 1 < hi and text[p + 1] in _ESCAPABLE:
                    self.add(text, pos, p, bold, italic, href)
                    self.runs.append(Run(text[p + 1], bold, italic, href))
                    end = p + 2
            elif char == "[":
                end = self.link(p, hi, bold, italic, href, pos)
            else:
                end = self.emphasis(p, lo, hi, bold, italic, href, pos)
            if end is None:
                i = p + 1
            else:
                pos = i = end
        self.add(text, pos, hi, bold, italic, href)

    def add(self, text: str, start: int, end: int, bold: bool, italic: bool, href) -> None:
        if end > start:
            self.runs.append(Run(text[start:end], bold, italic, href))

    def link(self, p: int, hi: int, bold: bool, italic: bool, href, pos: int) -> int | None:
        text = self.text
        q = _first(self.label_close, p + 1)
        if q is None or q < p + 2 or q + 1 >= hi or text[q + 1] != "(":
            return None
        if q not in self.url_end:
            m = _URL.match(text, q + 2)
            self.url_end[q] = m.end() if m else None
        e = self.url_end[q]
        if e is None or e >= hi:
            return None
        self.add(text, pos, p, bold, italic, href)
        if href is None:
            url = text[q + 2 : e]
            self.urls.append(url)
            self.parse(p + 1, q, bold, italic, url)
        else:  # a link inside a link's text stays text
            self.runs.append(Run(text[p : e + 1], bold, italic, href))
        return e + 1

    def emphasis(
        self, p: int, lo: int, hi: int, bold: bool, italic: bool, href, pos: int
    ) -> int | None:
        text = self.text
        if p + 2 < hi and text[p + 1] == "*" and not text[p + 2].isspace():
            j = _first(self.bold_close, p + 3)
            if j is not None and j + 2 <= hi:
                self.add(text, pos, p, bold, italic, href)
                self.parse(p + 2, j, True, italic, href)
                return j + 2
        if (p == lo or text[p - 1] not in "*\\") and p + 1 < hi:
            if text[p + 1] == "*" or text[p + 1].isspace():
                return None
            j = _first(self.italic_close, p + 2)
            if j is None or j >= hi - 1:  # at the end of this text, "*" may close before "**"
                last = hi - 1
                ok = last >= p + 2 and text[last] == "*" and text[last - 1] not in "\\"
                j = last if ok and not text[last - 1].isspace() else None
            if j is not None:
                self.add(text, pos, p, bold, italic, href)
                self.parse(p + 1, j, bold, True, href)
                return j + 1
        return None


def _first(positions: list[int], start: int) -> int | None:
    """The first position at or after start."""
    i = bisect_left(positions, start)
    return positions[i] if i < len(positions) else None


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    """Join neighbouring runs with the same attributes (fewer font switches in the PDF)."""
    out = []
    for key, group in groupby(runs, key=lambda r: (r.bold, r.italic, r.href)):
        out.append(Run("".join(r.text for r in group), *key))
    return tuple(out)


def plain_text(runs: tuple[Run, ...]) -> str:
    """The words a reader sees, without markers."""
    return "".join(r.text for r in runs)
