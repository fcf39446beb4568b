"""Mutation testing (mutmut 2) of the modules whose bugs change what the page says, each with
a fast selection of the tests that should notice. Not in CI: it takes minutes per module.

    pip install "mutmut>=2.4,<3"
    nice python tools/mutation.py                     # every module, the current tests
    nice python tools/mutation.py inline --before     # only the tests from before issue 8's
    python tools/mutation.py uax9 --keep /tmp/mut     # keep the copy, then `mutmut show ID` there

mutmut changes the source file in place for each mutant, so it works on a copy of the checkout
(the CLI tests start fresh processes that must import the mutant): your tree is never changed.
It prints killed / total per module; a timeout counts as killed, a survivor is listed.
With --sample N only N mutants, drawn with a fixed seed, are tested: an estimate, for the slow
older tests.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Per module: the tests issue 8's work added (fast, in this process), and the older ones with
# the -k expression that picks those about the module. pytest stops at the first failure (-x),
# and the older (slower, CLI) tests run only for a mutant the newer ones let live.
SEEDS = "tests/test_fuzz.py::test_seed_is_refused_or_loaded_exactly"
MODULES = {
    "inline": (
        f"tests/test_inline_syntax.py {SEEDS}",
        "tests/test_markup.py tests/test_bad_input.py",
        "link or url or http or data or javascript or file or markup or bold",
    ),
    "uax9": (
        "tests/test_uax9_levels.py tests/test_uax9_conformance.py"
        " tests/test_known_breakages.py::test_brackets_around_latin_in_arabic_stay_around_it"
        " tests/test_known_breakages.py::test_brackets_around_arabic_are_drawn_mirrored",
        "tests/test_scripts.py",
        "arabic_words or first_word or flush_right or bullets_are_at or dose_in_arabic",
    ),
    "translations": (
        f"tests/test_translation_rules.py {SEEDS}",
        "tests/test_translations.py",
        "structure_mismatch or removed_bullet or stale or language_without or check_lists"
        " or check_reports or build_lang_fr",
    ),
}
KILLED = ("ok_killed", "bad_timeout")  # mutmut's names; "suspicious" (slow) counts as alive
PYTEST = "python -m pytest -x -q -p no:cacheprovider"


def runner(module: str, before: bool) -> str:
    """The test command for one mutant: the older tests alone, or the newer then the older."""
    new, old, selection = MODULES[module]
    old_command = f"{PYTEST} {old} -k '{selection}'"
    if before:
        return old_command
    return f'bash -c "{PYTEST} {new} && {old_command}"'


def copy_checkout(work: Path) -> None:
    ignore = shutil.ignore_patterns(
        ".git", "output", "build", "mutants", ".mutmut-cache", "__pycache__", "*.egg-info"
    )
    shutil.copytree(ROOT, work, ignore=ignore, dirs_exist_ok=True)


def mutmut(work: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(work), "HANDOUT_CACHE": str(work / ".cache")}
    env.pop("HANDOUT_FUZZ_SECONDS", None)
    options = ["--paths-to-mutate", args[0], "--tests-dir", "tests", "--runner", args[1]]
    # a generous fixed allowance: a loaded machine must not turn slow tests into "timeouts"
    options += ["--test-time-base", "900", "--no-progress", "--simple-output", "--CI"]
    subprocess.run(["mutmut", "run", *args[2:], *options], cwd=work, env=env, check=True)


def statuses(work: Path) -> dict[int, str]:
    with sqlite3.connect(work / ".mutmut-cache") as db:
        return dict(db.execute("select id, status from Mutant"))


def mutate(module: str, before: bool, sample: int | None, work: Path) -> dict[int, str]:
    """Run mutmut on one module (or on `sample` of its mutants, drawn at random with a fixed
    seed); return the status of each mutant tested."""
    path = f"handout/{module}.py"
    (work / ".mutmut-cache").unlink(missing_ok=True)
    if sample is None:
        mutmut(work, path, runner(module, before))
        return statuses(work)
    mutmut(work, path, "true")  # numbers every mutant, and lets each live
    chosen = sorted(random.Random(0).sample(sorted(statuses(work)), sample))
    with sqlite3.connect(work / ".mutmut-cache") as db:  # mutmut tests only the untested
        db.executemany("update Mutant set status = 'untested' where id = ?", [(m,) for m in chosen])
        # and times out a mutant's tests at 10 times the baseline: time the real tests again
        db.execute("delete from MiscData where key = 'baseline_time_elapsed'")
    mutmut(work, path, runner(module, before))
    found = statuses(work)
    return {mutant: found[mutant] for mutant in chosen}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES), choices=[[], *MODULES])
    parser.add_argument("--before", action="store_true", help="only the older tests")
    parser.add_argument("--sample", type=int, help="test only this many mutants, at random")
    parser.add_argument("--keep", type=Path, help="folder for the copy (default: a temporary one)")
    args = parser.parse_args()
    lines = []
    for module in args.modules:
        work = (args.keep or Path(tempfile.mkdtemp(prefix="handout-mutation-"))) / module
        copy_checkout(work)
        found = mutate(module, args.before, args.sample, work)
        killed = sum(status in ("ok_killed", "bad_timeout") for status in found.values())
        survived = [
            str(m) for m, status in found.items() if status not in ("ok_killed", "bad_timeout")
        ]
        total = len(found)
        lines.append(f"{module}: {killed}/{total} killed ({100 * killed / max(total, 1):.0f}%)")
        if survived:
            lines.append(f"  survived: {' '.join(survived)} (mutmut show ID, in {work})")
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
