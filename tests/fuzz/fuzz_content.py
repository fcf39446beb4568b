"""Coverage-guided fuzz target (atheris) for the loader, the inline parser and the checks that
run before rendering (translations, labels, glyphs): `handout.build.prepare`.

An input is one mode byte, one slot byte and a payload:
  mode 0  the payload is a whole content file (raw bytes, any encoding or none);
  mode 1  the payload (UTF-8, bad bytes as lone surrogates) becomes one field of a valid master
          and translation pair, written as a YAML double-quoted scalar, so any character at all
          reaches that field;
  mode 2  the payload is spliced into that field raw, as YAML source (structure changes);
  mode 3  the payload goes straight to the inline parser.
What must hold for every input: the only exception is HandoutError (bad input, exit 2); a
loaded field's text is the payload's text (its non-space characters, in order); the inline
parser loses no character but its markers; no unsafe link survives loading.

With `--strict` (or HANDOUT_FUZZ_STRICT=1) it also checks what issue 8 promises and the code
does not do yet: no control, override or invisible character reaches a printed field; ids,
language tags and dates match exactly; a URL has no space and every character drawable; labels
render; `check` reports every translation that `build` refuses.

    python tests/fuzz/fuzz_content.py tests/fuzz/corpus -max_total_time=900   # by hand
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import sys
import tempfile
import traceback
import unicodedata
from pathlib import Path

import yaml

# Instrumented for coverage only when run as the fuzzer: imported by tests/test_fuzz.py, it
# needs no atheris and leaves the code as it is.
FUZZING = __name__ == "__main__"
if FUZZING:
    import atheris
with atheris.instrument_imports(include=["handout"]) if FUZZING else contextlib.nullcontext():
    from handout import fonts
    from handout.build import output_name, prepare
    from handout.check import check
    from handout.errors import HandoutError
    from handout.inline import check_url, parse_inline, plain_text
    from handout.model import Callout, ItemList, Paragraph, Qr

STRICT = os.environ.get("HANDOUT_FUZZ_STRICT") == "1"
# Crashes already reported, skipped with `--skip-known` so that a long run looks for new ones:
# (exception type, a file the traceback passes through).
KNOWN: list[tuple[str, str]] = []  # (exception, file) of crashes reported, not yet fixed
SKIP_KNOWN = False
MARKERS = set("*[]()\\")  # characters the inline syntax may consume

# Every slot of the template pair: (file, field name in errors and spans, kind, default).
# kind: "text" (a span), "inline" (a span parsed for **, *, [](...)), "url", "id", "lang",
# "date", "raw" (checked only for exceptions).
SLOTS = [
    ("en", "handout", "id", "demo"),
    ("en", "language", "lang", "en"),
    ("en", "title", "text", "Demo"),
    ("en", "subtitle", "text", "demogen"),
    ("en", "revised", "date", "2026-01-02"),
    ("en", "status", "raw", "approved"),
    ("en", "source", "text", "Adapted from a leaflet"),
    ("en", "identifiers[0].value", "text", "02245913 (SC)"),
    ("en", "labels.revised", "text", "Revised on {date}"),
    ("en", "sections[0].id", "id", "first"),
    ("en", "sections[first].heading", "text", "What is it?"),
    (
        "en",
        "sections[first].blocks[0]",
        "inline",
        "Take **100 mg** once a [day](https://a.example/d).",
    ),
    ("en", "sections[first].blocks[1].bullets[0]", "inline", "Call your doctor if you:"),
    ("en", "sections[first].blocks[2].steps[0]", "inline", "Wash *your* hands"),
    ("en", "sections[first].blocks[3].callout.title", "text", "Call your doctor if"),
    ("en", "sections[first].blocks[3].callout.blocks[0]", "inline", "You have a fever"),
    ("en", "sections[first].blocks[4].qr.url", "url", "https://a.example/video"),
    ("en", "sections[first].blocks[4].qr.caption", "text", "Watch the video"),
    ("fr", "title", "text", "Démo"),
    ("fr", "translation.from_revised", "date", "2026-01-02"),
    ("fr", "translation.reviewed_by", "text", "A. Reviewer"),
    ("fr", "sections[first].heading", "text", "Qu'est-ce que c'est ?"),
    (
        "fr",
        "sections[first].blocks[0]",
        "inline",
        "Prenez **100 mg** par [jour](https://a.example/d).",
    ),
    ("fr", "sections[first].blocks[1].bullets[0]", "inline", "Appelez si vous avez :"),
    ("fr", "sections[first].blocks[4].qr.url", "url", "https://a.example/video"),
    ("fr", "sections[first].blocks[4].qr.caption", "text", "Regardez la vidéo"),
]

_MASTER = """\
handout: {0}
language: {1}
title: {2}
subtitle: {3}
revised: {4}
status: {5}
languages: [fr]
source: {6}
identifiers:
  - {{label: DIN, value: {7}}}
