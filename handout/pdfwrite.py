"""The PDF file structure: objects packed into compressed object streams and found through a
cross-reference stream (PDF 1.5), in place of ReportLab's one object after another and a
plain-text cross-reference table. A tagged handout has hundreds of small dictionaries
(structure elements, pages, fonts' descriptors) that compress well together: the Kineret
handout is a third smaller, which matters for email.

Streams (page contents, fonts, images, XMP metadata) stay objects of their own, as the PDF
format requires, and the XMP packet therefore stays uncompressed and outside, as PDF/A requires.
Written for ReportLab 5.1's PDFDocument (its `format()` and object registry); an encrypted
document keeps ReportLab's own writer, which encrypts object by object.
"""

from __future__ import annotations

import zlib
from types import MethodType

from reportlab.pdfbase import pdfdoc

# Objects per object stream: a handout's all fit in one (the best compression); a long
# document's go into several, so that a reader need not inflate them all to reach one object.
OBJECTS_PER_STREAM = 1000
PDF_1_5 = (1, 5)  # the first version with object streams and cross-reference streams


def compact(doc: pdfdoc.PDFDocument) -> None:
    """Make `doc` write itself with object streams and a cross-reference stream
    (ReportLab's `GetPDFData` ends with `self.format()`)."""
    doc.format = MethodType(_format, doc)


def _format(doc: pdfdoc.PDFDocument) -> bytes:
    """ReportLab's `PDFDocument.format()`, with a PDF 1.5 file structure."""
    if not isinstance(doc.encrypt, pdfdoc.NoEncryption):
        return type(doc).format(doc)
    doc._pdfVersion = max(doc._pdfVersion, PDF_1_5)
    root, info = doc.Reference(doc.Catalog), doc.Reference(doc.info)
    out = pdfdoc.PDFFile(doc._pdfVersion)  # the header line, then a running offset
    # Each entry: (type, field 2, field 3) of the cross-reference stream: 0 free,
    # 1 at a byte offset, 2 inside an object stream at an index.
    entries: list[tuple[int, int, int]] = [(0, 0, 0xFFFF)]
    packed: list[tuple[int, bytes]] = []
    number = 1
    while number in doc.numberToId:  # formatting an object may register more objects
        body = pdfdoc.format(doc.idToObject[doc.numberToId[number]], doc, toplevel=1)
        if body.rstrip().endswith(b"endstream"):  # a stream (if wrong: a valid loose object)
            entries.append((1, out.add(_indirect(number, body)), 0))
        else:
            entries.append((2, 0, 0))  # filled in below, once the streams are numbered
            packed.append((number, body))
        number += 1
    for start in range(0, len(packed), OBJECTS_PER_STREAM):
        chunk = packed[start : start + OBJECTS_PER_STREAM]
        for index, (member, _) in enumerate(chunk):
            entries[member] = (2, number, index)
        entries.append((1, out.add(_indirect(number, _object_stream(chunk))), 0))
        number += 1
    xref = out.offset
    entries.append((1, xref, 0))
    out.add(_indirect(number, _xref_stream(entries, root, info, _file_id(doc), doc)))
    out.add(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.format(doc)


def _indirect(number: int, body: bytes) -> bytes:
    return b"%d 0 obj\n%s%sendobj\n" % (number, body, b"" if body.endswith(b"\n") else b"\n")


def _stream(entries: bytes, data: bytes) -> bytes:
    """A Flate-compressed stream whose dictionary holds `entries` besides /Filter and /Length."""
    packed = zlib.compress(data, 9)
    head = b"<< %s /Filter /FlateDecode /Length %d >>" % (entries, len(packed))
    return head + b"\nstream\n" + packed + b"\nendstream\n"


def _object_stream(chunk: list[tuple[int, bytes]]) -> bytes:
    """An object stream: pairs of object number and offset, then the objects themselves."""
    offsets, bodies, at = [], [], 0
    for member, body in chunk:
        offsets.append(b"%d %d" % (member, at))
        bodies.append(body)
        at += len(body) + 1
    header = b" ".join(offsets) + b"\n"
    data = header + b"\n".join(bodies)
    return _stream(b"/Type /ObjStm /N %d /First %d" % (len(chunk), len(header)), data)


def _xref_stream(
    entries: list[tuple[int, int, int]],
    root: pdfdoc.PDFObjectReference,
    info: pdfdoc.PDFObjectReference,
    file_id: bytes,
    doc: pdfdoc.PDFDocument,
) -> bytes:
    """The cross-reference stream, which is also the trailer: big-endian fields as wide as the
    largest value in each column needs, each row stored as its difference from the row above
    (PNG "Up" predictor), which compresses the slowly growing offsets to a third."""
    widths = [1, *(max(1, (max(e[i] for e in entries).bit_length() + 7) // 8) for i in (1, 2))]
    rows, above = [], bytes(sum(widths))
    for entry in entries:
        fields = zip(entry, widths, strict=True)
        row = b"".join(value.to_bytes(width, "big") for value, width in fields)
        rows.append(b"\x02" + bytes((a - b) & 0xFF for a, b in zip(row, above, strict=True)))
        above = row
    fmt = pdfdoc.format
    head = b"/Type /XRef /Size %d /W [%d %d %d] /Root %s /Info %s /ID %s" % (
        len(entries),
        *widths,
        fmt(root, doc),
        fmt(info, doc),
        file_id,
    )
    head += b" /DecodeParms << /Columns %d /Predictor 12 >>" % sum(widths)
    return _stream(head, b"".join(rows))


def _file_id(doc: pdfdoc.PDFDocument) -> bytes:
    """ReportLab's file identifier (the same two digests its trailer has), without the
    comment line it writes after it."""
    written = doc.ID()
    return written[written.index(b"[") : written.index(b"]") + 1]


def _flate_best(text: bytes | str) -> bytes:
    """ReportLab's Flate filter at zlib's best compression (it uses the default, 6): fonts
    and page contents are most of a handout's bytes, and level 9 costs well under a
    millisecond on them."""
    return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 9)


pdfdoc.PDFZCompress.encode = _flate_best
