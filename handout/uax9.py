"""Bidirectional levels (Unicode UAX #9) for right-to-left pages, on python-bidi.

Why not ReportLab's own right-to-left path: it is enabled only when a module named `rlbidi`
imports, rlbidi is not published on PyPI (`reportlab[bidi]` without it even downgrades
ReportLab), and with it ReportLab still misorders words made of several font runs (text.py).
python-bidi is on PyPI, and its pure-Python algorithm module exposes each step of UAX #9, so
`levels()` runs the steps up to the resolved embedding level of every character (rules
P-I), adds rule N0 for bracket pairs, which that module predates, and leaves reordering
(rule L2, per line, after line breaking) to text.py.
"""

from __future__ import annotations

import re

_DIRECTIONS = {"RTL": "R", "LTR": "L"}  # base directions as python-bidi names them


def _resolved(text: str, base_direction: str | None) -> dict:
    from bidi import algorithm as uax9

    storage = uax9.get_empty_storage()
    direction = _DIRECTIONS.get((base_direction or "").upper())
    level = uax9.PARAGRAPH_LEVELS[direction] if direction else uax9.get_base_level(text)
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    uax9.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uax9.explicit_embed_and_overrides(storage)
    uax9.resolve_weak_types(storage)
    uax9.resolve_neutral_types(storage, False)
    uax9.resolve_implicit_levels(storage, False)
    return storage


def levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character (odd: right to left)."""
    out = [0] * len(text)
    _isolating(text, 0, len(text), 1 if rtl else 0, out)
    return out


_ISOLATE = re.compile("[\u2066-\u2069]")
_ISOLATE_DIRECTION = {"\u2066": "L", "\u2067": "R"}  # FSI (U+2068): its first strong letter
_PLACEHOLDER = "\ufffc"  # an Other Neutral, as UAX #9 treats isolate controls outside them


def _isolating(text: str, lo: int, hi: int, level: int, out: list[int]) -> None:
    """Levels of text[lo:hi], a paragraph or the inside of an isolate, at embedding `level`.

    python-bidi's algorithm module predates isolates (UAX #9 6.3) and fails on them. As the
    standard says, the text around an isolate sees it as one neutral (its initiator and PDI
    are neutrals, what is inside is skipped), and the inside is resolved on its own, like a
    paragraph at the next even or odd level: here the whole isolate is replaced by neutrals
    for the outside, and the inside is resolved by a recursive call. A PDI that closes
    nothing is a neutral; an isolate that is never closed runs to the end of the text.
    """
    isolates = []  # (initiator, end): end is its matching PDI, or hi
    open_at: list[int] = []
    for m in _ISOLATE.finditer(text, lo, hi):
        if m.group() != "\u2069":
            open_at.append(m.start())
        elif open_at:
            start = open_at.pop()
            if not open_at:
                isolates.append((start, m.start()))
    if open_at:
        isolates.append((open_at[0], hi))
    outer = text[lo:hi]
    if isolates or "\u2069" in outer:
        chars = list(outer)
        for start, end in isolates:
            chars[start - lo : min(end + 1, hi) - lo] = _PLACEHOLDER * (min(end + 1, hi) - start)
        outer = "".join(_PLACEHOLDER if c == "\u2069" else c for c in chars)
    resolved = _levels_of(outer, level % 2 == 1)
    offset = level - level % 2  # python-bidi knows paragraph levels 0 and 1 only
    out[lo:hi] = [n + offset for n in resolved]
    for start, end in isolates:
        direction = _ISOLATE_DIRECTION.get(text[start]) or _first_strong(text, start + 1, end)
        inner = level + (1 if (level % 2 == 0) == (direction == "R") else 2)
        _isolating(text, start + 1, end, inner, out)


def _first_strong(text: str, lo: int, hi: int) -> str:
    """FSI's direction (UAX #9 P2-P3): its first strong letter, skipping nested isolates."""
    import unicodedata

    depth = 0
    for i in range(lo, hi):
        kind = unicodedata.bidirectional(text[i])
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI" and depth:
            depth -= 1
        elif not depth and kind in ("L", "R", "AL"):
            return "L" if kind == "L" else "R"
    return "L"


def _levels_of(text: str, rtl: bool) -> list[int]:
    """UAX #9 levels of text without isolates, with the bracket pairs of rule N0."""
    storage = _resolved(text, "RTL" if rtl else "LTR")
    base = storage["base_level"]
    out = [base] * len(text)
    for char in storage["chars"]:
        out[char["index"]] = char["level"]
    _pair_brackets(text, out, base)
    return out


_OPENING = {"(": ")", "[": "]", "{": "}"}
_STRONG_TYPES = {"L", "R", "AL", "EN", "AN"}
_MAX_BRACKET_DEPTH = 63  # UAX #9 BD16: deeper than this, pairing stops


def _pair_brackets(text: str, out: list[int], base: int) -> None:
    """UAX #9 rule N0, which python-bidi's algorithm module predates: a bracket pair takes one
    direction, so "(SC)" after Latin text in an Arabic line keeps both its brackets together.
    Strong characters count with their resolved direction (after W7, digits after Latin are L).
    Linear: counts of strong characters up to each position answer "is there one inside?".
    """
    import unicodedata

    embedding = "R" if base % 2 else "L"
    stack: list[tuple[str, int]] = []
    pairs = []
    for i, char in enumerate(text):
        if char in _OPENING:
            if len(stack) == _MAX_BRACKET_DEPTH:
                break
            stack.append((_OPENING[char], i))
        elif stack and char == stack[-1][0]:
            pairs.append((stack.pop()[1], i))
    if not pairs:
        return
    before_l, before_r = [0], [0]  # strong L and R characters before each position
    last: list[str | None] = [None]  # the last strong direction before each position
    for i, char in enumerate(text):
        strong = unicodedata.bidirectional(char) in _STRONG_TYPES
        d = ("R" if out[i] % 2 else "L") if strong else None
        before_l.append(before_l[-1] + (d == "L"))
        before_r.append(before_r[-1] + (d == "R"))
        last.append(d or last[-1])
    for start, end in sorted(pairs):
        inside_l = before_l[end] > before_l[start + 1]
        inside_r = before_r[end] > before_r[start + 1]
        if inside_l if embedding == "L" else inside_r:
            chosen = embedding
        elif inside_l or inside_r:
            chosen = last[start] or embedding
        else:
            continue
        out[start] = out[end] = base if chosen == embedding else base + 1
