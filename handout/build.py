"""One handout from content file to PDF on disk: load, check, lay out and render, write."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from handout import fonts
from handout.catalogue import labels_for
from handout.errors import ContentError
from handout.loader import load
from handout.model import Handout


@dataclass(frozen=True)
class Built:
    """What a build made, for the CLI's output and the batch manifest."""

    path: Path
    handout: Handout
    paper: str
    large: bool
    pages: int
    size: int
    draft_reasons: tuple[str, ...]
    warnings: tuple[str, ...] = field(default=())


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


def draft_reasons(handout: Handout) -> tuple[str, ...]:
    """Why this handout must print as a draft (empty when it is final)."""
    return ("status is draft",) if handout.status == "draft" else ()


def build(content: str | Path, paper: str, large: bool, out_dir: str | Path) -> Built:
    """Build one PDF; on any failure nothing is left at the target path."""
    from handout.render import render

    handout = load(content)
    labels = labels_for(handout.language, handout.labels, str(handout.path))
    check_drawable(handout, labels)
    reasons = draft_reasons(handout)
    target = Path(out_dir) / output_name(handout, paper, large)
    try:
        data, pages = render(handout, labels, paper, large, draft=bool(reasons))
        write_atomic(target, data)
    except BaseException:
        target.unlink(missing_ok=True)  # never leave a stale PDF that looks current
        raise
    return Built(target, handout, paper, large, pages, len(data), reasons, handout.warnings)


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
