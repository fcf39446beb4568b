"""`handout batch`: every language x paper x print size, in parallel, with a manifest.

Each document is independent: one that fails is reported and the others are still built.
A document whose inputs have not changed since the manifest was written is not rebuilt, and
a PDF whose bytes would not change is not rewritten.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from handout import __version__
from handout.errors import HandoutError
from handout.progress import Progress

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Job:
    content: str
    language: str
    paper: str
    large: bool
    pdfa: bool = False


@dataclass
class Result:
    job: Job
    state: str  # built | unchanged | failed
    entry: dict = field(default_factory=dict)  # the manifest entry, when the PDF exists
    error: str = ""


def plan(
    contents: list[str],
    languages: list[str] | None,
    papers: list[str],
    sizes: list[bool],
    pdfa: bool = False,
) -> tuple[list[Job], list[Result]]:
    """The jobs to run; a master that cannot be read becomes a failure, not a stop."""
    from handout.loader import load
    from handout.translations import languages as expected

    jobs: list[Job] = []
    failed: list[Result] = []
    for content in contents:
        try:
            langs = languages or expected(load(content))
        except HandoutError as e:
            failed.append(Result(Job(content, "*", "*", False), "failed", error=str(e)))
            continue
        jobs += [Job(content, lang, p, s, pdfa) for lang in langs for p in papers for s in sizes]
    return jobs, failed


def _inputs_key(job: Job) -> str:
    """What a document depends on: its content files, the code, the fonts and the options."""
    from handout.translations import translation_path

    digest = hashlib.sha256(f"{__version__}|{job}|{_tool_fingerprint()}".encode())
    master = Path(job.content)
    for path in (master, translation_path(master, job.language)):
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _tool_fingerprint() -> str:
    """The package's code and fonts, as they are in this process: read once, not per job."""
    from handout.fonts import FONT_DIR

    here = Path(__file__).parent
    stats = [
        f"{path.name}|{path.stat().st_size}|{path.stat().st_mtime_ns}"
        for path in sorted([*here.glob("*.py"), *FONT_DIR.glob("*.ttf")])
    ]
    return hashlib.sha256("\n".join(stats).encode()).hexdigest()


def run_job(job: Job, out_dir: str, previous: dict[str, dict]) -> Result:
    """Build one document (in a worker process); never raises."""
    try:
        return _run(job, Path(out_dir), previous)
    except HandoutError as e:
        return Result(job, "failed", error=str(e))
    except Exception as e:  # a bug: report it for this document, keep the others going
        return Result(job, "failed", error=f"internal error: {type(e).__name__}: {e}")


def _run(job: Job, out: Path, previous: dict[str, dict]) -> Result:
    from handout.build import build

    key = _inputs_key(job)
    for entry in previous.values():
        same = (entry.get("source"), entry.get("language"), entry.get("paper")) == (
            job.content,
            job.language,
            job.paper,
        )
        if same and entry.get("large_print") == job.large and entry.get("inputs") == key:
            target = out / entry["file"]
            if target.exists() and _sha256(target.read_bytes()) == entry["sha256"]:
                return Result(job, "unchanged", entry)
    built = build(job.content, job.paper, job.large, out, job.language, job.pdfa)
    data = built.path.read_bytes()
    entry = {
        "file": built.path.name,
        "source": job.content,
        "handout": built.handout.handout,
        "language": built.handout.language,
        "paper": job.paper,
        "large_print": job.large,
        "pdfa": job.pdfa,
        "pages": built.pages,
        "bytes": built.size,
        "sha256": _sha256(data),
        "status": "draft" if built.draft_reasons else "final",
        "draft_reasons": list(built.draft_reasons),
        "warnings": list(built.warnings),
        "inputs": key,
    }
    return Result(job, "built" if built.written else "unchanged", entry)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run_group(jobs: list[Job], out_dir: str, previous: dict[str, dict]) -> list[Result]:
    """Documents in one language, in one worker: they share its fonts, its cache of shaped
    words and its bidi levels."""
    return [run_job(job, out_dir, previous) for job in jobs]


def _groups(jobs: list[Job]) -> list[list[Job]]:
    """Jobs grouped by content and language, the costliest groups first (shaped scripts,
    then CJK), so that no worker is left alone with a long one at the end."""
    from handout.fonts import chain_for

    groups: dict[tuple[str, str], list[Job]] = {}
    for job in jobs:
        groups.setdefault((job.content, job.language), []).append(job)

    def cost(key: tuple[str, str]) -> tuple[bool, bool, int]:
        """Shaped scripts cost most, then CJK; within a script, longer text costs more."""
        from handout.translations import translation_path

        content, language = key
        chain = chain_for(language)
        shaped, cjk = any(f.shaped for f in chain), any(f.breaks_anywhere for f in chain)
        path = translation_path(Path(content), language)
        size = path.stat().st_size if path.exists() else Path(content).stat().st_size
        return (shaped, cjk, len(groups[key]) * size)

    return [groups[k] for k in sorted(groups, key=cost, reverse=True)]


