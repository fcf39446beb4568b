"""Benchmark: one handout (warm and cold) and the batch of every language, paper and size.

Run from the repository root:  python benchmarks/render.py [CONTENT]

Prints the median warm time per handout (20 builds in one process), the cold time of a fresh
`handout build` process next to `python -c "import reportlab.platypus"` measured in the same
run (their difference and ratio, in wall-clock time and in CPU time, which a machine busy with
other work disturbs less) and next to platypus imported as a `handout` process imports it
(what the build adds to that is handout's own work), the PDF's bytes and pages against issue
7's targets, the rendering time with and without tagging (PDF/UA), and the batch's documents
per second with --jobs 1 and with all cores. Nothing is cached on disk: `first build` is one
fresh process timed before the others. The warm builds repeat the same content in one
process, as the desk and a batch do: its measured words and line breaks are remembered
(text.py), its PDF is written anew.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS_WARM = 20
RUNS_COLD = 21  # medians of interleaved runs; a busy moment of the machine moves them less
MAX_BYTES = 30_000  # issue 7: the Kineret Letter PDF at most 30 KB (30,000 bytes)
MAX_COLD_EXTRA = 15  # ms: a fresh `handout build` within 15 ms of importing platypus
# platypus imported as a one-shot `handout` process imports it (oneshot.py): the modules and
# patterns it defers, no cyclic collector, no interpreter shutdown; what a build adds to it is
# handout's own work
LEAN_PLATYPUS = (
    "import os\n"
    "from handout import oneshot\n"
    "oneshot.defer_unused_regexes(); oneshot.start_alone()\n"
    "import reportlab.platypus\n"
    "os._exit(0)\n"
)


def _time(cmd: list[str], env: dict[str, str]) -> float:
    return _times(cmd, env)[0]


def _times(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) milliseconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def main() -> None:
    content = sys.argv[1] if len(sys.argv) > 1 else "content.yaml"
    work = Path(tempfile.mkdtemp(prefix="handout-bench-"))
    env = dict(os.environ)

    from handout.build import build

    first = _time([sys.executable, "-m", "handout", "build", content, "--out", str(work)], env)
    built = build(content, "letter", False, work)
    warm = []
    for _ in range(RUNS_WARM):
        start = time.perf_counter()
        build(content, "letter", False, work)
        warm.append((time.perf_counter() - start) * 1000)

    from handout.build import prepare
    from handout.render import render

    prepared = prepare(content)
    costs = {}
    for tagged in (False, True, False, True):  # interleaved against drift
        times = []
        for _ in range(RUNS_WARM):
            start = time.perf_counter()
            render(prepared.handout, prepared.labels, "letter", False, False, tagged=tagged)
            times.append((time.perf_counter() - start) * 1000)
        costs.setdefault(tagged, []).append(statistics.median(times))

    # A fresh process reads the package's bytecode as any installed package's: compile it
    # once, as `pip install` does (PYTHONDONTWRITEBYTECODE would otherwise make every run
    # compile the source again, which ReportLab, installed with its bytecode, never pays).
    import handout

    package = Path(handout.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)

    base_cmd = [sys.executable, "-c", "import reportlab.platypus"]
    lean_cmd = [sys.executable, "-c", LEAN_PLATYPUS]
    cold_cmd = [sys.executable, "-m", "handout", "build", content, "--out", str(work)]
    base, lean, cold = [], [], []
    for _ in range(RUNS_COLD):  # interleaved, so all see the same machine load
        base.append(_times(base_cmd, env))
        lean.append(_times(lean_cmd, env))
        cold.append(_times(cold_cmd, env))
    pdfa = build(content, "letter", False, work / "pdfa", pdfa=True)

    print(f"handout:             {content}")
    print(
        f"warm median:         {statistics.median(warm):6.1f} ms per handout ({RUNS_WARM} builds)"
    )
    for kind, column in (("wall", 0), ("CPU", 1)):
        handout_ms = statistics.median(t[column] for t in cold)
        platypus = statistics.median(t[column] for t in base)
        print(f"{f'cold ({kind}):':21}{handout_ms:6.1f} ms (fresh `handout build` process)")
        print(f"{f'platypus ({kind}):':21}{platypus:6.1f} ms (`import reportlab.platypus`)")
        print(
            f"cold - platypus:     {handout_ms - platypus:6.1f} ms, ratio "
            f"{handout_ms / platypus:.2f} (target: within {MAX_COLD_EXTRA} ms)"
        )
        bare = statistics.median(t[column] for t in lean)
        print(
            f"{f'lean platypus ({kind}):':21}{bare:6.1f} ms (skipping what `handout` skips); "
            f"handout's own work: {handout_ms - bare:.1f} ms"
        )
    print(f"first build:         {first:6.1f} ms (one fresh process, timed first)")
    print(
        f"PDF:                 {built.size} bytes, {built.pages} pages "
        f"({built.size / MAX_BYTES:.0%} of the {MAX_BYTES}-byte target)"
    )
    print(f"PDF/A-2a:            {pdfa.size} bytes")
    untagged, tagged = min(costs[False]), min(costs[True])
    print(f"render untagged:     {untagged:6.1f} ms")
    print(
        f"render tagged:       {tagged:6.1f} ms (PDF/UA-1: +{(tagged / untagged - 1) * 100:.0f}%)"
    )

    jobs = os.cpu_count() or 1
    rates = {n: _batch_seconds(content, n, env, work) for n in sorted({1, jobs})}
    for n, (docs, seconds) in rates.items():
        rate = docs / seconds
        print(f"batch --jobs {n}:      {docs} PDFs in {seconds:5.2f} s = {rate:5.1f} documents/s")
    if len(rates) > 1:
        print(f"speed-up:            {rates[1][1] / rates[jobs][1]:.2f}x with {jobs} cores")


def _batch_seconds(content: str, jobs: int, env: dict[str, str], work: Path) -> tuple[int, float]:
    """Best of 5 fresh batches (empty out dir), timed by the batch itself: from the start of
    the work to the manifest, after the interpreter has started and loaded ReportLab (which
    the forked workers then share)."""
    best = float("inf")
    for run in range(5):
        out = work / f"batch-{jobs}-{run}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "handout",
                "batch",
                content,
                "--jobs",
                str(jobs),
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        summary = done.stdout.strip().splitlines()[
            -1
        ]  # "24 documents: ... in 0.6 s; manifest: ..."
        best = min(best, float(summary.split(" in ")[1].split(" s")[0]))
    return len(list(out.glob("*.pdf"))), best


if __name__ == "__main__":
    main()
