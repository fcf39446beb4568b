"""Paragraphs: spans of text in one font each, broken into lines and drawn piece by piece.

Why our own paragraph rather than ReportLab's: ReportLab shapes a space-delimited word with
the font of its first fragment, so a word that changes font part-way ("Kineret؟", "IL-1ਦਾ")
draws missing glyphs; its right-to-left path needs rlbidi (not on PyPI) and misorders words
made of several fragments; and its text cannot be tagged piece by piece for screen readers.

Here every piece of text has one font and one bidi level and is shaped on its own by HarfBuzz
(through ReportLab's `shapeStr`) where its script needs it. Lines are broken in logical order
(at spaces, and between CJK characters), then each line is put in visual order by UAX #9
rule L2, with L4 mirroring for neutral characters in right-to-left runs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from itertools import groupby
from typing import NamedTuple, TypeVar

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from handout.fonts import mirror_alias, record_glyph_text
from handout.markup import LINK_COLOR, Span
from handout.tagging import Marked, Node, Tagger, artifact, begin, end, hex_string, tagger_of

_LINK = HexColor(LINK_COLOR)
# Character classes, compiled on first use: most pages never need them.
_RTL_CHARS = (
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# Spaces a line may break at: every space but the no-break ones (U+00A0, U+2007 FIGURE SPACE,
# U+202F NARROW NO-BREAK SPACE), which stay inside their word. A word is also cut after a soft
# hyphen or a zero-width space (break opportunities that draw nothing mid-line).
_SPACES = frozenset(
    " \t\n\r\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
)
_SPACE = re.escape("".join(sorted(_SPACES)))
SOFT_HYPHEN = "\u00ad"
_BREAK_AFTER = SOFT_HYPHEN + "\u200b"
_WORDS = re.compile(
    f"[{_SPACE}]+|[^{_SPACE}{_BREAK_AFTER}]*[{_BREAK_AFTER}]|[^{_SPACE}{_BREAK_AFTER}]+"
)
_GLUE = frozenset("\u00a0\u2007\u202f\u2060\u2011")  # no break before or after these
# Never drawn: they only steer breaking, bidi or (ZWJ, ZWNJ) shaping; HarfBuzz gets the last two.
_INVISIBLE = "\u00ad\u200b\u200e\u200f\u061c\u2060\u2066-\u2069"
_VARIATION = "[\ufe00-\ufe0f\U000e0100-\U000e01ef]"  # drawn only through HarfBuzz
_NOT_DRAWN = f"[{_INVISIBLE}\u200c\u200d\ufe00-\ufe0f\U000e0100-\U000e01ef]"
_NOT_SHAPED = f"[{_INVISIBLE}]"
# Characters a line may break between (Han, kana, CJK punctuation and full-width forms). Not
# Hangul: Korean is written with spaces between words and breaks only there, as a Korean
# reader expects (CSS `word-break: keep-all`); its jamo and syllables are left out.
_CJK = "[\u2e80-\u312f\u3190-\u9fff\uf900-\ufaff\uff00-\uff9f\uffe0-\uffef]"


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Whether the text measured now may be remembered for later renderings: the content's own
# words may (a batch and the desk set them again and again); what staff type at the desk (a
# patient's name, notes) must not outlive its request, so it is measured by the functions
# behind the caches (`_kept`).
_REMEMBER: ContextVar[bool] = ContextVar("remember", default=True)
_F = TypeVar("_F", bound=Callable)


def _kept(cached: _F) -> _F:
    return cached if _REMEMBER.get() else cached.__wrapped__


@contextmanager
def _remembered(keep: bool) -> Iterator[None]:
    token = _REMEMBER.set(keep)
    try:
        yield
    finally:
        _REMEMBER.reset(token)


def _has(pattern: str, text: str, first: str) -> bool:
    """Whether text has a character of the class; `first` is the class's lowest character,
    so that text entirely below it (Latin) is answered without a regular expression."""
    return bool(text) and max(text) >= first and bool(_regex(pattern).search(text))


# Kinsoku (JIS X 4051, CLREQ): marks that never start a line, and (below) never end one.
# Japanese small kana, iteration marks and the prolonged sound mark stay with the kana before.
_NO_BREAK_BEFORE = set(
    "、。，．：；？！）」』】〉》〕｝〙〗〛〞〟｠｣”’・ー…‥,.:;?!)]}%"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "々〻ゝゞヽヾ〜゠‼⁇⁈⁉"
)
SHAPING_FEATURES = {"kern": True, "liga": True, "dlig": False}
_SOFT_BREAKS = "/-?&=_.,"  # where a word too long for its line is best cut
_NO_BREAK_AFTER = set("（「『【〈《〔｛〘〖〚〝｟｢“‘([{")


class Piece(NamedTuple):
    """A run of one span at one bidi level, ready to draw."""

    span: Span
    text: str  # logical order
    level: int
    glyphs: str  # what is drawn: a ReportLab ShapedStr, or plain text in visual order
    width: float

    @property
    def space(self) -> bool:
        """A breakable space (never a no-break one)."""
        return self.text[:1] in _SPACES

    @property
    def blank(self) -> bool:
        """Only breakable spaces. A run of words joined for drawing (`_merged`: " now") may
        start with a space, and is not one."""
        return all(c in _SPACES for c in self.text)

    @property
    def shaped(self) -> bool:
        return hasattr(self.glyphs, "__shapeData__")


def levels(text: str, rtl: bool) -> tuple[int, ...]:
    """Bidi levels; left-to-right text with no right-to-left character skips UAX #9."""
    if not rtl and not _has(_RTL_CHARS, text, "\u0590"):
        return (0,) * len(text)
    return _kept(_uax9_levels)(text, rtl)


