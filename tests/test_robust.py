"""Hardening (issue 8), through the real command line: translations that must not print as
final, PDFs that must not outlive a failed build, batches that survive a killed worker, a
crashing master, Ctrl-C, a hostile manifest and each other, and the small loader holes.

Faults inside the tool (a worker killed mid-build, a loader that crashes) are injected with a
`sitecustomize` module on the subprocess's path: the CLI under test is otherwise the real one.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, minimal, pdf_text, run_cli, write_content
from test_batch import copy_content, pdfs, read_manifest

REVIEWED = "{from_revised: 2026-01-02, reviewed_by: Dr. X}"


def one_error(result) -> str:
    """The bad-input contract: exit 2, one line on stderr, no traceback; returns the line."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("handout: error: "), result.stderr
    return lines[0]


def master_and_fr(folder: Path, blocks: str = "- Take it daily.", fr_blocks=None, **fr) -> Path:
    """A small reviewed master and its French translation; fields given in `fr` replace the
    translation's (None leaves one out). Returns the master."""
    folder.mkdir(parents=True, exist_ok=True)
    master = write_content(folder, minimal(blocks))
    top = {"language": "fr", "translation": REVIEWED} | fr
    write_content(folder, minimal(fr_blocks or blocks, **top), "content.fr.yaml")
    return master


def fr_line(check_output: str) -> str:
    lines = [line for line in check_output.splitlines() if line.strip().startswith("fr ")]
    assert lines, check_output
    return lines[0]


# -- translations: one rule for build and check ---------------------------------------------------


def test_translation_from_a_future_revision_is_an_error_for_build_and_check(tmp_path):
    """A typo in `from_revised` (later than the master's `revised`) would make the translation
    current for ever: build refuses it and check reports it."""
    master = master_and_fr(tmp_path, translation="{from_revised: 2027-01-02, reviewed_by: Dr. X}")
    out = tmp_path / "out"
    line = one_error(run_cli(["build", master, "--lang", "fr", "--out", out]))
    assert "content.fr.yaml" in line and "translation.from_revised" in line and "2027-01-02" in line
    assert not out.exists() or not pdfs(out)
    check = run_cli(["check", master])
    assert check.returncode == 2, check.stdout + check.stderr
    assert "fr" in fr_line(check.stdout) and "translation.from_revised" in check.stdout


def test_a_draft_master_makes_its_reviewed_translation_a_draft(tmp_path):
    from handout.catalogue import CATALOGUE

    folder = tmp_path / "src"
    master = master_and_fr(folder)
    text = master.read_text(encoding="utf-8").replace("status: approved", "status: draft")
    master.write_text(text, encoding="utf-8")
    pdf = build(master, tmp_path / "out", "--lang", "fr")
    assert all(CATALOGUE["fr"]["draft_mark"] in page for page in pdf_text(pdf))
    check = run_cli(["check", master])
    assert "draft" in fr_line(check.stdout) and "master is a draft" in fr_line(check.stdout)
    batch = run_cli(["batch", master, "--lang", "fr", "--paper", "letter", "--large-print", "no",
                     "--out", tmp_path / "batch"])  # fmt: skip
    assert batch.returncode == 0, batch.stderr
    (entry,) = read_manifest(tmp_path / "batch")["documents"]
    assert entry["status"] == "draft" and "the master is a draft" in entry["draft_reasons"]


def test_a_translation_without_its_record_is_refused_by_build_and_check_alike(tmp_path):
    """Check used to call it "final (reviewed)" while build refused it."""
    master = master_and_fr(tmp_path, translation=None)
    translation = master.with_name("content.fr.yaml")
    out = tmp_path / "out"
    for args in (["build", master, "--lang", "fr"], ["build", translation]):
        line = one_error(run_cli([*args, "--out", out]))
        assert "content.fr.yaml" in line and "translation: missing" in line, line
    assert not out.exists() or not pdfs(out)
    check = run_cli(["check", master])
    assert check.returncode == 2, check.stdout
    assert "final" not in fr_line(check.stdout) and "translation: missing" in check.stdout
    check = run_cli(["check", translation])  # check shows the source line and caret too
    assert check.returncode == 2 and check.stderr.startswith("handout: error: "), check.stderr
    assert "translation: missing" in check.stderr.splitlines()[0]


