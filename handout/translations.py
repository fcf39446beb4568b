"""Translations: `X.L.yaml` beside `X.yaml`, kept in step with their master.

A translation must have the master's structure block for block (a dropped bullet could be a
reason not to take the medicine), and prints as a draft while no qualified person has reviewed
it or while the master has been revised since it was translated.
"""

from __future__ import annotations

import re
from pathlib import Path

from handout.errors import ContentError, HandoutError
from handout.loader import LANGUAGE, load
from handout.model import Callout, Handout, ItemList, Paragraph, Qr, Run, block_kind
from handout.peek import top_values


def translation_path(master: Path, language: str) -> Path:
    """X.L.yaml beside X.yaml; language tags are compared without regard to case (BCP 47),
    so that fr finds content.FR.yaml and pt-br finds content.pt-BR.yaml."""
    path = master.with_name(f"{master.stem}.{language}{master.suffix}")
    if path.exists():
        return path
    same = (p for tag, p in found(master).items() if tag.lower() == language.lower())
    return next(same, path)


def master_path(translation: Path) -> Path:
    """content.fr.yaml -> content.yaml"""
    stem, _, _ = translation.stem.rpartition(".")
    return translation.with_name(stem + translation.suffix) if stem else translation


def found(master: Path) -> dict[str, Path]:
    """The translation files beside a master, by language tag: `X.L.yaml` whose own
    `language:` is L. A backup such as `content.bak.yaml` (saying `language: en`) is not a
    translation into "bak"."""
    pattern = re.compile(re.escape(master.stem) + r"\.([^.]+)" + re.escape(master.suffix) + r"\Z")
    out = {}
    for path in sorted(master.parent.glob(f"{master.stem}.*{master.suffix}")):
        m = pattern.match(path.name)
        if m and LANGUAGE.match(m[1]) and _says_language(path, m[1]):
            out[m[1]] = path
    return out


def _says_language(path: Path, tag: str) -> bool:
    return top_values(path).get("language", "").lower() == tag.lower()


def is_translation_file(doc: Handout) -> bool:
    """A document is a translation if it has a `translation:` record, or if it is `X.L.yaml`
    in language L beside a master `X.yaml` (then a missing record is an error, not a master)."""
    if doc.translation is not None:
        return True
    master = master_path(doc.path)
    tag = doc.path.stem.rpartition(".")[2]
    return master != doc.path and tag.lower() == doc.language.lower() and master.is_file()


def master_of(doc: Handout) -> Handout:
    """The master a document is checked and built against: itself, or the file it translates."""
    return load(master_file(doc)) if is_translation_file(doc) else doc


def languages(master: Handout) -> list[str]:
    """The master's language, then the translations it expects (or, if it names none, has)."""
    others = master.languages or tuple(found(master.path))
    return [master.language, *[lang for lang in others if lang != master.language]]


def load_pair(content: str | Path, language: str | None) -> tuple[Handout, Handout | None]:
    """The master and, when a translation is asked for (by --lang or by its file), that one."""
    if language is not None and not LANGUAGE.match(language):
        raise HandoutError(f"--lang: {language!r} is not a language tag (e.g. fr)")
    doc = load(content)
    master = master_of(doc)
    if master is not doc:
        if language and language.lower() != doc.language.lower():
            raise HandoutError(f"{doc.path}: is the {doc.language!r} translation, not {language!r}")
        return master, doc
    if language is None or language.lower() == doc.language.lower():
        return doc, None
    path = translation_path(doc.path, language)
    if not path.exists():
        have = ", ".join(found(doc.path)) or "none"
        raise HandoutError(
            f"{doc.path}: no {language!r} translation ({path.name} not found; translations: {have})"
        )
    return doc, load(path)


def master_file(translation: Handout) -> Path:
    path = master_path(translation.path)
    if path == translation.path or not path.exists():
        raise ContentError(
            str(translation.path),
            translation.lines.get("translation"),
            "translation",
            f"its master {path.name} is not beside it",
        )
    return path


