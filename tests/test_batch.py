"""`handout batch`: every language x paper x print size in one command, with a manifest.

The batch of the repository's content is built once per session (`session_batch`) and read by
this module and by test_translations.py and test_scripts.py, through their `kineret_batch`
fixtures.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from conftest import CONTENT, run_cli

PAPERS = ("letter", "a4")
SIZES = (False, True)


@dataclass
class BatchRun:
    out: Path
    result: subprocess.CompletedProcess


_RUNS: dict[str, BatchRun] = {}  # shared by every module that imports the fixture


def languages(master) -> list[str]:
    """The master's language first, then the translations it lists."""
    return [master.language, *[lang for lang in master.languages if lang != master.language]]


def file_name(handout: str, language: str, paper: str, large: bool) -> str:
    return f"{handout}-{language}-{paper}{'-large' if large else ''}.pdf"


def expected_files(master) -> set[str]:
    return {
        file_name(master.handout, lang, paper, large)
        for lang in languages(master)
        for paper in PAPERS
        for large in SIZES
    }


def session_batch(tmp_path_factory) -> BatchRun:
    """`handout batch --out DIR` on the repository's content.yaml, run once per session
    however many modules' fixtures ask for it."""
    if "kineret" not in _RUNS:
        out = tmp_path_factory.mktemp("batch")
        _RUNS["kineret"] = BatchRun(out, run_cli(["batch", CONTENT, "--out", out]))
    run = _RUNS["kineret"]
    assert run.result.returncode == 0, run.result.stdout + run.result.stderr
    return run


@pytest.fixture(scope="session")
def kineret_batch(tmp_path_factory) -> BatchRun:
    return session_batch(tmp_path_factory)


def batch_pdf(run: BatchRun, language: str, paper: str = "letter", large: bool = False) -> Path:
    from handout.loader import load

    path = run.out / file_name(load(CONTENT).handout, language, paper, large)
    assert path.is_file(), f"the batch made no {path.name}"
    return path


def read_manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def entry_file(entry: dict) -> str:
    """The PDF a manifest entry describes (its `path` or `file`), as a file name."""
    return Path(entry.get("path") or entry["file"]).name


