"""What a one-shot `handout` process can skip: compiling regular expressions it never uses,
importing qrcode's raster drawers, running the modules ReportLab imports for what a handout may
not need until it needs them, collecting cyclic garbage, and the interpreter's shutdown once its
output is written.

Importing ReportLab and PyYAML compiles a few large regular expressions that handout never
runs: ReportLab's URI validator and hyphenation patterns for its own Paragraph (handout sets
text with text.py), its CJK wrapping and Python colouring helpers', and the pure-Python YAML
reader's (handout reads with libyaml). Their compilation is a noticeable part of a cold
`handout build`. `defer_unused_regexes()` leaves a stand-in in `re`'s cache for exactly those
patterns, compiled if it is ever used; a pattern that has changed in a newer version is simply
compiled at import as before.

Importing qrcode also imports its PIL module drawers "for backwards compatibility", and with
them PIL's drawing and FreeType modules; handout draws its codes as vectors (qr.py). qrcode
imports them under `try ... except ImportError`, the path it takes where PIL is missing, so the
`handout` process marks them as absent (`sys.modules[name] = None`).

Importing ReportLab also runs Pillow's Image module (for raster images) and HarfBuzz (for
shaping), which together cost more than all of handout's own modules; a handout in a Latin
script without a clinic's logo uses neither. The `handout` process puts a `DeferredModule` in
their place, which runs the real module the first time one of its names is used: an Arabic
handout loads HarfBuzz as its first word is shaped, a logo loads Pillow as it is read.

A `handout build` or `check` lives for a fraction of a second and frees everything at once
when it exits, so it runs without the cyclic garbage collector (whose passes over the objects
that importing ReportLab makes cost more than the garbage it would free); the commands that
run on (`batch`, `watch`, `serve`) turn it back on (`keep_collecting`).
"""

from __future__ import annotations

import functools
import gc
import importlib.util
import json
import os
import re
import sys
import threading
import types
from collections.abc import Callable, Sequence
from pathlib import Path

Main = Callable[[Sequence[str] | None], int]

# (module, name) of each pattern handout never runs; their text is in PATTERNS_FILE, written by
# tools/make_unused_patterns.py from the installed versions
UNUSED: tuple[tuple[str, str], ...] = (
    ("reportlab.platypus.paragraph", "uri_pat"),  # ReportLab's Paragraph only (not used)
    ("reportlab.platypus.paragraph", "_hy_pfx_pat"),  # its hyphenation, the same
    ("reportlab.platypus.paragraph", "_hy_sfx_pat"),
    ("reportlab.platypus.paragraph", "_hy_letters_pat"),
    ("reportlab.platypus.paragraph", "_hy_shy_letters_pat"),
    ("reportlab.lib.textsplit", "rx"),  # its cjkwrap() only
    ("reportlab.lib.PyFontify", "matchRE"),  # XPreformatted's Python colouring only
    ("yaml.reader", "Reader.NON_PRINTABLE"),  # the pure-Python reader (handout uses libyaml)
)
PATTERNS_FILE = Path(__file__).with_name("data") / "unused-patterns.json"
UNUSED_MODULES = ("qrcode.image.styles.moduledrawers.pil",)  # raster drawers (PIL's ImageDraw)
DEFERRED_MODULES = ("PIL.Image", "uharfbuzz")  # imported by ReportLab for images and shaping


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
    """Leave stand-ins for the UNUSED patterns where `re.compile` looks first."""
    caches = _re_caches()
    if not caches:
        return
    for entry in json.loads(PATTERNS_FILE.read_text(encoding="utf-8")):
        stand_in = LazyPattern(entry["pattern"], entry["flags"])
        caches[0].setdefault(stand_in._key, stand_in)


class DeferredModule(types.ModuleType):
    """A module made from its spec whose code runs the first time a name it lacks is used.

    Unlike the modules of `importlib.util.LazyLoader`, it is not run by an `import` statement
    that finds it in `sys.modules` (which reads its `__spec__`, in Python 3.11 and 3.12): the
    names the import system sets are there already. Once run it is a plain module, the one
    object every importer holds."""

    def __getattr__(self, name: str) -> object:  # only for the names the module lacks
        with _RUNNING:
            if type(self) is DeferredModule:
                if self.__dict__.get("__deferred_running__"):  # its own code, still running
                    raise AttributeError(name)
                self.__deferred_running__ = True
                try:
                    self.__spec__.loader.exec_module(self)
                except BaseException:
                    sys.modules.pop(self.__name__, None)
                    raise
                finally:
                    del self.__deferred_running__
                self.__class__ = types.ModuleType
        return getattr(self, name)


_RUNNING = threading.RLock()  # one thread runs a deferred module; the others wait for it


def defer_modules(names: Sequence[str] = DEFERRED_MODULES) -> None:
    """A `DeferredModule` for each module not imported yet that is installed."""
    for name in names:
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name)  # imports its parent package
        except ImportError:
            continue
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            continue
        module = importlib.util.module_from_spec(spec)
        module.__class__ = DeferredModule
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        if parent:  # as the import system does: `from PIL import Image` finds it there
            setattr(sys.modules[parent], child, module)


_COLLECTOR = {"paused": False}  # whether this process turned the cyclic collector off


def keep_collecting() -> None:
    """For a command that runs on: the cyclic garbage collector back on, if the `handout`
    process turned it off (a program that calls `main` keeps its own setting)."""
    if _COLLECTOR["paused"]:
        _COLLECTOR["paused"] = False
        gc.enable()


def start_alone() -> None:
    """What a process that is `handout` and nothing else leaves out from its start: qrcode's
    raster drawers, Pillow and HarfBuzz until they are used, and the cyclic collector."""
    for name in UNUSED_MODULES:
        sys.modules.setdefault(name, None)
    defer_modules()
    if gc.isenabled():
        gc.disable()
        _COLLECTOR["paused"] = True


def command_line(main: Main) -> Main:
    """The CLI's entry: when this process runs `handout` (a `__main__` that calls `main()`
    with no arguments), it ends as soon as `main` returns, with its output written and
    flushed, without the interpreter's shutdown (freeing every object one by one). A call
    with arguments, as from a test or another program, returns as usual."""

    @functools.wraps(main)
    def run(argv: Sequence[str] | None = None) -> int:
        defer_unused_regexes()
        alone = argv is None and getattr(sys.modules.get("__main__"), "main", None) is run
        if alone:  # not in a program that may draw QR codes with PIL itself
            start_alone()
        code = main(argv)
        if alone:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except (OSError, ValueError):  # a closed or broken stream: as Python would report it
                return code
            os._exit(code)
        return code

    return run
