"""handout.uax9 against Unicode's own conformance data for UAX #9.

The files come from the Unicode Character Database as Debian's `unicode-data` package installs
it (/usr/share/unicode; .ci/run installs it; elsewhere set HANDOUT_UCD to a folder holding
them). What is compared is the level of every character after rule L1, each test case being one
line, as the files define it; the levels of characters that rule X9 removes are not given.

Two parts of the files are outside what `levels()` claims: cases whose paragraph direction is
found from the text (rules P2-P3: a page has its direction from its language), and characters
whose bidi class or bracket pairing differs between the file's Unicode version and Python's
`unicodedata` (the engine takes the classes from Python). Both are left out and counted.
"""

from __future__ import annotations

import bisect
import os
import unicodedata
from pathlib import Path

import pytest

from handout.uax9 import CLOSERS, OPENERS, REMOVED, levels

UCD = Path(os.environ.get("HANDOUT_UCD", "/usr/share/unicode"))
TRAILING = ("WS", "LRI", "RLI", "FSI", "PDI", *REMOVED)  # rule L1, X9's removed ones skipped
BIDI_TEST_STRIDE = 8  # BidiTest.txt: every 8th line (all 513,494 cases pass; they take a minute)


def ucd_file(name: str) -> Path:
    path = UCD / name
    if not path.is_file():
        pytest.skip(f"{path} is missing: apt-get install unicode-data, or set HANDOUT_UCD")
    return path


def data_lines(name: str):
    for line in ucd_file(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


def bidi_classes() -> tuple[list[int], list[tuple[int, str]]]:
    """DerivedBidiClass.txt as sorted ranges: (starts, [(end, class)])."""
    ranges = []
    for line in data_lines("extracted/DerivedBidiClass.txt"):
        span, value = (f.strip() for f in line.split(";")[:2])
        first, _, last = span.partition("..")
        ranges.append((int(first, 16), int(last or first, 16), value))
    ranges.sort()
    return [r[0] for r in ranges], [(r[1], r[2]) for r in ranges]


def engine_bracket(char: str) -> tuple[str, str] | None:
    """How handout.uax9 pairs a character: ("o", closer) or ("c", itself), canonically."""
    if char in OPENERS:
        return "o", OPENERS[char]
    return ("c", CLOSERS[char]) if char in CLOSERS else None


def unicode_brackets() -> dict[str, tuple[str, str]]:
    """BidiBrackets.txt in the same form as engine_bracket()."""
    table = {}
    for line in data_lines("BidiBrackets.txt"):
        code, pair, kind = (f.strip() for f in line.split(";"))
        char = chr(int(code, 16))
        closer = chr(int(pair, 16)) if kind == "o" else char
        table[char] = (kind, unicodedata.normalize("NFD", closer))
    return table


@pytest.fixture(scope="module")
def same_in_python():
    """Whether Python's unicodedata gives a character the bidi class that the files' Unicode
    version gives it, and handout.uax9 the same bracket pairing."""
    starts, ends = bidi_classes()
    brackets = unicode_brackets()
    known: dict[str, bool] = {}

    def same(char: str) -> bool:
        if char not in known:
            k = bisect.bisect_right(starts, ord(char)) - 1
            end, value = ends[k] if k >= 0 else (-1, "L")
            in_file = value if ord(char) <= end else "L"
            ours = unicodedata.bidirectional(char) or "L"
            known[char] = in_file == ours and brackets.get(char) == engine_bracket(char)
        return known[char]

    return same


def after_line_end(text: str, lv: list[int], base: int) -> list[int]:
    """Rule L1 on one line: segment separators, and spaces and isolate controls before one or
    at the end of the line, go to the paragraph level."""
    out = list(lv)
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[i]) or "L"
        if kind in ("S", "B"):
            out[i], trailing = base, True
        elif kind in TRAILING and trailing:
            out[i] = base
        elif kind not in TRAILING:
            trailing = False
    return out


def compare(cases, same_in_python) -> tuple[int, int, list]:
    """(cases run, cases left out, the first cases where a level differs)."""
    run = left_out = 0
    wrong = []
    for text, base, expected in cases:
        if not all(map(same_in_python, set(text))):
            left_out += 1
            continue
        run += 1
        got = after_line_end(text, levels(text, base == 1), base)
        if any(e != "x" and int(e) != g for e, g in zip(expected, got, strict=True)):
            wrong.append((text, base, " ".join(expected), got))
            if len(wrong) == 10:
                break
    return run, left_out, wrong


def test_the_bracket_table_is_unicodes():
    """handout.uax9's Bidi_Paired_Bracket table is BidiBrackets.txt, for every character
    Python's unicodedata knows: a missing pair would let a bracket land on the wrong side."""
    table = {c: v for c, v in unicode_brackets().items() if unicodedata.category(c) != "Cn"}
    ours = {c: engine_bracket(c) for c in [*OPENERS, *CLOSERS]}
    assert ours == table


def test_every_bidi_character_test_case_gives_unicodes_levels(same_in_python):
    cases = []
    for line in data_lines("BidiCharacterTest.txt"):
        codes, direction, _, expected, _ = line.split(";")
        if direction in ("0", "1"):  # "2" is P2-P3: the direction found from the text
            text = "".join(chr(int(c, 16)) for c in codes.split())
            cases.append((text, int(direction), expected.split()))
    run, left_out, wrong = compare(cases, same_in_python)
    assert not wrong, f"{len(wrong)}+ of {run} cases differ, the first: {wrong[:3]}"
    assert run > 90_000 and left_out < run // 100, (run, left_out)


# a character of each bidi class, as BidiTest.txt gives classes, not characters
EXAMPLE = {
    **dict(L="a", R="\u05d0", AL="\u0627", EN="1", ES="+", ET="$", AN="\u0660", CS=","),
    **dict(NSM="\u0300", BN="\u00ad", B="\u2029", S="\t", WS=" ", ON="!"),
    **dict(LRE="\u202a", RLE="\u202b", PDF="\u202c", LRO="\u202d", RLO="\u202e"),
    **dict(LRI="\u2066", RLI="\u2067", FSI="\u2068", PDI="\u2069"),
}


def test_bidi_test_cases_give_unicodes_levels(same_in_python):
    """BidiTest.txt: every sequence of bidi classes up to a length, at each direction it is
    given for (1 auto, 2 left to right, 4 right to left)."""
    cases = []
    expected: list[str] = []
    for n, line in enumerate(data_lines("BidiTest.txt")):
        if line.startswith("@Levels:"):
            expected = line.split(":", 1)[1].split()
        elif not line.startswith("@") and n % BIDI_TEST_STRIDE == 0:
            classes, directions = line.split(";")
            text = "".join(EXAMPLE[c] for c in classes.split())
            cases += [
                (text, base, expected) for base, bit in ((0, 2), (1, 4)) if int(directions) & bit
            ]
    run, left_out, wrong = compare(cases, same_in_python)
    assert not wrong, f"{len(wrong)}+ of {run} cases differ, the first: {wrong[:3]}"
    assert run > 50_000 and not left_out, (run, left_out)
