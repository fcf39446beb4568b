"""Mutation testing (mutmut 2) of the modules whose bugs change what the page says, each with
a fast selection of the tests that should notice. Not in CI: it takes minutes per module.

    pip install "mutmut>=2.4,<3"
    nice python tools/mutation.py                     # every module, the current tests
    nice python tools/mutation.py inline --before     # only the tests from before issue 8's
    python tools/mutation.py uax9 --keep /tmp/mut     # keep the copy, then `mutmut show ID` there
    nice python tools/mutation.py text --fast --sample 50 --keep /tmp/mut   # the newer tests only
    nice python tools/mutation.py text --fast --again --keep /tmp/mut   # the survivors, new tests

(`mutmut show` rewrites the cache from the source file: never run it in a copy under test.)
Results and how to read them: docs/mutation.md.

mutmut changes the source file in place for each mutant, so it works on a copy of the checkout
(the CLI tests start fresh processes that must import the mutant): your tree is never changed.
It prints killed / total per module; a timeout counts as killed, a survivor is listed.
With --sample N only N mutants, drawn with a fixed seed, are tested: an estimate, for the slow
older tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Per module: the tests issue 8's work added (fast, in this process), and the older ones with
# the -k expression that picks those about the module. pytest stops at the first failure (-x),
# and the older (slower, CLI) tests run only for a mutant the newer ones let live.
SEEDS = "tests/test_fuzz.py::test_seed_is_refused_or_loaded_exactly"
PROPERTIES = "tests/test_properties.py"
MODULES = {
    "inline": (
        f"tests/test_mutation_kills_inline.py tests/test_inline_syntax.py {SEEDS}",
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
        f"tests/test_mutation_kills_translations.py tests/test_translation_rules.py {SEEDS}",
        "tests/test_translations.py",
        "structure_mismatch or removed_bullet or stale or language_without or check_lists"
        " or check_reports or build_lang_fr",
    ),
    "text": (
        f"tests/test_mutation_kills_text.py {PROPERTIES}"
        "::test_lines_never_break_at_a_no_break_space_and_keep_every_character"
        f" {PROPERTIES}::test_a_lone_cjk_character_moved_down_keeps_no_space_before_it"
        f" {PROPERTIES}::test_bidi_levels_agree_with_the_reference_implementation",
        "tests/test_hostile.py tests/test_scripts.py tests/test_tagging.py",
        "no_break or word_joiner or soft_hyphen or printed_web or isolates or arabic_words"
        " or first_word or flush_right or bullets_are_at or dose_in_arabic or lists_have"
        " or copied_arabic",
    ),
    "loader": (
        f"tests/test_mutation_kills_loader.py tests/test_schema.py {SEEDS}",
        "tests/test_diagnostics.py tests/test_robust.py",
        "every_error or caret or hints or yaml_mistakes or tab_indentation or too_many"
        " or warnings_are or near_miss or control_byte or fifo",
    ),
}
KILLED = ("ok_killed", "bad_timeout")  # mutmut's names; "suspicious" (slow) counts as alive
# The newer tests take seconds: a mutant whose tests take this long loops for ever (killed).
# (mutmut's own timeout, 10 times the baseline, waits minutes on a loaded machine.)
NEW_SECONDS = 90
SERVER = Path(__file__).with_name("mutation_server.py")
SOCKET = "mutation.sock"  # in the copy: tests run in forks of a server with the imports done


def runner(module: str, before: bool, fast: bool = False) -> str:
    """The test command for one mutant: the older tests alone, the newer alone (`fast`: a
    first look at what survives them), or the newer then the older."""
    new, old, selection = MODULES[module]
    pytest = "-x -q -p no:cacheprovider"
    new_args = f"--seconds {NEW_SECONDS} {pytest} {new}"
    old_args = f"{pytest} {old} -k '{selection}'"
    client = f"python {SERVER} run {SOCKET}"
    if before:
        return f"{client} {old_args}"
    if fast:
        return f"{client} {new_args}"
    return f"{client} {new_args} --and {old_args}"


def copy_checkout(work: Path) -> None:
    ignore = shutil.ignore_patterns(
        ".git", "output", "build", "mutants", ".mutmut-cache", "__pycache__", "*.egg-info"
    )
    shutil.copytree(ROOT, work, ignore=ignore, dirs_exist_ok=True)


def mutmut(work: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(work), "HANDOUT_CACHE": str(work / ".cache")}
    env.pop("HANDOUT_FUZZ_SECONDS", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # a mutant must never be read back from a stale .pyc
    options = ["--paths-to-mutate", args[0], "--tests-dir", "tests", "--runner", args[1]]
    # a generous fixed allowance: a loaded machine must not turn slow tests into "timeouts"
    options += ["--test-time-base", "900", "--no-progress", "--simple-output", "--CI"]
    (work / SOCKET).unlink(missing_ok=True)
    server = subprocess.Popen([sys.executable, SERVER, "serve", SOCKET, work], cwd=work, env=env)
    try:
        while not (work / SOCKET).exists() and server.poll() is None:
            time.sleep(0.1)
        subprocess.run(["mutmut", "run", *args[2:], *options], cwd=work, env=env, check=True)
    finally:
        server.kill()
        server.wait()


def statuses(work: Path) -> dict[int, str]:
    with sqlite3.connect(work / ".mutmut-cache") as db:
        return dict(db.execute("select id, status from Mutant"))


# mutmut's hook, in the copy: it skips every mutant not chosen (none chosen: it numbers them)
HOOK = """import json, pathlib
_CHOSEN = {tuple(m) for m in json.loads(pathlib.Path(__file__).with_name("%s").read_text())}
def pre_mutation(context):
    context.skip = (context.mutation_id.line_number, context.mutation_id.index) not in _CHOSEN