def test_a_backup_copy_is_not_a_translation(tmp_path):
    """`content.bak.yaml` (an English copy) is not a translation into "bak": a file is a
    translation when its own `language:` is the tag in its name."""
    master = write_content(tmp_path, minimal("- Take it daily."))
    write_content(tmp_path, minimal("- Take it daily."), "content.bak.yaml")
    check = run_cli(["check", master])
    assert check.returncode == 0, check.stdout + check.stderr
    assert "bak" not in check.stdout
    out = tmp_path / "out"
    batch = run_cli(["batch", master, "--out", out])
    assert batch.returncode == 0, batch.stdout + batch.stderr
    assert pdfs(out) == {f"demo-en-{p}{s}.pdf" for p in ("letter", "a4") for s in ("", "-large")}


@pytest.mark.parametrize("lang", ["", "a/b", "../fr", "fr\n"])
def test_lang_must_be_a_language_tag(tmp_path, lang):
    """`--lang ""` used to build the English master."""
    master = master_and_fr(tmp_path)
    out = tmp_path / "out"
    assert "--lang" in one_error(run_cli(["build", master, "--lang", lang, "--out", out]))
    assert not out.exists()


@pytest.mark.parametrize(
    ("master_blocks", "fr_blocks", "field"),
    [
        (
            "- See [the guide](https://example.org/guide).",
            "- Voir [le guide](https://elsewhere.example/guide).",
            "sections[one].blocks[0]",
        ),
        (
            "- bullets: [Call us, 'Or [write](mailto:help@example.org)']",
            "- bullets: [Appelez-nous, 'Ou [écrivez](mailto:other@example.org)']",
            "sections[one].blocks[0].bullets[1]",
        ),
    ],
    ids=["paragraph", "bullet"],
)
def test_a_translated_link_to_another_address_is_a_mismatch(
    tmp_path, master_blocks, fr_blocks, field
):
    master = master_and_fr(tmp_path, master_blocks, fr_blocks)
    line = one_error(run_cli(["build", master, "--lang", "fr", "--out", tmp_path / "out"]))
    assert "content.fr.yaml:" in line and f"{field}: links to" in line, line
    assert "elsewhere.example" in line or "other@example.org" in line
    check = run_cli(["check", master])
    assert check.returncode == 2 and field in check.stdout, check.stdout


def test_translated_links_may_come_in_another_order(tmp_path):
    master = master_and_fr(
        tmp_path,
        "- See [one](https://example.org/1) and [two](https://example.org/2).",
        "- Voir [deux](https://example.org/2) et [un](https://example.org/1).",
    )
    build(master, tmp_path / "out", "--lang", "fr")


# -- stale and lost files ---------------------------------------------------------------------


def _unsafe_qr(master: Path) -> Path:
    """The README's own example: a `javascript:` QR URL."""
    text = master.read_text(encoding="utf-8")
    master.write_text(text.replace("https://rheuminfo.com/", "javascript:alert(1)//", 1))
    return master


def _bad_yaml(master: Path) -> Path:
    master.write_text(master.read_text(encoding="utf-8") + "\n  - ][ not yaml\n")
    return master


def _broken_translation(master: Path) -> Path:
    french = master.with_name("content.fr.yaml")
    french.write_text(french.read_text(encoding="utf-8").replace("sections:", "sections: [", 1))
    return master


@pytest.mark.parametrize(
    ("break_it", "lang"),
    [(_unsafe_qr, None), (_bad_yaml, None), (_broken_translation, "fr")],
    ids=["javascript: QR", "invalid YAML", "broken translation"],
)
def test_a_build_that_fails_while_loading_removes_the_older_pdf(tmp_path, break_it, lang):
    master = copy_content(tmp_path / "src", "fr")
    options = ["--lang", lang] if lang else []
    out = tmp_path / "out"
    older = build(master, out, *options)
    one_error(run_cli(["build", break_it(master), "--out", out, *options]))
    assert not older.exists(), "the PDF of the earlier build still looks current"


