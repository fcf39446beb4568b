"""Content model -> platypus flowables. Knows nothing about files, pages or the CLI.

Layout also says what each flowable means: it builds the document's structure tree (Document >
H1, Sect > H2, P, L > LI > Lbl + LBody, Div for callouts and QR blocks, Figure with its alt
text) and gives each flowable that draws content its node (`flowable.node`). Everything else
it draws (rules, boxes, icons) is an artifact.
"""

from __future__ import annotations

from reportlab.lib.colors import white
from reportlab.platypus import Flowable, HRFlowable, Spacer

from handout import fonts, personal
from handout.catalogue import fill
from handout.dates import format_date
from handout.flow import Beside, Box, Icon, Stack, TitleRow
from handout.markup import Span, content_spans
from handout.model import Callout, Handout, ItemList, Qr, Run
from handout.model import Paragraph as Para
from handout.options import Options
from handout.qr import QrCode
from handout.styles import ACCENT, CALLOUTS, KEY_POINTS, RULE, CalloutLook, Theme, styles
from handout.tagging import Node, artifact
from handout.text import TextParagraph

# A paragraph ending in a colon (in any script) introduces what follows: it is kept with it.
LEAD_IN_ENDS = (":", "\uff1a", "\ufe13", "\ufe55")
QR_LOOK = CalloutLook(RULE, white, "", None, 0.6)
KEEP_WHOLE = 0.2  # a box no taller than this share of a page is never split


