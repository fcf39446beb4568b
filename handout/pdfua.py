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


def make_pdfua(doc: pdfdoc.PDFDocument, tagger: Tagger, pages: int, pdfa: bool = False) -> None:
    """Add the structure tree and the document-level entries of PDF/UA-1 to `doc`."""
    doc._pdfVersion = max(doc._pdfVersion, (1, 7))
    nodes = list(tagger.root.walk())
    refs = {id(node): PDFObjectReference(f"StructElem{i}") for i, node in enumerate(nodes)}
    root = PDFObjectReference("StructTreeRoot")
    owner: dict[int, Node] = {}
    for i, node in enumerate(nodes):
        doc.Reference(_element(node, refs, root, owner), f"StructElem{i}")

    nums: list[object] = []
    for page in range(pages):
        nums += [page, PDFArray([refs[id(n)] for n in tagger.pages[page]])]
    for key, link in enumerate(tagger.links, start=pages):
        link.annotation["StructParent"] = key
        link.annotation["Contents"] = PDFString(link.text)
        link.annotation["F"] = PRINT_FLAG
        nums += [key, refs[id(owner[id(link)])]]
    parent_tree = PDFDictionary({"Nums": PDFArray(nums)})
    doc.Reference(
        PDFDictionary(
            {
                "Type": PDFName("StructTreeRoot"),
                "K": PDFArray([refs[id(tagger.root)]]),
                "ParentTree": doc.Reference(parent_tree, "ParentTree"),
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
    info = doc.info
    y, mo, d, h, mi, s = doc._timeStamp.YMDhms
    date = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}+00:00"
    packet = xmp(info, catalog.Lang or "", date, pdfa)
    stream = _MetadataStream(packet.encode("utf-8"))
    catalog.Metadata = doc.Reference(stream, "XMPMetadata")


class _MetadataStream(PDFStream):
    """An uncompressed XMP stream: ReportLab would write an empty /Filter array, which
    validators cannot read, and no end-of-line before `endstream`, which PDF/A requires."""

    def __init__(self, content: bytes) -> None:
        super().__init__(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}))
        self.content = content

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        entries = PDFDictionary({**self.dictionary.dict, "Length": len(self.content)})
        return pdfdoc.format(entries, document) + b"\nstream\n" + self.content + b"\nendstream\n"


def _element(node: Node, refs: dict[int, object], root: object, owner: dict[int, Node]):
    def page_ref(page: int) -> PDFObjectReference:
        return PDFObjectReference(f"Page{page + 1}")

    kids: list[object] = []
    first_page = None
    for kid in node.kids:
        if isinstance(kid, Node):
            kids.append(refs[id(kid)])
        elif isinstance(kid, Marked):
            kids.append(
                PDFDictionary({"Type": PDFName("MCR"), "Pg": page_ref(kid.page), "MCID": kid.mcid})
            )
            first_page = kid.page if first_page is None else first_page
        elif isinstance(kid, LinkAnnotation):
            kids.append(
                PDFDictionary(
                    {"Type": PDFName("OBJR"), "Obj": kid.reference, "Pg": page_ref(kid.page)}
                )
            )
            owner[id(kid)] = node
    entries: dict[str, object] = {
        "Type": PDFName("StructElem"),
        "S": PDFName(node.role),
        "P": refs[id(node.parent)] if node.parent else root,
        "K": PDFArray(kids),
    }
    if first_page is not None:
        entries["Pg"] = page_ref(first_page)
    if node.alt:
        entries["Alt"] = PDFString(node.alt)
    if node.bbox:
        page, *box = node.bbox
        entries["A"] = PDFDictionary(
            {"O": PDFName("Layout"), "BBox": PDFArray([round(v, 2) for v in box])}
        )
    return PDFDictionary(entries)


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
