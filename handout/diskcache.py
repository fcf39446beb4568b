"""A small per-user cache of work that repeats across processes (parsed fonts, QR matrices).

A fresh `handout build` process would otherwise parse the same TrueType files and compute the
same QR codes every time. Entries are keyed by their inputs and the library versions; a cache
that cannot be read or written is simply not used. `HANDOUT_CACHE=off` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    setting = os.environ.get("HANDOUT_CACHE", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "handout"


def cached(kind: str, key: str, compute: Callable[[], T]) -> T:
    """The value for `key`, computed once and then read back from disk."""
    from reportlab import Version

    from handout import __version__

    folder = cache_dir()
    if folder is None:
        return compute()
    digest = hashlib.sha256(f"{__version__}|{Version}|{key}".encode()).hexdigest()[:32]
    path = folder / kind / f"{digest}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, unreadable or from an incompatible version: recompute
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value