labels:
  revised: {8}
sections:
  - id: {9}
    heading: {10}
    blocks:
      - {11}
      - bullets: [{12}, second]
      - steps: [{13}, second]
      - callout:
          kind: call-doctor
          title: {14}
          blocks: [{15}]
      - qr:
          url: {16}
          caption: {17}
"""

_TRANSLATION = """\
handout: demo
language: fr
title: {18}
revised: 2026-01-02
status: approved
translation: {{from_revised: {19}, reviewed_by: {20}}}
source: Adapté d'une fiche
identifiers:
  - {{label: DIN, value: 02245913 (SC)}}
sections:
  - id: first
    heading: {21}
    blocks:
      - {22}
      - bullets: [{23}, deuxième]
      - steps: [Lavez vos mains, deuxième]
      - callout:
          kind: call-doctor
          title: Appelez votre médecin si
          blocks: [Vous avez de la fièvre]
      - qr:
          url: {24}
          caption: {25}
"""

# Where each inline slot's runs are in the loaded model (the field names are the slots').
INLINE = {
    "sections[first].blocks[0]": lambda blocks: blocks[0].runs,
    "sections[first].blocks[1].bullets[0]": lambda blocks: blocks[1].items[0],
    "sections[first].blocks[2].steps[0]": lambda blocks: blocks[2].items[0],
    "sections[first].blocks[3].callout.blocks[0]": lambda blocks: blocks[3].blocks[0].runs,
}

# Characters that must never reach a printed field (issue 8): C0 and C1 controls, bidi
# embeddings and overrides (isolates U+2066-2069 are legitimate), the byte-order mark, tag
# characters, lone surrogates and noncharacters.
_HOSTILE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\ufeff\U000e0000-\U000e007f\ud800-\udfff"
    "\ufdd0-\ufdef\ufffe\uffff]"
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

_WORK = Path(tempfile.mkdtemp(prefix="handout-fuzz-"))
atexit.register(shutil.rmtree, _WORK, True)
MASTER, TRANSLATION = _WORK / "content.yaml", _WORK / "content.fr.yaml"


def quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar: every character, even NUL, reaches the loader."""
    return yaml.dump(text, default_style='"', allow_unicode=True, width=1 << 30).split("\n")[0]


def squash(text: str) -> str:
    return "".join(text.split())


def write_pair(values: list[str]) -> None:
    MASTER.write_text(_MASTER.format(*values), encoding="utf-8", errors="surrogatepass")
    TRANSLATION.write_text(_TRANSLATION.format(*values), encoding="utf-8", errors="surrogatepass")


def check_runs(text: str, runs, urls) -> None:
    """The inline parser keeps every character that is not one of its markers, as text or as a
    link's URL; every link it makes is one it reported for checking."""
    plain = plain_text(runs)
    for char in set(text) - MARKERS:
        kept = plain.count(char) + sum(u.count(char) for u in urls)
        assert kept == text.count(char), (text, char, runs, urls)
    assert all(r.text for r in runs), runs
    assert {r.href for r in runs if r.href} <= set(urls), (runs, urls)


def all_runs(blocks):
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.runs
        elif isinstance(block, ItemList):
            yield from block.items
        elif isinstance(block, Callout):
            yield from all_runs(block.blocks)


def check_loaded(prepared) -> None:
    """What holds for any document that passes every check before rendering."""
    doc = prepared.handout
    for section in doc.sections:
        for runs in all_runs(section.blocks):
            for run in runs:
                if run.href:
                    check_url(run.href)  # raises for an unsafe scheme
        for block in section.blocks:
            if isinstance(block, Qr):
                check_url(block.url)
    if not STRICT:
        return
    texts = [s.text for s in doc.spans] + list(prepared.labels.values())
    urls = [b.url for s in doc.sections for b in s.blocks if isinstance(b, Qr)]
    for text in texts + urls:
        bad = _HOSTILE.search(text)
        assert not bad, f"U+{ord(bad[0]):04X} ({unicodedata.name(bad[0], '?')}) in {text!r}"
    chain = fonts.chain_for(doc.language)
    for url in urls:
        assert not any(c.isspace() for c in url), f"space in URL {url!r}"
        assert fonts.undrawable(url, chain) is None, f"undrawable URL {url!r}"
    assert _ID.fullmatch(doc.handout) and _LANG.fullmatch(doc.language), (doc.handout, doc.language)
    assert len(output_name(doc, "letter", True).encode()) <= 255, "file name too long"
    for section in doc.sections:
        assert _ID.fullmatch(section.id), section.id


