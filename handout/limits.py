"""Documented size limits: far above any real handout, low enough that every file answers in
seconds (with a PDF or one clear error) instead of running for minutes.

A patient handout is a few pages: the Kineret master is 6 KB, its longest paragraph about 300
characters. The figures below leave room for forty times that, and are named in the error.
"""

from __future__ import annotations

import contextlib

FILE_BYTES = 256 * 1024  # a content file (about 100 pages of text)
TEXT_CHARS = 10_000  # one paragraph, list item or other text field (about three pages)
TITLE_CHARS = 150  # the title and subtitle, printed large on page 1 and in every footer
URL_CHARS = 2_000  # a link's address (a QR code's is bounded by the code, see qr.py)


def over(size: int, limit: int, unit: str) -> str | None:
    """The error message for a size over its limit, or None."""
    return None if size <= limit else f"{size:,} {unit}, over the limit of {limit:,} {unit}"


# QR codes: modules of at least 0.4 mm (what phones scan from paper; 2.4 pixels at 150 dpi),
# at the smallest size a code is printed (styles.STANDARD.qr_size), at error correction M.
QR_MODULE_MM = 0.4
QR_PRINTED_MM = 27
QR_MAX_VERSION = int((QR_PRINTED_MM / QR_MODULE_MM - 17) // 4)  # 17 + 4v modules a side: 12


def qr_problem(url: str) -> str | None:
    """Why a QR code for url could not be printed scannably, or None."""
    import qrcode
    from qrcode import util
    from qrcode.constants import ERROR_CORRECT_M
    from qrcode.exceptions import DataOverflowError

    bits = util.BIT_LIMIT_TABLE[ERROR_CORRECT_M][QR_MAX_VERSION]
    header = 4 + util.mode_sizes_for_version(QR_MAX_VERSION)[util.MODE_8BIT_BYTE]
    capacity = (bits - header) // 8
    size = len(url.encode("utf-8"))
    version = 41
    if size <= 4 * capacity:  # qrcode is not asked to fit what cannot fit
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
        code.add_data(url)
        with contextlib.suppress(DataOverflowError):  # over version 40
            version = code.best_fit()
    if version <= QR_MAX_VERSION:
        return None
    return (
        f"the address is {size:,} bytes, too long for a QR code that phones can scan from "
        f"paper: printed {QR_PRINTED_MM} mm wide with modules of at least {QR_MODULE_MM} mm "
        f"(version {QR_MAX_VERSION} at error correction M), a code holds at most {capacity} "
        "bytes; use a shorter address"
    )