def mismatches(master: Handout, tr: Handout) -> list[ContentError]:
    """Every reason a translation cannot be built, in one place for `build` and `check`: no
    record of its source, a source newer than the master, a structure that differs from the
    master's, links or QR codes that go elsewhere."""
    out: list[ContentError] = []
    file = str(tr.path)

    def err(line: int | None, field: str, message: str) -> None:
        out.append(ContentError(file, line, field, message))

    if tr.translation is None:
        err(
            tr.lines.get("language", 1),
            "translation",
            "missing; a translation records its source: "
            "translation: {from_revised: DATE, reviewed_by: NAME or null}",
        )
    elif tr.translation.from_revised > master.revised:
        err(
            tr.lines.get("translation"),
            "translation.from_revised",
            f"{tr.translation.from_revised} is later than the master's revised date "
            f"{master.revised}: no such version of the master exists",
        )

    expected = translation_path(master.path, tr.language).name
    if tr.path.name != expected:
        err(tr.lines.get("language"), "language", f"{tr.language!r} does not match the file name")
    if tr.handout != master.handout:
        err(
            tr.lines.get("handout"),
            "handout",
            f"{tr.handout!r} differs from the master's {master.handout!r}",
        )
    if [i.value for i in tr.identifiers] != [i.value for i in master.identifiers]:
        err(tr.lines.get("identifiers"), "identifiers", "values differ from the master's")
    ours, theirs = [s.id for s in tr.sections], [s.id for s in master.sections]
    if ours != theirs:
        missing = [s for s in theirs if s not in ours]
        extra = [s for s in ours if s not in theirs]
        detail = (f"missing {', '.join(missing)}" if missing else "") + (
            f"{'; ' if missing else ''}not in the master: {', '.join(extra)}" if extra else ""
        )
        err(tr.lines.get("sections"), "sections", detail or "not in the master's order")
        return out
    for mine, theirs_s in zip(tr.sections, master.sections, strict=True):
        _compare(mine.blocks, theirs_s.blocks, f"sections[{mine.id}].blocks", mine.line, err)
    return out


def _compare(ours, theirs, field: str, line: int, err) -> None:
    if len(ours) != len(theirs):
        err(line, field, f"has {len(ours)} blocks, the master has {len(theirs)}")
        return
    for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        where = f"{field}[{i}]"
        if block_kind(a) != block_kind(b):
            err(a.line, where, f"is {block_kind(a)}, the master's is {block_kind(b)}")
        elif isinstance(a, Paragraph):
            _compare_links(a.runs, b.runs, where, a.line, err)
        elif isinstance(a, ItemList) and len(a.items) != len(b.items):
            err(
                a.line,
                f"{where}.{a.kind}",
                f"has {len(a.items)} items, the master has {len(b.items)}",
            )
        elif isinstance(a, ItemList):
            for j, (mine, master_item) in enumerate(zip(a.items, b.items, strict=True)):
                _compare_links(mine, master_item, f"{where}.{a.kind}[{j}]", a.line, err)
        elif isinstance(a, Callout):
            if a.kind != b.kind:
                err(a.line, f"{where}.callout.kind", f"is {a.kind}, the master's is {b.kind}")
            _compare(a.blocks, b.blocks, f"{where}.callout.blocks", a.line, err)
        elif isinstance(a, Qr) and a.url != b.url:
            err(a.line, f"{where}.qr.url", f"{a.url} differs from the master's {b.url}")


def _compare_links(ours: tuple[Run, ...], theirs: tuple[Run, ...], field, line, err) -> None:
    """A paragraph or list item links to the same addresses as the master's, in any order
    (a translated sentence may put its links elsewhere in it)."""
    mine, master = {r.href for r in ours if r.href}, {r.href for r in theirs if r.href}
    if mine != master:
        err(
            line,
            field,
            f"links to {', '.join(sorted(mine)) or 'nothing'}; the master's links to "
            f"{', '.join(sorted(master)) or 'nothing'}",
        )


def draft_reasons(master: Handout, tr: Handout | None) -> tuple[str, ...]:
    """Why a handout must print as a draft (empty when it is final)."""
    doc = tr or master
    reasons = ["status is draft"] if doc.status == "draft" else []
    if tr is not None and master.status == "draft":
        reasons.append("the master is a draft")
    if tr is not None and tr.translation is not None:
        if tr.translation.reviewed_by is None:
            reasons.append("translation not reviewed")
        if master.revised > tr.translation.from_revised:
            reasons.append(
                f"translation is stale (master revised {master.revised}, "
                f"translated from {tr.translation.from_revised})"
            )
        changed = changed_units(master, tr)
        if changed:
            reasons.append(
                "translation is stale: units changed in the master since translation: "
                + ", ".join(changed)
            )
    return tuple(reasons)


def changed_units(master: Handout, tr: Handout) -> list[str]:
    """The units whose master text is not the one the translation was made from (by the
    fingerprints stored on import from XLIFF; none for a translation without them), in the
    master's order; a unit the master no longer has, after them."""
    stored = tr.translation.units if tr.translation else None
    if stored is None:
        return []
    from handout.units import fingerprints  # only translations imported from XLIFF have them

    current = fingerprints(master)
    changed = [uid for uid, print_ in current.items() if stored.get(uid) != print_]
    return changed + [uid for uid in stored if uid not in current]
