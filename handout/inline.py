"""The documented inline syntax, and nothing else: **bold**, *italic*, [text](url).

A backslash makes the next marker character literal (\\* \\[ \\] \\\\). Every other character,
including `<` and `&`, is text: markup for ReportLab is built later from these runs, escaped.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from handout.model import Run

_TOKEN = re.compile(
    r"(?P<escape>\\[\\*\[\]()_])"
    r"|(?P<link>\[(?P<label>(?:\\.|[^\]\\])+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\))"
    r"|(?P<bold>\*\*(?=\S)(?P<bold_text>.+?)(?<=\S)\*\*)"
    r"|(?P<italic>(?<![*\\])\*(?=[^\s*])(?P<italic_text>.+?)(?<=[^\s\\])\*(?!\*))",
    re.DOTALL,
)

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
    runs: list[Run] = []
    urls: list[str] = []
    _parse(text, False, False, None, runs, urls)
    return _merge(runs), tuple(urls)


def _parse(
    text: str, bold: bool, italic: bool, href: str | None, runs: list[Run], urls: list[str]
) -> None:
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()], bold, italic, href))
        if m["escape"]:
            runs.append(Run(m["escape"][1], bold, italic, href))
        elif m["link"] and href is None:
            urls.append(m["url"])
            _parse(m["label"], bold, italic, m["url"], runs, urls)
        elif m["link"]:  # a link inside a link's text stays text
            runs.append(Run(m["link"], bold, italic, href))
        elif m["bold"]:
            _parse(m["bold_text"], True, italic, href, runs, urls)
        else:
            _parse(m["italic_text"], bold, True, href, runs, urls)
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:], bold, italic, href))


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    """Join neighbouring runs with the same attributes (fewer font switches in the PDF)."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (run.bold, run.italic, run.href):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic, run.href)
        else:
            out.append(run)
    return tuple(out)


def plain_text(runs: tuple[Run, ...]) -> str:
    """The words a reader sees, without markers."""
    return "".join(r.text for r in runs)
