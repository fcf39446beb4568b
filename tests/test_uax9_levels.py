"""The bidi levels that order every right-to-left line, against a reference implementation.

python-bidi ships two implementations: the pure-Python one that handout.uax9 builds on (it
predates rule N0, bracket pairs), and `bidi.get_display`, a binding of the Rust crate
unicode-bidi, which implements UAX #9 with N0. Put in visual order (rule L2, no mirroring), the
levels handout computes must give the same line as the reference for every text.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bidi import get_display

from handout.uax9 import REMOVED, levels

ROOT = Path(__file__).resolve().parent.parent


def visual(text: str, lv: list[int]) -> str:
    """UAX #9 rule L2: from the highest level to the lowest odd one, reverse every run of
    characters at that level or higher."""
    order = list(range(len(text)))
    odd = [level for level in lv if level % 2]
    for level in range(max(lv, default=0), min(odd, default=1) - 1, -1):
        i = 0
        while i < len(order):
            if lv[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and lv[order[j]] >= level:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return "".join(text[k] for k in order)


TRAILING = ("WS", "LRI", "RLI", "FSI", "PDI")


def line_end(text: str, lv: list[int], rtl: bool) -> list[int]:
    """UAX #9 rule L1 for a text that is one line: spaces and isolate controls at its end go
    to the paragraph's level (text.py breaks lines after levels() and draws no such space);
    the characters that rule X9 removed are skipped."""
    out = list(lv)
    i = len(text)
    while i and unicodedata.bidirectional(text[i - 1]) in (*TRAILING, *REMOVED):
        i -= 1
        out[i] = int(rtl)
    return out


def agrees(text: str, rtl: bool) -> tuple[str, str]:
    """Our line and the reference's, without the zero-width joiners and other invisible
    characters that rule X9 takes out: UAX #9 leaves their place to each implementation."""
    ours = visual(text, line_end(text, levels(text, rtl), rtl))
    reference = get_display(text, base_dir="R" if rtl else "L")
    return _visible(ours), _visible(reference)


def _visible(line: str) -> str:
    return "".join(c for c in line if unicodedata.bidirectional(c) not in REMOVED)


CASES = [
    # what handouts hold: Arabic prose, numbers and units, Latin names, codes in brackets
    ("الجرعة المعتادة هي 100 mg كل يوم", True),
    ("الدواء Kineret (SC) جيد", True),
    ("الجرعة (مرة واحدة) يوميا", True),
    ("رقم DIN: 02245913 (SC)", True),
    ("اتصل على 811 أو [الطبيب]", True),
    ("Kineret (أناكينرا) is {daily}", False),
    ("a (ب) c", False),
    ("ب (c) د", True),
    ("ب (c) د", False),
    ("ا b (c) ج", True),
    ("ا b (c) ج", False),
    ("ا (100) ج", True),
    ("IL-1 (interleukin-1)", True),
    ("(ا) b", False),
    ("a (b", True),
    ("ا )b( ج", True),
    ("ا [b} ج", True),
    ("ا {b} ج", True),
    ("ا [b] ج (c) د", True),
    ("ا ((b)) ج", True),
    ("ا b ( ) ج", True),
    ("plain English", False),
    ("plain English", True),
    ("عربي فقط", True),
    ("عربي فقط", False),
    ("", True),
    # found wrong before issue 8 (N0 and BD16 done in full)
    ("x [ب] {ج} y", False),  # printed "x [ب]{ج}  y": a space moved
    ("b-[ba.]", True),  # printed "].b-[ba"
    ("ا (100) ج", False),  # a number counts as R inside brackets (N0), not L
    ("ا (b [c) d] ج", True),  # BD16: ")" closes "(" and drops the "[" inside
    ("ا (b [c) d] ج", False),
    ("ا (b {c] d) ج", True),  # "]" closes nothing and is left alone
    ("ا \u2329b\u3009 ج", True),  # BD16 compares brackets canonically: U+2329 is U+3008
    ("\u2067ا (b) ج\u2069 d", False),  # brackets inside an isolate
    ("a \u2067ب (c) د", False),  # an isolate never closed runs to the end
    ("ا (b\u0300) ج", True),  # a mark on a bracket follows the bracket
    ("ا (b)\u0300 ج", True),
    ("ا a (b)\u0300\u0300 ج", True),  # every mark on it, not only the first
    ("\u202bב\u202c(a ב) c", False),  # a pair first in its run: Latin inside decides
    ("1-2 ا 3,4 \u0663,\u0664 $5 %", True),  # W2-W7: numbers, separators, terminators
    ("\u2068ا b\u2069 c", False),  # FSI: the first strong letter gives the direction
    ("\u2068\u2066a\u2069 ب\u2069 c", False),  # FSI skips a nested isolate
]


@pytest.mark.parametrize("text, rtl", CASES)
def test_levels_give_the_reference_order(text, rtl):
    ours, reference = agrees(text, rtl)
    assert ours == reference


