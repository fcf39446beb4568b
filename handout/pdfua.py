"""PDF/UA-1 (ISO 14289-1): what a tagged document needs besides its marked content.

Called on ReportLab's document objects just before they are written, so no second pass over
the file is needed: the structure tree and its parent tree from the tagger's record, /StructParents
and /Tabs on every page, link annotations in the tree with /Contents and the Print flag,
/MarkInfo, XMP metadata with pdfuaid:part 1, PDF 1.7, and ToUnicode maps without the U+0000
entries ReportLab writes for unused codes.
"""

from __future__ import annotations

import unicodedata

from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFStream,
    PDFString,
)

from handout.fonts import GLYPH_TEXT
from handout.metadata import xmp
from handout.tagging import LinkAnnotation, Marked, Node, Tagger

PRINT_FLAG = 4


def make_pdfua(
    doc: pdfdoc.PDFDocument, tagger: Tagger, pages: int, language: str, pdfa: bool = False
) -> None:
    """Add the structure tree and the document-level entries of PDF/UA-1 to `doc`."""
    doc._pdfVersion = max(doc._pdfVersion, (1, 7))
    nodes = list(tagger.root.walk())
    refs = {id(node): PDFObjectReference(f"StructElem{i}") for i, node in enumerate(nodes)}
    root = PDFObjectReference("StructTreeRoot")
    links = {
        id(kid): node for node in nodes for kid in node.kids if isinstance(kid, LinkAnnotation)
    }
    for i, node in enumerate(nodes):
        parent = refs[id(node.parent)] if node.parent else root
        doc.Reference(_StructElem(node, parent, refs), f"StructElem{i}")

    nums: list[tuple[int, list[object] | object]] = [
        (page, [refs[id(n)] for n in tagger.pages[page]]) for page in range(pages)
    ]
    for key, link in enumerate(tagger.links, start=pages):
        link.annotation["StructParent"] = key
        link.annotation["Contents"] = PDFString(link.text)
        link.annotation["F"] = PRINT_FLAG
        nums.append((key, refs[id(links[id(link)])]))
    doc.Reference(
        PDFDictionary(
            {
                "Type": PDFName("StructTreeRoot"),
                "K": PDFArray([refs[id(tagger.root)]]),
                "ParentTree": doc.Reference(_ParentTree(nums), "ParentTree"),
                "ParentTreeNextKey": pages + len(tagger.links),
            }
        ),
        "StructTreeRoot",
    )

    for number, page in enumerate(doc.Pages.pages):
        page.__NoDefault__ = [*type(page).__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = number
        page.Tabs = PDFName("S")

    catalog = doc.Catalog
    catalog.StructTreeRoot = root
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    y, mo, d, h, mi, s = doc._timeStamp.YMDhms
    date = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}+00:00"
    packet = xmp(doc.info, language, date, pdfa)
    catalog.Metadata = doc.Reference(_MetadataStream(packet.encode("utf-8")), "XMPMetadata")


class _MetadataStream(PDFStream):
    """An uncompressed XMP stream: ReportLab would write an empty /Filter array, which
    validators cannot read, and no end-of-line before `endstream`, which PDF/A requires."""

    def __init__(self, content: bytes) -> None:
        super().__init__(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}))
        self.content = content

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        entries = PDFDictionary({**self.dictionary.dict, "Length": len(self.content)})
        return pdfdoc.format(entries, document) + b"\nstream\n" + self.content + b"\nendstream\n"


class _StructElem(pdfdoc.PDFObject):
    """A structure element, written directly: there are hundreds, and ReportLab's generic
    dictionaries cost more time than the rest of tagging. Marked content on the element's own
    page is a bare MCID, as the PDF format allows."""

    def __init__(self, node: Node, parent: object, refs: dict[int, object]) -> None:
        self.node, self.parent, self.refs = node, parent, refs

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        node, fmt = self.node, pdfdoc.format
        numbers = document.idToObjectNumberAndVersion

        def ref(name: str) -> bytes:
            return b"%d %d R" % numbers[name]

        marked = [k for k in node.kids if isinstance(k, Marked)]
        home = marked[0].page if marked else None
        kids = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(ref(self.refs[id(kid)].name))
            elif isinstance(kid, Marked) and kid.page == home:
                kids.append(b"%d" % kid.mcid)
            elif isinstance(kid, Marked):
                page = ref(f"Page{kid.page + 1}")
                kids.append(b"<< /Type /MCR /Pg %s /MCID %d >>" % (page, kid.mcid))
            else:
                obj, page = ref(kid.reference.name), ref(f"Page{kid.page + 1}")
                kids.append(b"<< /Type /OBJR /Obj %s /Pg %s >>" % (obj, page))
        out = [
            b"<< /Type /StructElem /S /" + node.role.encode("ascii"),
            b" /P " + ref(self.parent.name),
            b" /K [" + b" ".join(kids) + b"]",
        ]
        if home is not None:
            out.append(b" /Pg " + ref(f"Page{home + 1}"))
        if node.alt:
            out.append(b" /Alt " + fmt(PDFString(node.alt), document))
        if node.bbox:
            box = " ".join(f"{v:.2f}" for v in node.bbox[1:]).encode("ascii")
            out.append(b" /A << /O /Layout /BBox [" + box + b"] >>")
        return b"".join(out) + b" >>"


class _ParentTree(pdfdoc.PDFObject):
    """The number tree from each page's MCIDs (and each annotation) to its element."""

    def __init__(self, nums: list[tuple[int, list[object] | object]]) -> None:
        self.nums = nums

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        fmt, out = pdfdoc.format, []
        for key, value in self.nums:
            if isinstance(value, list):
                value_bytes = b"[" + b" ".join(fmt(v, document) for v in value) + b"]"
            else:
                value_bytes = fmt(value, document)
            out.append(b"%d %s" % (key, value_bytes))
        return b"<< /Nums [" + b"\n".join(out) + b"] >>"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map, corrected so that copied text is the words themselves:
    no entries for unused codes (ReportLab maps them to U+0000, which PDF/UA validators
    reject); Arabic presentation forms map to the letters they show (NFKC); glyphs ReportLab
    gave private-use codes map to the characters HarfBuzz drew them for; UTF-16 beyond U+FFFF."""
    font_name = fontname.split("+", 1)[-1]
    pairs = []
    for code, value in enumerate(subset):
        if not value:
            continue
        text = chr(value)
        if 0xE000 <= value <= 0xF8FF:
            text = GLYPH_TEXT.get((font_name, value), text)
        elif 0xFB50 <= value <= 0xFDFF or 0xFE70 <= value <= 0xFEFF:
            text = unicodedata.normalize("NFKC", text).strip() or text
        pairs.append(f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>")
    blocks = []
    for start in range(0, len(pairs), 100):  # a bfchar block holds at most 100 entries
        chunk = pairs[start : start + 100]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
