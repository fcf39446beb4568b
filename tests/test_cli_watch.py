"""`handout watch`: a rebuild on every save of the content or its translation, one line each,
an error reported without stopping, and Ctrl-C ending it quietly."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import cli_command, cli_env, minimal, pdf_text, write_content

WAIT = 60  # seconds: generous, to catch a hang on a loaded machine, not to time anything


class Watcher:
    """`handout watch ARGS` in the background, its output lines read as they come."""

    def __init__(self, args, cwd: Path) -> None:
        self.process = subprocess.Popen(
            cli_command(["watch", *args]),
            cwd=cwd,
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[tuple[str, str]] = queue.Queue()
        self.stderr: list[str] = []
        for name, stream in (("out", self.process.stdout), ("err", self.process.stderr)):
            threading.Thread(target=self._read, args=(name, stream), daemon=True).start()

    def _read(self, name: str, stream) -> None:
        for line in stream:
            if name == "err":
                self.stderr.append(line)
            self.lines.put((name, line.rstrip("\n")))

    def next_line(self) -> tuple[str, str]:
        """The next line on stdout ("out") or stderr ("err")."""
        try:
            return self.lines.get(timeout=WAIT)
        except queue.Empty:
            pytest.fail(f"watch printed nothing for {WAIT} s; stderr: {''.join(self.stderr)}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=WAIT)
        finally:
            self.process.kill()


def save(path: Path, text: str, by_rename: bool = False) -> None:
    """Save as an editor does: in place, or (vim, many IDEs) a new file renamed over it."""
    if by_rename:
        tmp = path.with_name(path.name + ".swp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    else:
        path.write_text(text, encoding="utf-8")


def test_watch_rebuilds_on_save_reports_errors_and_stops_quietly(tmp_path):
    content = write_content(tmp_path, minimal("- First words."))
    pdf = tmp_path / "demo.pdf"
    watcher = Watcher([content.name, "-o", pdf.name], tmp_path)
    try:
        stream, line = watcher.next_line()
        assert (stream, line.split()[1:3]) == ("out", ["built", pdf.name]), line
        assert "First words." in pdf_text(pdf)[0]

        save(content, minimal("- Second words."))
        stream, line = watcher.next_line()
        assert (stream, line.split()[1:3]) == ("out", ["built", pdf.name]), line
        assert "Second words." in pdf_text(pdf)[0]

        save(content, minimal("- Third words.", revised="2026-13-40"), by_rename=True)
        stream, line = watcher.next_line()
        assert stream == "err" and line.startswith(f"handout: error: {content.name}:4:10: revised")
        assert not pdf.exists()  # a failed build leaves no stale PDF behind

        save(content, minimal("- Fourth words."), by_rename=True)
        stream, line = watcher.next_line()
        assert (stream, line.split()[1:3]) == ("out", ["built", pdf.name]), line
        assert "Fourth words." in pdf_text(pdf)[0]
    finally:
        code = watcher.stop()
    assert code in (0, 130)
    assert "Traceback" not in "".join(watcher.stderr), watcher.stderr


def test_watch_rebuilds_when_the_translation_is_saved(tmp_path):
    content = write_content(tmp_path, minimal("- Hello."))
    french = minimal("- Bonjour.", language="fr")
    french += "translation: {from_revised: 2026-01-02, reviewed_by: Anne}\n"
    translation = write_content(tmp_path, french, "content.fr.yaml")
    watcher = Watcher([content.name, "--lang", "fr", "--out", "out"], tmp_path)
    try:
        stream, line = watcher.next_line()
        built = tmp_path / line.split()[2]
        assert stream == "out" and built.name == "demo-fr-letter.pdf", line
        assert "Bonjour." in pdf_text(built)[0]

        save(translation, french.replace("Bonjour.", "Salut."))
        stream, line = watcher.next_line()
        assert stream == "out" and "built" in line.split(), line
        assert "Salut." in pdf_text(built)[0]
    finally:
        code = watcher.stop()
    assert code in (0, 130)
    assert "Traceback" not in "".join(watcher.stderr), watcher.stderr


def test_watch_needs_a_file(tmp_path):
    from conftest import run_cli

    result = run_cli(["watch", "-", "-o", "x.pdf"], cwd=tmp_path, input="")
    assert result.returncode == 2
    assert result.stderr.startswith("handout: error: watch reads and writes files")
    missing = run_cli(["watch", "nothing.yaml"], cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == ["handout: error: nothing.yaml: file not found"]
