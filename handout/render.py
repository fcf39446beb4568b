"""Flowables -> PDF bytes: the document template, page furniture (footer, DRAFT mark),
metadata, and the tagging every PDF gets (PDF/UA-1, optionally PDF/A-2a).
Output is reproducible: the same input gives the same bytes."""

from __future__ import annotations

import io
import unicodedata
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
from handout.dates import format_date
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

PAPERS = {"letter": LETTER, "a4": A4}
rl_config.useA85 = 0  # binary streams: ASCII85 makes the file 25% larger and slower to write


class Furniture(NamedTuple):
    """What is printed on every page outside the flow of the text."""

    name: str  # the running title and the language: "Kineret  •  English"
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
    lines: int = 1  # the footer's lines: 1, or more when its halves cannot share one


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
        """Nothing yet: `finish` writes the PDF, only for the layout that is chosen."""

    def finish(self) -> None:
        """Footers, watermark, tags and the PDF itself, now that the page count is known."""
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
    # sized by the letters the reader sees: vowel signs and other marks sit on their letter
    letters = sum(1 for c in f.draft_mark if unicodedata.category(c)[0] not in "MC")
    size = min(width, height) / max(3.2, letters * 0.62)
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
            shared=True,
        )
        mark.wrapOn(canvas, width * 2, size * 2)
        mark.drawOn(canvas, -width, -size * 0.35)
        canvas.restoreState()


def draw_notice(canvas: Canvas, f: Furniture) -> None:
    """The draft notice above the text, on every page."""
    _, height = canvas._pagesize
    with artifact(canvas, "Pagination", "Header"):
        notice = text_spans(f.draft_notice, f.chain, bold=True)
        _line(canvas, f, notice, height - EDGE + f.theme.small * 0.25, DRAFT)


SEP = "  \u2022  "


def _halves(f: Furniture, page: int | str, pages: int | str) -> tuple[str, str]:
    """The footer's start half (name, language, draft mark) and end half (revision, page)."""
    name = f.name if not f.draft_mark else f"{f.name}{SEP}{f.draft_mark}"
    return name, f"{f.revised}{SEP}{fill(f.page, page=page, pages=pages)}"


def footer_lines(f: Furniture, width: float) -> int:
    """How many lines the footer needs: one when both halves fit side by side with room
    between them (measured with two-digit page numbers), else each half on its own lines
    (a name longer than the line wraps)."""
    avail, line = width - 2 * f.theme.margin, f.theme.small * 1.25
    paras = [_para(f, text_spans(t, f.chain), MUTED, False) for t in _halves(f, 88, 88)]
    heights = [p.wrap(avail, 1e6)[1] for p in paras]
    side_by_side = sum(_width(p) for p in paras) + f.theme.small * 2 <= avail
    if side_by_side and all(h < line * 1.5 for h in heights):
        return 1
    return round(sum(heights) / line)


def _width(para: TextParagraph) -> float:
    """The width of a wrapped paragraph's longest line."""
    return max(sum(p.piece.width for p in placed) for _, placed in para.lines())


def draw_footer(canvas: Canvas, f: Furniture, page: int, pages: int) -> None:
    """The footer: a rule, the name at the start of the line, the revision and page at the
    end; when they cannot share a line without touching, the name above the revision."""
    width, _ = canvas._pagesize
    t = f.theme
    rule = t.footer_rule(f.lines)
    with artifact(canvas, "Pagination", "Footer"):
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(t.margin, rule, width - t.margin, rule)
        canvas.restoreState()
        start, end = _halves(f, page, pages)
        top = rule - t.small * 0.5
        first = _line(canvas, f, text_spans(start, f.chain), top, MUTED, end=False)
        _line(canvas, f, text_spans(end, f.chain), top - first * (f.lines > 1), MUTED, end=True)


def _para(f: Furniture, parts: list[Span], color, end: bool) -> TextParagraph:
    style = ParagraphStyle(
        "furniture",
        fontName=f.font,
        fontSize=f.theme.small,
        leading=f.theme.small * 1.25,
        textColor=color,
        alignment=TA_RIGHT if end != f.rtl else TA_LEFT,
    )
    return TextParagraph(parts, style, f.rtl, shared=True)