def test_a_batch_whose_master_fails_to_load_drops_its_pdfs_and_their_entries(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    master = write_content(folder, minimal("- Take it daily."))
    out = tmp_path / "out"
    first = run_cli(["batch", master, "--out", out])
    assert first.returncode == 0 and len(pdfs(out)) == 4, first.stderr
    _bad_yaml(master)
    result = run_cli(["batch", master, "--out", out])
    assert result.returncode == 1, result.stderr
    manifest = read_manifest(out)
    assert pdfs(out) == set() and manifest["documents"] == []
    (failure,) = manifest["failures"]
    assert "not valid YAML" in failure["error"]


def _tmp_names(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if p.name.endswith(".tmp")}


@pytest.mark.parametrize("command", ["build", "batch"])
def test_temporary_files_of_a_killed_build_are_cleaned_up(tmp_path, command):
    """Ours (a hidden `.NAME.pdf.XXXXXXXX.tmp`) older than a minute go; a fresh one may be a
    build still running, and anything else is not ours."""
    master = write_content(tmp_path, minimal("- Take it daily."))
    out = tmp_path / "out"
    out.mkdir()
    old = time.time() - 120
    for name in (".demo-en-letter.pdf.k2j4x9_a.tmp", ".manifest.json.abcdefgh.tmp"):
        (out / name).write_bytes(b"%PDF-1.4 half")
        os.utime(out / name, (old, old))
    (out / ".demo-en-a4.pdf.zzzzzzzz.tmp").write_bytes(b"fresh")
    for name in ("notes.tmp", ".notes.tmp"):
        (out / name).write_bytes(b"mine")
        os.utime(out / name, (old, old))
    result = run_cli([command, master, "--out", out])
    assert result.returncode == 0, result.stderr
    assert _tmp_names(out) == {".demo-en-a4.pdf.zzzzzzzz.tmp", "notes.tmp", ".notes.tmp"}


@pytest.mark.parametrize("command", ["build", "batch"])
def test_an_output_folder_name_too_long_is_one_line_error(tmp_path, command):
    master = write_content(tmp_path, minimal("- Take it daily."))
    out = tmp_path / ("x" * 300)
    assert "File name too long" in one_error(run_cli([command, master, "--out", out]))


@pytest.mark.parametrize("command", ["build", "batch"])
def test_an_output_path_that_is_a_file_is_one_line_error(tmp_path, command):
    master = write_content(tmp_path, minimal("- Take it daily."))
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    line = one_error(run_cli([command, master, "--out", blocker]))
    assert str(blocker) in line and "not a folder" in line
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("command", ["build", "check", "batch"])
def test_a_fifo_as_content_is_refused_at_once(tmp_path, command):
    fifo = tmp_path / "content.yaml"
    os.mkfifo(fifo)
    args = [command, fifo] + ([] if command == "check" else ["--out", tmp_path / "out"])
    assert "not a regular file" in one_error(run_cli(args))


def _limit_memory() -> None:
    limit = 1 << 30  # 1 GiB of address space: plenty for a build, not for a 4 GiB read
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_a_huge_file_at_the_pdfs_name_is_replaced_without_reading_it(tmp_path):
    master = write_content(tmp_path, minimal("- Take it daily."))
    out = tmp_path / "out"
    out.mkdir()
    huge = out / "demo-en-letter.pdf"
    with huge.open("wb") as f:
        f.truncate(4 << 30)  # sparse: takes no disk
    result = run_cli(["build", master, "--out", out], preexec_fn=_limit_memory)
    assert result.returncode == 0, result.stderr
    assert huge.stat().st_size < 1 << 20 and huge.read_bytes().startswith(b"%PDF")


# -- batch faults -----------------------------------------------------------------------------

FAULTS = textwrap.dedent(
    """
    import os
    import signal

    import time

    import handout.build
    import handout.loader

    _build, _load = handout.build.build, handout.loader.load


    def build(content, paper, large, out_dir, language=None, pdfa=False):
        if language == os.environ.get("FAULT_KILL_LANGUAGE"):
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        if language == os.environ.get("FAULT_SLOW_LANGUAGE"):
            time.sleep(120)
        return _build(content, paper, large, out_dir, language, pdfa)


    def load(path):
        if os.path.basename(str(path)) == os.environ.get("FAULT_CRASH_FILE"):
            raise RuntimeError("injected crash")
        return _load(path)


    handout.build.build, handout.loader.load = build, load
    """
)


def with_faults(tmp_path: Path, **faults: str) -> dict[str, str]:
    """The environment for a CLI process with the faults above armed."""
    folder = tmp_path / "faults"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(FAULTS)
    path = os.pathsep.join([str(ROOT), str(folder)])
    return {"PYTHONPATH": path, **{f"FAULT_{k.upper()}": v for k, v in faults.items()}}


def test_a_killed_worker_fails_only_its_own_documents(tmp_path):
    from handout.pool import usable_cpus

    if usable_cpus() < 2:
        pytest.skip("one CPU: the batch runs in one process, with no worker to lose")
    master = master_and_fr(tmp_path / "src")
    out = tmp_path / "out"
    env = with_faults(tmp_path, kill_language="fr")
    result = run_cli(["batch", master, "--jobs", "2", "--out", out], env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    manifest = read_manifest(out)
    english = {f"demo-en-{p}{s}.pdf" for p in ("letter", "a4") for s in ("", "-large")}
    assert {e["file"] for e in manifest["documents"]} == english == pdfs(out)
    assert len(manifest["failures"]) == 4
    assert all(f["language"] == "fr" and "died" in f["error"] for f in manifest["failures"])


def test_a_master_that_crashes_while_loading_fails_alone(tmp_path):
    good = write_content(tmp_path, minimal("- Take it daily."), "good.yaml")
    bad = write_content(tmp_path, minimal("- Take it daily.", handout="other"), "crash.yaml")
    out = tmp_path / "out"
    env = with_faults(tmp_path, crash_file="crash.yaml")
    result = run_cli(["batch", good, bad, "--out", out], env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    manifest = read_manifest(out)
    assert len(manifest["documents"]) == 4 == len(pdfs(out))
    (failure,) = manifest["failures"]
    assert failure["content"] == str(bad) and "internal error" in failure["error"]


def test_two_masters_with_one_handout_id_both_fail_naming_each_other(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    one = write_content(tmp_path / "a", minimal("- One."))
    two = write_content(tmp_path / "b", minimal("- Two."))
    out = tmp_path / "out"
    assert run_cli(["batch", one, "--out", out]).returncode == 0
    result = run_cli(["batch", one, two, "--out", out])
    assert result.returncode == 1, result.stdout + result.stderr
    manifest = read_manifest(out)
    assert pdfs(out) == set() and manifest["documents"] == []
    errors = {f["content"]: f["error"] for f in manifest["failures"]}
    assert str(two) in errors[str(one)] and str(one) in errors[str(two)]


def test_a_translation_given_beside_its_master_is_built_once(tmp_path):
    master = master_and_fr(tmp_path / "src")
    out = tmp_path / "out"
    result = run_cli(["batch", master, master.with_name("content.fr.yaml"), "--out", out])
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(read_manifest(out)["documents"]) == 8 == len(pdfs(out))


def test_two_batches_into_one_folder_keep_each_others_entries(tmp_path):
    masters = [
        write_content(tmp_path, minimal("- Take it daily.", handout=name), f"{name}.yaml")
        for name in ("first", "second")
    ]
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "handout", "batch", m, "--out", out],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for m in masters
    ]
    for run in runs:
        run.communicate(timeout=120)
        assert run.returncode == 0
    names = {e["file"] for e in read_manifest(out)["documents"]}
    assert names == pdfs(out) and len(names) == 8


def test_ctrl_c_stops_the_batch_cleanly_and_writes_the_manifest(tmp_path):
    """Ctrl-C while one worker is idle (English done) and one is deep in a document (French,
    slowed down): no traceback from either, no wait for the slow one, exit 130, and the
    manifest lists what was finished."""
    from handout.pool import usable_cpus

    if usable_cpus() < 2:
        pytest.skip("one CPU: the batch runs in one process")
    master = master_and_fr(tmp_path / "src")
    out = tmp_path / "out"
    english = {f"demo-en-{p}{s}.pdf" for p in ("letter", "a4") for s in ("", "-large")}
    run = subprocess.Popen(
        [sys.executable, "-m", "handout", "batch", master, "--jobs", "2", "--out", out],
        env={**os.environ, **with_faults(tmp_path, slow_language="fr")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    deadline = time.monotonic() + 60
    while not (out.is_dir() and english <= pdfs(out)) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1)  # the English worker has sent its results and waits for more work
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C sends: to the parent and every worker
    stdout, stderr = run.communicate(timeout=60)  # the French job would sleep for 120 s
    assert run.returncode == 130, stdout + stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "interrupted: 4 documents not built" in stdout, stdout
    assert {e["file"] for e in read_manifest(out)["documents"]} == english


HOSTILE_MANIFESTS = {
    "not JSON": b"\x00{not json",
    "documents not a list": b'{"documents": 5}',
    "entries of wrong types": b'{"documents": [1, "x", {"file": 7}, {"file": ["a.pdf"]}]}',
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "huge": b'{"documents": [' + b" " * (20 << 20) + b"]}",
}


@pytest.mark.parametrize("data", HOSTILE_MANIFESTS.values(), ids=HOSTILE_MANIFESTS)
def test_a_corrupt_manifest_is_replaced(tmp_path, data):
    master = write_content(tmp_path, minimal("- Take it daily."))
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_bytes(data)
    result = run_cli(["batch", master, "--out", out])
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(read_manifest(out)["documents"]) == 4


def test_a_manifest_entry_outside_the_folder_is_never_touched(tmp_path):
    """A planted entry naming ../victim.pdf, with the source of a master that then fails:
    the victim is not removed, and the new manifest does not list it."""
    master = write_content(tmp_path, minimal("- Take it daily."))
    victim = tmp_path / "victim.pdf"
    victim.write_bytes(b"%PDF-1.4 someone else's")
    out = tmp_path / "out"
    out.mkdir()
    entry = {
        "file": "../victim.pdf", "source": str(master), "language": "en", "paper": "letter",
        "large_print": False, "pages": 1, "bytes": victim.stat().st_size, "sha256": "0" * 64,
        "status": "final", "draft_reasons": [], "warnings": [], "inputs": "x",
    }  # fmt: skip
    (out / "manifest.json").write_text(json.dumps({"documents": [entry]}))
    _bad_yaml(master)
    assert run_cli(["batch", master, "--out", out]).returncode == 1
    assert victim.read_bytes() == b"%PDF-1.4 someone else's"
    assert read_manifest(out)["documents"] == []


def test_jobs_4000_does_not_hang(tmp_path):
    master = write_content(tmp_path, minimal("- Take it daily."))
    result = run_cli(["batch", master, "--jobs", "4000", "--out", tmp_path / "out"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pool_is_capped_by_the_work_and_the_usable_cpus():
    from handout.pool import usable_cpus, worker_count

    assert worker_count(4000, 1) == 1  # one group: no pool at all
    assert worker_count(4000, 10_000) == usable_cpus() <= len(os.sched_getaffinity(0))
    assert worker_count(1, 10) == 1


# -- no per-user cache ---------------------------------------------------------------------------


def test_a_build_writes_nothing_outside_its_output_folder(tmp_path):
    """No cache of fonts or QR codes that a planted file could turn into code or another
    address: a fresh home and cache folder stay empty."""
    master = write_content(tmp_path, minimal("- qr: {url: 'https://example.org/', caption: Go}"))
    home, xdg, cache = tmp_path / "home", tmp_path / "xdg", tmp_path / "cache"
    for folder in (home, xdg, cache):
        folder.mkdir()
    env = {"HOME": str(home), "XDG_CACHE_HOME": str(xdg), "HANDOUT_CACHE": str(cache)}
    for _ in range(2):
        build(master, tmp_path / "out")
        assert run_cli(["build", master, "--out", tmp_path / "out"], env=env).returncode == 0
    assert not any(home.iterdir()) and not any(xdg.iterdir()) and not any(cache.iterdir())


# -- the loader's small holes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("top", "field"),
    [
        ({"handout": '"demo\\n"'}, "handout"),
        ({"language": '"en\\n"'}, "language"),
        ({"revised": "20260102"}, "revised"),
        ({"revised": "2026-W01-1"}, "revised"),
        ({"revised": "'2026-01-02T00:00'"}, "revised"),
        ({"handout": "a" * 300}, "handout"),
    ],
    ids=[
        "id with newline",
        "language with newline",
        "basic date",
        "week date",
        "datetime",
        "long id",
    ],
)
def test_loader_refuses_near_miss_values(tmp_path, top, field):
    path = write_content(tmp_path, minimal("- Take it daily.", **top))
    out = tmp_path / "out"
    line = one_error(run_cli(["build", path, "--out", out]))
    lines = path.read_text(encoding="utf-8").splitlines()
    number = 1 + next(i for i, x in enumerate(lines) if x.startswith(field + ":"))
    assert re.match(rf"handout: error: {re.escape(str(path))}:{number}:\d+: {field}: ", line), line
    assert not out.exists()


def test_a_control_byte_is_one_line_with_its_line_number(tmp_path):
    path = tmp_path / "content.yaml"
    path.write_text(minimal("- Take it\x01 daily."), encoding="utf-8")
    line = one_error(run_cli(["build", path, "--out", tmp_path / "out"]))
    number = 1 + next(i for i, x in enumerate(path.read_text().splitlines()) if "\x01" in x)
    assert re.match(rf"handout: error: {re.escape(str(path))}:{number}:\d+: ", line), line
    assert "U+0001" in line, line
