"""Make the Chinese, Japanese and Korean fonts: Noto Sans CJK Regular and Bold, one face per
language, each subset to a national character set and converted from CFF to TrueType outlines
(ReportLab embeds only TrueType).

Run once, by hand, when the fonts are to be remade (fontTools is not a dependency of handout):

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb deb
    pip install fonttools
    python tools/make_cjk_fonts.py deb/usr/share/fonts/opentype/noto handout/data/fonts SC
    python tools/make_cjk_fonts.py deb/usr/share/fonts/opentype/noto \
        fonts/cjk/handout_fonts_cjk TC JP KR

SC (Simplified Chinese) is bundled with handout; TC, JP and KR travel in the font pack
handout-fonts-cjk (fonts/cjk), which keeps the base wheel small.

Why these sets: each is the national standard that everyday text in the language is written
in, in a fraction of the font's size. A character outside them is an error naming it
(fonts.undrawable), never a blank.

- SC: GB 2312, 6763 hanzi (it holds the 3500 characters of level 1 of the Table of General
  Standard Chinese Characters with few exceptions).
- TC: Big5, levels 1 and 2 (13,053 hanzi): level 1 (5401, the common characters of the
  Taiwan standard) lacks characters a patient text needs, such as 蕁 of 蕁麻疹 (hives).
- JP: JIS X 0208, kana and the 6355 kanji of levels 1 and 2, in the Japanese glyph forms.
- KR: KS X 1001 without its Hanja: the 2350 Hangul syllables, the compatibility jamo and
  the symbols. Korean patient text is written in Hangul.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERROR = 1.0  # font units (1000 per em): how far a quadratic curve may stray from the cubic
_TRAILS = range(0xA1, 0xFF)  # the second byte of an EUC double-byte character


def decoded(encoding: str, leads: range | list[int], trails=_TRAILS) -> set[int]:
    """Every character a double-byte encoding gives for these first and second bytes."""
    out = set()
    for first in leads:
        for second in trails:
            with contextlib.suppress(UnicodeDecodeError):
                text = bytes([first, second]).decode(encoding)
                if len(text) == 1:
                    out.add(ord(text))
    return out


def gb2312() -> set[int]:
    """Every character GB 2312 encodes: symbols, full-width forms, kana and the 6763 hanzi."""
    return decoded("gb2312", range(0xA1, 0xF8))


def big5() -> set[int]:
    """Big5: its symbols and the hanzi of levels 1 and 2."""
    return decoded("big5", range(0xA1, 0xFA), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])


def jis_x_0208() -> set[int]:
    """JIS X 0208: symbols, kana and the kanji of levels 1 and 2, with the other Unicode
    mapping of the marks that have two (Microsoft's: ～ for 〜, － for −, ∥ for ‖)."""
    return decoded("euc_jp", range(0xA1, 0xF5)) | {0xFF5E, 0xFF0D, 0x2225, 0xFFE0, 0xFFE1, 0xFFE2}


def ks_x_1001_hangul() -> set[int]:
    """KS X 1001 without its Hanja: symbols, compatibility jamo and the 2350 syllables."""
    return decoded("euc_kr", [*range(0xA1, 0xAD), *range(0xB0, 0xC9)])


def extra() -> set[int]:
    """Punctuation and spaces that CJK text uses beside its standard's own."""
    ranges = [(0x3000, 0x303F), (0xFF01, 0xFF5E), (0x2010, 0x2027), (0x2030, 0x203B)]
    return {c for lo, hi in ranges for c in range(lo, hi + 1)} | {0x20, 0xA0, 0x00B7, 0x2E3A}


class Face(NamedTuple):
    """One language's face of Debian's NotoSansCJK-*.ttc (JP, KR, SC, TC, HK, in that order)."""

    index: int
    charset: Callable[[], set[int]]


FACES = {
    "SC": Face(2, gb2312),
    "TC": Face(3, big5),
    "JP": Face(0, jis_x_0208),
    "KR": Face(1, ks_x_1001_hangul),
}


def to_truetype(font: TTFont) -> None:
    """CFF outlines -> quadratic glyf outlines (the fontTools otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    glyf.compile(font)
    for name in order:  # left side bearings as TrueType defines them
        advance, _ = font["hmtx"][name]
        font["hmtx"][name] = advance, getattr(glyf[name], "xMin", 0)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    font.sfntVersion = "\0\1\0\0"


def rename(font: TTFont, family: str, style: str) -> None:
    """A modified version is named apart from the original, as the OFL asks."""
    postscript = family.replace(" ", "") + "-" + style
    for record in list(font["name"].names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            font["name"].removeNames(nameID=record.nameID)
    names = {1: family, 2: style, 3: postscript, 4: f"{family} {style}", 6: postscript}
    for name_id, value in names.items():
        font["name"].setName(value, name_id, 3, 1, 0x409)
        font["name"].setName(value, name_id, 1, 0, 0)


def make(source: Path, out: Path, region: str, style: str) -> Path:
    face = FACES[region]
    font = TTFont(source, fontNumber=face.index, lazy=False)
    options = subset.Options()
    options.layout_features = []  # handout draws CJK unshaped: no GSUB/GPOS needed
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=face.charset() | extra())
    subsetter.subset(font)
    to_truetype(font)
    rename(font, f"Noto Sans {region} Handout", style)
    path = out / f"NotoSans{region}-{style}.ttf"
    font.save(path)
    return path


def main(source_dir: str, out_dir: str, *regions: str) -> None:
    for region in regions or FACES:
        for style in ("Regular", "Bold"):
            source = Path(source_dir) / f"NotoSansCJK-{style}.ttc"
            path = make(source, Path(out_dir), region, style)
            print(path, path.stat().st_size, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
