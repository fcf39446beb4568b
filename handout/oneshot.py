"""What a one-shot `handout` process can skip: compiling regular expressions it never uses, and
the interpreter's shutdown once its output is written and closed.

Importing ReportLab and PyYAML compiles a few large regular expressions that handout never
runs: ReportLab's URI validator for its own Paragraph (handout sets text with text.py), its
CJK wrapping helper's, and the pure-Python YAML reader's (handout reads with libyaml). Their
compilation is a noticeable part of a cold `handout build`. `defer_unused_regexes()` leaves a
stand-in in `re`'s cache for exactly those patterns, compiled if it is ever used; a pattern that
has changed in a newer version is simply compiled at import as before.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Sequence

Main = Callable[[Sequence[str] | None], int]

UNUSED_PATTERNS: tuple[tuple[str, int], ...] = (
    # reportlab/platypus/paragraph.py 5.1, `uri_pat`, used only by ReportLab's Paragraph
    (
        "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)"
        "(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]"
        "(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}"
        "(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))"
        "(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z",
        re.IGNORECASE,
    ),
    # reportlab/lib/textsplit.py 5.1, `rx`, used only by its cjkwrap()
    ("([\u2e80-\uffff])", re.UNICODE),
    # yaml/reader.py 6.0, `Reader.NON_PRINTABLE`, used only without libyaml
    ("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
)


class LazyPattern:
    """A compiled pattern's stand-in, which compiles it on first use."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._key = (str, pattern, int(flags))  # the key `re` caches compiled patterns under

    def __getattr__(self, name: str) -> object:  # only for what the stand-in lacks
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            for cache in _re_caches():
                if cache.get(self._key) is self:
                    del cache[self._key]
            compiled = self._compiled = re.compile(self._key[1], self._key[2])
        return getattr(compiled, name)


def _re_caches() -> list[dict]:
    """`re`'s caches of compiled patterns (one in Python 3.10-3.11, two from 3.12)."""
    caches = (getattr(re, "_cache", None), getattr(re, "_cache2", None))
    return [cache for cache in caches if type(cache) is dict]


def defer_unused_regexes() -> None:
    """Leave stand-ins for UNUSED_PATTERNS where `re.compile` looks first."""
    caches = _re_caches()
    if not caches:
        return
    for pattern, flags in UNUSED_PATTERNS:
        stand_in = LazyPattern(pattern, flags)
        caches[0].setdefault(stand_in._key, stand_in)


def command_line(main: Main) -> Main:
    """The CLI's entry: when this process runs `handout` (a `__main__` that calls `main()`
    with no arguments), it ends as soon as `main` returns, with its output written and
    flushed, without the interpreter's shutdown (freeing every object one by one). A call
    with arguments, as from a test or another program, returns as usual."""

    @functools.wraps(main)
    def run(argv: Sequence[str] | None = None) -> int:
        defer_unused_regexes()
        code = main(argv)
        if argv is None and getattr(sys.modules.get("__main__"), "main", None) is run:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except (OSError, ValueError):  # a closed or broken stream: as Python would report it
                return code
            os._exit(code)
        return code

    return run
