"""One handout from content file to PDF on disk: load, check, lay out and render, write."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from handout import fonts
from handout.catalogue import labels_for
from handout.errors import ContentError, Diagnostic, HandoutError
from handout.loader import LANGUAGE
from handout.model import Handout
from handout.options import Options
from handout.peek import top_values
from handout.translations import draft_reasons, load_pair, mismatches, translation_path

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
    warnings: tuple[Diagnostic, ...] = ()
    written: bool = True  # False when the file already held exactly these bytes


def output_name(handout: Handout, paper: str, large: bool) -> str:
    return file_name(handout.handout, handout.language, paper, large)


def file_name(handout_id: str, language: str, paper: str, large: bool) -> str:
    return f"{handout_id}-{language}-{paper}{'-large' if large else ''}.pdf"


def expected_target(
    content: str | Path, language: str | None, paper: str, large: bool, out_dir: Path
) -> Path | None:
    """The PDF a build would write, from a cheap read of the content, before loading it: a
    build that fails while loading (bad YAML, an unsafe URL) still removes an older PDF."""
    if str(content) == "-":  # standard input: nothing to read ahead
        return None
    content = Path(content)
    values = top_values(content)
    if language is not None:
        if not LANGUAGE.match(language):
            return None
        written = top_values(translation_path(content, language)).get("language", "")
        language = written if written.lower() == language.lower() else language
    language = language or values.get("language")
    if "handout" not in values or not language:
        return None
    return out_dir / file_name(values["handout"], language, paper, large)


def check_drawable(handout: Handout, labels: dict[str, str]) -> None:
    """Every character the page will show must have a glyph in the language's fonts."""
    chain = fonts.chain_for(handout.language)
    for family in chain:  # a font pack not installed: the language's one error
        missing = fonts.pack_missing(family)
        if missing:
            line = handout.lines.get("language")
            raise ContentError(
                str(handout.path), line, "language", f"{handout.language}: {missing}"
            )
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
    output: str | Path | None = None,
    options: Options | None = None,
) -> Built:
    """Build one PDF, into `out_dir` under its handout's name, or into the file `output`
    ("-": standard output). The target is worked out before the content is loaded, and any
    failure removes that file: a PDF left from an earlier build must not look like the
    current one. A file that already holds exactly these bytes is left alone. `options`
    brings the clinic profile (and patient fields); paper, print size and PDF/A are the
    arguments'."""

    out = Path(out_dir)
    if output is None:
        clean_stale_temps(out)
        targets = {expected_target(content, language, paper, large, out)}
    else:
        targets = {Path(output)}
    try:
        master, translation = load_pair(content, language)
        doc = translation or master
        target = Path(output) if output is not None else out / output_name(doc, paper, large)
        targets.add(target)
        prepared = checked(master, translation)
        chosen = (options or Options())._replace(paper=paper, large=large, pdfa=pdfa)
        data, pages = render_prepared(prepared, chosen)
        written = write_output(target, data)
    except BaseException:
        for path in targets - {None}:
            _remove_stale(path)
        raise
    reasons, warnings = prepared.draft_reasons, prepared.warnings
    return Built(target, doc, paper, large, pages, len(data), reasons, warnings, written)


def render_prepared(prepared: Prepared, options: Options) -> tuple[bytes, int]:
    """The PDF's bytes and page count, in memory (the desk never writes a patient's PDF)."""
    from handout.personal import check_drawable as check_personal
    from handout.render import render

    check_personal(options, prepared.handout.language)
    doc, labels, draft = prepared.handout, prepared.labels, bool(prepared.draft_reasons)
    return render(doc, labels, options.paper, options.large, draft, options.pdfa, options=options)


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
        elif same_bytes(target, data):
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


_CHUNK = 1 << 20


def same_bytes(path: Path, data: bytes) -> bool:
    """Whether a file holds exactly `data`: by size first, then chunk by chunk, so that a huge
    file at the PDF's name is never read whole."""
    try:
        if not path.is_file() or path.stat().st_size != len(data):
            return False
        view = memoryview(data)
        with path.open("rb") as f:
            for start in range(0, len(data), _CHUNK):
                if f.read(_CHUNK) != view[start : start + _CHUNK]:
                    return False
            return not f.read(1)
    except OSError:
        return False


# mkstemp's names for write_atomic's temporary files: ".NAME.pdf.k2j4x9_a.tmp"
_TEMP = re.compile(r"\..+\.(?:pdf|json)\.[a-z0-9_]{8}\.tmp\Z")
STALE_TEMP_SECONDS = 60


def clean_stale_temps(folder: Path) -> None:
    """Remove temporary files left by a build that was killed before it could rename or
    remove them; one younger than a minute may belong to a build still running."""
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                if (
                    _TEMP.match(entry.name)
                    and entry.is_file(follow_symlinks=False)
                    and now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS
                ):
                    os.unlink(entry.path)


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place. A fault of the
    environment (a file where the folder should be, a read-only or full disk) is bad input."""
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as e:
        raise HandoutError(f"{target}: cannot write ({_why(target, e)})") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink(missing_ok=True)