def check_slot(slot: int, payload: str, prepared_en, prepared_fr) -> None:
    """The mutated field holds exactly the payload's text."""
    file, field, kind, _ = SLOTS[slot]
    prepared = prepared_en if file == "en" else prepared_fr
    if prepared is None:
        return
    doc = prepared.handout
    if kind in ("text", "inline"):
        spans = [s for s in doc.spans if s.field == field]
        assert spans, (field, doc.spans)
        assert squash(spans[0].text) == squash(payload), (field, spans[0].text, payload)
    if kind == "inline":
        text = re.sub(r"[ \t\r\n]+", " ", payload).strip()  # what the loader folds (no NBSP)
        check_runs(text, INLINE[field](doc.sections[0].blocks), parse_inline(text)[1])
    if kind == "url":
        qr = doc.sections[0].blocks[4]
        assert qr.url == payload.strip(), (qr, payload)
    if STRICT and kind == "date":
        assert _DATE.fullmatch(payload), f"date {payload!r} accepted"
    if STRICT and kind in ("id", "lang"):
        assert (_ID if kind == "id" else _LANG).fullmatch(payload), f"{kind} {payload!r} accepted"


def attempt(function, *args):
    """The function's result, or None when it refuses the input as bad (HandoutError)."""
    try:
        return function(*args)
    except HandoutError:
        return None


def one_input(data: bytes) -> None:
    try:
        _one_input(data)
    except Exception as e:
        if SKIP_KNOWN and _known(e):
            return
        raise


def _known(e: Exception) -> bool:
    files = [f.filename.replace(os.sep, "/") for f in traceback.extract_tb(e.__traceback__)]
    return any(
        type(e).__name__ == name and any(f.endswith(file) for f in files) for name, file in KNOWN
    )


def _one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    mode, slot, payload = data[0] % 4, data[1] % len(SLOTS), data[2:]
    if mode == 3:
        text = payload.decode("utf-8", "surrogateescape")
        runs, urls = parse_inline(text)
        check_runs(text, runs, urls)
        return
    if mode == 0:
        MASTER.write_bytes(payload)
        TRANSLATION.unlink(missing_ok=True)
        prepared = attempt(prepare, MASTER)
        if prepared is not None:
            check_loaded(prepared)
        return
    text = payload.decode("utf-8", "surrogateescape")
    if mode == 2 and ("\n" in text or "\r" in text):
        text = text.splitlines()[0] if text.splitlines() else ""
    values = [quoted(default) for _, _, _, default in SLOTS]
    values[slot] = quoted(text) if mode == 1 else text
    write_pair(values)
    en = attempt(prepare, MASTER)
    fr = attempt(prepare, MASTER, "fr")
    for prepared in (en, fr):
        if prepared is not None:
            check_loaded(prepared)
    if mode == 1:
        check_slot(slot, text, en, fr)
    if STRICT and en is not None and fr is not None:
        assert fr.handout.translation.from_revised <= en.handout.revised, "from_revised later"
        assert fr.draft_reasons or not en.draft_reasons, "a draft master's translation is final"
    if STRICT and en is not None and SLOTS[slot][1].startswith("labels."):
        from handout.render import render

        attempt(render, en.handout, en.labels, "letter", False, bool(en.draft_reasons))
    if STRICT and en is not None:
        report = attempt(check, str(MASTER))
        assert report is not None, "check refuses a master that build accepts"
        if fr is None:
            assert report.problems, "check passes a translation that build refuses"


def main() -> None:
    global STRICT, SKIP_KNOWN
    STRICT = STRICT or _flag("--strict")
    SKIP_KNOWN = _flag("--skip-known")
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


def _flag(name: str) -> bool:
    if name in sys.argv:
        sys.argv.remove(name)
        return True
    return False


if __name__ == "__main__":
    main()
