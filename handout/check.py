"""`handout check`: validate a content file and report what an editor should look at."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handout.build import check_drawable
from handout.catalogue import labels_for
from handout.errors import HandoutError
from handout.inline import plain_text
from handout.loader import load
from handout.model import Callout, Handout, ItemList, Paragraph, Qr
from handout.readability import Score, score
from handout.translations import draft_reasons, languages, master_of, mismatches, translation_path

MAX_GRADE = 8.0
MAX_WORDS = 25


def section_texts(blocks) -> list[str]:
    """The running text of blocks, one entry per paragraph or list item."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(plain_text(block.runs))
        elif isinstance(block, ItemList):
            out += [plain_text(item) for item in block.items]
        elif isinstance(block, Callout):
            out.append(block.title)
            out += section_texts(block.blocks)
        elif isinstance(block, Qr):
            out.append(block.caption)
    return out


@dataclass
class Report:
    handout: Handout
    scores: list[tuple[str, Score]]
    warnings: list[str] = field(default_factory=list)
    translations: list[str] = field(default_factory=list)
    problems: int = 0  # translations missing, invalid or not matching the master

    def text(self) -> str:
        h = self.handout
        out = [f"{h.path}: valid ({h.handout}, {h.language}, {len(h.sections)} sections)"]
        for sid, s in self.scores:
            grade = f"grade {s.grade:4.1f}" if s.grade is not None else "grade  n/a"
            out.append(f"  {sid:<32} {grade}  {s.words:4d} words  {s.sentences:3d} sentences")
        if self.translations:
            out.append("translations:")
            out += self.translations
        out += [f"warning: {w}" for w in self.warnings]
        if not self.warnings:
            out.append("no warnings")
        return "\n".join(out)


def check(path: str) -> Report:
    """Validate a master (and report on its translations) or a translation (against its
    master): reading level and sentence length per section, then each language's state."""
    doc = load(path)
    master = master_of(doc)
    _prepare(doc, master)
    report = Report(doc, [], list(doc.warnings))
    for section in doc.sections:
        s = score([section.heading, *section_texts(section.blocks)], doc.language, MAX_WORDS)
        report.scores.append((section.id, s))
        where = f"{doc.path}:{section.line}: sections[{section.id}]"
        if s.grade is not None and s.grade > MAX_GRADE:
            report.warnings.append(f"{where}: reading grade {s.grade} is above {MAX_GRADE:g}")
        for n, sentence in s.long_sentences:
            report.warnings.append(
                f"{where}: sentence of {n} words (over {MAX_WORDS}): {sentence!r}"
            )
    if doc.translation:
        report.translations.append(_language_line(master, doc.language, doc.path, report))
    else:
        for language in languages(master)[1:]:
            path = translation_path(master.path, language)
            report.translations.append(_language_line(master, language, path, report))
    return report


def _prepare(doc: Handout, master: Handout) -> None:
    check_drawable(doc, labels_for(doc))
    if doc is not master:
        problems = mismatches(master, doc)
        if problems:
            raise problems[0]


def _language_line(master: Handout, language: str, path: Path, report: Report) -> str:
    """One language's state: missing, invalid, structure mismatches, or final/draft and why."""
    if not path.exists():
        report.problems += 1
        return f"  {language:<6} missing ({path.name} not found)"
    try:
        tr = load(path)
        problems = mismatches(master, tr)
        if not problems:
            _prepare(tr, master)
    except HandoutError as e:
        report.problems += 1
        return f"  {language:<6} invalid: {e}"
    if problems:
        report.problems += 1
        lines = [f"  {language:<6} {len(problems)} structure mismatch(es) with {master.path.name}:"]
        return "\n".join(lines + [f"           {p}" for p in problems])
    reasons = draft_reasons(master, tr)
    state = f"draft: {'; '.join(reasons)}" if reasons else "final (reviewed)"
    reviewer = tr.translation.reviewed_by if tr.translation else None
    return f"  {language:<6} {path.name}: {state}" + (
        f"; reviewed by {reviewer}" if reviewer else ""
    )
