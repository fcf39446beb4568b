"""`handout check`: validate a content file and report what an editor should look at."""

from __future__ import annotations

from dataclasses import dataclass, field

from handout.build import check_drawable
from handout.catalogue import labels_for
from handout.inline import plain_text
from handout.loader import load
from handout.model import Callout, Handout, ItemList, Paragraph, Qr
from handout.readability import Score, score

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
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        h = self.handout
        out = [f"{h.path}: valid ({h.handout}, {h.language}, {len(h.sections)} sections)"]
        for sid, s in self.scores:
            grade = f"grade {s.grade:4.1f}" if s.grade is not None else "grade  n/a"
            out.append(f"  {sid:<32} {grade}  {s.words:4d} words  {s.sentences:3d} sentences")
        out += self.lines
        out += [f"warning: {w}" for w in self.warnings]
        if not self.warnings:
            out.append("no warnings")
        return "\n".join(out)


def check(path: str) -> Report:
    handout = load(path)
    check_drawable(handout, labels_for(handout.language, handout.labels, str(handout.path)))
    report = Report(handout, [], list(handout.warnings))
    for section in handout.sections:
        s = score([section.heading, *section_texts(section.blocks)], handout.language, MAX_WORDS)
        report.scores.append((section.id, s))
        where = f"{handout.path}:{section.line}: sections[{section.id}]"
        if s.grade is not None and s.grade > MAX_GRADE:
            report.warnings.append(f"{where}: reading grade {s.grade} is above {MAX_GRADE:g}")
        for n, sentence in s.long_sentences:
            report.warnings.append(
                f"{where}: sentence of {n} words (over {MAX_WORDS}): {sentence!r}"
            )
    return report
