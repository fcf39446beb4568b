"""Tagged PDF (issue 4): PDF/UA-1 for screen readers, PDF/A-2a for archives.

What a screen-reader user, a validator and an archivist would check, read back from the PDF:
the page-validation verdicts, the structure tree as an outline compared with the content file,
our own walk of marked content, parent tree and link annotations, the catalog and XMP, every
glyph's Unicode, copied text of the shaped scripts, and page furniture kept out of the tree.

Every PDF is built once per session: a batch of the repository's content (6 languages x 2
papers x 2 print sizes), a PDF/A batch of three languages, and a few small content files.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import page
import pikepdf
import pypdf
import pypdfium2
import pytest
from conftest import CONTENT, build, expected_texts, minimal, norm, run_cli, squash, write_content

from handout.catalogue import labels_for
from handout.dates import format_date
from handout.inline import plain_text
from handout.loader import load
from handout.model import Callout, ItemList, Paragraph, Qr
from handout.typography import typeset

MASTER = load(CONTENT)
LANGUAGES = (MASTER.language, *[lang for lang in MASTER.languages if lang != MASTER.language])
PAPERS = ("letter", "a4")
SIZES = (False, True)
VARIANTS = [(lang, paper, large) for lang in LANGUAGES for paper in PAPERS for large in SIZES]
PDFA_LANGUAGES = ("en", "ar", "zh")
PDFA_VARIANTS = [
    (lang, paper, large) for lang in PDFA_LANGUAGES for paper in PAPERS for large in SIZES
]
PRINT_FLAG = 4


def file_name(language: str, paper: str = "letter", large: bool = False) -> str:
    return f"{MASTER.handout}-{language}-{paper}{'-large' if large else ''}.pdf"


def variant_id(variant: tuple[str, str, bool]) -> str:
    return file_name(*variant).removeprefix(f"{MASTER.handout}-").removesuffix(".pdf")


def content_of(language: str):
    """The master, or the translation into `language`."""
    if language == MASTER.language:
        return MASTER
    return load(CONTENT.with_name(f"content.{language}.yaml"))


# -- the PDFs, built once per session -----------------------------------------------------------


def _batch(out: Path, *options: str) -> Path:
    result = run_cli(["batch", CONTENT, "--out", out, *options])
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def batch_dir(tmp_path_factory) -> Path:
    """`handout batch`: every language, paper and print size of the repository's content."""
    return _batch(tmp_path_factory.mktemp("tagging-batch"))


@pytest.fixture(scope="session")
def pdfa_dir(tmp_path_factory) -> Path:
    """`handout batch --pdfa` for a left-to-right, a right-to-left and a CJK language."""
    return _batch(
        tmp_path_factory.mktemp("tagging-pdfa"), "--pdfa", "--lang", ",".join(PDFA_LANGUAGES)
    )


EVERY_BLOCK = minimal(
    """
    - Read the [full leaflet](https://example.org/leaflet) before your **first dose**, and
      keep it *somewhere safe*.
    - bullets:
        - Keep the syringes in the fridge
        - Do not freeze them
    - steps:
        - Wash your hands
        - Clean the skin with an alcohol swab
        - Inject the medicine slowly
    - callout:
        kind: call-doctor
        title: Call your doctor now
        blocks:
          - Call if you have a fever or chills.
    - callout:
        kind: warning
        title: Do not share needles
        blocks:
          - Sharing needles spreads infection.
          - steps:
              - Put used needles in a sharps box
              - Close the box when it is full
    - callout:
        kind: info
        title: Good to know
        blocks:
          - bullets:
              - The medicine keeps for 14 days at room temperature
    - qr:
        url: https://example.org/video
        caption: "Watch the video: giving the injection"
    """,
    title="Injections at home",
    subtitle="A guide for patients",
    source='"Adapted from the clinic\'s leaflet"',
)

SENTENCES = [
    f"Sentence {n} of the long paragraph tells you one more thing about the medicine."
    for n in range(1, 121)
]
LONG = minimal(f"- {' '.join(SENTENCES)}", title="A long paragraph")


