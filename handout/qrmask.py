"""The choice of a QR code's mask, by qrcode's own rules, on bytes rather than lists.

qrcode (`QRCode.best_mask_pattern`) places the code's modules with each of the 8 masks and
keeps the first with the lowest penalty (ISO/IEC 18004 §7.8.3: runs, 2x2 blocks, finder-like
patterns, balance of dark and light). Its penalty walks every module in Python, once for the
rows and once for the columns, and was a third of a cold build's QR time. Here each rule is
a search in, or an integer operation on, the modules as bytes, with the same result
(tests/test_qr.py compares the two on codes of every version and level).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import chain

import qrcode

# N1: five or more modules of one colour in a row or column (spelt so `re` searches for the
# first four as a literal, much faster than trying `{5,}` at every module)
_RUNS = (re.compile(rb"\x00\x00\x00\x00\x00+"), re.compile(rb"\x01\x01\x01\x01\x01+"))
# N3: 1:1:3:1:1 dark:light:dark:light:dark with four light modules before or after; neither
# can overlap itself, so `bytes.count` counts every one
_FINDERS = (bytes((1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0)), bytes((0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1)))


@cache
def _block_pairs(n: int) -> int:
    """One bit per module, for each module but a row's first: the pairs N2 looks at."""
    return int.from_bytes((b"\x00" + b"\x01" * (n - 1)) * (n - 1), "big")


def penalty(modules: Sequence[Sequence[bool]]) -> int:
    """qrcode's `util.lost_point` of a placed code: N1 + N2 + N3 + N4."""
    n = len(modules)
    grid = bytes(chain.from_iterable(modules))  # row after row, a byte of 0 or 1 a module
    rows = [grid[r : r + n] for r in range(0, n * n, n)]
    lines = b"\x02".join(rows + [grid[c::n] for c in range(n)])  # no run crosses a \x02
    runs = [run for pattern in _RUNS for run in pattern.findall(lines)]
    finders = sum(lines.count(finder) for finder in _FINDERS)
    # N2, on the code as one integer with a byte a module: a shift by 8 bits is the next
    # column, by 8n bits the next row; a block counts where two rows agree at two
    # neighbouring columns that agree themselves
    above = int.from_bytes(grid[: n * (n - 1)], "big")
    below = int.from_bytes(grid[n:], "big")
    same = ~(above ^ below)
    blocks = (same & (same >> 8) & ~(above ^ (above >> 8)) & _block_pairs(n)).bit_count()
    percent = float(grid.count(1)) / (n**2)  # N4 as qrcode computes it, to the same rounding
    balance = int(abs(percent * 100 - 50) / 5) * 10
    return sum(map(len, runs)) - 2 * len(runs) + 3 * blocks + 40 * finders + balance


class QRCode(qrcode.QRCode):
    """qrcode's QR code, with its mask chosen by `penalty`."""

    def best_mask_pattern(self) -> int:
        penalties = []
        for mask in range(8):
            self.makeImpl(True, mask)
            penalties.append(penalty(self.modules))
        return penalties.index(min(penalties))  # the first of the lowest, as qrcode keeps
