"""Errors that carry the place in the content file they come from, so every message points
at the line an editor wrote."""

from __future__ import annotations


class HandoutError(Exception):
    """Bad input or usage: reported as one line, exit code 2."""


class ContentError(HandoutError):
    """Something wrong at a known place in a content file."""

    def __init__(self, file: str, line: int | None, field: str, message: str) -> None:
        self.file, self.line, self.field, self.message = file, line, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