@pytest.fixture(scope="session")
def every_block_pdf(tmp_path_factory) -> Path:
    """A small content file with every kind of block, built as `handout build` would."""
    folder = tmp_path_factory.mktemp("every-block")
    return build(write_content(folder, EVERY_BLOCK), folder / "out")


@pytest.fixture(scope="session")
def every_block_pdfa(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("every-block-pdfa")
    return build(write_content(folder, EVERY_BLOCK), folder / "out", "--pdfa")


@pytest.fixture(scope="session")
def long_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    return build(write_content(folder, LONG), folder / "out")


# -- reading a tagged PDF back: marked content, ToUnicode, the structure tree --------------------

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
PAINT_OPERATORS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh", "BI"}
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


def cmap_entries(data: bytes) -> dict[int, str]:
    """The code -> text entries of a ToUnicode CMap (bfchar and bfrange)."""
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        codes = _HEX.findall(block)
        for src, dst in zip(codes[::2], codes[1::2], strict=True):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            base = bytes.fromhex(dst.decode()).decode("utf-16-be")
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = base[:-1] + chr(ord(base[-1]) + i)
    return out


def _props(operands) -> pikepdf.Dictionary | None:
    if len(operands) > 1 and isinstance(operands[1], pikepdf.Dictionary):
        return operands[1]
    return None


@dataclass
class PageContent:
    """What one page's content stream draws, by marked content."""

    mcids: list[int] = field(default_factory=list)  # in content order
    text: dict[int, str] = field(default_factory=dict)  # per MCID (ActualText where given)
    artifact_text: list[str] = field(default_factory=list)
    untagged: list[str] = field(default_factory=list)  # operators outside marked content
    unbalanced: int = 0  # EMC without a sequence to close, or sequences left open
    unmapped: list[tuple[str, int]] = field(default_factory=list)  # codes without ToUnicode


def read_page(pdf_page: pikepdf.Page) -> PageContent:
    fonts = {
        str(name): cmap_entries(font.ToUnicode.read_bytes()) if "/ToUnicode" in font else {}
        for name, font in pdf_page.Resources.get("/Font", {}).items()
    }
    out = PageContent()
    marks: list[tuple[str, pikepdf.Dictionary | None]] = []
    fonts_saved: list[str | None] = []
    font = None

    def owner() -> tuple[str, int | None] | None:
        """Where text drawn now belongs: ("mcid", n), ("artifact", None) or None."""
        for tag, props in reversed(marks):
            if tag == "/Artifact":
                return ("artifact", None)
            if props is not None and "/MCID" in props:
                return ("mcid", int(props.MCID))
        return None

    def emit(text: str) -> None:
        where = owner()
        if where and where[0] == "mcid":
            out.text[where[1]] += text
        elif where:
            out.artifact_text.append(text)

    for operands, operator in pikepdf.parse_content_stream(pdf_page):
        inline_image = isinstance(operands, pikepdf.ContentStreamInlineImage)
        op = "BI" if inline_image else str(operator)
        if op in ("BDC", "BMC"):
            props = _props(operands) if op == "BDC" else None
            marks.append((str(operands[0]), props))
            if props is not None and "/MCID" in props:
                out.mcids.append(int(props.MCID))
                out.text.setdefault(int(props.MCID), "")
            if props is not None and "/ActualText" in props:
                emit(str(props.ActualText))
        elif op == "EMC" and marks:
            marks.pop()
        elif op == "EMC":
            out.unbalanced += 1
        elif op == "q":
            fonts_saved.append(font)
        elif op == "Q":
            font = fonts_saved.pop()
        elif op == "Tf":
            font = str(operands[0])
        if (op in TEXT_OPERATORS or op in PAINT_OPERATORS) and owner() is None:
            out.untagged.append(op)
        if op in TEXT_OPERATORS:
            strings = operands[0] if op == "TJ" else operands[-1:]
            cmap = fonts.get(font, {})
            text = []
            for s in strings:
                if isinstance(s, pikepdf.String):
                    for code in bytes(s):
                        if code in cmap:
                            text.append(cmap[code])
                        else:
                            out.unmapped.append((font, code))
            if not any(props is not None and "/ActualText" in props for _, props in marks):
                emit("".join(text))
    out.unbalanced += len(marks)
    return out


class Tagged:
    """A PDF's pages (content by MCID) and its structure tree."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdf = pikepdf.open(path)
        self.page_number = {p.obj.objgen: i for i, p in enumerate(self.pdf.pages)}
        self.root = self.pdf.Root.StructTreeRoot

    @cached_property
    def pages(self) -> list[PageContent]:
        return [read_page(p) for p in self.pdf.pages]

    @staticmethod
    def raw_kids(elem: pikepdf.Dictionary) -> list:
        kids = elem.get("/K")
        if kids is None:
            return []
        return list(kids) if isinstance(kids, pikepdf.Array) else [kids]

    def kids(self, elem: pikepdf.Dictionary) -> list[tuple[str, object]]:
        """("elem", element), ("mcid", (page, mcid)) or ("objr", object reference) per kid."""
        out: list[tuple[str, object]] = []
        for kid in self.raw_kids(elem):
            if isinstance(kid, int):
                out.append(("mcid", (self.page_number[elem.Pg.objgen], kid)))
            elif kid.get("/Type") == "/MCR":
                pg = kid.get("/Pg", elem.get("/Pg"))
                out.append(("mcid", (self.page_number[pg.objgen], int(kid.MCID))))
            elif kid.get("/Type") == "/OBJR":
                out.append(("objr", kid))
            else:
                out.append(("elem", kid))
        return out

    def children(self, elem: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
        return [kid for kind, kid in self.kids(elem) if kind == "elem"]

    def walk(self, elem: pikepdf.Dictionary | None = None):
        """Every structure element, depth first, in tree order."""
        for kid in self.children(self.root if elem is None else elem):
            yield kid
            yield from self.walk(kid)

    def marked(self, elem: pikepdf.Dictionary | None = None) -> list[tuple[int, int]]:
        """(page, MCID) of all marked content under `elem`, depth first."""
        out = []
        for kind, kid in self.kids(self.root if elem is None else elem):
            if kind == "mcid":
                out.append(kid)
            elif kind == "elem":
                out += self.marked(kid)
        return out

    def text(self, elem: pikepdf.Dictionary) -> str:
        """What a screen reader speaks for an element: its marked content's text."""
        return "".join(self.pages[p].text.get(m, "") for p, m in self.marked(elem))

    def document(self) -> pikepdf.Dictionary:
        (doc,) = self.children(self.root)
        return doc

    def parent_tree(self) -> dict[int, object]:
        out: dict[int, object] = {}

        def visit(node: pikepdf.Dictionary) -> None:
            nums = list(node.get("/Nums", []))
            for key, value in zip(nums[::2], nums[1::2], strict=True):
                out[int(key)] = value
            for kid in node.get("/Kids", []):
                visit(kid)

        visit(self.root.ParentTree)
        return out


def role(elem: pikepdf.Dictionary) -> str:
    return str(elem.S).lstrip("/")


@cache
def tagged(path: Path) -> Tagged:
    return Tagged(path)


# -- 1. validators ------------------------------------------------------------------------------


def failures(report) -> str:
    return "; ".join(f"{f.rule_id}: {f.message}" for f in report.failures)


def test_the_batch_wrote_every_language_paper_and_size(batch_dir):
    assert {p.name for p in batch_dir.glob("*.pdf")} == {file_name(*v) for v in VARIANTS}


@pytest.mark.parametrize("variant", VARIANTS, ids=variant_id)
def test_every_batch_pdf_passes_pdf_ua_1(batch_dir, variant):
    report = page.validate_pdf(str(batch_dir / file_name(*variant)), profile="ua1")
    assert report.rules.failed == 0 and report.is_compliant, failures(report)


def test_every_block_kind_passes_pdf_ua_1(every_block_pdf):
    report = page.validate_pdf(str(every_block_pdf), profile="ua1")
    assert report.rules.failed == 0 and report.is_compliant, failures(report)


@pytest.mark.parametrize("profile", ["ua1", "2a"])
@pytest.mark.parametrize("variant", PDFA_VARIANTS, ids=variant_id)
def test_pdfa_batch_passes_pdf_a_2a_and_pdf_ua_1(pdfa_dir, variant, profile):
    report = page.validate_pdf(str(pdfa_dir / file_name(*variant)), profile=profile)
    assert report.rules.failed == 0 and report.is_compliant, failures(report)


@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_every_block_kind_with_pdfa_passes_pdf_a_2a_and_pdf_ua_1(every_block_pdfa, profile):
    report = page.validate_pdf(str(every_block_pdfa), profile=profile)
    assert report.rules.failed == 0 and report.is_compliant, failures(report)


# -- 2. the structure tree read back as an outline ----------------------------------------------


def block_outline(block, labels: dict[str, str]) -> tuple:
    """What the tree should hold for a content block: (role, text or None, kids)."""
    if isinstance(block, Paragraph):
        return ("P", plain_text(block.runs), ())
    if isinstance(block, ItemList):
        items = []
        for n, runs in enumerate(block.items, 1):
            label = f"{n}." if block.numbered else "\u2022"
            items.append(("LI", None, (("Lbl", label, ()), ("LBody", plain_text(runs), ()))))
        return ("L", None, tuple(items))
    if isinstance(block, Callout):
        kids = (("H3", block.title, ()), *(block_outline(b, labels) for b in block.blocks))
        return ("Div", None, kids)
    assert isinstance(block, Qr)
    return (
        "Div",
        None,
        (
            ("Figure", "", ()),
            ("P", block.caption, ()),
            ("P", labels["qr_hint"], ()),
            ("P", block.url, ()),
        ),
    )


def expected_outline(handout) -> tuple:
    """The whole document as the content says it should be tagged (layout.py's mapping)."""
    labels = labels_for(handout)
    meta = [i.label + labels["identifiers_sep"] + i.value for i in handout.identifiers]
    meta.append(labels["revised"].format(date=format_date(handout.revised, handout.language)))
    kids = [("P", labels["kicker"].upper(), ()), ("H1", handout.title, ())]
    if handout.subtitle:
        kids.append(("P", handout.subtitle, ()))
    kids.append(("P", "   |   ".join(meta), ()))
    if handout.key_points:
        points = block_outline(ItemList(handout.key_points, False, 0), labels)
        kids.append(("Div", None, (("P", labels["key_points"], ()), points)))
    for section in handout.sections:
        blocks = [block_outline(b, labels) for b in section.blocks]
        kids.append(("Sect", None, (("H2", section.heading, ()), *blocks)))
    if handout.source:
        kids.append(("P", handout.source, ()))
    kids.append(("P", labels["disclaimer"], ()))
    return ("Document", None, tuple(kids))


def actual_outline(doc: Tagged, elem: pikepdf.Dictionary) -> tuple:
    """The same shape read from the PDF; leaves carry their text (whitespace removed, since
    lines are separate marked content); a QR block's Figure is put first, wherever it is."""
    kids = [k for k in doc.children(elem) if role(k) != "Link"]
    if not kids or role(elem) in ("P", "H1", "H2", "H3", "Lbl", "LBody", "Figure"):
        return (role(elem), squash(doc.text(elem)), tuple(actual_outline(doc, k) for k in kids))
    kids.sort(key=lambda k: role(k) != "Figure")
    return (role(elem), None, tuple(actual_outline(doc, k) for k in kids))


def squashed(outline: tuple, language: str) -> tuple:
    """The outline's texts as typeset in the language (typographic quotes), squashed."""
    name, text, kids = outline
    text = None if text is None else squash(typeset(text, language))
    return (name, text, tuple(squashed(k, language) for k in kids))


def lines(outline: tuple, depth: int = 0) -> list[str]:
    name, text, kids = outline
    out = ["  " * depth + name + ("" if text is None else f" {text!r}")]
    for kid in kids:
        out += lines(kid, depth + 1)
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_structure_tree_reads_back_as_the_contents_outline(batch_dir, language):
    """Document > P (kicker), H1, P (subtitle), P (meta), Sect > H2 + blocks, P (source),
    with each element's text as written in the content file."""
    doc = tagged(batch_dir / file_name(language))
    expected = lines(squashed(expected_outline(content_of(language)), language))
    assert lines(actual_outline(doc, doc.document())) == expected


def test_every_block_kind_reads_back_as_the_contents_outline(every_block_pdf):
    doc = tagged(every_block_pdf)
    content = load(every_block_pdf.parent.parent / "content.yaml")
    expected = lines(squashed(expected_outline(content), content.language))
    assert lines(actual_outline(doc, doc.document())) == expected


@pytest.fixture(scope="session")
def english(batch_dir) -> Tagged:
    return tagged(batch_dir / file_name(MASTER.language))


def test_one_h1_and_it_is_the_title(english, content):
    h1 = [e for e in english.walk() if role(e) == "H1"]
    assert len(h1) == 1
    assert h1[0].P.objgen == english.document().objgen
    assert norm(english.text(h1[0])) == content.title


def test_sections_in_order_each_starting_with_its_heading(english, content):
    sects = [e for e in english.children(english.document()) if role(e) == "Sect"]
    headings = []
    for sect in sects:
        first = english.children(sect)[0]
        assert role(first) == "H2", f"a Sect starts with {role(first)}"
        headings.append(norm(english.text(first)))
    assert headings == [s.heading for s in content.sections]
    h2 = [norm(english.text(e)) for e in english.walk() if role(e) == "H2"]
    assert h2 == headings  # no H2 elsewhere


def test_lists_have_one_item_per_entry_each_with_label_then_body(english, content):
    lists = [b for s in content.sections for b in _all_blocks(s.blocks) if isinstance(b, ItemList)]
    if content.key_points:  # the key-points box on page 1 holds the first list
        lists.insert(0, ItemList(content.key_points, False, 0))
    tagged_lists = [e for e in english.walk() if role(e) == "L"]
    assert len(tagged_lists) == len(lists)
    for element, block in zip(tagged_lists, lists, strict=True):
        items = english.children(element)
        assert [role(i) for i in items] == ["LI"] * len(block.items)
        for item, runs in zip(items, block.items, strict=True):
            lbl, body = english.children(item)
            assert (role(lbl), role(body)) == ("Lbl", "LBody")
            assert squash(english.text(lbl)), "a list item's label has no text"
            assert squash(english.text(body)) == squash(plain_text(runs))


def _all_blocks(blocks):
    for block in blocks:
        yield block
        if isinstance(block, Callout):
            yield from _all_blocks(block.blocks)


def test_callouts_are_divs_titled_by_an_h3(english, content):
    titles = [b.title for s in content.sections for b in s.blocks if isinstance(b, Callout)]
    divs = [e for e in english.walk() if role(e) == "Div"]
    titled = [d for d in divs if role(english.children(d)[0]) == "H3"]
    assert [norm(english.text(english.children(d)[0])) for d in titled] == titles
    h3 = [e for e in english.walk() if role(e) == "H3"]
    assert len(h3) == len(titles)  # every H3 is a callout's title


def test_each_qr_block_is_a_div_with_a_figure_whose_alt_text_names_caption_and_url(
    english, content
):
    qrs = [b for s in content.sections for b in s.blocks if isinstance(b, Qr)]
    figures = [e for e in english.walk() if role(e) == "Figure"]
    assert len(figures) == len(qrs)
    for figure, qr in zip(figures, qrs, strict=True):
        alt = str(figure.get("/Alt", ""))
        assert qr.caption in alt and qr.url in alt, alt
        div = figure.P
        assert role(div) == "Div"
        texts = [squash(english.text(k)) for k in english.children(div) if role(k) == "P"]
        assert squash(qr.caption) in texts and squash(qr.url) in texts
        (url,) = [k for k in english.children(div) if squash(english.text(k)) == squash(qr.url)]
        links = [k for k in english.children(url) if role(k) == "Link"]
        assert links and squash("".join(map(english.text, links))) == squash(qr.url)
        assert english.marked(figure), "the QR code's drawing is not the Figure's content"


# -- 3. our own structure walk ------------------------------------------------------------------

EXTRA = ("every-block", "long", "draft")


@pytest.fixture(scope="session", params=[*map(variant_id, VARIANTS), *EXTRA])
def any_tagged(request, batch_dir) -> Tagged:
    """Each PDF of the batch, the every-block and long-paragraph files, the English draft."""
    name = request.param
    if name in EXTRA:
        fixture = {"every-block": "every_block_pdf", "long": "long_pdf", "draft": "draft_pdf"}
        return tagged(request.getfixturevalue(fixture[name]))
    return tagged(batch_dir / f"{MASTER.handout}-{name}.pdf")


def test_every_mcid_belongs_to_exactly_one_element_as_the_parent_tree_says(any_tagged):
    doc = any_tagged
    owners: dict[tuple[int, int], list] = {}
    for elem in doc.walk():
        for kind, kid in doc.kids(elem):
            if kind == "mcid":
                owners.setdefault(kid, []).append(elem)
            if kind == "elem":
                assert kid.P.objgen == elem.objgen, f"a {role(kid)}'s /P is not its parent"
    on_pages = [(n, m) for n, p in enumerate(doc.pages) for m in p.mcids]
    assert len(on_pages) == len(set(on_pages)), "an MCID is used twice on a page"
    assert set(owners) == set(on_pages), "marked content and the tree's MCIDs differ"
    shared = {k: [role(e) for e in v] for k, v in owners.items() if len(v) > 1}
    assert not shared, f"marked content owned by more than one element: {shared}"

    tree = doc.parent_tree()
    for n, pdf_page in enumerate(doc.pdf.pages):
        key = int(pdf_page.obj.StructParents)
        entries = tree[key]
        mcids = doc.pages[n].mcids
        assert len(entries) == (max(mcids) + 1 if mcids else 0)
        for mcid in mcids:
            assert entries[mcid].objgen == owners[n, mcid][0].objgen, (n, mcid)


def test_every_page_has_tab_order_by_structure_and_struct_parents(any_tagged):
    keys = []
    for pdf_page in any_tagged.pdf.pages:
        assert pdf_page.obj.get("/Tabs") == "/S"
        assert "/StructParents" in pdf_page.obj
        keys.append(int(pdf_page.obj.StructParents))
    assert len(set(keys)) == len(keys)


def test_every_link_annotation_is_in_the_tree_with_contents_and_print_flag(request, any_tagged):
    doc = any_tagged
    tree = doc.parent_tree()
    links = [
        annot
        for pdf_page in doc.pdf.pages
        for annot in pdf_page.obj.get("/Annots", [])
        if annot.get("/Subtype") == "/Link"
    ]
    if request.node.callspec.params["any_tagged"] != "long":  # the others have links or QRs
        assert links, "the handout's QR addresses and links have no link annotations"
    in_tree = [kid.Obj.objgen for e in doc.walk() for kind, kid in doc.kids(e) if kind == "objr"]
    assert sorted(in_tree) == sorted(a.objgen for a in links)
    for annot in links:
        assert "/StructParent" in annot, annot.get("/A")
        element = tree[int(annot.StructParent)]
        assert role(element) == "Link"
        objrs = [kid.Obj.objgen for kind, kid in doc.kids(element) if kind == "objr"]
        assert annot.objgen in objrs, "the Link element does not reference its annotation"
        contents = str(annot.get("/Contents", ""))
        assert contents.strip(), "a link annotation has no /Contents"
        assert squash(contents) == squash(doc.text(element))
        assert int(annot.get("/F", 0)) & PRINT_FLAG


def test_nothing_is_drawn_outside_marked_content_or_an_artifact(any_tagged):
    unbalanced = {n + 1: p.unbalanced for n, p in enumerate(any_tagged.pages) if p.unbalanced}
    assert not unbalanced, f"BDC/BMC and EMC do not pair up, by page: {unbalanced}"
    untagged = {n + 1: Counter(p.untagged) for n, p in enumerate(any_tagged.pages) if p.untagged}
    assert not untagged, f"operators outside marked content, by page: {untagged}"


@pytest.mark.parametrize("name", ["en", "every-block", "long", "draft"])
def test_reading_order_of_the_tree_is_the_order_of_the_content(request, batch_dir, name):
    if name == "en":
        doc = tagged(batch_dir / file_name(MASTER.language))
    else:
        doc = tagged(request.getfixturevalue(f"{name.replace('-', '_')}_pdf"))
    in_content = [(n, m) for n, p in enumerate(doc.pages) for m in p.mcids]
    assert doc.marked(doc.document()) == in_content


# -- 4. catalog and metadata --------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_says_tagged_language_and_show_title(batch_dir, language):
    pdf = tagged(batch_dir / file_name(language)).pdf
    root = pdf.Root
    assert root.MarkInfo.get("/Marked") is True
    assert str(root.Lang) == content_of(language).language
    assert root.ViewerPreferences.get("/DisplayDocTitle") is True


@pytest.mark.parametrize("language", LANGUAGES)
def test_xmp_title_matches_the_document_info_title(batch_dir, language):
    pdf = tagged(batch_dir / file_name(language)).pdf
    title = str(pdf.docinfo.Title)
    assert content_of(language).title in title
    assert pdf.open_metadata().get("dc:title") == title


@pytest.mark.parametrize("language", LANGUAGES)
def test_xmp_language_is_the_contents_language(batch_dir, language):
    meta = tagged(batch_dir / file_name(language)).pdf.open_metadata()
    assert set(meta.get("dc:language") or ()) == {content_of(language).language}


@pytest.mark.parametrize("language", LANGUAGES)
def test_xmp_claims_pdf_ua_1_and_not_pdf_a(batch_dir, language):
    meta = tagged(batch_dir / file_name(language)).pdf.open_metadata()
    assert meta.get("pdfuaid:part") == "1"
    assert meta.get("pdfaid:part") is None


@pytest.mark.parametrize(
    "variant", [v for v in PDFA_VARIANTS if v[1:] == ("letter", False)], ids=variant_id
)
def test_pdfa_has_its_xmp_identification_and_an_srgb_output_intent(pdfa_dir, variant):
    import io

    from PIL import ImageCms

    pdf = tagged(pdfa_dir / file_name(*variant)).pdf
    meta = pdf.open_metadata()
    assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "A")
    assert meta.get("pdfuaid:part") == "1"
    assert meta.get("dc:title") == str(pdf.docinfo.Title)
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1"
    profile = intent.DestOutputProfile
    assert int(profile.N) == 3
    icc = ImageCms.ImageCmsProfile(io.BytesIO(profile.read_bytes())).profile
    assert icc.xcolor_space.strip() == "RGB"
    assert "sRGB" in icc.profile_description


