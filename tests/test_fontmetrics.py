"""The bundled fonts' metrics in the package (handout/fontmetrics.py) are exactly what
ReportLab reads from each font file, and a PDF made with them is the PDF made by parsing."""

from __future__ import annotations

import shutil

import pytest
from conftest import CONTENT, run_cli
from reportlab.pdfbase.ttfonts import TTFontFace

from handout.fontmetrics import METRICS, _KnownFace, metrics_path
from handout.fonts import BUNDLED

PACK = BUNDLED.parents[2] / "fonts" / "cjk" / "handout_fonts_cjk"  # the CJK font pack
FOLDERS = [BUNDLED, PACK]
FONTS = sorted(f for folder in FOLDERS for f in folder.glob("*.ttf"))
ATTRIBUTES = (
    "ascent", "descent", "capHeight", "flags", "italicAngle", "stemV", "defaultWidth",
    "underlinePosition", "underlineThickness", "unitsPerEm", "numGlyphs", "bbox",
    "fontRevision", "name", "familyName", "styleName", "fullName", "uniqueFontID",
)  # fmt: skip


def _typed(values) -> list:
    return [(type(v).__name__, v) for v in values]


@pytest.mark.parametrize("font", FONTS, ids=lambda f: f.stem)
def test_every_bundled_face_has_current_metrics(font):
    """Fails when a font was added or changed without `python tools/make_font_metrics.py`."""
    import json

    path = metrics_path(font)
    assert path.is_file(), f"no metrics for {font.name}: run tools/make_font_metrics.py"
    parsed = TTFontFace(str(font))
    known = _KnownFace(str(font), json.loads(path.read_text(encoding="utf-8")))
    for key in ATTRIBUTES:
        assert getattr(known, key) == getattr(parsed, key), key
    assert known.name.ustr == parsed.name.ustr
    # the tables, in ReportLab's own order and types (ints stay ints: widths are written)
    assert list(known.charToGlyph.items()) == list(parsed.charToGlyph.items())
    assert list(known.glyphToChar.items()) == list(parsed.glyphToChar.items())
    assert _typed(known.charWidths.values()) == _typed(parsed.charWidths.values())
    assert list(known.charWidths) == list(parsed.charWidths)
    assert [_typed(m) for m in known.hmetrics] == [_typed(m) for m in parsed.hmetrics]
    assert list(known.glyphPos) == parsed.glyphPos
    assert known._pdfScale(777) == parsed._pdfScale(777)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_no_metrics_without_their_font(folder):
    fonts = {metrics_path(f) for f in folder.glob("*.ttf")}
    assert set((folder / METRICS).glob("*.json")) == fonts


@pytest.mark.parametrize("language", ["en", "ar", "zh", "ko"])
def test_a_pdf_from_known_metrics_is_the_pdf_from_parsing(tmp_path, language):
    """The same bytes whether the fonts are read from the package's metrics or parsed (a
    font folder of one's own, HANDOUT_FONTS, is always parsed)."""
    fonts = tmp_path / "fonts"
    shutil.copytree(BUNDLED, fonts, ignore=shutil.ignore_patterns("metrics"))
    content = CONTENT if language == "en" else CONTENT.with_name(f"content.{language}.yaml")
    known, parsed = tmp_path / "known.pdf", tmp_path / "parsed.pdf"
    assert run_cli(["build", str(content), "-o", str(known)]).returncode == 0
    result = run_cli(["build", str(content), "-o", str(parsed)], env={"HANDOUT_FONTS": str(fonts)})
    assert result.returncode == 0, result.stderr
    assert known.read_bytes() == parsed.read_bytes()
