"""Where a build's PDF goes (-o FILE, -o -, --out DIR), content from stdin, --quiet, what goes
to stdout and what to stderr, and the environment refusing: a folder that cannot be written, a
full disk, a name too long, a reader that has gone away. Never an internal error."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
from conftest import CONTENT, cli_command, cli_env, minimal, pdf_text, run_cli, write_content

BAD_DATE = minimal("- Hello.", revised="2026-13-40")
HTTP_LINK = minimal("- See [the site](http://example.org/).")


def one_error(result, *words: str) -> str:
    """The run failed with exit 2 and one `handout: error:` line holding every word."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("handout: error: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# -- -o FILE, -o - and stdin --------------------------------------------------------------------


def test_o_file_writes_exactly_that_file(tmp_path):
    target = tmp_path / "sub" / "my handout.pdf"
    result = run_cli(["build", CONTENT, "-o", target], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == [
        target.parent.relative_to(tmp_path),
        target.relative_to(tmp_path),
    ]  # no output/ folder, no temporary file left beside it
    assert "Kineret" in pdf_text(target)[0]


def test_o_file_is_removed_when_its_build_fails(tmp_path):
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"%PDF- an older build")
    result = run_cli(["build", write_content(tmp_path, BAD_DATE), "-o", target])
    one_error(result, "content.yaml:4:10: revised")
    assert not target.exists()


