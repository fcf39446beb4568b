"""Content model -> platypus flowables. Knows nothing about files, pages or the CLI.

Layout also says what each flowable means: it builds the document's structure tree (Document >
H1, Sect > H2, P, L > LI > Lbl + LBody, Div for callouts and QR blocks, Figure with its alt
text) and gives each flowable that draws content its node (`flowable.node`). Everything else
it draws (rules, boxes, icons) is an artifact.
"""

from __future__ import annotations

from reportlab.lib.colors import white
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table

from handout import fonts, personal
from handout.catalogue import fill
from handout.markup import Span, spans, text_spans
from handout.model import Callout, Handout, ItemList, Qr, Run
from handout.model import Paragraph as Para
from handout.options import Options
from handout.qr import QrCode
from handout.styles import ACCENT, CALLOUTS, RULE, Theme, styles
from handout.tagging import Node, artifact
from handout.text import TextParagraph
from handout.typography import format_date


class Layout:
    """Builds the story of one handout for one theme."""

    def __init__(
        self, handout: Handout, theme: Theme, labels: dict[str, str], options: Options | None = None
    ) -> None:
        self.handout, self.theme, self.labels = handout, theme, labels
        self.options = options  # the clinic and the patient fields (personal.py)
        self.chain = fonts.chain_for(handout.language)
        main = self.chain[0]
        self.rtl = main.rtl
        self.styles = styles(theme, self.chain)
        self.root = Node("Document")

    def text(self, text: str, bold: bool = False) -> list[Span]:
        return text_spans(text, self.chain, bold=bold)

    def para(self, parts: list[Span], style: str, node: Node) -> TextParagraph:
        """A paragraph in any script (see text.py for why it is not ReportLab's Paragraph)."""
        flowable = TextParagraph(parts, self.styles[style], self.rtl)
        flowable.node = node
        return flowable

    def story(self) -> list[Flowable]:
        h = self.handout
        out = self.title_block()
        for section in h.sections:
            sect = self.root.add("Sect")
            heading = self.para(self.text(section.heading, bold=True), "h2", sect.add("H2"))
            body = [f for block in section.blocks for f in self.block(block, sect)]
            # A heading never ends a page: it moves with the first block under it. (Its style's
            # keepWithNext cannot do this when that block is itself a KeepTogether, and
            # KeepTogethers do not nest, so a kept block's contents join the heading's.)
            first = body[0]._content if isinstance(body[0], KeepTogether) else [body[0]]
            out.append(KeepTogether([heading, *first]))
            out.extend(body[1:])
        if h.source:
            out.append(self.para(self.text(h.source), "source", self.root.add("P")))
        return out

    def title_block(self) -> list[Flowable]:
        h, s, root = self.handout, self.styles, self.root
        kicker = self.text(self.labels["kicker"].upper(), bold=True)
        out: list[Flowable] = personal.clinic_block(self)  # issue 10: the clinic
        out += [
            self.para(kicker, "kicker", root.add("P")),
            self.para(self.text(h.title, bold=True), "title", root.add("H1")),
        ]
        if h.subtitle:
            out.append(self.para(self.text(h.subtitle), "subtitle", root.add("P")))
        meta = [i.label + self.labels["identifiers_sep"] + i.value for i in h.identifiers]
        meta.append(fill(self.labels["revised"], date=format_date(h.revised, h.language)))
        out.append(self.para(self.text("   |   ".join(meta)), "meta", root.add("P")))
        out.append(Spacer(1, s["body"].fontSize * 0.5))
        out.append(Rule(width="100%", thickness=2.2, color=ACCENT, spaceAfter=2))
        out += personal.patient_block(self)  # issue 10: "Prepared for", "Notes"
        return out

    def block(self, block, parent: Node) -> list[Flowable]:
        if isinstance(block, Para):
            p = self.para(spans(block.runs, self.chain), "body", parent.add("P"))
            if block.runs and block.runs[-1].text.rstrip().endswith(":"):
                p.keepWithNext = 1  # a lead-in stays with the list it introduces
            return [p]
        if isinstance(block, ItemList):
            return self.items(block, parent.add("L"))
        if isinstance(block, Callout):
            return [self.callout(block, parent.add("Div"))]
        return [self.qr(block, parent.add("Div"))]

    def items(self, block: ItemList, parent: Node) -> list[Flowable]:
        out = []
        last = len(block.items)
        for n, runs in enumerate(block.items, 1):
            item = parent.add("LI")
            label = item.add("Lbl")
            style = "item_last" if n == last else "item"
            p = self.para(spans(runs, self.chain), style, item.add("LBody"))
            p.bullet = self.text(f"{n}." if block.numbered else "\u2022")
            p.label_node = label
            out.append(p)
        return out

    def callout(self, block: Callout, parent: Node) -> Flowable:
        color, tint, glyph = CALLOUTS[block.kind]
        t = self.theme
        heading = self.para(self.text(block.title, bold=True), "callout_title", parent.add("H3"))
        icon, room = Icon(glyph, color, t.body * 1.3), t.body * 1.9
        title = Table(  # the icon on the side where the title's lines start
            [[heading, icon]] if self.rtl else [[icon, heading]],
            colWidths=[None, room] if self.rtl else [room, None],
            style=[
                ("FONTNAME", (0, 0), (-1, -1), self.styles["body"].fontName),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, -1), "RIGHT" if self.rtl else "LEFT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ],
        )
        rows = [[title]] + [[f] for b in block.blocks for f in self.block(b, parent)]
        if block.kind == "call-doctor":  # issue 10: "Call <clinic>: <phone>"
            rows += [[f] for f in personal.call_lines(self, parent)]
        pad = t.body * 0.8
        box = Table(
            rows,
            renderCB=Box(color, 0.8, tint, bar=5, bar_right=self.rtl),
            style=[
                ("FONTNAME", (0, 0), (-1, -1), self.styles["body"].fontName),
                ("LEFTPADDING", (0, 0), (-1, -1), pad + (0 if self.rtl else 3)),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad + (3 if self.rtl else 0)),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), pad * 0.8),
                ("BOTTOMPADDING", (0, 1), (-1, -1), t.leading * 0.3),
                ("BOTTOMPADDING", (0, 0), (-1, 0), pad * 0.5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.7),
            ],
        )
        return KeepTogether([box, Spacer(1, t.leading * 0.6)])

    def qr(self, block: Qr, parent: Node) -> Flowable:
        """The code, and beside it its caption, a hint and the address, in reading order."""
        t = self.theme
        alt = fill(self.labels["qr_alt"], caption=block.caption, url=block.url)
        code = QrCode(block.url, t.qr_size)
        link = (Run(block.url, href=block.url),)
        words = [
            self.para(self.text(block.caption, bold=True), "qr_caption", parent.add("P")),
            self.para(self.text(self.labels["qr_hint"]), "qr_text", parent.add("P")),
            self.para(spans(link, self.chain), "qr_url", parent.add("P")),
        ]
        figure = Node("Figure", parent, alt=alt)
        code.node = figure
        # the code comes first, at the start of the line: left, or right on a right-to-left page
        parent.kids.insert(0, figure)
        cells = [words, code] if self.rtl else [code, words]
        widths = [None, code.width] if self.rtl else [code.width, None]
        table = Table(
            [cells],
            colWidths=widths,
            renderCB=Box(RULE, 0.6),
            style=[
                ("FONTNAME", (0, 0), (-1, -1), self.styles["body"].fontName),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), t.body * 0.4),
                ("RIGHTPADDING", (0, 0), (-1, -1), t.body * 0.8),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ],
        )
        return KeepTogether([table, Spacer(1, t.leading * 0.6)])


