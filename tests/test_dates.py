"""Dates on the page are written as each language writes them: the package's long dates agree
with Babel's (CLDR) for every language it knows, on every month and both ends of a month."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date as babel_format_date

from handout.dates import _languages, format_date

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from make_dates import SUPPLEMENT  # noqa: E402

DAYS = [date(2026, m, d) for m in range(1, 13) for d in (1, 9, 28)] + [date(1999, 12, 31)]


@pytest.mark.parametrize("tag", sorted(set(_languages()) - set(SUPPLEMENT)))
def test_long_dates_agree_with_babel(tag):
    locale = tag.replace("-", "_")
    for day in DAYS:
        assert format_date(day, tag) == babel_format_date(day, format="long", locale=locale)


def test_a_region_takes_its_language_and_case_does_not_matter():
    assert format_date(date(2026, 11, 24), "es-MX") == format_date(date(2026, 11, 24), "es")
    assert format_date(date(2026, 11, 24), "FR") == "24 novembre 2026"
    assert format_date(date(2026, 11, 24), "zh-hant") == "2026年11月24日"


def test_a_language_cldr_lacks_gets_the_iso_date():
    assert format_date(date(2026, 11, 24), "x-klingon") == "2026-11-24"
    assert format_date(date(2026, 11, 24), "qaa") == "2026-11-24"


@pytest.mark.parametrize("tag", sorted(SUPPLEMENT))
def test_a_language_cldr_has_no_months_for_is_written_from_the_supplement(tag):
    """Babel gives placeholders (M11) for it; the package writes the language's own month
    names. When CLDR gains them this fails: drop the supplement and take CLDR's."""
    assert babel_format_date(date(2026, 11, 24), format="long", locale=tag) == "2026 M11 24"
    assert format_date(date(2026, 11, 24), tag) == {"ht": "24 novanm 2026"}[tag]
    assert _languages()[tag] == SUPPLEMENT[tag]
