"""Fonts: which TTF draws which script, registered lazily, and checks that every character
can be drawn (a missing glyph is an error, never a silent blank or box)."""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

from handout.errors import HandoutError

# The bundled fonts travel inside the package; HANDOUT_FONTS points at another folder holding
# files of the same names (for example, hinted originals), mainly for font work.
BUNDLED = Path(__file__).resolve().parent / "data" / "fonts"
FONT_DIR = Path(os.environ.get("HANDOUT_FONTS") or BUNDLED)


class Family(NamedTuple):
    """One typeface; faces it lacks (no italic for Arabic) fall back to its regular or bold."""

    name: str
    regular: str
    bold: str | None = None
    italic: str | None = None
    bold_italic: str | None = None
    rtl: bool = False
    shaped: bool = False
    breaks_anywhere: bool = False  # CJK: a line may break between any two characters
    scripts: str = ""  # what it draws, for `handout fonts`
    licence: str = ""
    pack: str = ""  # the font pack (PACKS) its files travel in; "" for the bundled fonts

    def face(self, bold: bool, italic: bool) -> str:
        """The registered font name for a style, falling back to the nearest face it has."""
        if bold and italic and self.bold_italic:
            return self.name + "-BoldItalic"
        if bold and self.bold:
            return self.name + "-Bold"
        if italic and self.italic and not bold:
            return self.name + "-Italic"
        return self.name

    def file(self, face: str) -> str:
        suffix = face[len(self.name) :]
        return {"": self.regular, "-Bold": self.bold, "-Italic": self.italic}.get(
            suffix, self.bold_italic
        )


OFL = "SIL OFL 1.1 (OFL.txt)"
FAMILIES = {
    "latin": Family(
        "NotoSans",
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSans-Italic.ttf",
        "NotoSans-BoldItalic.ttf",
        scripts="Latin, Greek, Cyrillic",
        licence=OFL,
    ),
    "arabic": Family(
        "NotoSansArabic",
        "NotoSansArabic-Regular.ttf",
        "NotoSansArabic-Bold.ttf",
        rtl=True,
        shaped=True,
        scripts="Arabic",
        licence=OFL,
    ),
    "gurmukhi": Family(
        "NotoSansGurmukhi",
        "NotoSansGurmukhi-Regular.ttf",
        "NotoSansGurmukhi-Bold.ttf",
        shaped=True,
        scripts="Gurmukhi (Punjabi)",
        licence=OFL,
    ),
    # issue 11: right-to-left and shaped scripts, each in its own Noto family
    "hebrew": Family(
        "NotoSansHebrew",
        "NotoSansHebrew-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
        rtl=True,
        shaped=True,
        scripts="Hebrew",
        licence=OFL,
    ),
    # Urdu: Naskh, the style Urdu is typeset in where Nastaliq is not (see the README there)
    "naskh": Family(
        "NotoNaskhArabic",
        "NotoNaskhArabic-Regular.ttf",
        "NotoNaskhArabic-Bold.ttf",
        rtl=True,
        shaped=True,
        scripts="Arabic script in Naskh style (Urdu)",
        licence=OFL,
    ),
    "devanagari": Family(
        "NotoSansDevanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        shaped=True,
        scripts="Devanagari (Hindi)",
        licence=OFL,
    ),
    "bengali": Family(
        "NotoSansBengali",
        "NotoSansBengali-Regular.ttf",
        "NotoSansBengali-Bold.ttf",
        shaped=True,
        scripts="Bengali",
        licence=OFL,
    ),
    "gujarati": Family(
        "NotoSansGujarati",
        "NotoSansGujarati-Regular.ttf",
        "NotoSansGujarati-Bold.ttf",
        shaped=True,
        scripts="Gujarati",
        licence=OFL,
    ),
    "tamil": Family(
        "NotoSansTamil",
        "NotoSansTamil-Regular.ttf",
        "NotoSansTamil-Bold.ttf",
        shaped=True,
        scripts="Tamil",
        licence=OFL,
    ),
    # Thai: no spaces between words; lines break at dictionary word boundaries (text.py)
    "thai": Family(
        "NotoSansThai",
        "NotoSansThai-Regular.ttf",
        "NotoSansThai-Bold.ttf",
        shaped=True,
        scripts="Thai",
        licence=OFL,
    ),
    "ethiopic": Family(
        "NotoSansEthiopic",
        "NotoSansEthiopic-Regular.ttf",
        "NotoSansEthiopic-Bold.ttf",
        shaped=True,
        scripts="Ethiopic (Amharic)",
        licence=OFL,
    ),
    # Simplified Chinese, with a real bold (subset to GB 2312: tools/make_cjk_fonts.py)
    "sc": Family(
        "NotoSansSC",
        "NotoSansSC-Regular.ttf",
        "NotoSansSC-Bold.ttf",
        breaks_anywhere=True,
        scripts="Simplified Chinese (GB 2312)",
        licence=OFL,
    ),
    # Traditional Chinese, Japanese and Korean travel in the font pack handout-fonts-cjk
    # (fonts/cjk), each with its bold, subset to its national character set
    # (tools/make_cjk_fonts.py); a character outside it is an error naming it.
    "tc": Family(
        "NotoSansTC",
        "NotoSansTC-Regular.ttf",
        "NotoSansTC-Bold.ttf",
        breaks_anywhere=True,
        scripts="Chinese (Traditional)",
        licence=OFL,
        pack="cjk",
    ),
    "jp": Family(
        "NotoSansJP",
        "NotoSansJP-Regular.ttf",
        "NotoSansJP-Bold.ttf",
        breaks_anywhere=True,
        scripts="Japanese",
        licence=OFL,
        pack="cjk",
    ),
    # Korean lines break at the spaces between words, not between syllables (text.py)
    "kr": Family(
        "NotoSansKR",
        "NotoSansKR-Regular.ttf",
        "NotoSansKR-Bold.ttf",
        scripts="Korean (Hangul)",
        licence=OFL,
        pack="cjk",
    ),
}


