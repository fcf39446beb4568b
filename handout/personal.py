"""The clinic's and the patient's part of a page (issue 10), as flowables for layout.py: the
clinic's logo, name and phone in the title block, "Call <clinic>: <phone>" in every call-doctor
box, and "Prepared for" and "Notes" on page 1. Layout calls each in one line, so these pieces
move with any redesign of the page. All of it is data: nothing here is parsed as markup."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table

from handout import fonts
from handout.catalogue import fill, personal_labels
from handout.errors import HandoutError
from handout.markup import spans, text_spans
from handout.model import Run
from handout.options import Options
from handout.styles import ACCENT, MUTED
from handout.tagging import Node, marked, tagger_of
from handout.text import TextParagraph

if TYPE_CHECKING:
    from handout.layout import Layout


def check_drawable(options: Options, language: str) -> None:
    """Every character of the clinic's and the patient's text must have a glyph in the
    handout's fonts; the error names the field, never the patient's text."""
    chain = fonts.chain_for(language)
    texts = [(f"clinic.{k}", v) for k, v in (options.clinic.texts() if options.clinic else [])]
    texts += [("Prepared for", options.patient.prepared_for), ("Notes", options.patient.notes)]
    if options.clinic or options.patient:
        personal_labels(language)  # a language without the desk's words is an error
    for field, text in texts:
        char = fonts.undrawable(text, chain)
        if char:
            raise HandoutError(
                f"{field}: character {fonts.describe(char)} cannot be drawn by the fonts for "
                f"language {language!r}"
            )


def _style(layout: Layout, name: str, bold: bool = False, **kw: object) -> ParagraphStyle:
    body = layout.styles["body"]
    font = fonts.register(layout.chain[0].face(bold, False)) if bold else body.fontName
    return ParagraphStyle(name, parent=body, fontName=font, **kw)


def _para(layout: Layout, parts, style: ParagraphStyle, node: Node) -> TextParagraph:
    flowable = TextParagraph(parts, style, layout.rtl)
    flowable.node = node
    return flowable


def tel(phone: str) -> str:
    """The tel: link of a printed phone number (digits and a leading +)."""
    digits = "".join(c for c in phone if c.isdigit())
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


def clinic_block(layout: Layout) -> list[Flowable]:
    """The clinic's logo (a Figure, its alt text the clinic's name), name and phone, at the
    top of the title block; nothing without a clinic profile."""
    clinic = layout.options.clinic if layout.options else None
    if clinic is None:
        return []
    t, chain = layout.theme, tuple(layout.chain)  # a bare chain: the clinic's text unchanged
    div = layout.root.add("Div")
    name = _para(
        layout,
        text_spans(clinic.name, chain, bold=True),
        _style(layout, "clinic_name", bold=True, textColor=ACCENT, spaceAfter=0),
        div.add("P"),
    )
    parts = spans((Run(clinic.phone, href=tel(clinic.phone)),), chain)
    for extra in (clinic.address, clinic.website):
        if extra:
            link = extra if extra == clinic.website else None
            parts += spans((Run("  \u2022  "),), chain)
            parts += [s._replace(isolated=True) for s in spans((Run(extra, href=link),), chain)]
    details = _para(
        layout,
        parts,
        _style(
            layout,
            "clinic_line",
            fontSize=t.small + 1,
            leading=(t.small + 1) * 1.35,
            textColor=MUTED,
            spaceAfter=0,
        ),
        div.add("P"),
    )
    words: list[Flowable] = [name, details]
    if clinic.logo is None:
        return [*words, Spacer(1, t.body * 0.6)]
    logo = Logo(clinic.logo, t.body * 3.2)
    figure = Node("Figure", div, alt=clinic.name)
    div.kids.insert(0, figure)
    logo.node = figure
    cells = [words, logo] if layout.rtl else [logo, words]
    room = logo.width + t.body * 0.8
    table = Table(
        [cells],
        colWidths=[None, room] if layout.rtl else [room, None],
        style=[
            ("FONTNAME", (0, 0), (-1, -1), layout.styles["body"].fontName),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT" if layout.rtl else "LEFT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ],
    )
    return [table, Spacer(1, t.body * 0.6)]


def call_lines(layout: Layout, parent: Node) -> list[Flowable]:
    """ "Call <clinic>: <phone>" (and the after-hours line) for a call-doctor box."""
    clinic = layout.options.clinic if layout.options else None
    if clinic is None:
        return []
    labels, chain = personal_labels(layout.handout.language), tuple(layout.chain)
    style = _style(layout, "call_clinic", bold=True, spaceAfter=0)
    out = []
    lines = [("call_clinic", clinic.phone)]
    if clinic.after_hours:
        lines.append(("after_hours", clinic.after_hours))
    for key, phone in lines:
        text = fill(labels[key], clinic=clinic.name, phone=phone)
        before, _, after = text.rpartition(phone)
        runs = (Run(before, True), Run(phone, True, href=tel(phone)), Run(after, True))
        parts = spans(tuple(r for r in runs if r.text), chain)
        out.append(_para(layout, parts, style, parent.add("P")))
    return out


def patient_block(layout: Layout) -> list[Flowable]:
    """ "Prepared for" the patient's name, and the care team's notes, on page 1, in a box."""
    patient = layout.options.patient if layout.options else None
    if not patient:
        return []
    from handout.layout import QR_LOOK  # a plain ruled box, like the QR block's

    labels, chain, t = personal_labels(layout.handout.language), tuple(layout.chain), layout.theme
    div = layout.root.add("Div")
    rows = []
    label_style = _style(layout, "patient_label", bold=True, spaceAfter=0)
    text_style = _style(layout, "patient_text", spaceAfter=0)
    for key, value in (("prepared_for", patient.prepared_for), ("notes", patient.notes)):
        if value:
            rows.append(
                [
                    _para(
                        layout, text_spans(labels[key], chain, bold=True), label_style, div.add("P")
                    )
                ]
            )
            for line in value.splitlines():  # a line typed is a line printed
                if line.strip():
                    rows.append([_para(layout, text_spans(line, chain), text_style, div.add("P"))])
    box = layout.box(QR_LOOK, None, None, [row[0] for row in rows])
    return [Spacer(1, t.body * 0.6), box, Spacer(1, t.body * 0.4)]


class Logo(Flowable):
    """The clinic's logo, `height` points tall, drawn as a tagged Figure."""

    def __init__(self, data: bytes, height: float) -> None:
        from reportlab.lib.utils import ImageReader

        super().__init__()
        self.image = ImageReader(io.BytesIO(data))
        w, h = self.image.getSize()
        self.height = height
        self.width = min(height * w / h, height * 4)
        self.height = self.width * h / w

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        node = getattr(self, "node", None)
        with marked(canvas, node):
            canvas.drawImage(self.image, 0, 0, self.width, self.height, mask="auto")
        tagger = tagger_of(canvas)
        if node is not None and tagger is not None:
            a, _, _, d, e, f = canvas._currentMatrix  # platypus only translates
            node.bbox = (tagger.page, e, f, e + a * self.width, f + d * self.height)
