"""`handout watch`: rebuild a handout each time its content, or its translation, is saved, for
an editor with the PDF open beside the YAML. watchfiles is imported only here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def watched(content: Path, language: str | None) -> set[Path]:
    """The files a build of `content` reads: the file itself, its master when it is a
    translation, and the translation asked for with --lang (which may not exist yet)."""
    from handout.translations import master_path, translation_path

    paths = {content, master_path(content)}
    if language:
        paths.add(translation_path(content, language))
    return {p.resolve() for p in paths}


def watch(paths: set[Path], rebuild: Callable[[], None]) -> None:
    """Build now, then after every change to one of `paths`, until interrupted (Ctrl-C
    raises KeyboardInterrupt). Their folders are watched, not the files: an editor that saves
    by writing a new file and renaming it over the old one replaces the file being watched."""
    import watchfiles

    def ours(_change: watchfiles.Change, path: str) -> bool:
        return Path(path).resolve() in paths

    folders = sorted({p.parent for p in paths})
    started = False
    # The first build waits for the first (empty) yield: by then the watcher is running, so
    # that a save made as soon as that build is reported is not missed.
    for changes in watchfiles.watch(
        *folders, watch_filter=ours, recursive=False, yield_on_timeout=True, rust_timeout=200
    ):
        if changes or not started:
            started = True
            rebuild()
