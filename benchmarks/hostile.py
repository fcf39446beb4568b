"""Timings of the paths that used to be quadratic (issue 8), in-process, and of the CLI on
files at and over the size limit. Run by hand: `python benchmarks/hostile.py`.

Each line gives the input, its size, and wall and CPU seconds (CPU time is the fairer figure
on a shared machine).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def timed(label: str, run) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<48} {wall:7.2f} s wall {cpu:7.2f} s CPU")


def cli(path: Path, out: Path) -> None:
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "handout", "build", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    answer = result.stdout.strip() or result.stderr.strip()
    size = path.stat().st_size
    print(f"CLI, {size:>9,} bytes: {wall:6.2f} s wall {cpu:6.2f} s CPU: {answer[:70]}")


def main() -> None:
    from conftest import minimal

    from handout import fonts
    from handout.inline import parse_inline
    from handout.markup import text_spans
    from handout.text import break_lines, pieces
    from handout.uax9 import levels

    timed("inline: '[a ' x 20000", lambda: parse_inline("[a " * 20000))
    timed("inline: '**a ' x 20000", lambda: parse_inline("**a " * 20000))
    timed(
        "uax9: 5000 nested brackets, right to left", lambda: levels("(" * 5000 + ")" * 5000, True)
    )
    timed("uax9: 2000 isolates", lambda: levels("\u2067a \u2069" * 2000, False))
    for n in (10_000, 100_000):
        spans = text_spans("x" * n, fonts.chain_for("en"))
        timed(
            f"cutting a word of {n:,} characters",
            lambda s=spans: break_lines(pieces(s, False, 13), 450, 13),
        )

    para = "Take this medicine once a day with food, as your doctor told you. " * 6
    with tempfile.TemporaryDirectory() as tmp:
        for size in (100_000, 250_000, 1_000_000, 10_000_000):
            count = size // (len(para) + 8)
            path = Path(tmp) / f"{size}.yaml"
            path.write_text(minimal("\n".join(f"- {json.dumps(para)}" for _ in range(count))))
            cli(path, Path(tmp) / "out")
        path = Path(tmp) / "paragraph.yaml"
        path.write_text(minimal(f"- {json.dumps('word ' * 200_000)}"))
        cli(path, Path(tmp) / "out")


if __name__ == "__main__":
    main()