class Pack(NamedTuple):
    """Fonts too large for the base wheel, in a distribution of their own: `pip install`
    it and handout finds its files in the package `module`."""

    distribution: str
    module: str


PACKS = {"cjk": Pack("handout-fonts-cjk", "handout_fonts_cjk")}
# A source checkout holds the packs beside the package (fonts/cjk/handout_fonts_cjk): its
# tests and tools work without installing them; an installed pack comes first.
_CHECKOUT = Path(__file__).resolve().parent.parent / "fonts"


class FontPackMissing(HandoutError):
    """A language's fonts are in a font pack that is not installed (or lacks a file)."""


@cache
def _pack_folder(pack: str) -> Path | None:
    module = PACKS[pack].module
    spec = importlib.util.find_spec(module)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    here = _CHECKOUT / pack / module
    return here if (here / "__init__.py").is_file() else None


def pack_folders() -> list[Path]:
    """The folders of the font packs that are installed."""
    return [f for f in map(_pack_folder, PACKS) if f is not None]


def folder(family: Family) -> Path:
    """Where a family's files are: the bundled folder (or HANDOUT_FONTS), or its pack's."""
    if not family.pack:
        return FONT_DIR
    found = _pack_folder(family.pack)
    if found is None:
        raise FontPackMissing(pack_missing(family))
    return found


def files(family: Family) -> list[str]:
    return [f for f in (family.regular, family.bold, family.italic, family.bold_italic) if f]


def pack_missing(family: Family) -> str | None:
    """What is wrong with the font pack a family needs, as one line naming the pack and the
    command that installs it; None when its files are there (or it needs no pack)."""
    if not family.pack:
        return None
    pack = PACKS[family.pack]
    found = _pack_folder(family.pack)
    if found is None:
        return (
            f"the {family.scripts} fonts are in the font pack {pack.distribution}, which is "
            f"not installed: pip install {pack.distribution}"
        )
    lacking = [f for f in files(family) if not (found / f).is_file()]
    if lacking:
        return (
            f"the font pack {pack.distribution} in {found} lacks {', '.join(lacking)}: "
            f"pip install --upgrade {pack.distribution}"
        )
    return None


