"""The desk's library: the handouts in one folder, their languages and states, and their PDFs
built in memory. A request names a handout by its id and a language by its tag; only files
found by listing the folder are ever opened, so no path from a request reaches the disk."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from handout.errors import HandoutError
from handout.options import Options
from handout.peek import top_values

_HANDOUT_LINE = re.compile(rb"^(handout|sections)\s*:", re.M)
_CACHE_PDFS = 24  # PDFs without patient fields, kept in memory (a few hundred KB)


@dataclass(frozen=True)
class Language:
    tag: str
    name: str  # the language's own name ("Français")
    state: str  # approved | draft | draft: unreviewed | draft: stale | error
    reasons: tuple[str, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class Entry:
    """One master handout, or a file that failed to load (then only `file` and `error`)."""

    file: str
    id: str = ""
    title: str = ""
    subtitle: str = ""
    revised: str = ""
    languages: tuple[Language, ...] = ()
    error: str = ""
    path: Path = field(default=Path(), repr=False)

    def language(self, tag: str) -> Language | None:
        return next((lang for lang in self.languages if lang.tag.lower() == tag.lower()), None)

    def as_json(self) -> dict:
        if self.error:
            return {"file": self.file, "error": self.error}
        return {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "revised": self.revised,
            "languages": [
                {"language": lang.tag, "name": lang.name, "state": lang.state}
                | ({"error": lang.error} if lang.error else {})
                for lang in self.languages
            ],
        }


def state_of(reasons: tuple[str, ...]) -> str:
    """A draft's state in the desk's three words."""
    if not reasons:
        return "approved"
    if any("stale" in r for r in reasons):
        return "draft: stale"
    if any("not reviewed" in r for r in reasons):
        return "draft: unreviewed"
    return "draft"


def is_handout_file(path: Path) -> bool:
    """A YAML file that means to be a handout (a top-level `handout:` or `sections:`); any
    other YAML beside them, a clinic profile say, is not listed, not even as broken."""
    try:
        with path.open("rb") as f:
            return bool(_HANDOUT_LINE.search(f.read(1 << 16)))
    except OSError:
        return False


class Library:
    """The folder's handouts, re-read when a file changes, and their PDFs."""

    def __init__(self, folder: str | Path, options: Options) -> None:
        self.folder, self.options = Path(folder), options
        self._render = threading.Lock()  # ReportLab keeps state in globals: one at a time
        self._cache = threading.Lock()
        self._pdfs: OrderedDict[tuple, tuple[bytes, int]] = OrderedDict()
        self._entries: tuple[tuple, list[Entry]] | None = None

    def _stamp(self) -> tuple:
        files = sorted(self.folder.glob("*.yaml")) + sorted(self.folder.glob("*.yml"))
        stamps = []
        for path in files:
            try:
                info = path.stat()
            except OSError:
                continue
            stamps.append((path.name, info.st_mtime_ns, info.st_size))
        return tuple(stamps)

    def entries(self) -> list[Entry]:
        stamp = self._stamp()
        if self._entries is None or self._entries[0] != stamp:
            self._entries = (stamp, self._scan())
        return self._entries[1]

    def _scan(self) -> list[Entry]:
        from handout.translations import master_path

        out = []
        for path in sorted({*self.folder.glob("*.yaml"), *self.folder.glob("*.yml")}):
            if not path.is_file() or not is_handout_file(path):
                continue
            tag = path.stem.rpartition(".")[2]
            master = master_path(path)
            said = top_values(path).get("language", "")
            if master != path and master.is_file() and said.lower() == tag.lower():
                continue  # a translation: listed under its master
            out.append(self._entry(path))
        return out

    def _entry(self, path: Path) -> Entry:
        from handout.catalogue import CATALOGUE, entry_for
        from handout.loader import load
        from handout.translations import draft_reasons, languages, load_pair

        try:
            master = load(path)
        except HandoutError as e:
            return Entry(path.name, error=str(e), path=path)
        found = []
        for tag in languages(master):
            name = (entry_for(CATALOGUE, tag) or {}).get("language_name", tag)
            try:
                m, tr = load_pair(path, None if tag == master.language else tag)
                tag = (tr or m).language
                reasons = draft_reasons(m, tr)
                found.append(Language(tag, name, state_of(reasons), reasons))
            except HandoutError as e:
                found.append(Language(tag, name, "error", error=str(e)))
        return Entry(
            path.name,
            master.handout,
            master.title,
            master.subtitle or "",
            master.revised.isoformat(),
            tuple(found),
            path=path,
        )

    def find(self, handout: str, language: str) -> tuple[Entry, Language]:
        """The entry and language asked for; LookupError (a 404) when there is none."""
        entry = next((e for e in self.entries() if e.id and e.id == handout), None)
        if entry is None:
            raise LookupError(f"no handout {handout!r} in the library")
        lang = entry.language(language)
        if lang is None:
            have = ", ".join(lang.tag for lang in entry.languages)
            raise LookupError(f"{entry.title}: no {language!r} version (it has {have})")
        if lang.error:
            raise LookupError(f"{entry.title} ({lang.tag}): {lang.error}")
        return entry, lang

    def pdf(self, entry: Entry, lang: Language, options: Options) -> tuple[bytes, int]:
        """The PDF's bytes and page count, built in memory. One without patient fields is
        kept for the next request for it (while its files are unchanged)."""
        from handout.build import prepare, render_prepared

        options = options._replace(clinic=self.options.clinic)
        key = None
        if not options.patient:
            key = (entry.id, lang.tag, options.paper, options.large, self._stamp())
            with self._cache:
                if key in self._pdfs:
                    self._pdfs.move_to_end(key)
                    return self._pdfs[key]
        with self._render:
            prepared = prepare(entry.path, None if lang is entry.languages[0] else lang.tag)
            result = render_prepared(prepared, options)
        if key is not None:
            with self._cache:
                self._pdfs[key] = result
                while len(self._pdfs) > _CACHE_PDFS:
                    self._pdfs.popitem(last=False)
        return result
