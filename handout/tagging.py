"""Tagged PDF while drawing: structure nodes, marked content and artifacts.

Layout gives each flowable the structure node it draws (`flowable.node`); while a page is
drawn, every text-showing or painting operator is wrapped either in marked content that names
its node (`/P <</MCID 3>> BDC ... EMC`) or in an artifact (page furniture, rules, boxes). The
tagger records which node each marked-content id belongs to on each page; pdfua.py turns that
record into the structure tree when the document is saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple


class Marked(NamedTuple):
    """A marked-content sequence: page index and its id on that page."""

    page: int
    mcid: int


class LinkAnnotation(NamedTuple):
    """A link annotation drawn for a Link node, to become an object reference in the tree."""

    page: int
    annotation: object  # ReportLab's PDFDictionary of the annotation
    reference: object  # its PDFObjectReference
    text: str


class Node:
    """A structure element: Document, Sect, H1-H3, P, L, LI, Lbl, LBody, Div, Figure, Link."""

    __slots__ = ("role", "parent", "alt", "kids", "bbox")

    def __init__(self, role: str, parent: Node | None = None, alt: str | None = None) -> None:
        self.role, self.parent, self.alt = role, parent, alt
        self.kids: list[Node | Marked | LinkAnnotation] = []
        self.bbox: tuple[int, float, float, float, float] | None = None  # page, x0, y0, x1, y1

    def add(self, role: str, **info: object) -> Node:
        child = Node(role, self, **info)
        self.kids.append(child)
        return child

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()


class Tagger:
    """What each marked-content id on each page belongs to, recorded as pages are drawn."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.pages: list[list[Node]] = [[]]  # per page, the node of each MCID
        self.links: list[LinkAnnotation] = []
        self.pending_link: tuple[Node, str] | None = None  # set just before a link is drawn

    @property
    def page(self) -> int:
        return len(self.pages) - 1

    def next_page(self) -> None:
        self.pages.append([])

    def mark(self, node: Node, attach: bool = True) -> Marked:
        """A new marked-content id on this page for `node` (added to its kids unless the
        caller orders them itself)."""
        ids = self.pages[-1]
        ids.append(node)
        marked = Marked(self.page, len(ids) - 1)
        if attach:
            node.kids.append(marked)
        return marked

    def annotation_added(self, annotation: object, reference: object) -> None:
        """Called by the canvas for each annotation; links drawn for a node join the tree."""
        if self.pending_link is None:
            return
        node, text = self.pending_link
        link = LinkAnnotation(self.page, annotation, reference, text)
        node.kids.append(link)
        self.links.append(link)
        self.pending_link = None


def begin(node: Node, mcid: int, actual_text: str | None = None) -> str:
    """The operators opening marked content for a node. ActualText carries the words of
    shaped or reordered text, so that copy, search and read-aloud get them right; it sits on
    a nested /Span, the only place some readers (poppler's pdftotext) look for it."""
    if actual_text is None:
        return f"/{node.role} <</MCID {mcid}>> BDC"
    return f"/{node.role} <</MCID {mcid}>> BDC /Span <</ActualText {hex_string(actual_text)}>> BDC"


def end(actual_text: str | None = None) -> str:
    """The operators closing what `begin` opened."""
    return END if actual_text is None else f"{END} {END}"


END = "EMC"


def hex_string(text: str) -> str:
    """A PDF text string (UTF-16BE with BOM) as hex: safe for any character."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def tagger_of(canvas: object) -> Tagger | None:
    return getattr(canvas, "tagger", None)


@contextmanager
def artifact(canvas: object, kind: str | None = None, subtype: str | None = None) -> Iterator[None]:
    """Wrap what is drawn inside in an artifact (furniture, rules, backgrounds)."""
    if tagger_of(canvas) is None:
        yield
        return
    props = " BMC"
    if kind:
        props = f" <</Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "") + ">> BDC"
    canvas.addLiteral("/Artifact" + props)
    try:
        yield
    finally:
        canvas.addLiteral(END)


@contextmanager
def marked(canvas: object, node: Node | None) -> Iterator[None]:
    """Wrap what is drawn inside in marked content for `node` (a figure, say)."""
    tagger = tagger_of(canvas)
    if tagger is None or node is None:
        yield
        return
    canvas.addLiteral(begin(node, tagger.mark(node).mcid))
    try:
        yield
    finally:
        canvas.addLiteral(END)