def test_levels_are_one_per_character_and_base_level_for_plain_text():
    assert levels("abc", False) == [0, 0, 0]
    assert levels("abc", True) == [2, 2, 2]
    assert levels("ابج", True) == [1, 1, 1]
    assert levels("ابج", False) == [1, 1, 1]


def test_joiners_take_the_level_of_their_word():
    """A zero-width joiner or non-joiner (removed by rule X9, so UAX #9 gives it no level)
    is at its word's level: it never cuts a word into two runs that could be drawn apart."""
    assert levels("ب\u200cا", True) == [1, 1, 1]
    assert levels("ا a\u200db ج", True) == [1, 1, 2, 2, 2, 1, 1]
    assert levels("\u200dا b", False) == [0, 1, 0, 0]  # at the start: the paragraph's level


def test_a_character_newer_than_pythons_tables_reads_left_to_right():
    """An unassigned code point has the default class L: between two Latin words in an
    Arabic line, the three read left to right as one run."""
    assert levels("ا a \u0378 b", True) == [1, 1, 2, 2, 2, 2, 2]


RLI, LRI, PDI = "\u2067", "\u2066", "\u2069"
RLE, LRE, PDF = "\u202b", "\u202a", "\u202c"


@pytest.mark.parametrize("opening, close", [(RLI + LRI, PDI), (RLE + LRE, PDF)])
def test_nesting_deeper_than_125_levels_changes_nothing_more(opening, close):
    """BD2, X5-X7: levels stop at 125; an isolate or embedding beyond that leaves its text at
    the level it was, and its closing control closes nothing more, so the text after it is
    back where it was."""
    text = opening * 62 + opening[0] + opening[1] * 2 + "ب" + close * 2 + "b" + close * 125 + "c"
    lv = levels(text, False)
    assert (lv[text.index("ب")], lv[text.index("b")], lv[-1]) == (125, 126, 0)


def test_more_than_63_open_brackets_stop_the_pairing():
    """BD16: with 63 brackets open, the 64th opening one stops pairing for the rest of the
    line, and each bracket is then a plain neutral."""
    deep = "a " + "(" * 63 + "b)"
    assert levels(deep, True)[-1] == 2  # paired with the 63rd "(": it takes b's direction
    deeper = "a " + "(" * 64 + "b)"
    assert levels(deeper, True)[-1] == 1  # no pair: between "b" and the line's end


def test_random_mixed_text_gives_the_reference_order():
    """Short texts of Arabic, Hebrew and Latin letters, both kinds of digits, brackets,
    separators and terminators, marks, joiners and isolates."""
    alphabet = [*"ابجאבabc12٣()[]{} .,:/-+$%", "\u0300", "\u064b", "\u200d", "\u200c"]
    alphabet += ["\u200e", "\u200f", "\u061c", "\u00a0", "\u2066", "\u2067", "\u2068", "\u2069"]
    rng = random.Random(9)
    wrong = []
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        for rtl in (True, False):
            ours, reference = agrees(text, rtl)
            if ours != reference:
                wrong.append((text, rtl, ours, reference))
    assert not wrong, f"{len(wrong)} texts, the shortest: {min(wrong, key=lambda w: len(w[0]))}"


def test_controls_nested_near_the_deepest_level_give_the_reference_order():
    """Isolates, embeddings and overrides opened up to and past level 125, then closed in any
    order: every overflow is counted and undone as the reference does."""
    opening = [LRE, RLE, "\u202d", "\u202e", LRI, RLI, "\u2068"]
    alphabet = [*opening, *[PDF, PDI] * 3, *"aבا1٣ (),", "\u0300"]
    rng = random.Random(5)
    wrong = []
    for _ in range(400):
        text = "".join(rng.choice(opening) for _ in range(rng.randint(110, 130)))
        text += "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        for rtl in (True, False):
            ours, reference = agrees(text, rtl)
            if ours != reference:
                wrong.append((text, rtl))
    assert not wrong, f"{len(wrong)} texts differ, one: {wrong[0]}"


def test_a_paragraph_separator_ends_every_embedding_and_isolate():
    """X8: after U+2029 the text is back at the paragraph's level, whatever was open."""
    assert levels(RLI + RLE + "א\u2029b", False)[-1] == 0
    assert levels(RLI + "א\u2029" + PDI + "b", True)[-1] == 2


def test_200000_brackets_take_no_longer_than_their_length():
    """Pairing is linear: a paragraph of 100,000 bracket pairs is resolved at once (a
    quadratic pairing would run for hours), and every pair stays around its Latin word."""
    script = (
        "from handout.uax9 import levels\n"
        "text = 'ا' + ' a (b)' * 100_000\n"
        "lv = levels(text, True)\n"
        "print(sorted({lv[i] for i, c in enumerate(text) if c in '()'}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "[2]", result.stderr[-2000:]
