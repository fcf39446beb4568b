"""Load on the clinic desk (issue 10): N PDF requests from C concurrent clients against a real
`handout serve`, as staff at several desks would make them. Reports whether all succeeded, the
median and p95 latency, requests per second, and the server's memory (RSS) before and after.

    python benchmarks/desk_load.py                   # 200 personalised PDFs, 20 clients
    python benchmarks/desk_load.py --route machine   # GET /handouts/{id}/{lang}.pdf instead

`personal` posts the form with a patient's name and notes (never cached: each is built);
`machine` asks the machine route for every language, paper and print size (24 PDFs, which the
desk keeps in memory once built). Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "fr", "es", "zh", "ar", "pa")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(library: Path, port: int) -> subprocess.Popen:
    clinic = library / "clinic.yaml"
    clinic.write_text('name: Northside Arthritis Clinic\nphone: "555-0142"\n')
    args = [sys.executable, "-m", "handout", "serve", library, "--clinic", clinic]
    server = subprocess.Popen(
        [*map(str, args), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/desk.css", timeout=2)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the desk did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--route", choices=("personal", "machine"), default="personal")
    args = parser.parse_args()

    library = Path(tempfile.mkdtemp(prefix="desk-load-"))
    for path in ROOT.glob("content*.yaml"):
        shutil.copy(path, library / path.name)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start(library, port)
    try:
        with httpx.Client(base_url=url, timeout=600) as warm:  # fonts and code loaded once
            for lang in LANGUAGES:
                warm.get(f"/handouts/kineret/{lang}.pdf").raise_for_status()
        before = rss_mb(server.pid)
        variants = itertools.cycle(itertools.product(LANGUAGES, ("letter", "a4"), (False, True)))
        jobs = [next(variants) for _ in range(args.requests)]

        def one(job: tuple[str, str, bool], client: httpx.Client, token: str) -> tuple[bool, float]:
            lang, paper, large = job
            started = time.perf_counter()
            if args.route == "machine":
                r = client.get(f"/handouts/kineret/{lang}.pdf?paper={paper}&large={int(large)}")
            else:
                fields = {"csrf": token, "handout": "kineret", "language": lang, "paper": paper}
                fields |= {"prepared_for": f"Patient {started}", "notes": "Bring the pen."}
                fields |= {"action": "download"} | ({"large": "1"} if large else {})
                r = client.post("/pdf", data=fields)
            ok = r.status_code == 200 and r.content.startswith(b"%PDF-")
            return ok, time.perf_counter() - started

        clients = []
        for _ in range(args.clients):
            client = httpx.Client(base_url=url, timeout=600)
            token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text)[1]
            clients.append((client, token))
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            results = list(
                pool.map(lambda n: one(jobs[n], *clients[n % args.clients]), range(len(jobs)))
            )
        wall = time.perf_counter() - started
        after = rss_mb(server.pid)
        for client, _ in clients:
            client.close()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(library, ignore_errors=True)

    times = sorted(t for _, t in results)
    ok = sum(good for good, _ in results)
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    print(f"route {args.route}: {len(results)} requests from {args.clients} clients")
    print(f"succeeded {ok}/{len(results)}")
    print(
        f"latency median {statistics.median(times):.2f} s, p95 {p95:.2f} s, max {times[-1]:.2f} s"
    )
    print(f"throughput {len(results) / wall:.2f} requests/s ({wall:.1f} s)")
    print(f"server RSS before {before:.1f} MB, after {after:.1f} MB ({after - before:+.1f} MB)")
    return 0 if ok == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
