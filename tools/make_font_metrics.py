"""Write handout/data/fonts/metrics/*.json: each bundled font's metrics as ReportLab reads
them, so that no process parses the fonts' tables again (handout/fontmetrics.py).

Run from the repository root after adding or changing a font:  python tools/make_font_metrics.py
tests/test_fontmetrics.py fails while any bundled face's metrics are missing or out of date.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFace

from handout.fontmetrics import METRICS, extract, metrics_path
from handout.fonts import BUNDLED

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (BUNDLED, ROOT / "fonts" / "cjk" / "handout_fonts_cjk")  # the package, the CJK pack


def main() -> None:
    for folder in FOLDERS:
        (folder / METRICS).mkdir(exist_ok=True)
        fonts = sorted(folder.glob("*.ttf"))
        for stale in set((folder / METRICS).glob("*.json")) - {metrics_path(f) for f in fonts}:
            stale.unlink()
        for font in fonts:
            data = extract(TTFontFace(str(font)))
            text = json.dumps(data, separators=(",", ":"), sort_keys=True)
            metrics_path(font).write_text(text + "\n", encoding="utf-8")
            print(f"{metrics_path(font)}: {len(text):,} bytes")


if __name__ == "__main__":
    main()
