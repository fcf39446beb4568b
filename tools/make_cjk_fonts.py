"""Make the bundled Chinese fonts: Noto Sans CJK SC Regular and Bold, subset to GB 2312 and
converted from CFF to TrueType outlines (ReportLab embeds only TrueType).

Run once, by hand, when the fonts are to be remade (fontTools is not a dependency of handout):

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb deb
    pip install fonttools
    python tools/make_cjk_fonts.py deb/usr/share/fonts/opentype/noto handout/data/fonts

Why GB 2312: its 6763 hanzi (levels 1 and 2) hold the 3500 characters of level 1 of the
Table of General Standard Chinese Characters with few exceptions, and everything a patient
text in Simplified Chinese is likely to use, in about a tenth of the font's size. A character
outside it is an error naming it (fonts.undrawable), never a blank.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

SC_INDEX = 2  # the Simplified Chinese face in Debian's NotoSansCJK-*.ttc (JP, KR, SC, TC, HK)
MAX_ERROR = 1.0  # font units (1000 per em): how far a quadratic curve may stray from the cubic
FAMILY = "Noto Sans SC Handout"  # a modified version is named apart from the original


def gb2312() -> set[int]:
    """Every character GB 2312 encodes: symbols, full-width forms, kana and the 6763 hanzi."""
    out = set()
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                out.add(ord(bytes([first, second]).decode("gb2312")))
    return out


def extra() -> set[int]:
    """Punctuation and spaces that Chinese text uses beside GB 2312's own."""
    ranges = [(0x3000, 0x303F), (0xFF01, 0xFF5E), (0x2010, 0x2027), (0x2030, 0x203B)]
    return {c for lo, hi in ranges for c in range(lo, hi + 1)} | {0x20, 0xA0, 0x00B7, 0x2E3A}


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


def rename(font: TTFont, style: str) -> None:
    postscript = FAMILY.replace(" ", "") + "-" + style
    for record in list(font["name"].names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            font["name"].removeNames(nameID=record.nameID)
    names = {1: FAMILY, 2: style, 3: postscript, 4: f"{FAMILY} {style}", 6: postscript}
    for name_id, value in names.items():
        font["name"].setName(value, name_id, 3, 1, 0x409)
        font["name"].setName(value, name_id, 1, 0, 0)


def make(source: Path, out: Path, style: str) -> Path:
    font = TTFont(source, fontNumber=SC_INDEX, lazy=False)
    options = subset.Options()
    options.layout_features = []  # handout draws CJK unshaped: no GSUB/GPOS needed
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=gb2312() | extra())
    subsetter.subset(font)
    to_truetype(font)
    rename(font, style)
    path = out / f"NotoSansSC-{style}.ttf"
    font.save(path)
    return path


def main(source_dir: str, out_dir: str) -> None:
    for style in ("Regular", "Bold"):
        path = make(Path(source_dir) / f"NotoSansCJK-{style}.ttc", Path(out_dir), style)
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main(*sys.argv[1:])
