"""`handout batch`: every language x paper x print size, in parallel, with a manifest.

Each document is independent: one that fails is reported and the others are still built.
A document whose inputs have not changed since the manifest was written is not rebuilt, and
a PDF whose bytes would not change is not rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cache, partial
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
    clinic: str | None = None  # the clinic profile's path (issue 10)


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
    clinic: str | None = None,
) -> tuple[list[Job], list[Result]]:
    """The jobs to run. A master that cannot be read becomes a failure, not a stop; so do two
    masters whose PDFs would have the same names (the same handout id): neither is built."""
    from handout.loader import load
    from handout.translations import is_translation_file, master_path
    from handout.translations import languages as expected

    jobs: dict[str, list[Job]] = {}
    failed: list[Result] = []
    owners: dict[tuple[str, str], tuple[Path, str]] = {}  # (handout id, language) -> master
    clashes: dict[str, str] = {}
    for content in contents:
        try:
            doc = load(content)
            langs = languages or expected(doc)
        except HandoutError as e:
            failed.append(_master_failed(content, str(e)))
            continue
        except Exception as e:  # a bug: report it for this master, keep the others going
            failed.append(_master_failed(content, f"internal error: {type(e).__name__}: {e}"))
            continue
        master = (master_path(doc.path) if is_translation_file(doc) else doc.path).resolve()
        jobs[content] = []
        for lang in langs:
            owner, first = owners.setdefault((doc.handout, lang.lower()), (master, content))
            if owner != master:
                clashes[content] = clashes.get(content) or first
                clashes[first] = clashes.get(first) or content
            elif first == content:  # a translation given beside its master is built once
                jobs[content] += [
                    Job(content, lang, p, s, pdfa, clinic) for p in papers for s in sizes
                ]
    for content, other in clashes.items():
        del jobs[content]
        failed.append(
            _master_failed(
                content,
                f"{content}: has the same handout id as {other}: their PDFs would have the same "
                "names (give each handout its own id)",
            )
        )
    return [job for group in jobs.values() for job in group], failed


def _master_failed(content: str, error: str) -> Result:
    return Result(Job(content, "*", "*", False), "failed", error=error)


def _drop_outputs(
    out: Path,
    content: str,
    languages: list[str] | None,
    papers: list[str],
    sizes: list[bool],
    previous: dict[str, dict],
) -> None:
    """Remove the PDFs of a master that could not be planned, so that none can pass for
    current: those the manifest records for it, and those its cheaply read id names."""
    from handout.build import file_name
    from handout.peek import top_values
    from handout.translations import found

    names = {name for name, entry in previous.items() if entry.get("source") == content}
    values = top_values(Path(content))
    if "handout" in values:
        langs = languages or [values.get("language", ""), *found(Path(content))]
        names |= {
            file_name(values["handout"], lang, paper, large)
            for lang in filter(None, langs)
            for paper in papers
            for large in sizes
        }
    for name in names:
        with contextlib.suppress(OSError):
            (out / name).unlink(missing_ok=True)


def _inputs_key(job: Job) -> str:
    """What a document depends on: its content files, the code, the fonts and the options."""
    from handout.translations import translation_path

    digest = hashlib.sha256(f"{__version__}|{job}|{_tool_fingerprint()}".encode())
    master = Path(job.content)
    for path in (master, translation_path(master, job.language)):
        if path.exists():
            digest.update(path.read_bytes())
    if job.clinic is not None:
        from handout.clinic import fingerprint

        digest.update(fingerprint(job.clinic))
    return digest.hexdigest()


@cache
def _tool_fingerprint() -> str:
    """The package's code and fonts, as they are in this process: read once, not per job."""
    from handout.fonts import FONT_DIR, pack_folders

    here = Path(__file__).parent
    packs = [path for folder in pack_folders() for path in folder.glob("*.ttf")]
    stats = [
        f"{path.name}|{path.stat().st_size}|{path.stat().st_mtime_ns}"
        for path in sorted([*here.glob("*.py"), *FONT_DIR.glob("*.ttf"), *packs])
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
        current = entry.get("large_print") == job.large and entry.get("inputs") == key
        if same and current and _holds(out / entry["file"], entry):
            return Result(job, "unchanged", entry)
    extra = {}  # build's own arguments unless there is a clinic: wrappers of build() keep working
    if job.clinic is not None:
        from handout.clinic import load_clinic
        from handout.options import Options

        extra["options"] = Options(clinic=load_clinic(job.clinic))
    built = build(job.content, job.paper, job.large, out, job.language, job.pdfa, **extra)
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
        "warnings": [str(w) for w in built.warnings],
        "inputs": key,
    }
    return Result(job, "built" if built.written else "unchanged", entry)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _holds(path: Path, entry: dict) -> bool:
    """Whether a file still holds what its manifest entry says: size first, then its hash read
    in chunks (the file may be anything by now)."""
    try:
        if not path.is_file() or path.stat().st_size != entry.get("bytes"):
            return False
        digest = hashlib.sha256()
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest() == entry.get("sha256")
    except OSError:
        return False


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
    import bidi.mirror  # noqa: F401

    from handout import render, uax9  # noqa: F401