class Layout:
    """Builds the story of one handout for one theme, for a text frame `frame_height` tall."""

    def __init__(
        self,
        handout: Handout,
        theme: Theme,
        labels: dict[str, str],
        frame_height: float,
        options: Options | None = None,
    ) -> None:
        self.handout, self.theme, self.labels = handout, theme, labels
        self.options = options  # the clinic and the patient fields (personal.py)
        self.chain = fonts.chain_for(handout.language)
        main = self.chain[0]
        self.rtl = main.rtl
        self.styles = styles(theme, self.chain)
        self.root = Node("Document")
        self.keep = frame_height * KEEP_WHOLE

    def text(self, text: str, bold: bool = False) -> list[Span]:
        return self.spans((Run(text),), bold)

    def spans(self, runs: tuple[Run, ...], bold: bool = False) -> list[Span]:
        return list(content_spans(tuple(runs), self.chain, bold))

    def para(self, parts: list[Span], style: str, node: Node | None) -> TextParagraph:
        """A paragraph in any script (see text.py for why it is not ReportLab's Paragraph)."""
        flowable = TextParagraph(parts, self.styles[style], self.rtl, shared=True)
        flowable.node = node
        return flowable

    def story(self) -> list[Flowable]:
        """One stack for the whole handout: it breaks pages where flow.py allows."""
        h = self.handout
        out = self.title_block()
        if h.key_points:
            out.append(self.key_points())
        for section in h.sections:
            sect = self.root.add("Sect")
            heading = self.para(self.text(section.heading, bold=True), "h2", sect.add("H2"))
            heading.glue = True  # a heading never ends a page
            out.append(heading)
            out.extend(f for block in section.blocks for f in self.block(block, sect))
        # the attribution and the disclaimer close the handout, never alone on a page
        out[-1].glue = True
        if h.source:
            source = self.para(self.text(h.source), "source", self.root.add("P"))
            source.glue = True
            out.append(source)
        disclaimer = self.para(self.text(self.labels["disclaimer"]), "source", self.root.add("P"))
        if h.source:
            disclaimer.spaceBefore = 0
        out.append(disclaimer)
        return [Stack(out)]

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
        for f in out:
            f.glue = True
        out += personal.patient_block(self)  # issue 10: "Prepared for", "Notes"
        return out

    def block(self, block, parent: Node) -> list[Flowable]:
        if isinstance(block, Para):
            p = self.para(self.spans(block.runs), "body", parent.add("P"))
            if block.runs and block.runs[-1].text.rstrip().endswith(LEAD_IN_ENDS):
                p.glue = True  # a lead-in stays with the list it introduces
            return [p]
        if isinstance(block, ItemList):
            return self.items(block.items, block.numbered, parent.add("L"))
        if isinstance(block, Callout):
            return [self.callout(block, parent.add("Div"))]
        return [self.qr(block, parent.add("Div"))]

    def items(self, items, numbered: bool, parent: Node) -> list[Flowable]:
        """List items; a page never ends after the first item or before the last."""
        out = []
        last = len(items)
        for n, runs in enumerate(items, 1):
            item = parent.add("LI")
            label = item.add("Lbl")
            style = "item_last" if n == last else "item"
            p = self.para(self.spans(runs), style, item.add("LBody"))
            p.bullet = self.text(f"{n}." if numbered else "\u2022")
            p.label_node = label
            p.glue = n in (1, last - 1) and n != last
            p.whole = self.keep  # an item is read as one: it moves whole to the next page
            out.append(p)
        return out

    def box(self, look: CalloutLook, title: str | None, node: Node | None, content, bar=0.0):
        """A box around `content`, titled with an icon that says its kind."""
        t = self.theme
        size = t.body * 1.35

        def title_row(text: str, node: Node | None) -> TitleRow | None:
            if title is None:
                return None
            reversed_ = look.band is not None and look.icon == "phone"
            style = "callout_band" if reversed_ else "callout_title"
            heading = self.para(self.text(text, bold=True), style, node)
            icon = None
            if look.icon:
                ink, mark = (look.color, white) if reversed_ else (white, look.color)
                icon = Icon(look.icon, mark, ink, size)
            return TitleRow(icon, heading, t.body * 0.5, self.rtl)

        def continued() -> TitleRow | None:
            if title is None:
                return None
            row = title_row(fill(self.labels["continued"], title=title), None)
            row.decoration = True
            return row

        pad = t.body * (0.8 if title is not None else 0.3)
        return Box(
            look,
            title_row(title, node) if title is not None else None,
            Stack(content),
            pad,
            self.rtl,
            self.keep,
            continued,
            t.leading * 0.6 * t.space,
            bar,
        )

    def callout(self, block: Callout, parent: Node) -> Flowable:
        look = CALLOUTS[block.kind]
        heading = parent.add("H3")
        content = [f for b in block.blocks for f in self.block(b, parent)]
        if block.kind == "call-doctor":  # issue 10: "Call <clinic>: <phone>"
            content += personal.call_lines(self, parent)
        content[-1].spaceAfter = 0
        bar = self.theme.body * 0.4 if look.icon == "triangle" else 0.0
        return self.box(look, block.title, heading, content, bar)

    def key_points(self) -> Flowable:
        """The main messages up front (CDC Clear Communication Index), as a titled list."""
        div = self.root.add("Div")
        title = div.add("P")
        items = self.items(self.handout.key_points, False, div.add("L"))
        items[-1].spaceAfter = 0
        box = self.box(KEY_POINTS, self.labels["key_points"], title, items)
        box.spaceBefore = self.theme.leading * 0.6
        return box

    def qr(self, block: Qr, parent: Node) -> Flowable:
        """The code, and beside it its caption, a hint and the address, in reading order."""
        t = self.theme
        alt = fill(self.labels["qr_alt"], caption=block.caption, url=block.url)
        code = QrCode(block.url, t.qr_size)
        link = (Run(block.url, href=block.url),)
        words = [
            self.para(self.text(block.caption, bold=True), "qr_caption", parent.add("P")),
            self.para(self.text(self.labels["qr_hint"]), "qr_text", parent.add("P")),
            self.para(self.spans(link), "qr_url", parent.add("P")),
        ]
        words[0].glue = words[1].glue = True  # the caption, the hint and the address together
        figure = Node("Figure", parent, alt=alt)
        code.node = figure
        # the code comes first, at the start of the line: left, or right on a right-to-left page
        parent.kids.insert(0, figure)
        beside = Beside(code, Stack(words), code.width, t.body * 0.4, self.rtl)
        return self.box(QR_LOOK, None, None, [beside])


class Rule(HRFlowable):
    """A horizontal rule, drawn as an artifact."""

    def draw(self) -> None:
        with artifact(self.canv):
            super().draw()