def _load_renderer() -> None:
    """Import the renderer once, before any worker is forked: the workers share it."""
    import bidi.algorithm  # noqa: F401
    import bidi.mirror  # noqa: F401

    from handout import render  # noqa: F401


def _pool(workers: int) -> ProcessPoolExecutor | None:
    """Worker processes, forked from a parent that has the renderer loaded already."""
    if workers <= 1:
        return None
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    initializer = None if context.get_start_method() == "fork" else _load_renderer
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=initializer)
    pool.submit(int)  # launches the workers
    return pool


def execute(
    jobs: list[Job], out_dir: str, pool: ProcessPoolExecutor | None, previous: dict[str, dict]
) -> Iterator[Result]:
    """Run jobs, yielding results as they finish."""
    if pool is None:
        for job in jobs:
            yield run_job(job, out_dir, previous)
        return
    pending = [pool.submit(run_group, group, out_dir, previous) for group in _groups(jobs)]
    for future in as_completed(pending):
        yield from future.result()


def read_manifest(out: Path) -> dict[str, dict]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {d["file"]: d for d in data["documents"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write_manifest(out: Path, results: list[Result], previous: dict[str, dict]) -> None:
    """Record every PDF made (kept from earlier runs if still present) and every failure."""
    from handout.build import write_atomic

    documents = dict(previous)
    for r in results:
        if r.entry:
            documents[r.entry["file"]] = r.entry
    documents = {k: v for k, v in documents.items() if (out / k).exists()}
    failures = [{**asdict(r.job), "error": r.error} for r in results if r.state == "failed"]
    manifest = {
        "generator": f"handout {__version__}",
        "documents": [documents[k] for k in sorted(documents)],
        "failures": sorted(failures, key=lambda f: json.dumps(f, sort_keys=True)),
    }
    data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    path = out / MANIFEST
    if not path.exists() or path.read_bytes() != data:
        write_atomic(path, data)


def _progress_line(result: Result) -> tuple[str, str, str]:
    """What the progress shows of a finished document: its state, name and detail."""
    j = result.job
    name = (
        result.entry.get("file")
        or f"{Path(j.content).name} [{j.language} {j.paper}{' large' if j.large else ''}]"
    )
    detail = result.error if result.state == "failed" else _describe(result.entry)
    return result.state, name, detail


def _label(job: Job) -> str:
    return f"{job.content} [{job.language} {job.paper}{' large' if job.large else ''}]"


def _describe(entry: dict) -> str:
    status = entry["status"]
    if entry["draft_reasons"]:
        status += f" ({'; '.join(entry['draft_reasons'])})"
    return f"{entry['pages']} pages, {entry['bytes']} bytes, {status}"


def batch(
    contents: list[str],
    languages: list[str] | None,
    papers: list[str],
    sizes: list[bool],
    workers: int,
    out_dir: str,
    pdfa: bool = False,
    quiet: bool = False,
) -> int:
    """Build everything asked for; returns the exit code (0 all built, 1 any failed). The
    summary goes to stdout; progress, failures and warnings to stderr; `quiet` keeps only
    the failures."""
    from handout.build import output_folder

    for content in contents:
        if not Path(content).is_file():
            raise HandoutError(f"{content}: file not found")
    output_folder(out_dir)
    _load_renderer()  # start-up, like the interpreter's: not part of the documents' time
    started = time.perf_counter()
    out = Path(out_dir)
    previous = read_manifest(out)
    pool = _pool(workers)
    try:
        jobs, results = plan(contents, languages, papers, sizes, pdfa)
        progress = Progress(len(jobs) + len(results), quiet=quiet)
        for r in results:
            progress.update(*_progress_line(r))
        for result in execute(jobs, out_dir, pool, previous):
            results.append(result)
            progress.update(*_progress_line(result))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    out.mkdir(parents=True, exist_ok=True)
    write_manifest(out, results, previous)
    counts = {s: sum(r.state == s for r in results) for s in ("built", "unchanged", "failed")}
    seconds = time.perf_counter() - started
    for r in results:
        if r.state == "failed":
            print(f"handout: error: {_label(r.job)}: {r.error}", file=sys.stderr)
    if not quiet:
        for warning in dict.fromkeys(w for r in results for w in r.entry.get("warnings", ())):
            print(f"handout: warning: {warning}", file=sys.stderr)  # once, not per document
        print(
            f"{len(results)} documents: {counts['built']} built, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed in {seconds:.3f} s; manifest: {out / MANIFEST}"
        )
    return 1 if counts["failed"] else 0
