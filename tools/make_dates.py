"""Write handout/data/dates.json: how each language writes a date in full, from Babel's CLDR data.

A build must not load Babel (100-300 ms for its locale data, more than the whole build), so the
few facts a long date needs (the pattern, the month names, the era) are taken from Babel once,
here, and tests/test_dates.py checks the package's dates against Babel for every language.

Run from the repository root after upgrading Babel:  python tools/make_dates.py
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale, UnknownLocaleError

# The handout's languages (and those clinics are asked for most), as BCP 47 tags.
LANGUAGES = [
    *("en", "fr", "es", "zh", "ar", "pa", "vi", "tl", "ht", "pt", "pl", "so", "ru", "uk"),
    *("fa", "ur", "he", "hi", "bn", "gu", "ta", "zh-Hant", "ko", "ja", "th", "am", "de", "it"),
]

# Languages whose CLDR locale has no month names of its own (Babel gives the placeholders
# M01..M12 and the root pattern "y MMMM d"): the long date as the language writes it, from a
# dictionary, for a native reader to confirm. tests/test_dates.py fails when CLDR gains them.
SUPPLEMENT: dict[str, dict[str, object]] = {
    # Haitian Creole: 24 novanm 2026 (month names as in Valdman, Haitian Creole-English
    # Bilingual Dictionary, Indiana University, 2007)
    "ht": {
        "pattern": "d MMMM y",
        "months": [
            *("janvye", "fevriye", "mas", "avril", "me", "jen"),
            *("jiyè", "out", "septanm", "oktòb", "novanm", "desanm"),
        ],
        "era": "CE",
    },
}


def main() -> None:
    out: dict[str, dict[str, object]] = {}
    for tag in LANGUAGES:
        if tag in SUPPLEMENT:
            out[tag] = SUPPLEMENT[tag]
            continue
        try:
            locale = Locale.parse(tag.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue  # CLDR does not know it: the package writes the ISO date
        out[tag] = {
            "pattern": locale.date_formats["long"].pattern,
            "months": [locale.months["format"]["wide"][m] for m in range(1, 13)],
            "era": locale.eras["abbreviated"][1],
        }
    import babel

    data = {"babel": babel.__version__, "languages": out}
    path = Path(__file__).resolve().parent.parent / "handout" / "data" / "dates.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{path}: {len(out)} languages (Babel {babel.__version__})")


if __name__ == "__main__":
    main()
