"""Write handout/data/fonts/metrics/*.json: each bundled font's metrics as ReportLab reads
them, so that no process parses the fonts' tables again (handout/fontmetrics.py).

Run from the repository root after adding or changing a font:  python tools/make_font_metrics.py
tests/test_fontmetrics.py fails while any bundled face's metrics are missing or out of date.
"""

from __future__ import annotations

import json

from reportlab.pdfbase.ttfonts import TTFontFace

from handout.fontmetrics import METRICS, extract, metrics_path
from handout.fonts import BUNDLED


def main() -> None:
    METRICS.mkdir(exist_ok=True)
    fonts = sorted(BUNDLED.glob("*.ttf"))
    for stale in set(METRICS.glob("*.json")) - {metrics_path(f.name) for f in fonts}:
        stale.unlink()
    for font in fonts:
        data = extract(TTFontFace(str(font)))
        text = json.dumps(data, separators=(",", ":"), sort_keys=True)
        metrics_path(font.name).write_text(text + "\n", encoding="utf-8")
        print(f"{metrics_path(font.name)}: {len(text):,} bytes")


if __name__ == "__main__":
    main()