@lru_cache(maxsize=4096)
def _uax9_levels(text: str, rtl: bool) -> tuple[int, ...]:
    from handout.typography import isolated_levels
    from handout.uax9 import levels as uax9_levels

    # phone numbers, dates and "100 mg" read left to right as one unit (typography.py)
    return tuple(isolated_levels(text, rtl, uax9_levels))


def _strong_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _drawn(text: str, face: str, shaped: bool) -> str:
    """What is drawn for text: invisible characters left out, and a space the face lacks (a
    narrow no-break space in Arabic, say) drawn as its plain space."""
    if max(text) < "\u00a0":
        return text
    text = _regex(_NOT_SHAPED if shaped else _NOT_DRAWN).sub("", text)
    if text and max(text) >= "\u00a0":
        glyphs = getFont(face).face.charToGlyph
        text = "".join(" " if c.isspace() and ord(c) not in glyphs else c for c in text)
    return text


def _shaping(text: str, face: str) -> bool:
    """Whether HarfBuzz draws the text. Not a run without letters (a number written in
    Persian or Arabic-Indic digits, "۱۰۰" or "۵۵۵-۰۱۴۲"): HarfBuzz takes those digits' Arabic
    script for right to left and would reverse them, and digits need no shaping."""
    if _has(_VARIATION, text, "\ufe00"):
        return True
    if not getattr(getFont(face), "shaping_needed", False):
        return False
    return any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in text)


def make_piece(span: Span, text: str, level: int, size: float) -> Piece:
    glyphs, width = _kept(_measure)(text, span.face, level % 2 == 1, size)
    return Piece(span, text, level, glyphs, width)


@lru_cache(maxsize=65536)
def _measure(text: str, face: str, rtl: bool, size: float) -> tuple[str, float]:
    """What a piece draws and its width; most words recur (a handout's 1,500 pieces are about
    430 different ones), and again in every paper of a batch."""
    shaping = _shaping(text, face)
    if rtl and not _strong_rtl(text):
        # Neutrals in a right-to-left run (brackets, punctuation): HarfBuzz sees no right-to-
        # left script in them, so reverse and mirror them here (UAX #9 L2, L4). They need no
        # shaping; a mirrored bracket is drawn under a code that still copies as itself.
        from bidi.mirror import MIRRORED

        drawn = "".join(
            mirror_alias(face, MIRRORED[c], c) if c in MIRRORED else c
            for c in reversed(_drawn(text, face, False))
        )
        return drawn, stringWidth(drawn, face, size)
    drawn = _drawn(text, face, shaping)
    if shaping and drawn and not drawn.isspace():
        return _shaped(drawn, face, size)
    return drawn, stringWidth(drawn, face, size)


def _shaped(text: str, face: str, size: float) -> tuple[str, float]:
    """HarfBuzz's glyphs for a piece, and their width (remembered with the piece: `_measure`)."""
    from reportlab.lib.abag import ABag
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeFragWord

    # ReportLab's shapeStr also turns on discretionary ligatures (dlig), which typesetting
    # leaves off and which copy as the wrong characters; HarfBuzz's defaults otherwise.
    word = [stringWidth(text, face, size), (ABag(fontName=face, fontSize=size), text)]
    glyphs = shapeFragWord(word, features=SHAPING_FEATURES)[1][1]
    if isinstance(glyphs, ShapedStr):
        data = glyphs.__shapeData__
        record_glyph_text(face, text, str(glyphs), [d.cluster for d in data])
        # HarfBuzz mirrors brackets in right-to-left runs; ReportLab then names the glyph by
        # the mirrored character. Draw it under a code that copies as the written one.
        chars = [
            mirror_alias(face, g, text[d.cluster])
            if text[d.cluster] != g and unicodedata.mirrored(text[d.cluster]) and len(g) == 1
            else g
            for g, d in zip(str(glyphs), data, strict=True)
        ]
        glyphs = ShapedStr("".join(chars), shapeData=_own_widths(face, chars, data))
        return glyphs, sum(d.x_advance for d in data) * size / 1000
    return text, stringWidth(text, face, size)


