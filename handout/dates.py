"""Dates as each language writes them in full ("November 24, 2026", « 24 novembre 2026 »,
2026年11月24日), from CLDR's long date format as Babel gives it.

The facts are taken from Babel by tools/make_dates.py into data/dates.json (Babel itself takes
longer to load than a whole build); tests/test_dates.py checks every language against Babel.
A language CLDR does not know gets the unambiguous ISO form, 2026-11-24.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "dates.json"
_FIELD = re.compile(r"'(?:[^']|'')*'|''|([a-zA-Z])\1*|[^a-zA-Z']+")


@cache
def _languages() -> dict[str, dict]:
    return json.loads(_DATA.read_text(encoding="utf-8"))["languages"]


def _facts(language: str) -> dict | None:
    """The tag's own entry (zh-Hant), else its language's (es-MX -> es); case-insensitive."""
    known = {tag.lower(): facts for tag, facts in _languages().items()}
    subtags = language.lower().split("-")
    for n in range(len(subtags), 0, -1):
        facts = known.get("-".join(subtags[:n]))
        if facts:
            return facts
    return None


def format_date(day: date, language: str) -> str:
    """The date in the language's long format (CLDR), or ISO 8601 for a language it lacks."""
    facts = _facts(language)
    if facts is None:
        return day.isoformat()
    return "".join(_field(m, day, facts) for m in _FIELD.finditer(facts["pattern"]))


def _field(match: re.Match[str], day: date, facts: dict) -> str:
    """One field of a CLDR date pattern: y, M..MMMM, d/dd, G, or literal text."""
    text = match[0]
    if text == "''":
        return "'"
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    letter, width = text[0], len(text)
    if not ("a" <= letter.lower() <= "z"):
        return text
    if letter == "y":
        return f"{day.year % 100:02d}" if width == 2 else str(day.year)
    if letter in "ML":
        return facts["months"][day.month - 1] if width >= 3 else f"{day.month:0{width}d}"
    if letter == "d":
        return f"{day.day:0{width}d}"
    if letter == "G":
        return facts["era"]
    raise ValueError(f"date pattern field {text!r} is not supported")  # tools/make_dates.py