# -- 5. a paragraph split across pages ----------------------------------------------------------


def test_a_paragraph_split_across_pages_is_one_element(long_pdf):
    doc = tagged(long_pdf)
    assert len(doc.pages) >= 2
    holders = [
        e
        for e in doc.walk()
        if role(e) == "P" and any(squash(s) in squash(doc.text(e)) for s in SENTENCES[::10])
    ]
    assert len(holders) == 1, f"the paragraph is {len(holders)} P elements"
    (p,) = holders
    assert squash(doc.text(p)) == squash(" ".join(SENTENCES))
    assert len({n for n, _ in doc.marked(p)}) >= 2, "the P has marked content on one page only"
    home = p.Pg.objgen
    others = [
        k.Pg.objgen
        for k in doc.raw_kids(p)
        if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR" and "/Pg" in k
    ]
    assert any(g != home for g in others), "no MCR names the other page"


# -- 6. every glyph maps to Unicode -------------------------------------------------------------


def _fonts(pdf: pikepdf.Pdf):
    seen = set()
    for pdf_page in pdf.pages:
        for name, font in pdf_page.Resources.get("/Font", {}).items():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield str(font.get("/BaseFont", name)), font


@pytest.mark.parametrize("variant", VARIANTS, ids=variant_id)
def test_every_glyph_maps_to_unicode_text(batch_dir, variant):
    doc = tagged(batch_dir / file_name(*variant))
    for name, font in _fonts(doc.pdf):
        assert "/ToUnicode" in font, f"{name} has no ToUnicode map"
        entries = cmap_entries(font.ToUnicode.read_bytes())
        to_nul = sorted(code for code, text in entries.items() if "\x00" in text)
        assert not to_nul, f"{name} maps codes {to_nul} to U+0000"
        odd = {
            code: text
            for code, text in entries.items()
            if not text or any(_private(c) or _presentation_form(c) for c in text)
        }
        assert not odd, f"{name} maps codes to empty, private-use or presentation forms: {odd}"
    unmapped = {n + 1: sorted(set(p.unmapped)) for n, p in enumerate(doc.pages) if p.unmapped}
    assert not unmapped, f"codes drawn without a ToUnicode entry, by page: {unmapped}"


