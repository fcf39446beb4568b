"""Bidirectional levels (Unicode UAX #9) for right-to-left pages: the project's own engine.

Why its own: ReportLab's right-to-left path is enabled only when a module named `rlbidi`
imports, rlbidi is not published on PyPI, and with it ReportLab still misorders words made of
several font runs (text.py). python-bidi's pure-Python module predates isolates and bracket
pairs (rule N0), and its binding of the Rust crate gives a reordered string, where text.py
needs the level of every character to order the pieces of each line after line breaking.

`levels()` runs the algorithm for one paragraph at a given direction, from rule X1 to rule
I2: explicit levels (X1-X8, isolates included), isolating run sequences (X10), weak types
(W1-W7), bracket pairs (BD16, N0), neutrals (N1-N2) and implicit levels (I1-I2). Rules L1-L2
work per line and are text.py's. Every step is linear in the length of the text: a
content file can hold any number of brackets and isolates.
"""

from __future__ import annotations

import unicodedata

MAX_DEPTH = 125  # BD2: the deepest embedding level
MAX_BRACKETS = 63  # BD16: the bracket stack's size; one opener more stops pairing
ISOLATE_INITIATORS = ("LRI", "RLI", "FSI")
REMOVED = ("RLE", "LRE", "RLO", "LRO", "PDF", "BN")  # X9: no level of their own
NEUTRALS = ("B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI")  # NI in N1-N2

# Bidi_Paired_Bracket (BidiBrackets.txt, Unicode 14-16): each opener, then its closer.
# Python's unicodedata has no such property; tests/test_uax9_levels.py checks the table.
_PAIRS = (
    "()[]{}\u0f3a\u0f3b\u0f3c\u0f3d\u169b\u169c\u2045\u2046\u207d\u207e\u208d\u208e"
    "\u2308\u2309\u230a\u230b\u2329\u232a\u2768\u2769\u276a\u276b\u276c\u276d\u276e\u276f"
    "\u2770\u2771\u2772\u2773\u2774\u2775\u27c5\u27c6\u27e6\u27e7\u27e8\u27e9\u27ea\u27eb"
    "\u27ec\u27ed\u27ee\u27ef\u2983\u2984\u2985\u2986\u2987\u2988\u2989\u298a\u298b\u298c"
    "\u298d\u2990\u298f\u298e\u2991\u2992\u2993\u2994\u2995\u2996\u2997\u2998\u29d8\u29d9"
    "\u29da\u29db\u29fc\u29fd\u2e22\u2e23\u2e24\u2e25\u2e26\u2e27\u2e28\u2e29\u2e55\u2e56"
    "\u2e57\u2e58\u2e59\u2e5a\u2e5b\u2e5c\u3008\u3009\u300a\u300b\u300c\u300d\u300e\u300f"
    "\u3010\u3011\u3014\u3015\u3016\u3017\u3018\u3019\u301a\u301b\ufe59\ufe5a\ufe5b\ufe5c"
    "\ufe5d\ufe5e\uff08\uff09\uff3b\uff3d\uff5b\uff5d\uff5f\uff60\uff62\uff63"
)
# BD16 compares brackets under canonical equivalence: U+2329 and U+232A are U+3008 and U+3009
OPENERS = {
    o: unicodedata.normalize("NFD", c) for o, c in zip(_PAIRS[::2], _PAIRS[1::2], strict=True)
}
CLOSERS = {c: unicodedata.normalize("NFD", c) for c in _PAIRS[1::2]}


def levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character (odd: right to left), rules X1-I2.

    A character that rule X9 removes (embedding controls, zero-width joiners and other
    boundary neutrals) takes the level of the character before it (the paragraph's at the
    start), so that it never splits a word into two runs.
    """
    base = 1 if rtl else 0
    original = [unicodedata.bidirectional(c) or "L" for c in text]
    types, level = _explicit(original, base, _first_strong_rtl(original))
    kept = [i for i, t in enumerate(original) if t not in REMOVED]
    for sequence in _sequences(kept, original, level, base):
        _resolve(text, original, types, level, sequence)
    out = [base] * len(text)
    for i in kept:
        t, lv = types[i], level[i]
        out[i] = lv + (t != "R") if lv % 2 else lv + (t == "R") + 2 * (t in ("AN", "EN"))  # I1-I2
    previous = base
    for i, t in enumerate(original):
        if t in REMOVED:
            out[i] = previous
        else:
            previous = out[i]
    return out


def _first_strong_rtl(types: list[str]) -> set[int]:
    """The FSIs that act as RLI (P2-P3): the first strong letter up to the matching PDI,
    skipping nested isolates, is right to left. One pass: a letter concerns only the
    innermost isolate open around it."""
    rtl: set[int] = set()
    open_fsi: list[int | None] = []  # per open isolate: an FSI still looking, else None
    for i, t in enumerate(types):
        if t in ISOLATE_INITIATORS:
            open_fsi.append(i if t == "FSI" else None)
        elif t == "PDI" and open_fsi:
            open_fsi.pop()
        elif t in ("L", "R", "AL") and open_fsi and open_fsi[-1] is not None:
            if t != "L":
                rtl.add(open_fsi[-1])
            open_fsi[-1] = None
        elif t == "B":
            open_fsi.clear()
    return rtl


def _explicit(original: list[str], base: int, fsi_rtl: set[int]) -> tuple[list[str], list[int]]:
    """Rules X1-X8: the type of each character after overrides, and its embedding level."""
    types = list(original)
    level = [base] * len(types)
    stack = [(base, "", False)]  # (level, override "L"/"R"/"", isolate)
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    for i, t in enumerate(original):
        current, override, _ = stack[-1]
        if t in ("RLE", "LRE", "RLO", "LRO", "RLI", "LRI", "FSI"):
            isolate = t in ISOLATE_INITIATORS
            if isolate:  # X5a-X5c: the initiator itself is outside the isolate
                level[i] = current
                types[i] = override or t
            right = t[0] == "R" or i in fsi_rtl
            new = current + 1 | 1 if right else current + 2 & ~1
            if new <= MAX_DEPTH and not overflow_isolates and not overflow_embeddings:
                stack.append((new, t[0] if t[2] == "O" else "", isolate))
                valid_isolates += isolate
            elif isolate:
                overflow_isolates += 1
            elif not overflow_isolates:
                overflow_embeddings += 1
            if not isolate:
                level[i] = current
        elif t == "PDI":  # X6a
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            current, override, _ = stack[-1]
            level[i] = current
            types[i] = override or t
        elif t == "PDF":  # X7
            if not overflow_isolates:
                if overflow_embeddings:
                    overflow_embeddings -= 1
                elif not stack[-1][2] and len(stack) > 1:
                    stack.pop()
            level[i] = current
        elif t == "B":  # X8: a paragraph separator ends every embedding and isolate
            stack[1:] = []
            overflow_isolates = overflow_embeddings = valid_isolates = 0
        else:  # X6
            level[i] = current
            if t != "BN":
                types[i] = override or t
    return types, level


def _sequences(kept: list[int], original: list[str], level: list[int], base: int):
    """Rule X10: the isolating run sequences, each as (indices, sos, eos): level runs of the
    characters X9 keeps, a run ending in an isolate initiator joined to the run that starts
    with its matching PDI (BD9, BD13)."""
    opened: list[int] = []  # positions in `kept` of the isolate initiators still open
    closing: dict[int, int] = {}  # position of a matched PDI -> its initiator's position
    for p, i in enumerate(kept):
        if original[i] in ISOLATE_INITIATORS:
            opened.append(p)
        elif original[i] == "PDI" and opened:
            closing[p] = opened.pop()
        elif original[i] == "B":
            opened.clear()
    matched = set(closing.values())
    waiting: dict[int, list[int]] = {}  # initiator's position -> the sequence it ends
    sequences = []
    start = 0
    for p in range(1, len(kept) + 1):
        if p < len(kept) and level[kept[p]] == level[kept[start]]:
            continue
        if start in closing:
            run = waiting.pop(closing[start])
            run.extend(range(start, p))
        else:
            run = list(range(start, p))
            sequences.append(run)
        if p - 1 in matched:
            waiting[p - 1] = run
        start = p
    for run in sequences:
        first, last = run[0], run[-1]
        here = level[kept[first]]
        before = level[kept[first - 1]] if first else base
        after = level[kept[last + 1]] if last + 1 < len(kept) else base
        if original[kept[last]] in ISOLATE_INITIATORS:
            after = base
        sos = "LR"[max(here, before) % 2]
        eos = "LR"[max(here, after) % 2]
        yield [kept[p] for p in run], sos, eos


def _strong(t: str) -> str:
    """The direction a resolved type gives the neutrals next to it (N0-N1): numbers are R."""
    return "R" if t in ("R", "AN", "EN") else "L" if t == "L" else ""


def _resolve(text: str, original: list[str], types: list[str], level: list[int], sequence):
    """Rules W1-W7, N0 and N1-N2 on one isolating run sequence, in place on `types`."""
    chars, sos, eos = sequence
    t = [types[i] for i in chars]
    embedding = "LR"[level[chars[0]] % 2]
    previous = strong = sos
    for k, x in enumerate(t):
        if x == "NSM":  # W1
            x = t[k] = "ON" if previous in ("LRI", "RLI", "FSI", "PDI") else previous
        if x in ("L", "R", "AL"):
            strong = x
        elif x == "EN" and strong == "AL":  # W2
            t[k] = "AN"
        previous = x
    t = ["R" if x == "AL" else x for x in t]  # W3
    for k in range(1, len(t) - 1):  # W4
        x, left = t[k], t[k - 1]
        if (
            x in ("ES", "CS")
            and left == t[k + 1]
            and (left == "EN" or (left == "AN" and x == "CS"))
        ):
            t[k] = left
    for order in (range(len(t)), range(len(t) - 1, -1, -1)):  # W5: both sides of a number
        previous = ""
        for k in order:
            if t[k] == "ET" and previous == "EN":
                t[k] = "EN"
            previous = t[k]
    strong = sos
    for k, x in enumerate(t):
        if x in ("ES", "ET", "CS"):  # W6
            t[k] = "ON"
        elif x in ("L", "R"):
            strong = x
        elif x == "EN" and strong == "L":  # W7
            t[k] = "L"
    _pair_brackets(text, [original[i] for i in chars], chars, t, sos, embedding)
    k = 0
    while k < len(t):  # N1-N2: a run of neutrals between two sides that agree takes their side
        if t[k] not in NEUTRALS:
            k += 1
            continue
        end = k
        while end < len(t) and t[end] in NEUTRALS:
            end += 1
        left = _strong(t[k - 1]) if k else sos
        right = _strong(t[end]) if end < len(t) else eos
        t[k:end] = [left if left == right else embedding] * (end - k)
        k = end
    for i, x in zip(chars, t, strict=True):
        types[i] = x


def _pair_brackets(
    text: str, original: list[str], chars: list[int], t: list[str], sos: str, embedding: str
) -> None:
    """BD16 and rule N0: a bracket pair takes one direction, so that "(SC)" in an Arabic line
    keeps both brackets around it. A closer pairs with the nearest opener of its kind on the
    stack, and the openers above that one are dropped. Linear: counts of strong types up to
    each position say what a pair holds, and the scan back for the context before an opener
    stops at the first strong type, which no later scan passes again."""
    stack: list[tuple[str, int]] = []  # (closer, position) of the open brackets
    on_stack: dict[str, int] = {}  # how many openers of each kind are on it
    pairs = []
    for k, x in enumerate(t):
        char = text[chars[k]]
        if x != "ON" or (char not in OPENERS and char not in CLOSERS):
            continue
        if char in OPENERS:
            if len(stack) == MAX_BRACKETS:
                break
            stack.append((OPENERS[char], k))
            on_stack[OPENERS[char]] = on_stack.get(OPENERS[char], 0) + 1
        elif on_stack.get(CLOSERS[char]):
            while True:
                closer, opener = stack.pop()
                on_stack[closer] -= 1
                if closer == CLOSERS[char]:
                    pairs.append((opener, k))
                    break
    if not pairs:
        return
    count: dict[str, list[int]] = {"L": [0], "R": [0]}  # strong types before each position
    for x in t:
        d = _strong(x)
        for key, counts in count.items():
            counts.append(counts[-1] + (key == d))
    opposite = "R" if embedding == "L" else "L"
    for opener, closer in sorted(pairs):
        if count[embedding][closer] > count[embedding][opener + 1]:
            chosen = embedding  # N0 b
        elif count[opposite][closer] > count[opposite][opener + 1]:
            before = sos  # N0 c: the context decides
            for k in range(opener - 1, -1, -1):
                if _strong(t[k]):
                    before = _strong(t[k])
                    break
            chosen = opposite if before == opposite else embedding
        else:
            continue  # N0 d: nothing strong inside
        for k in (opener, closer):
            t[k] = chosen
            k += 1
            while k < len(t) and original[k] == "NSM":  # marks on a bracket follow it
                t[k] = chosen
                k += 1
