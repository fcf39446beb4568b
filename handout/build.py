"""One handout from content file to PDF on disk: load, check, lay out and render, write."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import NamedTuple

from handout import fonts
from handout.catalogue import labels_for
from handout.errors import ContentError, Diagnostic
from handout.model import Handout
from handout.translations import draft_reasons, load_pair, mismatches


class Built(NamedTuple):
    """What a build made, for the CLI's output and the batch manifest."""

    path: Path
    handout: Handout
    paper: str
    large: bool
    pages: int
    size: int
    draft_reasons: tuple[str, ...]
    warnings: tuple[Diagnostic, ...] = ()
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
    warnings: tuple[Diagnostic, ...]


def prepare(content: str | Path, language: str | None = None) -> Prepared:
    """Load, validate and check one handout (a master, or a translation of it)."""
    return checked(*load_pair(content, language))


def checked(master: Handout, translation: Handout | None) -> Prepared:
    """Check what loading cannot: the translation's structure, every glyph, the labels."""
    if translation is not None:
        problems = mismatches(master, translation)
        if problems:
            raise ContentError.joined(problems)
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
) -> Built:
    """Build one PDF. Once the handout's file name is known, any failure removes that file:
    a PDF left from an earlier build must not look like the current one. A file that already
    holds exactly these bytes is left alone."""
    from handout.render import render

    master, translation = load_pair(content, language)
    doc = translation or master
    target = Path(out_dir) / output_name(doc, paper, large)
    try:
        prepared = checked(master, translation)
        draft = bool(prepared.draft_reasons)
        data, pages = render(doc, prepared.labels, paper, large, draft, pdfa)
        written = not target.is_file() or target.read_bytes() != data
        if written:
            write_atomic(target, data)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    reasons, warnings = prepared.draft_reasons, prepared.warnings
    return Built(target, doc, paper, large, pages, len(data), reasons, warnings, written)


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


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
