"""Mutation testing (mutmut 2) of the modules whose bugs change what the page says, each with
a fast selection of the tests that should notice. Not in CI: it takes minutes per module.

    pip install "mutmut>=2.4,<3"
    nice python tools/mutation.py                     # every module, the current tests
    nice python tools/mutation.py inline --before     # only the tests from before issue 8's
    python tools/mutation.py uax9 --keep /tmp/mut     # keep the copy, then `mutmut show ID` there

mutmut changes the source file in place for each mutant, so it works on a copy of the checkout
(the CLI tests start fresh processes that must import the mutant): your tree is never changed.
It prints killed / total per module; a timeout counts as killed, a survivor is listed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Per module: the tests from before issue 8's test work, and the ones it added. Fast tests
# first: pytest stops at the first failure (-x), so a mutant dies as soon as one test sees it.
MODULES = {
    "inline": (
        "tests/test_markup.py tests/test_bad_input.py",
        "tests/test_inline_syntax.py tests/test_fuzz.py",
        "link or url or markup or bold or http or data or javascript or file or inline or seed",
    ),
    "uax9": (
        "tests/test_scripts.py",
        "tests/test_uax9_levels.py tests/test_known_breakages.py",
        "arabic_words or first_word or flush_right or bullets_are_at or dose_in_arabic or bidi"
        " or levels or brackets",
    ),
    "translations": (
        "tests/test_translations.py",
        "tests/test_translation_rules.py tests/test_fuzz.py",
        "(mismatch or stale or language or missing or structure or bullet or check or rule"
        " or seed or lang) and not kineret and not reviewed_and_approved and not text_is_on",
    ),
}


def copy_checkout(work: Path) -> None:
    ignore = shutil.ignore_patterns(
        ".git", "output", "build", "mutants", ".mutmut-cache", "__pycache__", "*.egg-info"
    )
    shutil.copytree(ROOT, work, ignore=ignore, dirs_exist_ok=True)


def ids(work: Path, status: str) -> list[str]:
    result = subprocess.run(
        ["mutmut", "result-ids", status], cwd=work, capture_output=True, text=True
    )
    return result.stdout.split() if result.returncode == 0 else []


def mutate(module: str, before: bool, work: Path) -> tuple[int, int, list[str]]:
    """Run mutmut on one module; return (killed, total, surviving mutant ids)."""
    old, new, selection = MODULES[module]
    tests = old if before else f"{new} {old}"
    existing = " ".join(t for t in tests.split() if (work / t).exists())
    runner = f'python -m pytest -x -q -p no:cacheprovider {existing} -k "{selection}"'
    env = {**os.environ, "PYTHONPATH": str(work), "HANDOUT_CACHE": str(work / ".cache")}
    env.pop("HANDOUT_FUZZ_SECONDS", None)
    (work / ".mutmut-cache").unlink(missing_ok=True)
    subprocess.run(
        [
            "mutmut",
            "run",
            "--paths-to-mutate",
            f"handout/{module}.py",
            "--tests-dir",
            "tests",
            "--runner",
            runner,
            "--no-progress",
            "--simple-output",
            "--CI",
        ],
        cwd=work,
        env=env,
        check=True,
    )
    killed = ids(work, "killed") + ids(work, "timeout")
    survived = ids(work, "survived") + ids(work, "suspicious")
    return len(killed), len(killed) + len(survived), survived


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES), choices=[[], *MODULES])
    parser.add_argument("--before", action="store_true", help="only the older tests")
    parser.add_argument("--keep", type=Path, help="folder for the copy (default: a temporary one)")
    args = parser.parse_args()
    lines = []
    for module in args.modules:
        work = (args.keep or Path(tempfile.mkdtemp(prefix="handout-mutation-"))) / module
        copy_checkout(work)
        killed, total, survived = mutate(module, args.before, work)
        lines.append(f"{module}: {killed}/{total} killed ({100 * killed / max(total, 1):.0f}%)")
        if survived:
            lines.append(f"  survived: {' '.join(survived)} (mutmut show ID, in {work})")
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
