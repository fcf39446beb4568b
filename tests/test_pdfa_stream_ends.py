"""PDF/A's /Length rule for the streams qpdf makes itself (object streams, the cross-reference
stream): compressed data ending in CR or LF is counted wrong by validators (page-validation's
PDFA2A-STREAM-LENGTH-001), and their last bytes are a checksum nothing upstream controls."""

from __future__ import annotations

import io

import pikepdf

from handout.pdfa import rewrite

OWN = (pikepdf.Name.ObjStm, pikepdf.Name.XRef)


def qpdf_stream_ends(data: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            obj.read_raw_bytes()[-1:]
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Type") in OWN
        ]


def small_pdf(n: int) -> bytes:
    """A one-page file with an object of n characters (the last byte of zlib data is the
    low byte of the sum of the content's bytes: "!" is odd, so n in 0..255 meets them all)."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Note = pdf.make_indirect(pikepdf.Dictionary(Text=pikepdf.String("!" * n)))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_no_stream_qpdf_writes_ends_in_cr_or_lf():
    unlucky = 0
    for n in range(256):
        data = small_pdf(n)
        with pikepdf.open(io.BytesIO(data)) as pdf:
            plain = io.BytesIO()
            pdf.save(plain, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        unlucky += any(end in (b"\r", b"\n") for end in qpdf_stream_ends(plain.getvalue()))
        assert all(end not in (b"\r", b"\n") for end in qpdf_stream_ends(rewrite(data))), n
    assert unlucky  # the case was met, and handled
