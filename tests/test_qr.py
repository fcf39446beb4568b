"""QR codes: a phone camera can read them from a printed page, and they go where they say."""

from __future__ import annotations

import math

import pypdf
import pypdfium2
import pytest
import zxingcpp
from conftest import squash

DPI = 150
MIN_SIDE_PX = 25 / 25.4 * DPI  # 25 mm at 150 dpi


def qr_urls(content) -> list[str]:
    from handout.model import Qr

    return [b.url for s in content.sections for b in s.blocks if isinstance(b, Qr)]


def read_codes(path):
    """(page index, barcode) for every code found on the pages rendered at 150 dpi."""
    pdf = pypdfium2.PdfDocument(path)
    found = []
    for index, page in enumerate(pdf):
        image = page.render(scale=DPI / 72).to_pil()
        found += [(index, code) for code in zxingcpp.read_barcodes(image)]
    return found


@pytest.fixture(scope="session")
def codes(any_pdf):
    return read_codes(any_pdf)


def test_each_qr_block_decodes_to_its_url(codes, content):
    assert qr_urls(content), "the Kineret handout has QR blocks"
    assert sorted(code.text for _, code in codes) == sorted(qr_urls(content))


def test_codes_are_qr_at_error_correction_m(codes):
    assert codes
    for _, code in codes:
        assert code.format == zxingcpp.BarcodeFormat.QRCode
        if hasattr(code, "ec_level"):
            assert code.ec_level == "M"


def test_codes_are_at_least_25mm(codes):
    assert codes
    for _, code in codes:
        p = code.position
        top = math.dist((p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y))
        side = math.dist((p.top_left.x, p.top_left.y), (p.bottom_left.x, p.bottom_left.y))
        assert min(top, side) >= MIN_SIDE_PX


def test_url_is_printed_beside_the_code(any_pdf, codes):
    """The URL is on the code's page as text, on a line level with the code."""
    pdf = pypdfium2.PdfDocument(any_pdf)
    reader = pypdf.PdfReader(any_pdf)
    for index, code in codes:
        assert code.text in squash(reader.pages[index].extract_text())
        page = pdf[index]
        height = page.get_size()[1]
        ys = [pt.y * 72 / DPI for pt in (code.position.top_left, code.position.bottom_left)]
        code_bottom, code_top = height - max(ys), height - min(ys)
        textpage = page.get_textpage()
        searcher = textpage.search(code.text[:20])
        hit = searcher.get_next()
        assert hit, f"{code.text} not found as text on page {index + 1}"
        box = textpage.get_charbox(hit[0])
        assert code_bottom <= (box[1] + box[3]) / 2 <= code_top


def test_the_mask_is_chosen_by_qrcodes_own_penalty_for_codes_of_every_version_and_level():
    """handout's faster penalty (qrmask.py) must score every placed code as qrcode's
    `util.lost_point` does, so the mask it picks is the one qrcode would: checked on codes of
    each of the 40 versions (each at one of the 4 levels), under 3 of the 8 masks."""
    import random

    import qrcode
    from qrcode.util import lost_point

    from handout.qrmask import QRCode, penalty

    rng = random.Random(7)
    for version in range(1, 41):
        level = rng.choice([0, 1, 2, 3])
        code = qrcode.QRCode(version=version, error_correction=level, border=0)
        length = rng.randint(1, 5 + version)  # what the smallest code at level H holds
        code.add_data("".join(rng.choice("ab0/:.-_?%é") for _ in range(length)))
        for mask in rng.sample(range(8), 3):
            code.makeImpl(True, mask)
            assert penalty(code.modules) == lost_point(code.modules), (version, level, mask)
    for density in (0.1, 0.3, 0.62, 0.9):  # far from half dark: the balance rule (N4) counts
        n = rng.choice([21, 25, 33, 45])
        grid = [[rng.random() < density for _ in range(n)] for _ in range(n)]
        assert penalty(grid) == lost_point(grid), density
    for url in ["https://rheuminfo.com/medications/kineret/", "https://example.org/a?b=c#d"]:
        ours, theirs = QRCode(error_correction=2, border=0), qrcode.QRCode(error_correction=2)
        ours.add_data(url)
        theirs.add_data(url)
        ours.best_fit()
        theirs.best_fit()
        assert ours.best_mask_pattern() == theirs.best_mask_pattern()
