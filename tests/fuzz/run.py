"""Run the fuzz target for a time budget on a copy of the corpus; exit 0 when it found nothing.

    python tests/fuzz/run.py --seconds 900            # a long run by hand (use `nice`)
    python tests/fuzz/run.py --seconds 20 --strict    # also the promises issue 8 makes
    python tests/fuzz/run.py --seconds 900 --skip-known --keep DIR

The repository's corpus is copied first, so that a run does not grow it; with `--keep DIR` the
inputs the run found interesting (and any crash file) stay in DIR, to be minimised and added to
tests/fuzz/corpus/ by hand when they cover something new.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def run(seconds: int, strict: bool, skip_known: bool, work: Path) -> subprocess.CompletedProcess:
    """The fuzzer's run in `work` (its corpus copy and crash files), output captured: the
    Python traceback of a crash is on stdout, libFuzzer's report on stderr."""
    corpus = work / "corpus"
    shutil.copytree(HERE / "corpus", corpus, dirs_exist_ok=True)
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    env.setdefault("HANDOUT_CACHE", str(work / "cache"))
    flags = [f for f, on in (("--strict", strict), ("--skip-known", skip_known)) if on]
    command = [sys.executable, str(HERE / "fuzz_content.py"), *flags, str(corpus)]
    command += [f"-max_total_time={seconds}", "-max_len=4096", "-timeout=30", "-rss_limit_mb=2048"]
    return subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--skip-known", action="store_true")
    parser.add_argument("--keep", type=Path, help="folder for the grown corpus and crash files")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="handout-fuzz-run-"))
    work.mkdir(parents=True, exist_ok=True)
    result = run(args.seconds, args.strict, args.skip_known, work)
    lines = [line for line in result.stderr.splitlines() if "Instrumenting" not in line]
    print(result.stdout[-6000:] + "\n".join(lines[-40:]))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