def _private(char: str) -> bool:
    return 0xE000 <= ord(char) <= 0xF8FF or ord(char) >= 0xF0000


def _presentation_form(char: str) -> bool:
    return 0xFB50 <= ord(char) <= 0xFDFF or 0xFE70 <= ord(char) <= 0xFEFF


# -- 7. copying text gives the translation's words ----------------------------------------------


def words(text: str) -> list[str]:
    """Words as copied text is compared: NFKC, punctuation removed, Arabic vowel marks removed
    (a ToUnicode map cannot put a mark between the two letters of a lam-alef ligature, so a
    tool reading glyphs sees "قليلاً" for "قليلًا": the same word)."""
    text = unicodedata.normalize("NFKC", text)
    kept = (
        c
        for c in text
        if not unicodedata.category(c).startswith("P")
        and not ("\u064b" <= c <= "\u065f" or c == "\u0670")
    )
    return "".join(kept).split()


@pytest.fixture(scope="session")
def arabic_text(batch_dir) -> dict[str, str]:
    return {
        variant_id(v): "\n".join(
            p.extract_text() for p in pypdf.PdfReader(batch_dir / file_name(*v)).pages
        )
        for v in VARIANTS
        if v[0] == "ar"
    }


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v[0] == "ar"], ids=variant_id)
def test_copied_arabic_text_has_every_word_of_the_translation(arabic_text, variant):
    copied = set(words(arabic_text[variant_id(variant)]))
    missing = {}
    for text in expected_texts(content_of("ar")):
        lost = [w for w in words(text) if w not in copied]
        if lost:
            missing[text] = lost
    assert not missing, missing


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v[0] == "ar"], ids=variant_id)
def test_copied_arabic_text_has_no_presentation_forms_or_private_use(arabic_text, variant):
    bad = Counter(
        f"U+{ord(c):04X}"
        for c in arabic_text[variant_id(variant)]
        if _private(c) or _presentation_form(c)
    )
    assert not bad, bad


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v[0] == "pa"], ids=variant_id)
def test_copied_punjabi_text_has_every_text_of_the_translation(batch_dir, variant):
    document = pypdfium2.PdfDocument(batch_dir / file_name(*variant))
    try:
        copied = " ".join(p.get_textpage().get_text_range() for p in document)
    finally:
        document.close()
    copied = norm(unicodedata.normalize("NFKC", copied))
    missing = [
        text
        for text in expected_texts(content_of("pa"))
        if norm(unicodedata.normalize("NFKC", text)) not in copied
    ]
    assert not missing, missing


# -- 8. page furniture is artifact --------------------------------------------------------------


def test_footer_header_and_draft_mark_are_on_the_page_but_not_in_the_tree(draft_pdf, content):
    labels = labels_for(content)
    doc = tagged(draft_pdf)
    pages = len(doc.pages)
    footer = labels["page"].format(page=1, pages=pages)
    furniture = [footer, labels["draft_mark"], labels["draft_notice"]]
    document = pypdfium2.PdfDocument(draft_pdf)
    try:
        first_page = norm(document[0].get_textpage().get_text_range())
    finally:
        document.close()
    for text in furniture:
        assert text in first_page, f"{text!r} is not on page 1"
    tree_texts = [doc.text(e) for e in doc.walk()]
    for text in furniture:
        inside = [t for t in tree_texts if squash(text) in squash(t)]
        assert not inside, f"{text!r} is in the structure tree: {inside[:1]}"
    artifacts = squash("".join(doc.pages[0].artifact_text))
    assert all(squash(text) in artifacts for text in furniture)