def _own_widths(face: str, chars: list[str], data: list) -> list:
    """ReportLab gives a glyph that has no character of its own (a conjunct, a half form)
    the advance HarfBuzz placed it with the first time it was seen, kerning included; the
    PDF's /Widths must hold the glyph's own advance (PDF/UA-1 checks it against the font),
    and the drawing makes up the difference from the shaping data. So both get its own."""
    font = getFont(face).face
    out = []
    for char, d in zip(chars, data, strict=True):
        code = ord(char)
        if 0xE000 <= code <= 0xF8FF:
            own = font._pdfScale(font.hmetrics[font.charToGlyph[code]][0])
            font.charWidths[code] = own
            d = d._replace(width=own)
        out.append(d)
    return out


def pieces(parts: list[Span], rtl: bool, size: float) -> list[Piece]:
    """Split spans into words and spaces (and where the bidi level changes), measured."""
    text = "".join(p.text for p in parts)
    level = list(levels(text, rtl))
    pos = 0
    for span in parts:
        if (span.href and (span.text.strip() == span.href or (rtl and _dialled(span)))) or (
            rtl and span.isolated and not _has(_RTL_CHARS, span.text, "\u0590")
        ):
            # A printed web address is typed as it reads, left to right, on every page: it is
            # isolated as one left-to-right run (as LRI ... PDI would), so that no right-to-
            # left character in it can reorder what the reader types; so is the number of a
            # `tel:` link on a right-to-left page, and a left-to-right value such as the
            # clinic's address ("1200 Riverside Drive" keeps its number in front).
            level[pos : pos + len(span.text)] = [2 if rtl else 0] * len(span.text)
        pos += len(span.text)
    out: list[Piece] = []
    pos = 0
    uniform = min(level, default=0) == max(level, default=0)  # most pages: all left to right
    for span in parts:
        for m in _WORDS.finditer(span.text):
            start, end = pos + m.start(), pos + m.end()
            if uniform:
                out.append(make_piece(span, m.group(), level[start], size))
                continue
            cut = start
            for i in range(start + 1, end + 1):
                if i == end or level[i] != level[cut]:
                    out.append(make_piece(span, text[cut:i], level[cut], size))
                    cut = i
        pos += len(span.text)
    return out


def _dialled(span: Span) -> bool:
    """A `tel:` link's text that is the number itself (no right-to-left words)."""
    return span.href.startswith("tel:") and not _has(_RTL_CHARS, span.text, "\u0590")


def _units(items: list[Piece], size: float) -> list[list[Piece]]:
    """Group pieces into units that a line may not break inside: words, and CJK characters."""
    units: list[list[Piece]] = []
    glue = False  # the previous unit must not be followed by a break
    for item in items:
        if item.space:
            units.append([item])
            glue = False
            continue
        atoms = [item]
        if _has(_CJK, item.text, "\u2e80"):
            atoms = _cjk_atoms(item, size)
        elif _has(_THAI, item.text, "\u0e00"):
            atoms = _dictionary_atoms(item, size)
        for atom in atoms:
            first = atom.text[0]
            joined = (
                units
                and not units[-1][0].space
                and (glue or first in _NO_BREAK_BEFORE or first in _GLUE)
            )
            if joined or (units and not units[-1][0].space and not _breakable(units[-1], atom)):
                units[-1].append(atom)
            else:
                units.append([atom])
            glue = atom.text[-1] in _NO_BREAK_AFTER or atom.text[-1] in _GLUE
    return units


def _breakable(unit: list[Piece], atom: Piece) -> bool:
    """A break may fall between two non-space pieces only next to a CJK character, at a Thai
    word boundary (asked of the dictionary, with the words on both sides), or after a soft
    hyphen or zero-width space."""
    if unit[-1].text[-1] in _BREAK_AFTER:
        return True
    before, after = unit[-1].text, atom.text
    if _has(_THAI, before[-1] + after[0], "\u0e00"):
        return any(start == len(before) for start, _ in _kept(thai_breaks)(before + after))
    cjk = _regex(_CJK)
    return bool(cjk.match(atom.text[0]) or cjk.match(unit[-1].text[-1]))