class Icon(Flowable):
    """A filled circle with a white mark: a callout's visual cue (also clear in greyscale)."""

    def __init__(self, glyph: str, color, size: float) -> None:
        super().__init__()
        self.glyph, self.color, self.width, self.height = glyph, color, size, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, r = self.canv, self.width / 2
        with artifact(c):  # decoration: the callout's title says what it is
            c.saveState()
            c.setFillColor(self.color)
            c.circle(r, r, r, stroke=0, fill=1)
            c.setFillColor(white)
            c.setFont(fonts.register("NotoSans-Bold"), self.width * 0.72)
            c.drawCentredString(r, r - self.width * 0.26, self.glyph)
            c.restoreState()


class Box:
    """A Table's `renderCB` that draws one box around the whole table (a tinted background,
    a border, and for callouts a thick bar on the reading side) as an artifact, before the
    cells. One rectangle, not ruled lines: it is a box, not a data table's grid."""

    def __init__(self, color, width: float, tint=None, bar: float = 0, bar_right: bool = False):
        self.color, self.width, self.tint = color, width, tint
        self.bar, self.bar_right = bar, bar_right

    def __call__(self, table, event: str, *args: object) -> None:
        if event != "startBG":
            return
        canvas, w, h = table.canv, table._width, table._height
        with artifact(canvas):
            canvas.saveState()
            canvas.setStrokeColor(self.color)
            canvas.setLineWidth(self.width)
            if self.tint is not None:
                canvas.setFillColor(self.tint)
            canvas.rect(0, 0, w, h, stroke=1, fill=int(self.tint is not None))
            if self.bar:
                canvas.setFillColor(self.color)
                x = w - self.bar / 2 if self.bar_right else -self.bar / 2
                canvas.rect(x, 0, self.bar, h, stroke=0, fill=1)
            canvas.restoreState()


class Rule(HRFlowable):
    """A horizontal rule, drawn as an artifact."""

    def draw(self) -> None:
        with artifact(self.canv):
            super().draw()
