"""The fuzz target (tests/fuzz/fuzz_content.py) on its corpus, and a short coverage-guided run.

Each corpus file is one input: loaded, checked and compared with what it says, in this process
(fast, deterministic: every seed is a regression test). The atheris run explores from there for
HANDOUT_FUZZ_SECONDS seconds (.ci/run sets it; unset, the run is skipped: it costs 20 s).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent / "fuzz"
SEEDS = sorted(p.name for p in (FUZZ / "corpus").iterdir())

sys.path.insert(0, str(FUZZ))
import fuzz_content  # noqa: E402
import run as fuzz_run  # noqa: E402

sys.path.remove(str(FUZZ))

URLSPLIT = "issue 8: a URL that urlsplit rejects crashes the loader (ValueError, exit 1)"
# Seeds that show a bug reported to the code's owners: the mark goes when the bug is fixed.
KNOWN = {"url-ipv6": URLSPLIT, "url-fullwidth": URLSPLIT}
KNOWN_STRICT = KNOWN | {
    "override": "issue 8: a bidi override (U+202E) in a paragraph loads and prints",
    "nul-title": "issue 8: a NUL in the title loads and prints",
    "bom-tag": "issue 8: U+FEFF and tag characters in a heading load and print",
    "url-tab": "issue 8: a tab inside a QR URL is encoded and printed",
    "url-cjk": "issue 8: a QR URL with characters the page's fonts cannot draw is accepted",
    "id-newline": "issue 8: 'demo\\n' is accepted as a handout id ($ instead of \\Z)",
    "id-long": "issue 8: a 300-character handout id makes a file name too long",
    "date-basic": "issue 8: 20260101 is accepted as a date",
    "date-week": "issue 8: 2026-W01-1 is accepted as a date",
    "from-revised-later": "issue 8: from_revised later than the master's revised is accepted",
    "label-format": "issue 8: labels: values go through str.format unchecked",
    "label-key": "issue 8: labels: values go through str.format unchecked",
}


def seeds(known: dict[str, str]) -> list:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=known[name]))
        if name in known
        else name
        for name in SEEDS
    ]


@pytest.fixture
def strict(request):
    previous = fuzz_content.STRICT
    fuzz_content.STRICT = request.param
    yield
    fuzz_content.STRICT = previous


@pytest.mark.parametrize("strict", [False], indirect=True)
@pytest.mark.parametrize("seed", seeds(KNOWN))
def test_seed_is_refused_or_loaded_exactly(seed, strict):
    fuzz_content.one_input((FUZZ / "corpus" / seed).read_bytes())


@pytest.mark.parametrize("strict", [True], indirect=True)
@pytest.mark.parametrize("seed", seeds(KNOWN_STRICT))
def test_seed_keeps_the_promises_of_issue_8(seed, strict):
    fuzz_content.one_input((FUZZ / "corpus" / seed).read_bytes())


def test_the_target_catches_a_lost_character(monkeypatch):
    """The target's own check has teeth: an inline parser that drops a character is caught."""
    real = fuzz_content.parse_inline

    def lossy(text):
        runs, urls = real(text)
        return tuple(r._replace(text=r.text.replace("g", "")) for r in runs), urls

    monkeypatch.setattr(fuzz_content, "parse_inline", lossy)
    with pytest.raises(AssertionError):
        fuzz_content.one_input(b"\x03\x00Take 100 mg")


class KnownCrash(Exception):
    """The fuzzer stopped on a crash already reported (KNOWN above)."""


@pytest.mark.xfail(raises=KnownCrash, strict=True, reason=URLSPLIT)
def test_fuzzer_finds_nothing_within_its_budget(tmp_path):
    seconds = os.environ.get("HANDOUT_FUZZ_SECONDS")
    if not seconds:
        pytest.skip("HANDOUT_FUZZ_SECONDS is not set (.ci/run sets it)")
    pytest.importorskip("atheris")
    result = fuzz_run.run(int(seconds), strict=False, skip_known=False, work=tmp_path)
    report = result.stdout[-6000:] + result.stderr[-3000:]
    if result.returncode and "urllib/parse.py" in result.stdout and "ValueError" in result.stdout:
        raise KnownCrash(report)
    assert result.returncode == 0, report
    assert "Done" in result.stderr, result.stderr[-3000:]