def _cjk_atoms(item: Piece, size: float) -> list[Piece]:
    """One piece per CJK character; runs of other characters (Latin words) stay whole."""
    out = []
    for m in _regex(f"{_CJK}|(?:(?!{_CJK}).)+").finditer(item.text):
        out.append(make_piece(item.span, m.group(), item.level, size))
    return out


_THAI = "[\u0e00-\u0e7f]"


def _dictionary_atoms(item: Piece, size: float) -> list[Piece]:
    """A run of Thai (written without spaces between words) cut where a line may break: at
    the word boundaries of ICU's dictionary-based line breaker, never inside a word or a
    grapheme cluster."""
    return [
        make_piece(item.span, item.text[a:b], item.level, size)
        for a, b in _kept(thai_breaks)(item.text)
    ]


@lru_cache(maxsize=4096)
def thai_breaks(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of the pieces of text between ICU's line-break opportunities."""
    try:
        from icu4py.breakers import LineBreaker
    except ImportError:
        from handout.errors import HandoutError

        raise HandoutError(
            "Thai text needs dictionary line breaking (ICU): install it with "
            "pip install 'handout[thai]' (the icu4py package)"
        ) from None
    return tuple(LineBreaker(text, "th").segments())


def break_lines(items: list[Piece], width: float, size: float) -> list[list[Piece]]:
    """Greedy line breaking in logical order; a unit wider than the line is cut to fit. A line
    that ends at a soft hyphen shows a hyphen there, and leaves room for it."""
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    gap: list[Piece] = []  # the spaces the last break swallowed (none inside a word)
    used = 0.0
    for unit in _units(items, size):
        w = sum(p.width for p in unit)
        if unit[0].space:
            if line:
                line.append(unit[0])
                used += w
            continue
        hyphen = _hyphenated(unit[-1], size).width - unit[-1].width if _soft(unit[-1]) else 0
        if line and used + w + hyphen > width + 1e-6:
            lines.append(_ended(line, size))
            line, used, gap = [], 0.0, line[len(_trim(line)) :]
        if w > width + 1e-6:
            for chunk in _cut(unit, width, size):
                if line:
                    lines.append(_ended(line, size))
                    gap = []
                line, used = chunk, sum(p.width for p in chunk)
            continue
        line.extend(unit)
        used += w
    if line:
        lines.append(_trim(line))
    return _no_lone_last_word(lines, gap, width, size) or [[]]


def _no_lone_last_word(
    lines: list[list[Piece]], gap: list[Piece], width: float, size: float
) -> list[list[Piece]]:
    """A paragraph does not end in a line of one word ("OK.") when the line above can spare
    one: its last word moves down to keep it company, if both fit the line, with the spaces
    that were between them (`gap`: none when the break fell inside a word, at a zero-width
    space or between CJK characters)."""
    if len(lines) < 2 or len([u for u in _units(lines[-1], size) if not u[0].space]) != 1:
        return lines
    if lines[-2] and _soft(lines[-2][-1]):  # the last word is the end of a hyphenated one
        return lines
    above = _units(lines[-2], size)
    words = [i for i, unit in enumerate(above) if not unit[0].space]
    if len(words) < 3:
        return lines
    last = [*above[words[-1]], *gap, *lines[-1]]
    # the word moved down may be the end of one broken at its soft hyphen: show the hyphen
    rest = _ended([p for unit in above[: words[-2] + 1] for p in unit], size)
    if max(sum(p.width for p in last), sum(p.width for p in rest)) > width + 1e-6:
        return lines
    return [*lines[:-2], rest, last]


def _soft(piece: Piece) -> bool:
    return piece.text[-1] == SOFT_HYPHEN


def _hyphenated(piece: Piece, size: float) -> Piece:
    """A piece that ends at a soft hyphen where the line breaks: the hyphen is drawn."""
    drawn = make_piece(piece.span, piece.text[:-1] + "-", piece.level, piece_size(piece, size))
    return drawn._replace(text=piece.text)


def piece_size(piece: Piece, size: float) -> float:
    return size


def _ended(line: list[Piece], size: float) -> list[Piece]:
    """A line that the next word did not fit on: trimmed, with the hyphen of a soft hyphen
    it was broken at."""
    if line and not line[-1].space and _soft(line[-1]):
        return [*line[:-1], _hyphenated(line[-1], size)]
    return _trim(line)


def _trim(line: list[Piece]) -> list[Piece]:
    while line and line[-1].space:
        line = line[:-1]
    return line


def _cut(unit: list[Piece], width: float, size: float) -> list[list[Piece]]:
    """Cut a unit wider than the line into chunks that fit (long URLs, long compounds),
    after a "/" or "-" where one falls in the second half of the chunk. Each chunk costs
    about its own length times a logarithm: the longest prefix that fits is bracketed by
    doubling, then found by bisection."""
    chunks: list[list[Piece]] = [[]]
    used = 0.0
    for piece in unit:
        text, pos = piece.text, 0
        while pos < len(text):

            def fits(n: int, piece: Piece = piece, pos: int = pos, used: float = used) -> bool:
                part = piece.text[pos : pos + n]
                return used + make_piece(piece.span, part, piece.level, size).width <= width

            rest = len(text) - pos
            low, high = 1, 2  # fits(low) or low == 1; high does not fit, or is past the end
            while high <= rest and fits(high):
                low, high = high, high * 2
            high = min(high - 1, rest)
            while low < high:
                mid = (low + high + 1) // 2
                low, high = (mid, high) if fits(mid) else (low, mid - 1)
            if chunks[-1] and not fits(low):
                chunks.append([])
                used = 0.0
                continue
            # a web address breaks only after a slash, never next to a hyphen: a reader
            # cannot tell whether a hyphen at a line's end is part of the address
            link = piece.span.href is not None
            soft = max(text.rfind(c, pos, pos + low) for c in ("/" if link else _SOFT_BREAKS))
            soft += 1 - pos
            if low < rest and soft > (0 if link else low // 2):
                low = soft
            elif link and low < rest:
                while low > 1 and "-" in text[pos + low - 1 : pos + low + 1]:
                    low -= 1
            chunk = make_piece(piece.span, text[pos : pos + low], piece.level, size)
            chunks[-1].append(chunk)
            used += chunk.width
            pos += low
            if pos < len(text):
                chunks.append([])
                used = 0.0
    return [c for c in chunks if c]


def visual(line: list[Piece]) -> list[Piece]:
    """UAX #9 rule L2: reverse runs at each level from the highest to the lowest odd one."""
    order = list(line)
    odd = [p.level for p in order if p.level % 2]
    if not odd:
        return order
    for lvl in range(max(p.level for p in order), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if order[i].level < lvl:
                i += 1
                continue
            j = i
            while j < len(order) and order[j].level >= lvl:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return order


class Placed(NamedTuple):
    """A piece at its place on a line: `order` is its position in reading order."""

    x: float
    piece: Piece
    order: int


def _merged(line: list[tuple[int, Piece]]) -> list[tuple[int, Piece]]:
    """Join neighbouring unshaped left-to-right pieces of one span: fewer text operators."""
    out: list[tuple[int, Piece]] = []
    run: list[Piece] = []
    order = 0

    def flush() -> None:
        if len(run) == 1:
            out.append((order, run[0]))
        elif run:
            text, drawn = "".join(p.text for p in run), "".join(p.glyphs for p in run)
            out.append((order, Piece(run[0].span, text, 0, drawn, sum(p.width for p in run))))

    for i, piece in line:
        plain = not piece.level % 2 and not piece.shaped
        if run and plain and piece.span == run[0].span:
            run.append(piece)
            continue
        flush()
        run, order = ([piece], i) if plain else ([], i)
        if not plain:
            out.append((i, piece))
    flush()
    return out


class Measured:
    """A paragraph's measured pieces, and its lines for each width it was broken at."""

    __slots__ = ("items", "lines")

    def __init__(self, items: list[Piece]) -> None:
        self.items = items
        self.lines: dict[float, list[list[Piece]]] = {}

    def broken(self, room: float, size: float) -> list[list[Piece]]:
        lines = self.lines.get(room)
        if lines is None:
            lines = self.lines[room] = break_lines(self.items, room, size)
        return lines


@lru_cache(maxsize=4096)
def measured(parts: tuple[Span, ...], rtl: bool, size: float) -> Measured:
    """The same words at the same size measure and break the same way in every rendering: a
    batch sets each language in two papers, tightening sets a handout again with other
    spacing, and a footer repeats on every page."""
    return Measured(pieces(list(parts), rtl, size))


class TextParagraph(Flowable):
    """A paragraph, heading or list item (with a `bullet`) in any script. A `shared` one is
    the content's own text, measured once for every rendering (`measured`); the desk's
    personal fields are not shared, so that nothing typed there outlives its request."""

    def __init__(
        self,
        parts: list[Span],
        style: ParagraphStyle,
        rtl: bool = False,
        bullet: list[Span] | None = None,
        items: list[Piece] | None = None,
        shared: bool = False,
    ) -> None:
        super().__init__()
        self.parts, self.style, self.rtl, self.bullet = parts, style, rtl, bullet
        self._items = items  # measured pieces; a split half holds only its own
        self._measured: Measured | None = None
        self._keep = shared  # the content's own text, or what must not outlive its request
        self._shared = shared and items is None
        self._lines: list[list[Piece]] = []
        self._for_width: float | None = None

    @property
    def text(self) -> str:
        """The paragraph's words in reading order, as a screen reader should speak them."""
        return "".join(p.text for p in self.parts)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        size = self.style.fontSize
        if self._items is None:
            if self._shared:
                self._measured = measured(tuple(self.parts), self.rtl, size)
                self._items = self._measured.items
            else:
                with _remembered(self._keep):
                    self._items = pieces(self.parts, self.rtl, size)
        if self._for_width != avail_width:
            room = avail_width - self.style.leftIndent - self.style.rightIndent
            if self._measured is not None:
                self._lines = self._measured.broken(room, size)
            else:
                with _remembered(self._keep):
                    self._lines = break_lines(self._items, room, size)
            self._for_width = avail_width
        self.height = len(self._lines) * self.style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        lines = self._lines
        fit = min(int((avail_height + 1e-6) // self.style.leading), len(lines) - 2)  # no widow
        if fit < 2:  # no orphan
            return []
        keep = self._keep
        halves = [
            TextParagraph(self.parts, self.style, self.rtl, self.bullet, _flat(lines[:fit]), keep),
            TextParagraph(self.parts, self.style, self.rtl, None, _flat(lines[fit:]), keep),
        ]
        halves[0].spaceAfter = halves[1].spaceBefore = 0
        for half, own in zip(halves, (lines[:fit], lines[fit:]), strict=True):
            half._lines, half._for_width = own, avail_width
            half.__dict__.update({k: v for k, v in self.__dict__.items() if k in _MEANING})
        return halves

    def lines(self) -> list[tuple[float, list[Placed]]]:
        """Each line's baseline and its pieces placed in visual order (bullet first)."""
        style = self.style
        room = self.width - style.leftIndent - style.rightIndent
        out = []
        for n, line in enumerate(self._lines):
            y = self.height - style.fontSize - n * style.leading
            width = sum(p.width for p in line)
            x = style.leftIndent
            if style.alignment == TA_RIGHT:
                x += room - width
            elif style.alignment == TA_CENTER:
                x += (room - width) / 2
            order = {id(p): i for i, p in enumerate(line)}
            placed = [] if n or not self.bullet else self.bullet_pieces()
            for i, piece in _merged([(order[id(p)], p) for p in visual(line)]):
                placed.append(Placed(x, piece, i))
                x += piece.width
            out.append((y, placed))
        return out

    def bullet_pieces(self) -> list[Placed]:
        """The bullet or step number, placed in the indent on the line's start side."""
        style = self.style
        with _remembered(self._keep):
            items = visual(pieces(self.bullet, self.rtl, style.fontSize))
        width = sum(p.width for p in items)
        x = self.width - style.bulletIndent - width if self.rtl else style.bulletIndent
        out = []
        for piece in items:
            out.append(Placed(x, piece, -1))
            x += piece.width
        return out

    def draw(self) -> None:
        canvas = self.canv
        tagger = tagger_of(canvas) if getattr(self, "node", None) else None
        canvas.saveState()
        lines = self.lines()
        body = [p for _, placed in lines for p in placed if p.order >= 0]
        plain = not any(p.piece.shaped or p.piece.span.underline for p in body)  # links underline
        if tagger is not None and plain:
            self._draw_whole(lines, tagger)
        else:
            for n, (y, placed) in enumerate(lines):
                segments = self._segments(placed, tagger, last=n == len(lines) - 1)
                self.draw_line(segments, y, tagger)
        canvas.restoreState()

    def _draw_whole(self, lines: list[tuple[float, list[Placed]]], tagger: Tagger) -> None:
        """Plain text (no link or underline, nothing shaped): one marked-content sequence for
        all its lines on this page, after the list label's own."""
        canvas = self.canv
        first = lines[0][1]
        label = [p for p in first if p.order < 0]
        if label:
            self.draw_line(self._segments(label, tagger, last=True), lines[0][0], tagger)
        canvas.addLiteral(begin(self.node, tagger.mark(self.node).mcid))
        for y, placed in lines:
            text = [p for p in placed if p.order >= 0]
            self.draw_line(self._segments(text, None, last=True), y, None)
        canvas.addLiteral(end())

    def _segments(self, placed: list[Placed], tagger: Tagger | None, last: bool) -> list[Segment]:
        """Runs of pieces that belong to one structure node: the label, the text, a link, in
        reading order. Pieces keep their visual places, but the page's content stream lists
        them in reading order, so that text extraction that follows the stream (pypdf) reads
        right-to-left lines in the right order. With tagging, each run gets a marked-content
        id; the node's kids follow reading order."""
        segments: list[Segment] = []
        for p in sorted(placed, key=lambda p: p.order):
            owner = "label" if p.order < 0 else (p.piece.span.href or "")
            if not segments or (segments[-1].owner != owner and not p.piece.blank):
                segments.append(Segment(owner, []))
            segments[-1].pieces.append(p)
        if tagger is None:
            # Page furniture (footer, notice) has no structure, but is copied too: shaped
            # left-to-right words (Indic vowel signs drawn before their consonant) need their
            # ActualText, with a space after it, as the next words may be across the page.
            # Right-to-left words copy right without it: their glyphs are in the stream in
            # reading order, and pdfium would turn an ActualText of them round.
            for seg in segments:
                if any(p.piece.shaped for p in seg.pieces) and not any(
                    p.piece.level % 2 for p in seg.pieces
                ):
                    seg.actual_text = "".join(p.piece.text for p in seg.pieces) + " "
            return segments
        for seg in segments:
            if seg.owner == "label":
                seg.node = self.label_node
            elif seg.owner:
                seg.node = Node("Link", self.node)
                self.node.kids.append(seg.node)
            else:
                seg.node = self.node
            seg.marked = tagger.mark(seg.node, attach=False)
            seg.node.kids.append(seg.marked)  # in reading order, whatever the drawing order
            if any(p.piece.shaped for p in seg.pieces):
                seg.actual_text = "".join(p.piece.text for p in seg.pieces)
        if not last:
            tail = max(segments, key=lambda s: max(p.order for p in s.pieces))
            if tail.actual_text is not None:
                tail.actual_text += " "
        return segments

    def draw_line(self, segments: list[Segment], y: float, tagger: Tagger | None) -> None:
        """One text object per line (copied text reads as one line), then its rules and links."""
        canvas, size = self.canv, self.style.fontSize
        see_through = self.style.textColor.alpha != 1  # the DRAFT mark: a transparency group
        if not see_through and not any(p.piece.span.stroked for s in segments for p in s.pieces):
            canvas._code.append(text_object(canvas, segments, y, size, self.style.textColor))
        else:
            self._text_object(segments, y)
        self._decorate(segments, y, tagger)

    def _text_object(self, segments: list[Segment], y: float) -> None:
        """A line with stroked pieces (bold drawn as outlines) or in see-through ink, through
        ReportLab's text object."""
        canvas, size = self.canv, self.style.fontSize
        text = canvas.beginText()
        for seg in segments:
            if seg.marked is not None:
                text._code.append(begin(seg.node, seg.marked.mcid, seg.actual_text))
            elif seg.actual_text is not None:  # shaped words with no structure node
                text._code.append(f"/Span <</ActualText {hex_string(seg.actual_text)}>> BDC")
            for p in seg.pieces:  # spaces too: text extraction needs them between words
                text.setTextOrigin(p.x, y)
                text.setFont(p.piece.span.face, size)
                color = _LINK if p.piece.span.href else self.style.textColor
                text.setFillColor(color)
                if p.piece.span.stroked:  # bold in a family without a bold face
                    text.setStrokeColor(color)
                    text._code.append(f"{size * 0.035:.2f} w")
                    text.setTextRenderMode(2)
                text.textOut(p.piece.glyphs)
                if p.piece.span.stroked:
                    text.setTextRenderMode(0)
            if seg.marked is not None:
                text._code.append(end(seg.actual_text))
            elif seg.actual_text is not None:
                text._code.append(end())
        canvas.drawText(text)

    def _decorate(self, segments: list[Segment], y: float, tagger: Tagger | None) -> None:
        """A line's underlines (artifacts) and link annotations."""
        canvas, size = self.canv, self.style.fontSize
        for seg in segments:
            drawn = [p for p in seg.pieces if not p.piece.blank]
            underlined = [p for p in drawn if p.piece.span.underline]
            if underlined:
                with artifact(canvas):  # a link's underline is decoration, not content
                    for p in underlined:
                        color = _LINK if p.piece.span.href else self.style.textColor
                        canvas.setStrokeColor(color)
                        canvas.setLineWidth(size * 0.06)
                        x0, x1 = p.x, p.x + p.piece.width
                        canvas.line(x0, y - size * 0.14, x1, y - size * 0.14)
            if seg.owner not in ("", "label") and drawn:
                # in reading order: a right-to-left link's first word is its rightmost
                x0 = min(p.x for p in drawn)
                x1 = max(p.x + p.piece.width for p in drawn)
                if tagger is not None:
                    words = seg.actual_text or "".join(p.piece.text for p in seg.pieces)
                    tagger.pending_link = (seg.node, words.strip())
                rect = (x0, y - size * 0.3, x1, y + size * 0.9)
                canvas.linkURL(seg.owner, rect, relative=1, thickness=0)


def text_object(canvas: Canvas, segments: list[Segment], y: float, size: float, ink: Color) -> str:
    """A line of text as one compact text object: a move only where a piece does not
    follow on from the one before, the font and colour only where they change, and one string
    for each run of one font subset. What ReportLab's text object writes piece by piece (a full
    matrix, font, leading and colour for every piece), at a fraction of its bytes and time."""
    doc = canvas._doc
    ops = ["BT"]
    run: list[bytes] = []
    at = None  # where the text position is: the end of the last piece drawn
    font_now = color_now = None
    # In a line with right-to-left pieces every piece sets its font: pypdf ends a run of text
    # at each font change, and reads a longer run of right-to-left text out of order.
    # It also starts from the origin, as ReportLab's text object does: pypdf then sees the jump
    # to a second text object on the same baseline (the footer's halves) as a word space.
    mixed = any(p.piece.level % 2 for seg in segments for p in seg.pieces)
    if mixed:
        ops.append("1 0 0 1 0 0 Tm")

    def flush() -> None:
        if run:
            ops.append(f"({canvas._escape(b''.join(run))}) Tj")
            run.clear()

    for seg in segments:
        if seg.marked is not None:
            flush()
            ops.append(begin(seg.node, seg.marked.mcid, seg.actual_text))
        elif seg.actual_text is not None:  # shaped words with no structure node
            flush()
            ops.append(f"/Span <</ActualText {hex_string(seg.actual_text)}>> BDC")
        for p in seg.pieces:
            piece = p.piece
            if at is None or abs(p.x - at) > 1e-6:
                flush()  # an absolute move: text extraction (pypdf) follows the stream's order
                ops.append(f"1 0 0 1 {fp_str(p.x, y)} Tm")
            if mixed:
                font_now = None  # see below
            color = _LINK if piece.span.href else ink
            if color is not color_now:
                flush()
                ops.append(f"{fp_str(color.red, color.green, color.blue)} rg")
                color_now = color
            font = getFont(piece.span.face)
            glyphs = piece.glyphs
            shaped = getattr(glyphs, "__shapeData__", None)
            done = 0  # glyphs of a shaped piece written so far
            for subset, data in font.splitString(glyphs, doc):
                if (font, subset) != font_now:
                    flush()
                    ops.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf")
                    font_now = (font, subset)
                if shaped is None:
                    run.append(data)
                else:
                    flush()
                    ops.extend(_positioned(canvas, data, shaped[done : done + len(data)], size))
                    done += len(data)
            at = p.x + piece.width
        if seg.marked is not None:
            flush()
            ops.append(end(seg.actual_text))
        elif seg.actual_text is not None:
            flush()
            ops.append(end())
    flush()
    ops.append("ET")
    return " ".join(ops)


def _positioned(canvas: Canvas, data: bytes, shape: list, size: float) -> list[str]:
    """HarfBuzz's glyphs placed as it positioned them: each glyph's x offset and advance as
    TJ adjustments, a y offset (a mark above or below) as a text rise, as ReportLab's text
    object writes them."""
    ops: list[str] = []
    parts: list[bytes | float] = []
    rise = 0.0

    def flush() -> None:
        out: list[str] = []
        for is_text, group in groupby(filter(None, parts), lambda v: isinstance(v, bytes)):
            if is_text:
                out.append(f"({canvas._escape(b''.join(group))})")
            elif (shift := sum(group)) != 0:
                out.append(fp_str(shift))
        if len(out) == 1 and out[0].startswith("("):
            ops.append(f"{out[0]} Tj")
        elif out:
            ops.append(f"[{' '.join(out)}] TJ")
        parts.clear()

    for code, sd in zip(data, shape, strict=True):
        r = size * sd.y_offset / 1000
        if r != rise:
            flush()
            ops.append(f"{fp_str(r)} Ts")
            rise = r
        parts.extend((-sd.x_offset, bytes((code,)), sd.width - sd.x_advance + sd.x_offset))
    flush()
    if rise:
        ops.append("0 Ts")
    return ops


class Segment:
    """Pieces of one line that belong to one structure node (see TextParagraph._segments)."""

    __slots__ = ("owner", "pieces", "node", "marked", "actual_text")

    def __init__(self, owner: str, pieces: list[Placed]) -> None:
        self.owner = owner  # "label", "" (the paragraph's own text) or a link's URL
        self.pieces = pieces
        self.node: Node | None = None
        self.marked: Marked | None = None
        self.actual_text: str | None = None


_MEANING = ("node", "label_node")


def _flat(lines: list[list[Piece]]) -> list[Piece]:
    return [p for line in lines for p in line]
