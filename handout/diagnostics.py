"""Diagnostics shown the way Typst and rustc show them: the one-line form first (the README
documents it and scripts grep it), then the offending source line with a caret under the
column, then a hint where one is known.

    handout: error: content.yaml:9:14: sections[one].heading: must be text, not a list
       |
     9 |     heading: [a, b]
       |              ^^^^^^
       = hint: ...

Also the hints themselves, worked out from what the loader and YAML saw.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from handout.errors import ContentError, Diagnostic, HandoutError

MAX_SHOWN = 100  # characters of a source line shown around the column

HINT_ALIAS = (
    "YAML reads a value that starts with '*' (like **bold** or *italic*) as an alias: "
    'quote the line ("**Do not** stop ...")'
)
HINT_COLON = "text containing ': ' must be quoted in YAML (\"Note: ...\")"
HINT_TAB = "indent with spaces: YAML does not allow tabs for indentation"


def yaml_hint(problem: str, line_text: str | None) -> str | None:
    """The likely cause of a YAML syntax error, from its message and the line it points at."""
    text = line_text or ""
    if "'\\t'" in problem or "\t" in text[: len(text) - len(text.lstrip())]:
        return HINT_TAB
    if starts_with_star(text):
        return HINT_ALIAS
    if "mapping values are not allowed" in problem or ": " in value_of(text):
        return HINT_COLON
    return None


def starts_with_star(line_text: str) -> bool:
    """A list item or a field whose plain value starts with `*`."""
    return re.match(r"\s*(?:-\s+|[^\s:#'\"][^:#]*:\s+)*\*", line_text) is not None


def value_of(line_text: str) -> str:
    """The part of a `key: value` or `- value` line after the key or dash."""
    return re.sub(r"^\s*(?:-\s+)*(?:[\w-]+:\s+)?", "", line_text)


def closest(name: object, choices: Iterable[str]) -> str | None:
    """The known word closest to a misspelt one, if one is close."""
    if not isinstance(name, str):
        return None
    import difflib  # only for a mistake

    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(name: object, choices: Iterable[str]) -> str | None:
    """A hint naming the known word closest to a misspelt one, if one is close."""
    close = closest(name, choices)
    return f"did you mean {close!r}?" if close else None


# -- showing them ---------------------------------------------------------------------------------


def report(error: HandoutError, stream: TextIO | None = None, full: bool = True) -> None:
    """Print an error on stderr: every diagnostic it carries, each with its source line; or,
    not `full`, the one line a log or a script reads (the first error, and how many more)."""
    stream = stream or sys.stderr
    if not full:
        hint = error.diagnostic.hint if isinstance(error, ContentError) else None
        stream.write(f"handout: error: {error}" + (f" (hint: {hint})" if hint else "") + "\n")
    elif isinstance(error, ContentError):
        show(error.diagnostics, stream)
    else:
        stream.write(f"handout: error: {error}\n")


def show(
    diagnostics: Iterable[Diagnostic], stream: TextIO | None = None, full: bool = True
) -> None:
    """Print diagnostics, each with its source line and caret; or, not `full`, one line each."""
    stream = stream or sys.stderr
    lines = _Lines()
    for d in diagnostics:
        text = render(d, lines.get(d)) if full else f"handout: {d.severity}: {d}"
        stream.write(text + ("" if full or not d.hint else f" (hint: {d.hint})") + "\n")


def render(d: Diagnostic, source: str | None = None) -> str:
    """`handout: SEVERITY: file:line:col: field: message`, then the source line and caret
    when the line is known, then `= hint: ...`."""
    out = [f"handout: {d.severity}: {d}"]
    source = d.source if d.source is not None else source
    gutter = " " * len(str(d.line or ""))
    if source is not None and d.line:
        shown, caret = _excerpt(source, d.column, d.end_column)
        out += [f"{gutter} |", f"{d.line} | {shown}".rstrip()]
        if caret:
            out.append(f"{gutter} | {caret}")
    if d.hint:
        out.append(f"{gutter} = hint: {d.hint}")
    return "\n".join(out)


def _excerpt(line: str, column: int | None, end: int | None) -> tuple[str, str]:
    """The line as shown (controls made visible, a window around the column if it is long)
    and the caret line under it."""
    start = (column or 1) - 1
    stop = end - 1 if end and column and end > column else start + 1
    stop = min(max(stop, start + 1), start + MAX_SHOWN // 2)
    first = 0 if len(line) <= MAX_SHOWN or start < MAX_SHOWN // 2 else start - MAX_SHOWN // 4
    last = min(len(line), first + MAX_SHOWN)
    before = "..." if first else ""
    after = "..." if last < len(line) else ""
    shown = before + "".join(map(_visible, line[first:last])) + after
    if column is None or start > len(line):
        return shown, ""
    pad = len(before) + sum(_width(c) for c in line[first:start])
    under = max(1, sum(_width(c) for c in line[start : min(stop, last)]))
    return shown, " " * pad + "^" * under


def _visible(char: str) -> str:
    """A tab as four spaces; a control, format or unassigned character (which could move the
    terminal's cursor or reorder the line) as U+FFFD."""
    if char == "\t":
        return "    "
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return "\ufffd"
    return char


def _width(char: str) -> int:
    if char == "\t":
        return 4
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(_visible(char)) in ("W", "F") else 1


class _Lines:
    """Source lines read back from the files named, once per file, for diagnostics found
    after loading (they carry only the line number)."""

    def __init__(self) -> None:
        self.files: dict[str, list[str] | None] = {}

    def get(self, d: Diagnostic) -> str | None:
        if d.source is not None or not d.line:
            return d.source
        if d.file not in self.files:
            try:
                text = Path(d.file).read_text(encoding="utf-8", errors="replace")
                self.files[d.file] = text.splitlines()
            except (OSError, ValueError):
                self.files[d.file] = None
        lines = self.files[d.file]
        return lines[d.line - 1] if lines and d.line <= len(lines) else None
