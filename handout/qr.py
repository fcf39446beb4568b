"""QR codes as vector paths: qrcode's matrix, dark modules merged into horizontal runs."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.colors import black
from reportlab.platypus import Flowable

from handout.tagging import marked, tagger_of

QUIET_MODULES = 4


@lru_cache(maxsize=64)
def matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The module matrix (no quiet zone) at error correction M. Computed in each process and
    never read from disk: a code must always encode the URL printed beside it."""
    from qrcode.constants import ERROR_CORRECT_M

    from handout.qrmask import QRCode

    code = QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


class QrCode(Flowable):
    """A QR code whose modules (not counting the quiet zone) span `size` points.

    The flowable's box includes the 4-module quiet zone, so nothing is laid out inside it.
    """

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.modules = matrix(url)
        self.module = size / len(self.modules)
        self.quiet = QUIET_MODULES * self.module
        self.width = self.height = size + 2 * self.quiet

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, m, n = self.canv, self.module, len(self.modules)
        path = canvas.beginPath()
        for r, row in enumerate(self.modules):
            y = self.quiet + (n - 1 - r) * m
            c = 0
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    path.rect(self.quiet + start * m, y, (c - start) * m, m)
                c += 1
        with marked(canvas, getattr(self, "node", None)):
            canvas.saveState()
            canvas.setFillColor(black)
            canvas.drawPath(path, stroke=0, fill=1)
            canvas.restoreState()
        node, tagger = getattr(self, "node", None), tagger_of(canvas)
        if node is not None and tagger is not None:
            a, _, _, d, e, f = canvas._currentMatrix  # platypus only translates
            node.bbox = (tagger.page, e, f, e + a * self.width, f + d * self.height)