def _line(
    canvas: Canvas, f: Furniture, parts: list[Span], top: float, color, end: bool = False
) -> float:
    """Furniture at the start (or end) side of the line, in reading order, its top at `top`
    (it wraps when longer than the line); returns its height."""
    width, _ = canvas._pagesize
    para = _para(f, parts, color, end)
    para.wrapOn(canvas, width - 2 * f.theme.margin, 1e6)
    para.drawOn(canvas, f.theme.margin, top - para.height)
    return para.height


# A layout is redone with less space between blocks and lines (never a smaller type size),
# in these steps of (space factor, leading), when its last page holds less than SHORT of a
# page or another page less than FULL; the layout with the fewest pages, then the fewest
# half-empty pages, then the most space, wins.
SHORT, FULL = 0.4, 0.72
TIGHTER = ((0.6, 1.3), (0.45, 1.25))


class Rendered(NamedTuple):
    """One layout of a handout, its PDF not yet written (only the chosen layout's is)."""

    canvas: _PageCanvas
    buffer: io.BytesIO
    pdfa: bool
    pages: int
    fills: list[float]  # how full each page is (0-1)

    def pdf(self) -> bytes:
        self.canvas.finish()
        data = self.buffer.getvalue()
        return rewrite(data) if self.pdfa else data

    @property
    def holes(self) -> int:
        return sum(f < FULL for f in self.fills[:-1])

    @property
    def good(self) -> bool:
        return not self.holes and (self.pages == 1 or self.fills[-1] >= SHORT)


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
    tries = [_render(handout, labels, PAPERS[paper], theme, draft, pdfa, tagged, options)]
    for space, line in TIGHTER:
        if tries[-1].good:
            break
        tighter = theme._replace(space=space, line=line)
        tries.append(_render(handout, labels, PAPERS[paper], tighter, draft, pdfa, tagged, options))
    best = min(tries, key=lambda r: (r.pages, r.holes))  # the first of equals: most space
    return best.pdf(), best.pages


def _render(
    handout: Handout,
    labels: dict[str, str],
    pagesize: tuple[float, float],
    theme: Theme,
    draft: bool,
    pdfa: bool,
    tagged: bool,
    options: Options | None = None,
) -> Rendered:
    """One rendering: the PDF, its page count and how full each page is."""
    chain = fonts.chain_for(handout.language)
    main = chain[0]
    furniture = Furniture(
        name=handout.running_title + SEP + labels["language_name"],
        revised=fill(labels["revised"], date=format_date(handout.revised, handout.language)),
        page=labels["page"],
        draft_mark=labels["draft_mark"] if draft else None,
        draft_notice=labels["draft_notice"] if draft else None,
        chain=chain,
        font=fonts.register(main.face(False, False)),
        bold=fonts.register(main.face(True, False)),
        rtl=main.rtl,
        theme=theme,
        language=handout.language,
    )
    furniture = furniture._replace(lines=footer_lines(furniture, pagesize[0]))
    buffer = io.BytesIO()
    doc = _document(buffer, handout, labels, pagesize, theme, furniture)
    frame = doc.pageTemplates[0].frames[0]
    layout = Layout(handout, theme, labels, frame._height, options)
    story = layout.story()
    tagger = Tagger(layout.root) if tagged else None
    canvas = partial(_PageCanvas, furniture=furniture, tagger=tagger, pdfa=pdfa)
    # how full each page is: from the frame's top to its last ink (not the space after it),
    # as a share of the room down to the footer's rule
    fills: list[float] = []
    room = frame._height + theme.bottom(furniture.lines) - theme.footer_rule(furniture.lines)
    last_space = [0.0]
    doc.afterFlowable = lambda flowable: last_space.__setitem__(0, flowable.getSpaceAfter())
    doc.afterPage = lambda: fills.append((doc.frame._y2 - doc.frame._y - last_space[0]) / room)
    doc.build(story, canvasmaker=canvas)
    return Rendered(doc.canv, buffer, pdfa, doc.page, fills)


def _document(
    buffer: io.BytesIO,
    handout: Handout,
    labels: dict[str, str],
    pagesize: tuple[float, float],
    theme: Theme,
    furniture: Furniture,
) -> BaseDocTemplate:
    width, height = pagesize
    top, bottom = theme.top(bool(furniture.draft_mark)), theme.bottom(furniture.lines)
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
