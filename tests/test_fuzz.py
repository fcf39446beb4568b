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

# Seeds that showed a bug reported to the code's owners, marked xfail(strict) until it was
# fixed: issue 8's findings are all fixed now. A new finding goes here with its reason.
KNOWN: dict[str, str] = {}
KNOWN_STRICT: dict[str, str] = {}


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


def test_fuzzer_finds_nothing_within_its_budget(tmp_path):
    seconds = os.environ.get("HANDOUT_FUZZ_SECONDS")
    if not seconds:
        pytest.skip("HANDOUT_FUZZ_SECONDS is not set (.ci/run sets it)")
    pytest.importorskip("atheris")
    result = fuzz_run.run(int(seconds), strict=False, skip_known=False, work=tmp_path)
    report = result.stdout[-6000:] + result.stderr[-3000:]
    assert result.returncode == 0, report
    assert "Done" in result.stderr, result.stderr[-3000:]