# The fonts tried for a language's text, in order; the first is the main face of the page.
CHAINS = {
    "ar": ("arabic", "latin"),
    "fa": ("arabic", "latin"),
    "ur": ("naskh", "latin"),
    "pa": ("gurmukhi", "latin"),
    "zh": ("latin", "sc"),
    "ja": ("latin", "jp"),
    "ko": ("latin", "kr"),
    "zh-Hant": ("latin", "tc"),  # and zh-TW, zh-HK, zh-MO (traditional_chinese)
    # issue 11: fa (above) keeps the Arabic family
    "he": ("hebrew", "latin"),
    "hi": ("devanagari", "latin"),
    "bn": ("bengali", "latin"),
    "gu": ("gujarati", "latin"),
    "ta": ("tamil", "latin"),
    "th": ("thai", "latin"),
    "am": ("ethiopic", "latin"),
}
DEFAULT_CHAIN = ("latin",)


class Chain(tuple):
    """The families tried for a language's text, in order, and the language they set: its
    typographic conventions (quotes, spaces) apply to every text drawn with the chain."""

    language: str

    def __new__(cls, families: tuple[Family, ...], language: str = "") -> Chain:
        chain = super().__new__(cls, families)
        chain.language = language
        return chain


# Chinese written in Traditional characters (zh-Hant, and Taiwan's, Hong Kong's and Macao's
# Chinese unless the tag says Hans) is drawn with the Traditional Chinese face.
_TRADITIONAL = {"hant", "tw", "hk", "mo"}


def traditional_chinese(language: str) -> bool:
    tags = language.lower().split("-")
    return tags[0] == "zh" and bool(_TRADITIONAL & set(tags[1:])) and "hans" not in tags


def table_key(language: str) -> str:
    """The key of a language's entry in the per-language tables (fonts, labels, quotes): its
    primary subtag, or zh-Hant for Chinese written in Traditional characters."""
    return "zh-Hant" if traditional_chinese(language) else language.split("-")[0].lower()


def chain_for(language: str) -> Chain:
    names = CHAINS.get(table_key(language), DEFAULT_CHAIN)
    return Chain(tuple(FAMILIES[n] for n in names), language)


@cache
def register(face: str) -> str:
    """Register one face with ReportLab the first time it is used; return its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from handout.fontmetrics import known_font

    family = next(f for f in FAMILIES.values() if face.split("-")[0] == f.name)
    path = str(folder(family) / family.file(face))
    # metrics are read from the package's own data (a font pack's too), never from a folder
    # of the user's (HANDOUT_FONTS), whose files are parsed
    trusted = bool(family.pack) or FONT_DIR == BUNDLED
    font = (known_font(face, path) if trusted else None) or TTFont(face, path)
    pdfmetrics.registerFont(font)
    # ReportLab maps a second font of one PostScript name to the first it registered (a host
    # program's own copy of the face, say), which then draws this face: it must shape as this
    # one would. text.py reads it: only these faces go through HarfBuzz.
    pdfmetrics.getFont(face).shaping_needed = family.shaped
    return face


@cache
def coverage(family: Family) -> frozenset[int]:
    """The code points a family's regular face can draw."""
    from reportlab.pdfbase.pdfmetrics import getFont

    return frozenset(getFont(register(family.name)).face.charToGlyph)


# The text behind glyphs that have no character of their own in the font's cmap (ligatures,
# conjuncts, contextual forms): HarfBuzz's clusters tell which characters each one draws.
# Keyed by the font's PostScript name and the private-use code ReportLab gave the glyph;
# read when the ToUnicode maps are written (pdfua.py).
GLYPH_TEXT: dict[tuple[str, int], str] = {}


def record_glyph_text(face: str, text: str, glyphs: str, clusters: list[int]) -> None:
    """Remember which characters each private-use glyph of a shaped run stands for."""
    font_name = getfont_name(face)
    starts = sorted(set(clusters))
    ends = {c: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, c in enumerate(starts)}
    plain = {
        c: "".join(g for g, k in zip(glyphs, clusters, strict=True) if k == c and not _private(g))
        for c in starts
    }
    for glyph, cluster in zip(glyphs, clusters, strict=True):
        if _private(glyph) and (font_name, ord(glyph)) not in GLYPH_TEXT:
            source = text[cluster : ends[cluster]]
            for char in plain[cluster]:  # characters drawn by other glyphs of the cluster
                source = source.replace(char, "", 1)
            GLYPH_TEXT[font_name, ord(glyph)] = source or text[cluster : ends[cluster]]


