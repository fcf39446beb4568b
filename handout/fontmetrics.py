"""The bundled fonts' metrics, read from each TrueType file once, when the package is made
(tools/make_font_metrics.py), instead of in every process: parsing a font's tables in Python
costs 10-150 ms a face, more than laying out a whole handout.

They are package data, as trusted as the code and the fonts beside them, never a cache a user
could plant: they are used only for the package's own font folder and a font pack's (fonts.py),
and a test compares every face's metrics with a fresh parse of its file. A face without
metrics is parsed as before.
"""

from __future__ import annotations

import base64
import json
import sys
from array import array
from collections.abc import Sequence
from fnmatch import fnmatch
from functools import cached_property
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

METRICS = "metrics"  # the folder beside a package's fonts that holds their metrics
NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")
SCALARS = (
    "ascent", "descent", "capHeight", "flags", "italicAngle", "stemV", "defaultWidth",
    "underlinePosition", "underlineThickness", "unitsPerEm", "numGlyphs", "_full_font", "_pos",
)  # fmt: skip


def metrics_path(font_file: str | Path) -> Path:
    font = Path(font_file)
    return font.parent / METRICS / (font.stem + ".json")


def _pack(values: list[float], kind: str = "I") -> str:
    data = array(kind, values)
    if sys.byteorder != "little":
        data.byteswap()
    return base64.b64encode(data.tobytes()).decode("ascii")


def _unpack(text: str, kind: str = "I") -> array:
    data = array(kind)
    data.frombytes(base64.b64decode(text))
    if sys.byteorder != "little":
        data.byteswap()
    return data


def extract(face: TTFontFace) -> dict:
    """What ReportLab's `extractInfo` reads from a font, as JSON data: scalars as they are,
    the tables as packed arrays (decoded in a fraction of a millisecond)."""
    data = {key: getattr(face, key) for key in SCALARS}
    data.update({key: getattr(face, key).decode("utf-8") for key in NAMES})
    data["bbox"] = list(face.bbox)
    data["fontRevision"] = list(face.fontRevision)
    data["cmap"] = _pack([*face.charToGlyph.keys(), *face.charToGlyph.values()])
    glyphs = list(face.glyphToChar)
    data["glyphToChar"] = _pack(
        [len(glyphs), *glyphs, *(len(face.glyphToChar[g]) for g in glyphs)]
        + [c for g in glyphs for c in face.glyphToChar[g]]
    )
    # hmtx: advances are floats past the table's last full entry when the em is not 1000
    data["advances"] = _pack([aw for aw, _ in face.hmetrics], "d")
    data["intAdvances"] = next(
        (i for i, (aw, _) in enumerate(face.hmetrics) if not isinstance(aw, int)),
        len(face.hmetrics),
    )
    data["bearings"] = _pack([lsb for _, lsb in face.hmetrics])
    data["glyphPos"] = _pack(face.glyphPos)
    data["widths"] = (
        _pack(list(face.charWidths), "I") + " " + _pack(list(face.charWidths.values()), "d")
    )
    return data


class _KnownFace(TTFontFace):
    """A face whose table directory is read from the file (it is subset from it when the PDF
    is written), but whose metrics come from the package's data."""

    def __init__(self, filename: str, data: dict) -> None:
        self._data = data
        super().__init__(filename)

    def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N802 (ReportLab's name)
        """ReportLab's `extractInfo` (5.1), from the data: the same values, in the same order."""
        data = self.__dict__.pop("_data")
        for key in SCALARS:
            setattr(self, key, data[key])
        for key in NAMES:
            setattr(self, key, TTFNameBytes(data[key].encode("utf-8")))
        self.bbox = data["bbox"]
        self.fontRevision = tuple(data["fontRevision"])
        upem = self.unitsPerEm
        self._pdfScale = (lambda x: x) if upem == 1000 else (lambda x, k=1000 / upem: x * k)
        cmap = _unpack(data["cmap"])
        half = len(cmap) // 2
        self.charToGlyph = dict(zip(cmap[:half], cmap[half:], strict=True))
        self.glyphPos = _unpack(data["glyphPos"])  # indexed when the font is subset
        self._tables = data  # the rest, decoded when first needed (below)
        chars, widths = data["widths"].split(" ")
        values = _unpack(widths, "d")
        self.charWidths = dict(
            zip(_unpack(chars), map(int, values) if upem == 1000 else values, strict=True)
        )

    @cached_property
    def glyphToChar(self) -> dict[int, list[int]]:  # noqa: N802 (ReportLab's name)
        """The characters of each glyph: for shaping and mirrored brackets only."""
        packed = _unpack(self._tables["glyphToChar"])
        n = packed[0]
        glyphs, counts, chars = packed[1 : n + 1], packed[n + 1 : 2 * n + 1], packed[2 * n + 1 :]
        out, at = {}, 0
        for glyph, count in zip(glyphs, counts, strict=True):
            out[glyph] = list(chars[at : at + count])
            at += count
        return out

    @cached_property
    def hmetrics(self) -> HMetrics:
        """Advance and left side bearing of each glyph: for subsetting only."""
        return HMetrics(self._tables)


class HMetrics(Sequence):
    """hmtx's (advance, left side bearing) of each glyph, as ReportLab's list holds them,
    made only for the glyphs asked for: a subset uses a few hundred of a face's thousands."""

    def __init__(self, data: dict) -> None:
        self._advances = _unpack(data["advances"], "d")
        self._bearings = _unpack(data["bearings"])
        self._whole = data["intAdvances"]  # hmtx's own entries; the rest repeat the last, scaled

    def __len__(self) -> int:
        return len(self._advances)

    def __getitem__(self, glyph: int) -> tuple[float, int]:  # type: ignore[override]
        glyph = range(len(self._advances))[glyph]  # a negative index, or IndexError
        advance = self._advances[glyph]
        return (int(advance) if glyph < self._whole else advance, self._bearings[glyph])


def known_font(name: str, filename: str) -> TTFont | None:
    """A bundled font with its metrics from the package's data, or None if it has none."""
    try:
        data = json.loads(metrics_path(filename).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    font = TTFont.__new__(TTFont)
    # TTFont.__init__ (ReportLab 5.1), with the face made from the data
    font.fontName = name
    font.face = _KnownFace(filename, data)
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in ttfonts.unShapedFontGlob)
    return font
