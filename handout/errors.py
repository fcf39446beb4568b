"""Errors and warnings that carry the place in the content file they come from, so every
message points at the line (and column) an editor wrote."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Diagnostic(NamedTuple):
    """One finding at a place in a content file: an error (the file cannot be built) or a
    warning (it can, but an editor should look). `source` is the text of the offending line
    when the finder had it (content read from stdin has no file to read it back from).

    A NamedTuple, not a frozen dataclass: every `handout` process imports it, and making a
    dataclass (and importing `dataclasses`) costs milliseconds of its start."""

    file: str
    line: int | None
    field: str
    message: str
    severity: Severity = "error"
    column: int | None = None
    hint: str | None = None
    end_column: int | None = None
    source: str | None = None

    @property
    def where(self) -> str:
        """`file`, `file:line` or `file:line:column`."""
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")

    def __str__(self) -> str:
        """The one-line form the README documents: `file:line:col: field: message`."""
        return ": ".join(filter(None, (self.where, self.field, self.message)))

    def as_dict(self) -> dict[str, object]:
        """The machine-readable form (`handout check --format json`)."""
        out = self._asdict()
        del out["source"]
        return out


class HandoutError(Exception):
    """Bad input or usage: reported on stderr, exit code 2."""


class ContentError(HandoutError):
    """Something wrong at a known place in a content file; may carry several diagnostics
    (the loader reports every error of a file it can find, the first one first)."""

    def __init__(
        self,
        file: str,
        line: int | None,
        field: str,
        message: str,
        *,
        column: int | None = None,
        hint: str | None = None,
        end_column: int | None = None,
        source: str | None = None,
    ) -> None:
        first = Diagnostic(file, line, field, message, "error", column, hint, end_column, source)
        self.diagnostics: tuple[Diagnostic, ...] = (first,)
        self.file, self.line, self.field, self.message = file, line, field, message
        super().__init__(str(first))

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> ContentError:
        """One error for several diagnostics (at least one), the first one in front."""
        found = tuple(diagnostics)
        d = found[0]
        error = cls(d.file, d.line, d.field, d.message)
        error.diagnostics = found
        return error

    @classmethod
    def joined(cls, errors: Iterable[ContentError]) -> ContentError:
        """Several errors reported as one, in order."""
        return cls.of(d for e in errors for d in e.diagnostics)

    def __reduce__(self):  # to cross process boundaries (batch workers) whole
        return (ContentError.of, (self.diagnostics,))

    @property
    def diagnostic(self) -> Diagnostic:
        return self.diagnostics[0]

    def __str__(self) -> str:
        """The first diagnostic's one-line form, saying how many more there are (for one-line
        reports such as batch's)."""
        more = len(self.diagnostics) - 1
        return str(self.diagnostic) + (f" (and {more} more)" if more else "")