def pdfs(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("*.pdf")}


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    return {
        p.name: (p.stat().st_mtime_ns, p.stat().st_size, p.read_bytes())
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def copy_content(folder: Path, *languages: str) -> Path:
    """The master and the given translations, copied into a folder; returns the master."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ["content.yaml", *[f"content.{lang}.yaml" for lang in languages]]:
        shutil.copy(CONTENT.parent / name, folder / name)
    return folder / "content.yaml"


def drop_item(path: Path, field: str) -> None:
    """Delete one single-line list item (e.g. `sections[x].blocks[1].bullets[1]`) from a file."""
    from handout.loader import load

    span = next(s for s in load(path).spans if s.field == field)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert span.text.split()[0] in lines[span.line - 1], "the item is on one line"
    del lines[span.line - 1]
    path.write_text("".join(lines), encoding="utf-8")


# -- the session batch ---------------------------------------------------------------------------


def test_batch_makes_every_language_paper_and_size(kineret_batch, content):
    assert len(expected_files(content)) == len(PAPERS) * len(SIZES) * len(languages(content))
    assert len(languages(content)) >= 26  # en and its 25 translations (issue 11)
    assert pdfs(kineret_batch.out) == expected_files(content)


def test_summary_counts_every_document_built(kineret_batch, content):
    out = kineret_batch.result.stdout
    n = len(expected_files(content))
    assert re.search(rf"\b{n} built\b", out), out
    assert re.search(r"\b0 failed\b", out), out


def test_manifest_describes_each_pdf(kineret_batch, content):
    manifest = read_manifest(kineret_batch.out)
    entries = {entry_file(e): e for e in manifest["documents"]}
    assert set(entries) == expected_files(content)
    assert len(manifest["documents"]) == len(entries)
    assert manifest.get("failures") == []
    for name, entry in entries.items():
        path = kineret_batch.out / name
        data = path.read_bytes()
        language, paper, large = re.fullmatch(
            rf"{content.handout}-([\w-]+?)-(\w+)(-large)?\.pdf", name
        ).groups()
        assert entry["language"] == language, name
        assert entry["paper"] == paper, name
        assert entry["large_print"] is bool(large), name
        assert entry["pages"] == len(pypdf.PdfReader(path).pages), name
        assert entry["bytes"] == len(data) == path.stat().st_size, name
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert entry["status"] in ("draft", "final"), name
        assert isinstance(entry["draft_reasons"], list), name
        assert isinstance(entry["warnings"], list), name


def test_manifest_status_english_final_translations_draft_for_want_of_review(
    kineret_batch, content
):
    from handout.loader import load
    from handout.translations import translation_path

    for entry in read_manifest(kineret_batch.out)["documents"]:
        name, language = entry_file(entry), entry["language"]
        if language == content.language:
            assert content.status == "approved"
            assert entry["status"] == "final", name
            assert entry["draft_reasons"] == [], name
            continue
        translation = load(translation_path(content.path, language))
        assert translation.translation.reviewed_by is None  # as shipped: nobody reviewed them
        assert entry["status"] == "draft", name
        assert any("review" in reason for reason in entry["draft_reasons"]), entry


def test_log_has_one_plain_line_per_document(kineret_batch, content):
    """On a pipe (not a terminal) the progress is a log: no bar, no carriage returns."""
    log = kineret_batch.result.stderr
    assert "\r" not in log and "\x1b" not in log
    lines = log.splitlines()
    assert len(lines) == len(expected_files(content)), log
    for name in expected_files(content):
        assert sum(name in line for line in lines) == 1, name


def test_rerun_rewrites_nothing(kineret_batch, content):
    before = snapshot(kineret_batch.out)
    assert "manifest.json" in before
    result = run_cli(["batch", CONTENT, "--out", kineret_batch.out])
    assert result.returncode == 0, result.stderr
    assert snapshot(kineret_batch.out) == before
    n = len(expected_files(content))
    assert re.search(r"\b0 built\b", result.stdout), result.stdout
    assert re.search(rf"\b{n} unchanged\b", result.stdout), result.stdout


@pytest.mark.parametrize(
    ("language", "paper", "large"),
    [("en", "letter", False), ("fr", "a4", True), ("zh", "letter", True), ("ar", "a4", False)],
)
def test_batch_pdf_is_byte_identical_to_build(kineret_batch, tmp_path, language, paper, large):
    options = ["--lang", language, "--paper", paper, *(["--large-print"] if large else [])]
    result = run_cli(["build", CONTENT, "--out", tmp_path, *options])
    assert result.returncode == 0, result.stderr
    built = Path(result.stdout.strip().splitlines()[-1])
    batched = batch_pdf(kineret_batch, language, paper, large)
    assert built.name == batched.name
    assert built.read_bytes() == batched.read_bytes()


# -- other batches -------------------------------------------------------------------------------


def test_jobs_1_and_jobs_2_give_the_same_bytes(tmp_path, content):
    one, two = tmp_path / "one", tmp_path / "two"
    for jobs, out in (("1", one), ("2", two)):
        result = run_cli(["batch", CONTENT, "--jobs", jobs, "--out", out])
        assert result.returncode == 0, result.stderr
    assert pdfs(one) == pdfs(two) == expected_files(content)
    for name in sorted(pdfs(one)):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_one_language_one_paper_large_only_makes_one_file(tmp_path, content):
    result = run_cli(
        ["batch", CONTENT, "--lang", "fr", "--paper", "a4", "--large-print", "only"]
        + ["--out", tmp_path]
    )
    assert result.returncode == 0, result.stderr
    expected = file_name(content.handout, "fr", "a4", True)
    assert pdfs(tmp_path) == {expected}
    assert [entry_file(e) for e in read_manifest(tmp_path)["documents"]] == [expected]


def test_a_broken_translation_fails_alone(tmp_path, content):
    """The Spanish translation loses a reason not to take Kineret: its documents fail, with
    the error in the summary and the manifest, and the other languages are still built. A
    Spanish PDF left by an earlier run is removed, not left looking current."""
    master = copy_content(tmp_path / "src", "fr", "es")
    out = tmp_path / "out"
    options = ["--lang", "en,fr,es", "--paper", "letter,a4", "--large-print", "no", "--out", out]
    first = run_cli(["batch", master, *options])
    assert first.returncode == 0, first.stdout + first.stderr
    spanish = {file_name(content.handout, "es", p, False) for p in PAPERS}
    assert spanish <= pdfs(out)

    section = "who-should-not-take-kineret"
    drop_item(master.with_name("content.es.yaml"), f"sections[{section}].blocks[1].bullets[1]")
    result = run_cli(["batch", master, *options])

    assert result.returncode == 1, result.stdout + result.stderr
    others = {file_name(content.handout, lang, p, False) for lang in ("en", "fr") for p in PAPERS}
    assert pdfs(out) == others
    report = result.stdout + result.stderr
    failed = [line for line in report.splitlines() if "content.es.yaml" in line]
    assert failed and all(section in line for line in failed), report
    manifest = read_manifest(out)
    assert {entry_file(e) for e in manifest["documents"]} == others
    assert len(manifest["failures"]) == len(PAPERS)
    for failure in manifest["failures"]:
        assert failure["language"] == "es"
        assert "content.es.yaml" in failure["error"] and section in failure["error"]


@pytest.mark.parametrize(
    "options",
    [
        ["--paper", "b5"],
        ["--jobs", "0"],
        ["--large-print", "maybe"],
        ["--lang", "f r"],
        ["no-such-content.yaml"],
    ],
    ids=["paper b5", "jobs 0", "large-print maybe", "lang with a space", "missing content"],
)
def test_bad_arguments_exit_2_and_build_nothing(tmp_path, options):
    out = tmp_path / "out"
    args = options if options[0].endswith(".yaml") else [CONTENT, *options]
    result = run_cli(["batch", *args, "--out", out], cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    named = options[0]  # the option, or the file, that is wrong
    assert named in result.stderr, result.stderr
    assert not out.exists() or not any(out.iterdir())
