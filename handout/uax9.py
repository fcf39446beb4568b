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
    storage = _resolved(text, "RTL" if rtl else "LTR")
    base = storage["base_level"]
    out = [base] * len(text)
    for char in storage["chars"]:
        out[char["index"]] = char["level"]
    _pair_brackets(text, out, base)
    return out


_OPENING = {"(": ")", "[": "]", "{": "}"}
_STRONG_TYPES = {"L", "R", "AL", "EN", "AN"}


def _pair_brackets(text: str, out: list[int], base: int) -> None:
    """UAX #9 rule N0, which python-bidi's algorithm module predates: a bracket pair takes one
    direction, so "(SC)" after Latin text in an Arabic line keeps both its brackets together.
    Strong characters count with their resolved direction (after W7, digits after Latin are L).
    """
    import unicodedata

    def direction(i: int) -> str | None:
        if unicodedata.bidirectional(text[i]) not in _STRONG_TYPES:
            return None
        return "R" if out[i] % 2 else "L"

    embedding = "R" if base % 2 else "L"
    stack: list[tuple[str, int]] = []
    pairs = []
    for i, char in enumerate(text):
        if char in _OPENING:
            stack.append((_OPENING[char], i))
        elif stack and char == stack[-1][0]:
            pairs.append((stack.pop()[1], i))
    for start, end in sorted(pairs):
        inside = {direction(i) for i in range(start + 1, end)}
        if embedding in inside:
            chosen = embedding
        elif inside & {"L", "R"}:
            before = (direction(i) for i in range(start - 1, -1, -1))
            chosen = next((d for d in before if d), embedding)
        else:
            continue
        out[start] = out[end] = base if chosen == embedding else base + 1