def _worker_died(job: Job) -> Result:
    return Result(
        job, "failed", error="internal error: the process building it died (killed, or a crash)"
    )


def execute(
    jobs: list[Job], out_dir: str, workers: int, previous: dict[str, dict]
) -> Iterator[Result]:
    """Run jobs, yielding results as they finish."""
    from handout.pool import run_groups, worker_count

    groups = _groups(jobs)
    run = partial(run_group, out_dir=out_dir, previous=previous)
    count = worker_count(workers, len(groups))
    yield from run_groups(groups, run, count, _worker_died, _load_renderer)


MAX_MANIFEST = 16 << 20  # bytes; a manifest of thousands of documents is a few MB
_PDF_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*\.pdf\Z")  # what build.file_name makes


def read_manifest(out: Path) -> dict[str, dict]:
    """The previous run's documents; a manifest that is not ours (not JSON, wrong types, huge,
    a file name outside the folder) is ignored, entry by entry or as a whole."""
    path = out / MANIFEST
    try:
        if not path.is_file() or path.stat().st_size > MAX_MANIFEST:
            return {}
        documents = json.loads(path.read_text(encoding="utf-8"))["documents"]
        entries = [d for d in documents if isinstance(d, dict)]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return {}
    return {d["file"]: d for d in entries if _valid_entry(d)}


_ENTRY_TYPES = {
    "file": str,
    "source": str,
    "language": str,
    "paper": str,
    "pages": int,
    "bytes": int,
    "sha256": str,
    "status": str,
    "draft_reasons": list,
    "warnings": list,
}


def _valid_entry(entry: dict) -> bool:
    """An entry this tool could have written: its fields of the right types, its file a plain
    PDF name in the folder (never a path such as ../../etc/passwd)."""
    return (
        all(isinstance(entry.get(k), t) for k, t in _ENTRY_TYPES.items())
        and all(isinstance(x, str) for x in entry["draft_reasons"] + entry["warnings"])
        and bool(_PDF_NAME.match(entry["file"]))
    )


def write_manifest(out: Path, results: list[Result], previous: dict[str, dict]) -> None:
    """Record every PDF made (kept from earlier runs if still present) and every failure."""
    from handout.build import write_atomic  # raises HandoutError for a fault of the disk

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
    clinic: str | None = None,
) -> int:
    """Build everything asked for; returns the exit code (0 all built, 1 any failed, 130
    interrupted). The manifest is written whatever happened to the documents. The summary
    goes to stdout; progress, failures and warnings to stderr; `quiet` keeps only the
    failures."""
    for content in contents:
        path = Path(content)
        if not path.exists():
            raise HandoutError(f"{content}: file not found")
        if not path.is_file():
            raise HandoutError(f"{content}: not a regular file")
    _load_renderer()  # start-up, like the interpreter's: not part of the documents' time
    out = Path(out_dir)
    with _locked(out):
        return _batch_locked(contents, languages, papers, sizes, workers, out, pdfa, quiet, clinic)


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One batch at a time per output folder: a second one waits for the first, then reads
    the manifest it wrote, so that neither loses the other's entries."""
    from handout.build import output_folder

    output_folder(out)
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    try:
        lock = open(out / LOCK, "a")  # noqa: SIM115 - held for the whole batch
    except OSError as e:
        raise HandoutError(f"{out / LOCK}: cannot open the batch lock ({e.strerror})") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


LOCK = ".handout-batch.lock"


def _batch_locked(
    contents: list[str],
    languages: list[str] | None,
    papers: list[str],
    sizes: list[bool],
    workers: int,
    out: Path,
    pdfa: bool,
    quiet: bool,
    clinic: str | None = None,
) -> int:
    from handout.build import clean_stale_temps

    started = time.perf_counter()
    clean_stale_temps(out)
    previous = read_manifest(out)
    jobs, results = plan(contents, languages, papers, sizes, pdfa, clinic)
    for r in results:
        _drop_outputs(out, r.job.content, languages, papers, sizes, previous)
    total = len(jobs) + len(results)
    progress = Progress(total, quiet=quiet)
    for r in results:
        progress.update(*_progress_line(r))
    interrupted = False
    try:
        for result in execute(jobs, str(out), workers, previous):
            results.append(result)
            progress.update(*_progress_line(result))
    except KeyboardInterrupt:
        interrupted = True
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
    if interrupted:
        print(f"interrupted: {total - len(results)} documents not built")
        return 130
    return 1 if counts["failed"] else 0