"""
CHOSEN = "mutation-chosen.json"  # what mutmut may test in this run
SAMPLE = "mutation-sample.json"  # the mutants drawn by --sample (the others are never tested)
LIVED = ("bad_survived", "ok_suspicious")


def places(work: Path) -> dict[int, tuple[int, int]]:
    """Each mutant's id in mutmut's cache, and its place as the hook sees it (line, index)."""
    with sqlite3.connect(work / ".mutmut-cache") as db:
        rows = db.execute(
            'select m.id, l.line_number, m."index" from Mutant m join Line l on m.line = l.id'
        )
        return {m: (n, i) for m, n, i in rows}


def choose(work: Path, chosen: list[int], name: str = CHOSEN) -> None:
    """Let mutmut test only these mutants (by their ids in its cache)."""
    where = places(work)
    (work / name).write_text(json.dumps([where[m] for m in chosen]))
    (work / "mutmut_config.py").write_text(HOOK % CHOSEN)
    with sqlite3.connect(work / ".mutmut-cache") as db:
        db.executemany("update Mutant set status = 'untested' where id = ?", [(m,) for m in chosen])


def sampled(work: Path) -> set[int] | None:
    """The ids of the mutants --sample drew, if it did."""
    path = work / SAMPLE
    if not path.exists():
        return None
    wanted = {tuple(m) for m in json.loads(path.read_text())}
    return {m for m, place in places(work).items() if place in wanted}


def mutate(
    module: str, before: bool, sample: int | None, work: Path, fast: bool, again: bool
) -> dict[int, str]:
    """Run mutmut on one module (or on `sample` of its mutants, drawn at random with a fixed
    seed); return the status of each mutant (of the sample). `again`: test again, with the
    current tests, only the mutants of an earlier run (kept) that lived or that it did not
    reach (it was interrupted); the killed stay killed."""
    path = f"handout/{module}.py"
    if not again:
        for name in (".mutmut-cache", CHOSEN, SAMPLE, "mutmut_config.py"):
            (work / name).unlink(missing_ok=True)
    if sample is not None and not again:
        (work / CHOSEN).write_text("[]")
        (work / "mutmut_config.py").write_text(HOOK % CHOSEN)
        mutmut(work, path, "true")  # numbers every mutant, testing none
        drawn = sorted(random.Random(0).sample(sorted(statuses(work)), sample))
        choose(work, drawn, SAMPLE)
        choose(work, drawn)
        with sqlite3.connect(work / ".mutmut-cache") as db:
            # mutmut times out a mutant's tests at 10 times the baseline: time the real tests
            db.execute("delete from MiscData where key = 'baseline_time_elapsed'")
    if again:  # those that lived, and those an interrupted run did not reach
        lived = [m for m, status in statuses(work).items() if status not in KILLED]
        choose(work, [m for m in lived if m in (sampled(work) or {m})])
    mutmut(work, path, runner(module, before, fast))
    found = statuses(work)
    drawn_ids = sampled(work)
    return found if drawn_ids is None else {m: found[m] for m in sorted(drawn_ids)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES), choices=[[], *MODULES])
    parser.add_argument("--before", action="store_true", help="only the older tests")
    parser.add_argument("--fast", action="store_true", help="only the newer, fast tests")
    parser.add_argument("--sample", type=int, help="test only this many mutants, at random")
    parser.add_argument("--keep", type=Path, help="folder for the copy (default: a temporary one)")
    parser.add_argument(
        "--again", action="store_true", help="in --keep's copy, test the survivors again"
    )
    args = parser.parse_args()
    if args.again and args.keep is None:
        parser.error("--again needs the --keep folder of an earlier run")
    lines = []
    for module in args.modules:
        work = (args.keep or Path(tempfile.mkdtemp(prefix="handout-mutation-"))) / module
        source = ROOT / "handout" / f"{module}.py"
        if args.again and source.read_bytes() != (work / "handout" / f"{module}.py").read_bytes():
            parser.error(f"{source} changed since the kept run: run it afresh")
        copy_checkout(work)
        started = time.monotonic()
        found = mutate(module, args.before, args.sample, work, args.fast, args.again)
        minutes = (time.monotonic() - started) / 60
        killed = sum(status in KILLED for status in found.values())
        survived = [str(m) for m, status in found.items() if status in LIVED]
        total = sum(status in (*KILLED, *LIVED) for status in found.values())
        untested = len(found) - total
        lines.append(
            f"{module}: {killed}/{total} killed ({100 * killed / max(total, 1):.0f}%)"
            f" in {minutes:.0f} min" + (f"; {untested} not tested" if untested else "")
        )
        if survived:
            lines.append(f"  survived: {' '.join(survived)} (mutmut show ID, in {work})")
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
