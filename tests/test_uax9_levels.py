"""The bidi levels that order every right-to-left line, against a reference implementation.

python-bidi ships two implementations: the pure-Python one that handout.uax9 builds on (it
predates rule N0, bracket pairs), and `bidi.get_display`, a binding of the Rust crate
unicode-bidi, which implements UAX #9 with N0. Put in visual order (rule L2, no mirroring), the
levels handout computes must give the same line as the reference for every text.
"""

from __future__ import annotations

import random

import pytest
from bidi import get_display

from handout.uax9 import levels


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


def agrees(text: str, rtl: bool) -> tuple[str, str]:
    return visual(text, levels(text, rtl)), get_display(text, base_dir="R" if rtl else "L")


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


FOUND = (
    "UAX #9 N0/BD16 (issue 8): neutrals beside a bracket pair are not resolved again after it, "
    "numbers inside count as L, a closing bracket pairs only with the innermost opening one"
)


@pytest.mark.xfail(strict=True, reason=FOUND)
@pytest.mark.parametrize(
    "text, rtl",
    [
        ("x [ب] {ج} y", False),  # prints "x [ب]{ج}  y": a space moves
        ("b-[ba.]", True),  # prints "].b-[ba"
        ("ا (100) ج", False),  # a number counts as R inside brackets (N0), not L
        ("ا (b [c) d] ج", True),  # BD16: ")" closes "(" and drops the "[" inside
    ],
)
def test_levels_give_the_reference_order_found_wrong(text, rtl):
    ours, reference = agrees(text, rtl)
    assert ours == reference


@pytest.mark.xfail(strict=True, reason=FOUND)
def test_random_mixed_text_gives_the_reference_order():
    """Short texts of Arabic and Latin letters, digits, brackets, spaces and punctuation."""
    alphabet = [*"ابجabc12()[] .-", " "]
    rng = random.Random(9)
    wrong = []
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        for rtl in (True, False):
            ours, reference = agrees(text, rtl)
            if ours != reference:
                wrong.append((text, rtl, ours, reference))
    assert not wrong, f"{len(wrong)} texts, the shortest: {min(wrong, key=lambda w: len(w[0]))}"
