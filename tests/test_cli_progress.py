"""The command line on a real terminal (a pseudo-terminal of a given width): the batch's
progress bar is redrawn in place, never wider than the terminal, and shows the elapsed time
and an ETA; a PDF is not poured onto the screen."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import termios
import threading

import pytest
from conftest import CONTENT, run_cli


def run_on_terminal(args, columns: int, cwd) -> tuple[int, str]:
    """Run the CLI with stdin, stdout and stderr on a pseudo-terminal `columns` wide; return
    its exit code and everything it wrote there."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    attrs = termios.tcgetattr(follower)
    attrs[1] &= ~termios.ONLCR  # keep "\n" as written, not "\r\n"
    termios.tcsetattr(follower, termios.TCSANOW, attrs)
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:  # EIO: every writer has closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    env = {"COLUMNS": "", "LINES": ""}  # the terminal's own size must be the one used
    try:
        result = run_cli(
            args,
            cwd=cwd,
            env=env,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            capture_output=False,
        )
    finally:
        os.close(follower)
    reader.join(timeout=30)
    os.close(leader)
    return result.returncode, b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize("columns", [80, 40])
def test_the_bar_fits_the_terminal_and_shows_elapsed_and_eta(tmp_path, columns):
    args = ["batch", CONTENT, "--lang", "en,fr", "--jobs", "1", "--out", "out"]
    code, screen = run_on_terminal(args, columns, tmp_path)
    assert code == 0, screen
    pieces = re.split(r"[\r\n]", screen)
    bars = [p for p in pieces if p.startswith("[")]
    assert len(bars) == 8, screen  # one redraw per document, in place: "\r", no new line
    assert screen.count("\n") == 2, screen  # after the last bar, and after the summary
    for n, bar in enumerate(bars, 1):
        assert len(bar) < columns, bar  # the last column is left free: no wrap
        assert re.match(rf"\[[#-]+\] {n}/8 \d+:\d\d ETA \d+:\d\d ", bar), bar
    *progress, summary, _ = pieces
    assert re.match(r"8 documents: 8 built\b", summary), screen  # on stdout, a plain line
    assert max(len(p) for p in progress) < columns, screen


def test_a_pdf_is_not_written_to_a_terminal(tmp_path):
    code, screen = run_on_terminal(["build", CONTENT, "-o", "-"], 80, tmp_path)
    assert code == 2, screen
    assert screen.startswith("handout: error: <stdout>: is a terminal, not a PDF file"), screen
    assert screen.count("\n") == 1 and "%PDF" not in screen
