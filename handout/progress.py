"""Progress of a batch: a bar on a terminal that never wraps, one plain line per document in a
log (a pipe or a file), nothing when quiet."""

from __future__ import annotations

import os
import shutil
import sys
import time
from typing import TextIO


def columns(stream: TextIO) -> int:
    """The width of the terminal the stream writes to (not necessarily stdout's)."""
    try:
        width = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        width = 0
    return width or shutil.get_terminal_size().columns


def clock(seconds: float) -> str:
    """12:05 for minutes and seconds, 1:02:05 past an hour."""
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """Reports each finished document. On a terminal one bar line is redrawn in place, cut to
    the terminal's width (read again at every update, so a resize is followed), with elapsed
    time and an estimate of the time left; failures are written above it in full."""

    def __init__(self, total: int, quiet: bool = False, stream: TextIO = sys.stderr) -> None:
        self.total, self.done, self.quiet, self.stream = total, 0, quiet, stream
        self.tty = stream.isatty()
        self.started = time.monotonic()

    def update(self, state: str, name: str, detail: str) -> None:
        """One document finished: `state` built, unchanged or failed; `detail` is its
        description, or the error of a failure."""
        self.done += 1
        if self.quiet:
            return
        if not self.tty:
            self.stream.write(f"[{self.done}/{self.total}] {state} {name}: {detail}\n")
        else:
            width = columns(self.stream) - 1  # writing the last column wraps on many terminals
            if state == "failed":
                self.stream.write("\r" + " " * width + "\r")
                self.stream.write(f"failed: {name}: {detail}\n")
            self.stream.write("\r" + self.bar(state, name, width))
            if self.done == self.total:
                self.stream.write("\n")
        self.stream.flush()

    def bar(self, state: str, name: str, width: int) -> str:
        """`[#####-----] 3/24 0:04 ETA 0:12 built name.pdf`, exactly `width` characters."""
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done)
        tail = f" {self.done}/{self.total} {clock(elapsed)} ETA {clock(left)} {state} {name}"
        cells = max(10, min(30, width - len(tail) - 2))
        filled = cells * self.done // self.total
        line = f"[{'#' * filled}{'-' * (cells - filled)}]{tail}"
        return line[:width].ljust(width)  # a narrow terminal loses the end of the name first
