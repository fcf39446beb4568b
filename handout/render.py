"""Flowables -> PDF bytes: the document template, page furniture (footer, DRAFT mark),
metadata, and the tagging every PDF gets (PDF/UA-1, optionally PDF/A-2a).
Output is reproducible: the same input gives the same bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from handout import __version__, fonts
from handout.catalogue import fill
from handout.layout import Layout
from handout.markup import Span, text_spans
from handout.model import Handout
from handout.options import Options
from handout.pdfa import make_pdfa, rewrite
from handout.pdfua import make_pdfua
from handout.pdfwrite import compact
from handout.styles import DRAFT, EDGE, MUTED, RULE, WATERMARK, Theme
from handout.tagging import Tagger, artifact
from handout.text import TextParagraph
from handout.typography import format_date

PAPERS = {"letter": LETTER, "a4": A4}
rl_config.useA85 = 0  # binary streams: ASCII85 makes the file 25% larger and slower to write


class Furniture(NamedTuple):
    """What is printed on every page outside the flow of the text."""

    name: str  # the handout's name, e.g. "Kineret (anakinra)"
    revised: str  # "Revised 2026-11-24"
    page: str  # "Page {page} of {pages}"
    draft_mark: str | None  # the watermark word, when the handout is a draft
    draft_notice: str | None
    chain: tuple[fonts.Family, ...]
    font: str
    bold: str
    rtl: bool
    theme: Theme
    language: str


class _PageCanvas(Canvas):
    """Holds pages until the end, so that each footer can say "Page N of M", and keeps the
    tagger's record of marked content and link annotations page by page."""

    def __init__(
        self,
        *args: object,
        furniture: Furniture,
        tagger: Tagger | None,
        pdfa: bool,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._furniture, self.tagger, self._pdfa = furniture, tagger, pdfa
        self._held: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._held.append(dict(self.__dict__))
        self._startPage()
        if self.tagger is not None:
            self.tagger.next_page()

    def _addAnnotation(self, annotation, name=None, addtopage=1) -> None:  # noqa: N802
        super()._addAnnotation(annotation, name, addtopage)
        if self.tagger is not None:
            self.tagger.annotation_added(annotation, self._annotationrefs[-1])

    def save(self) -> None:
        pages = len(self._held)
        for number, state in enumerate(self._held, 1):
            self.__dict__.update(state)
            draw_footer(self, self._furniture, number, pages)
            if self._furniture.draft_mark:
                draw_watermark(self, self._furniture)
            Canvas.showPage(self)
        if self.tagger is not None:
            make_pdfua(self._doc, self.tagger, pages, self._furniture.language, self._pdfa)
        if self._pdfa:
            make_pdfa(self._doc)
        compact(self._doc)
        Canvas.save(self)


def draw_watermark(canvas: Canvas, f: Furniture) -> None:
    """The DRAFT mark across the page, drawn last and see-through, so that no box hides it
    and the text under it stays readable."""
    width, height = canvas._pagesize
    size = min(width, height) / max(3.2, len(f.draft_mark) * 0.62)
    with artifact(canvas, "Pagination", "Watermark"):
        canvas.saveState()
        canvas.translate(width / 2, height / 2)
        canvas.rotate(52)
        mark = TextParagraph(
            text_spans(f.draft_mark, f.chain, bold=True),
            ParagraphStyle(
                "mark",
                fontName=f.bold,
                fontSize=size,
                leading=size,
                textColor=WATERMARK,
                alignment=TA_CENTER,
            ),
            f.rtl,
        )
        mark.wrapOn(canvas, width * 2, size * 2)
        mark.drawOn(canvas, -width, -size * 0.35)
        canvas.restoreState()


def draw_notice(canvas: Canvas, f: Furniture) -> None:
    """The draft notice above the text, on every page."""
    _, height = canvas._pagesize
    with artifact(canvas, "Pagination", "Header"):
        notice = text_spans(f.draft_notice, f.chain, bold=True)
        _line(canvas, f, notice, height - EDGE - f.theme.small, DRAFT)


def draw_footer(canvas: Canvas, f: Furniture, page: int, pages: int) -> None:
    width, _ = canvas._pagesize
    t = f.theme
    y = t.footer_baseline
    with artifact(canvas, "Pagination", "Footer"):
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(t.margin, t.footer_rule, width - t.margin, t.footer_rule)
        canvas.restoreState()
        name = f.name if not f.draft_mark else f"{f.name}  \u2022  {f.draft_mark}"
        where = f"{f.revised}  \u2022  {fill(f.page, page=page, pages=pages)}"
        _line(canvas, f, text_spans(name, f.chain), y, MUTED, end=False)
        _line(canvas, f, text_spans(where, f.chain), y, MUTED, end=True)


def _line(
    canvas: Canvas, f: Furniture, parts: list[Span], y: float, color, end: bool = False
) -> None:
    """One line of page furniture at the start (or end) side of the line, in reading order."""
    width, _ = canvas._pagesize
    right = end != f.rtl
    style = ParagraphStyle(
        "furniture",
        fontName=f.font,
        fontSize=f.theme.small,
        leading=f.theme.small * 1.2,
        textColor=color,
        alignment=TA_RIGHT if right else TA_LEFT,
    )
    para = TextParagraph(parts, style, f.rtl)
    avail = width - 2 * f.theme.margin
    para.wrapOn(canvas, avail, f.theme.small * 3)
    para.drawOn(canvas, f.theme.margin, y)


def render(
    handout: Handout,
    labels: dict[str, str],
    paper: str,
    large: bool,
    draft: bool,
    pdfa: bool = False,
    tagged: bool = True,
    options: Options | None = None,
) -> tuple[bytes, int]:
    """Lay out and render one tagged handout (PDF/UA-1; also PDF/A-2a with `pdfa`);
    returns the PDF bytes and its page count. `tagged=False` exists for the benchmark,
    which reports what tagging costs. `options` brings the clinic and the patient fields."""
    from handout.styles import LARGE, STANDARD

    theme = LARGE if large else STANDARD
    layout = Layout(handout, theme, labels, options)
    main = layout.chain[0]
    furniture = Furniture(
        name=handout.display_title,
        revised=fill(labels["revised"], date=format_date(handout.revised, handout.language)),
        page=labels["page"],
        draft_mark=labels["draft_mark"] if draft else None,
        draft_notice=labels["draft_notice"] if draft else None,
        chain=layout.chain,
        font=fonts.register(main.face(False, False)),
        bold=fonts.register(main.face(True, False)),
        rtl=layout.rtl,
        theme=theme,
        language=handout.language,
    )
    buffer = io.BytesIO()
    doc = _document(buffer, handout, labels, PAPERS[paper], theme, furniture)
    story = layout.story()
    tagger = Tagger(layout.root) if tagged else None
    canvas = partial(_PageCanvas, furniture=furniture, tagger=tagger, pdfa=pdfa)
    doc.build(story, canvasmaker=canvas)
    data = buffer.getvalue()
    return (rewrite(data) if pdfa else data), doc.page


def _document(
    buffer: io.BytesIO,
    handout: Handout,
    labels: dict[str, str],
    pagesize: tuple[float, float],
    theme: Theme,
    furniture: Furniture,
) -> BaseDocTemplate:
    width, height = pagesize
    top, bottom = theme.top(bool(furniture.draft_mark)), theme.bottom
    frame = Frame(
        theme.margin,
        bottom,
        width - 2 * theme.margin,
        height - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    on_page: Callable[[Canvas, BaseDocTemplate], None] | None = (
        (lambda canvas, doc: draw_notice(canvas, furniture)) if furniture.draft_mark else None
    )
    template = PageTemplate("page", [frame], onPage=on_page or _nothing)
    return BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        pageTemplates=[template],
        title=f"{handout.display_title}: {labels['kicker']}",
        author=handout.source or "",
        subject=f"{labels['kicker']}: {handout.display_title}",
        keywords=", ".join([handout.title, handout.subtitle or "", handout.language]),
        creator=f"handout {__version__}",
        producer=f"handout {__version__} (ReportLab)",
        lang=handout.language,
        displayDocTitle=True,
        invariant=1,
        initialFontName=furniture.font,
        leftMargin=theme.margin,
        rightMargin=theme.margin,
        topMargin=top,
        bottomMargin=bottom,
    )


def _nothing(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Pages of an approved handout have no mark under the text."""