def test_o_dash_writes_the_pdf_and_nothing_else_on_stdout(tmp_path):
    on_disk = tmp_path / "kineret.pdf"
    assert run_cli(["build", CONTENT, "-o", on_disk]).returncode == 0
    result = run_cli(["build", CONTENT, "-o", "-"], cwd=tmp_path, text=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == on_disk.read_bytes()
    assert result.stderr == b""
    assert list(tmp_path.iterdir()) == [on_disk]


def test_dash_reads_the_content_from_stdin(tmp_path):
    result = run_cli(["build", "-", "--out", tmp_path], input=CONTENT.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    from_stdin = tmp_path / "kineret-en-letter.pdf"
    assert result.stdout.strip() == str(from_stdin)
    from_file = run_cli(["build", CONTENT, "-o", tmp_path / "file.pdf"])
    assert from_file.returncode == 0, from_file.stderr
    assert from_stdin.read_bytes() == (tmp_path / "file.pdf").read_bytes()


def test_stdin_errors_name_stdin_and_the_line(tmp_path):
    result = run_cli(["build", "-", "--out", tmp_path], input=BAD_DATE)
    one_error(result, "handout: error: <stdin>:4:10: revised:")
    assert not any(tmp_path.iterdir())


def test_stdin_in_one_language_cannot_build_another(tmp_path):
    content = CONTENT.read_text(encoding="utf-8")
    result = run_cli(["build", "-", "--lang", "fr", "--out", tmp_path], input=content)
    one_error(result, "<stdin>", "--lang fr", "'en'")
    assert not any(tmp_path.iterdir())
    same = run_cli(["build", "-", "--lang", "EN", "--out", tmp_path], input=content)
    assert same.returncode == 0, same.stderr


# -- --quiet, stdout and stderr -----------------------------------------------------------------


def test_build_quiet_prints_nothing_even_a_warning(tmp_path):
    content = write_content(tmp_path, HTTP_LINK)
    loud = run_cli(["build", content, "--out", tmp_path / "out"])
    assert loud.returncode == 0, loud.stderr
    assert "handout: warning:" in loud.stderr and loud.stdout.strip()
    quiet = run_cli(["build", content, "--out", tmp_path / "out", "-q"])
    assert quiet.returncode == 0, quiet.stderr
    assert (quiet.stdout, quiet.stderr) == ("", "")
    assert (tmp_path / "out" / "demo-en-letter.pdf").is_file()


def test_batch_summary_on_stdout_warnings_once_on_stderr(tmp_path):
    content = write_content(tmp_path, HTTP_LINK)
    result = run_cli(["batch", content, "--out", tmp_path / "out", "--jobs", "1"])
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1, result.stdout
    assert "4 documents: 4 built" in result.stdout
    warnings = [x for x in result.stderr.splitlines() if x.startswith("handout: warning:")]
    assert len(warnings) == 1 and "http://example.org/" in warnings[0], result.stderr


def test_batch_quiet_prints_only_its_failures(tmp_path):
    good = write_content(tmp_path, HTTP_LINK)
    options = ["--out", tmp_path / "out", "--jobs", "1", "-q"]
    quiet = run_cli(["batch", good, *options])
    assert quiet.returncode == 0, quiet.stderr
    assert (quiet.stdout, quiet.stderr) == ("", "")
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 4

    broken = write_content(tmp_path, minimal("- Hello.", languages="[fr]"), "broken.yaml")
    failed = run_cli(["batch", broken, "--lang", "fr", "--paper", "a4", *options])
    assert failed.returncode == 1
    assert failed.stdout == ""
    lines = failed.stderr.splitlines()
    assert len(lines) == 2, failed.stderr  # standard and large print
    assert all(x.startswith("handout: error:") and "broken.fr.yaml" in x for x in lines)


# -- the environment refusing -------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "batch"])
def test_an_output_folder_under_a_file_is_one_clear_error(tmp_path, command):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    result = run_cli([command, CONTENT, "--out", tmp_path / "notes.txt" / "pdf"])
    one_error(result, "notes.txt is a file, not a folder")
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_an_output_file_under_a_file_is_one_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    result = run_cli(["build", CONTENT, "-o", tmp_path / "notes.txt" / "kineret.pdf"])
    one_error(result, "notes.txt is a file, not a folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
@pytest.mark.parametrize("command", ["build", "batch"])
def test_a_read_only_folder_is_one_clear_error(tmp_path, command):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run_cli([command, CONTENT, "--out", folder])
    finally:
        folder.chmod(0o755)
    one_error(result, str(folder), "Permission denied")
    assert not any(folder.iterdir())


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_clear_error():
    result = run_cli(["build", CONTENT, "-o", "/dev/full"])
    one_error(result, "/dev/full", "No space left on device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # written into, never replaced


# check --format json: the Kineret file has a warning, which plain check shows on stderr
CHECK = ["check", "--format", "json", CONTENT]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["build", CONTENT, "-o", "-"], CHECK])
def test_stdout_on_a_full_disk_is_one_clear_error(args):
    with open("/dev/full", "wb") as full:
        result = run_cli(args, stdout=full, stderr=subprocess.PIPE, capture_output=False)
    one_error(result, "<stdout>", "No space left on device")


@pytest.mark.parametrize("where", ["-o", "--out"])
def test_a_name_too_long_is_one_clear_error(tmp_path, where):
    name = "a" * 300 + (".pdf" if where == "-o" else "")
    result = run_cli(["build", CONTENT, where, tmp_path / name])
    one_error(result, "cannot write", "File name too long")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    "args", [CHECK, ["build", CONTENT, "-o", "-"]], ids=["check", "build -o -"]
)
def test_a_reader_gone_away_is_a_quiet_exit(args):
    """The reader has closed the pipe before the first byte: exit 141, as for SIGPIPE."""
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "wb") as gone:
        result = run_cli(args, stdout=gone, stderr=subprocess.PIPE, capture_output=False)
    assert result.returncode == 141, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "head"),
    [(CHECK, "head -1"), (["build", CONTENT, "-o", "-"], "head -c 10")],
)
def test_a_pipe_into_head_leaves_nothing_on_stderr(args, head):
    command = " ".join(f"'{a}'" for a in cli_command(args))
    result = subprocess.run(
        ["bash", "-c", f"{command} | {head}"],
        env=cli_env(),
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stderr == b""
    if head == "head -c 10":
        assert len(result.stdout) == 10 and result.stdout.startswith(b"%PDF-")
    else:
        assert result.stdout.decode() == "{\n"