def mirror_alias(face: str, glyph_char: str, source: str) -> str:
    """A private code for the glyph of `glyph_char` that copies as `source`: a bracket drawn
    mirrored in right-to-left text shows the other bracket's glyph but is still the bracket
    the text has. (ReportLab's own private codes for glyphs serve the same purpose.)"""
    from reportlab.pdfbase.pdfmetrics import getFont

    font = getFont(face)
    if not hasattr(font, "hbAddPrivate"):
        font.hbFont()  # sets up ReportLab's allocation of private codes
    code = ord(glyph_char)
    gid = font.face.charToGlyph[code]
    alias = font.hbAddPrivate(f"handout-mirror-{gid}", gid, font.face.charWidths[code])
    GLYPH_TEXT[getfont_name(face), alias] = source
    return chr(alias)


def _private(char: str) -> bool:
    return 0xE000 <= ord(char) <= 0xF8FF


@cache
def getfont_name(face: str) -> str:
    from reportlab.pdfbase.pdfmetrics import getFont

    name = getFont(face).face.name
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def needs_glyph(char: str) -> bool:
    """Spaces and the invisible characters text may hold (ZWJ, ZWNJ, soft hyphen, word joiner,
    bidi marks and isolates: charpolicy.py) need no glyph; visible format characters (the
    Arabic number sign U+0600) do. Variation selectors are checked with their base."""
    from handout.charpolicy import INVISIBLE_KEPT

    return not char.isspace() and char not in INVISIBLE_KEPT and not _VARIATION.match(char)


_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


@cache
def _harfbuzz(family: Family):
    import uharfbuzz as hb

    return hb.Font(hb.Face(hb.Blob.from_file_path(str(folder(family) / family.regular))))


def _variant_missing(text: str, chain: tuple[Family, ...]) -> int | None:
    """Where a variation selector follows a character that no font in the chain has that
    variant of (it would be dropped silently, or drawn as a box)."""
    for m in _VARIATION.finditer(text):
        i = m.start()
        base = ord(text[i - 1]) if i else None
        vs = ord(m.group())
        if base is None or not any(_harfbuzz(f).get_variation_glyph(base, vs) for f in chain):
            return i
    return None


def segments(text: str, chain: tuple[Family, ...]) -> list[tuple[Family, str]]:
    """Split text into runs, each drawn by the first family in the chain that has its glyphs.

    A character the current run's family can draw (a space, a digit, punctuation) stays in
    that run, so a Latin "100 mg" inside Arabic is one run and the Arabic around it another.
    """
    main = coverage(chain[0])
    if len(chain) == 1 or main.issuperset(map(ord, text)):
        return [(chain[0], text)]
    out: list[tuple[Family, str]] = []
    current: Family | None = None
    start = 0
    for i, char in enumerate(text):
        code = ord(char)
        if not needs_glyph(char) or (current is not None and code in coverage(current)):
            continue
        family = next((f for f in chain if code in coverage(f)), current or chain[0])
        if family is not current:
            if current is not None:
                out.append((current, text[start:i]))
                start = i
            current = family
    out.append((current or chain[0], text[start:]))
    return out


@cache
def _drawable(chain: tuple[Family, ...]) -> frozenset[int]:
    return frozenset().union(*(coverage(f) for f in chain))


def undrawable(text: str, chain: tuple[Family, ...]) -> str | None:
    """The first character no family in the chain can draw, if any."""
    drawable = _drawable(chain)
    missing = {c for c in set(text) if ord(c) not in drawable and needs_glyph(c)}
    first = next((i for i, c in enumerate(text) if c in missing), None) if missing else None
    variant = _variant_missing(text, chain) if _VARIATION.search(text) else None
    found = min((i for i in (first, variant) if i is not None), default=None)
    return None if found is None else text[found]


def describe(char: str) -> str:
    """The character as it looks (unless it is a mark or invisible), its code and its name."""
    name = unicodedata.name(char, "unnamed character")
    if unicodedata.category(char)[0] in "MCZ":
        return f"U+{ord(char):04X} {name}"
    return f"{char!r} (U+{ord(char):04X} {name})"
