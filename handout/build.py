"""One handout from content file to PDF on disk: load, check, lay out and render, write."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from handout import fonts
from handout.catalogue import labels_for
from handout.errors import ContentError, HandoutError
from handout.model import Handout
from handout.translations import draft_reasons, load_pair, mismatches

STDOUT = "-"  # as an output file: the PDF's bytes go to standard output


class Built(NamedTuple):
    """What a build made, for the CLI's output and the batch manifest."""

    path: Path
    handout: Handout
    paper: str
    large: bool
    pages: int
    size: int
    draft_reasons: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    written: bool = True  # False when the file already held exactly these bytes


def output_name(handout: Handout, paper: str, large: bool) -> str:
    return f"{handout.handout}-{handout.language}-{paper}{'-large' if large else ''}.pdf"


def check_drawable(handout: Handout, labels: dict[str, str]) -> None:
    """Every character the page will show must have a glyph in the language's fonts."""
    chain = fonts.chain_for(handout.language)
    names = "/".join(f.name for f in chain)
    texts = [(s.field, s.line, s.text) for s in handout.spans]
    texts += [(f"labels.{k}", None, v) for k, v in labels.items()]
    for where, line, text in texts:
        char = fonts.undrawable(text, chain)
        if char:
            raise ContentError(
                str(handout.path),
                line,
                where,
                f"character {fonts.describe(char)} cannot be drawn by the fonts for language "
                f"{handout.language!r} ({names})",
            )


class Prepared(NamedTuple):
    """A handout checked and ready to render: its text, printed labels and draft reasons."""

    handout: Handout
    labels: dict[str, str]
    draft_reasons: tuple[str, ...]
    warnings: tuple[str, ...]


def prepare(content: str | Path, language: str | None = None) -> Prepared:
    """Load, validate and check one handout (a master, or a translation of it)."""
    return checked(*load_pair(content, language))


def checked(master: Handout, translation: Handout | None) -> Prepared:
    """Check what loading cannot: the translation's structure, every glyph, the labels."""
    if translation is not None:
        problems = mismatches(master, translation)
        if problems:
            raise problems[0]
    doc = translation or master
    labels = labels_for(doc)
    check_drawable(doc, labels)
    return Prepared(doc, labels, draft_reasons(master, translation), doc.warnings)


def build(
    content: str | Path,
    paper: str,
    large: bool,
    out_dir: str | Path,
    language: str | None = None,
    pdfa: bool = False,
    output: str | Path | None = None,
) -> Built:
    """Build one PDF, into `out_dir` under its handout's name, or into the file `output`
    ("-": standard output). Once the target is known, any failure removes that file: a PDF
    left from an earlier build must not look like the current one. A file that already holds
    exactly these bytes is left alone."""
    from handout.render import render

    try:
        master, translation = load_pair(content, language)
    except BaseException:
        if output:  # the target is known before the content is read
            _remove_stale(Path(output))
        raise
    doc = translation or master
    target = Path(output) if output else Path(out_dir) / output_name(doc, paper, large)
    try:
        prepared = checked(master, translation)
        draft = bool(prepared.draft_reasons)
        data, pages = render(doc, prepared.labels, paper, large, draft, pdfa)
        written = write_output(target, data)
    except BaseException:
        _remove_stale(target)
        raise
    reasons, warnings = prepared.draft_reasons, prepared.warnings
    return Built(target, doc, paper, large, pages, len(data), reasons, warnings, written)


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def _remove_stale(target: Path) -> None:
    """Remove the PDF a failed build would have replaced: a regular file only (never a
    device such as /dev/full, nor standard output), and only if the path can be looked at."""
    try:
        if str(target) != STDOUT and target.is_file():
            target.unlink()
    except OSError:
        pass  # a name too long, a folder that is a file: there is no stale PDF there


def output_folder(path: str | Path) -> Path:
    """The output folder, made if need be and proved writable before any work starts, so
    that a folder that cannot be written is one error, not one per document."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        reason = _why(folder / "x", e)
        raise HandoutError(f"{folder}: cannot write to this folder ({reason})") from None
    return folder


def write_output(target: Path, data: bytes) -> bool:
    """Write a PDF: to stdout for "-"; straight into a device or pipe (`-o /dev/stdout`);
    otherwise atomically, unless the file holds these bytes already. Returns whether it wrote.
    A file system that refuses (no such folder, no permission, no space) is an error of the
    environment, reported with the target's name."""
    try:
        if str(target) == STDOUT:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        elif target.exists() and not target.is_file():
            with target.open("wb") as f:
                f.write(data)
        elif target.is_file() and target.read_bytes() == data:
            return False
        else:
            write_atomic(target, data)
    except BrokenPipeError:
        raise  # the reader has gone: a quiet exit, not an error
    except OSError as e:
        if str(target) == STDOUT:
            raise HandoutError(f"<stdout>: cannot write ({e.strerror or e})") from None
        raise HandoutError(f"{target}: cannot write ({_why(target, e)})") from None
    return True


def _why(target: Path, error: OSError) -> str:
    """The reason a write failed, in the user's terms: "File exists" for a folder in the
    path that is a file says nothing."""
    for parent in target.parents:
        try:
            if parent.exists():
                return error.strerror if parent.is_dir() else f"{parent} is a file, not a folder"
        except OSError:
            continue
    return error.strerror or str(error)


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
