"""PDF/A-2a (ISO 19005-2, level A): an archival file, on top of the tagging PDF/UA needs.

Adds the sRGB output intent (the colours in the file are device RGB); the XMP packet written by
pdfua.py then also claims pdfaid part 2, conformance A, and declares the pdfuaid schema.
ReportLab's file syntax falls short of PDF/A's stricter rules (no end-of-line before
`endstream`), so the finished file is written once more by qpdf, through pikepdf.
"""

from __future__ import annotations

import struct
from functools import cache

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

ICC_DATE = slice(24, 36)  # the header's creation date and time: six big-endian 16-bit numbers
FIXED_DATE = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)  # ReportLab's date in invariant mode


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile, made by LittleCMS through Pillow (a dependency of ReportLab).
    LittleCMS stamps it with the time it was made, which would make every PDF/A build differ:
    the stamp is replaced by a fixed date (the profile carries no ID checksum over it)."""
    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[ICC_DATE] = FIXED_DATE
    return bytes(profile)


def make_pdfa(doc: pdfdoc.PDFDocument) -> None:
    """Add the output intent PDF/A requires for device colours."""
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": doc.Reference(profile, "OutputProfile"),
        }
    )
    catalog = doc.Catalog
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([intent])


def rewrite(data: bytes) -> bytes:
    """The same document, serialised by qpdf: PDF/A's stream and object syntax, object
    streams and a cross-reference stream like pdfwrite.py's (PDF/A-2 allows both; the XMP
    stream stays outside them, uncompressed), and a file identifier derived from the content,
    so the output stays reproducible. No object streams in the rare file where one of qpdf's
    would end in CR or LF."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                _end_cleanly(obj)
        out = _saved(pdf, pikepdf.ObjectStreamMode.generate)
        if _ends_ambiguously(out):  # rare: then the file goes without object streams
            out = _saved(pdf, pikepdf.ObjectStreamMode.disable)
    return out


def _saved(pdf, object_streams) -> bytes:
    """The file as qpdf writes it, with or without object streams."""
    import io

    import pikepdf

    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        object_stream_mode=object_streams,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,  # keep the data as it is
    )
    return out.getvalue()


def _ends_ambiguously(data: bytes) -> bool:
    """Whether an object stream or the cross-reference stream qpdf made while saving ends in
    a CR or LF byte (see `_end_cleanly`). qpdf compresses them itself, and the last bytes
    are a checksum of their content, so another zlib level would not help."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return any(
            isinstance(obj, pikepdf.Stream)
            and obj.get("/Type") in (pikepdf.Name.ObjStm, pikepdf.Name.XRef)
            and obj.read_raw_bytes().endswith((b"\r", b"\n"))
            for obj in pdf.objects
        )


def _end_cleanly(stream) -> None:
    """Compressed data that happens to end in a CR or LF byte makes the end-of-line before
    `endstream` ambiguous, and PDF/A validators then count a wrong /Length. The last bytes of
    zlib data are a checksum of the content, so the content gets harmless padding (spaces
    after a content stream or CMap, zero bytes after a font program) until they are not."""
    import zlib

    import pikepdf

    raw = stream.read_raw_bytes()
    filters = stream.get("/Filter")
    names = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
    if not raw.endswith((b"\r", b"\n")) or names != [pikepdf.Name.FlateDecode]:
        return
    data = stream.read_bytes()
    font = "/Length1" in stream
    for n in range(1, 64):
        padded = data + (b"\0" if font else b" ") * n
        packed = zlib.compress(padded, 9)
        if not packed.endswith((b"\r", b"\n")):
            stream.write(packed, filter=pikepdf.Name.FlateDecode)
            if font:
                stream.Length1 = len(padded)
            return
