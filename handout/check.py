"""`handout check`: validate a content file and report what an editor should look at: every
error build would refuse, warnings (reading grade, long sentences, `http:` links), the reading
scores per section and the state of each translation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handout.build import check_drawable
from handout.catalogue import labels_for
from handout.errors import ContentError, Diagnostic, HandoutError
from handout.inline import parse_inline, plain_text
from handout.loader import load, source_lines
from handout.model import Callout, Handout, ItemList, Paragraph, Qr, Section
from handout.readability import FORMULAS, MAX_CHARACTERS, Score, language_of, score
from handout.translations import draft_reasons, languages, master_of, mismatches, translation_path

MAX_GRADE = FORMULAS["en"].limit
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
    file: str
    handout: Handout | None = None  # None when the file could not be loaded
    scores: list[tuple[Section, Score]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # this file's, and its master's
    translations: list[tuple[str, str]] = field(default_factory=list)  # (language, state)
    translation_diagnostics: list[Diagnostic] = field(default_factory=list)
    problems: int = 0  # translations missing, invalid or not matching the master

    @property
    def all_diagnostics(self) -> list[Diagnostic]:
        return self.diagnostics + self.translation_diagnostics

    @property
    def valid(self) -> bool:
        return self.handout is not None and not any(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.all_diagnostics if d.severity == "warning"]

    def text(self) -> str:
        """The report for stdout (the diagnostics go to stderr); empty for an invalid file."""
        h = self.handout
        if h is None or not self.valid:
            return ""
        out = [f"{h.path}: valid ({h.handout}, {h.language}, {len(h.sections)} sections)"]
        levels = [_level(s) for _, s in self.scores]
        width = max(map(len, levels), default=0)
        for (section, s), level in zip(self.scores, levels, strict=True):
            count = f"{s.words:4d} {s.unit:<5}" if s.words is not None else f" n/a {s.unit:<5}"
            out.append(f"  {section.id:<32} {level:<{width}}  {count}  {s.sentences:3d} sentences")
        if self.translations:
            out.append("translations:")
            out += [f"  {language:<6} {state}" for language, state in self.translations]
        n = len(self.warnings)
        out.append(f"{n} warning{'s' if n != 1 else ''}" if n else "no warnings")
        return "\n".join(out)

    def as_json(self) -> dict[str, object]:
        """`handout check --format json`: every diagnostic, the reading scores per section and
        each translation's state."""
        h = self.handout
        return {
            "file": self.file,
            "valid": self.valid,
            "handout": h.handout if h else None,
            "language": h.language if h else None,
            "diagnostics": [d.as_dict() for d in self.all_diagnostics],
            "sections": [
                {
                    "id": section.id,
                    "line": section.line,
                    "grade": s.grade,
                    "reading": _reading_json(s),
                    "words": s.words,
                    "unit": s.unit,
                    "sentences": s.sentences,
                    "long_sentences": [{s.unit: n, "text": t} for n, t in s.long_sentences],
                }
                for section, s in self.scores
            ],
            "translations": [{"language": lang, "state": st} for lang, st in self.translations],
        }


def _level(s: Score) -> str:
    """The reading level as its scale names it: "grade  7.7" (Flesch-Kincaid, English),
    "Fernández-Huerta 72.4 (fairly easy)", or "n/a" for a language with no formula."""
    r = s.reading
    if r is None:
        return "n/a"
    if r.scale == "grade":
        return f"grade {r.value:4.1f}"
    return f"{r.formula} {r.value:.1f} ({r.band})"


def _reading_json(s: Score) -> dict[str, object] | None:
    r = s.reading
    if r is None:
        return None
    return {"formula": r.formula, "scale": r.scale, "value": r.value, "band": r.band}


def check(path: str | Path) -> Report:
    """Validate a master (and report on its translations) or a translation (against its
    master): every error, reading level and sentence length per section, then each language's
    state. Bad input is in the report's diagnostics, never raised."""
    report = Report(str(path))
    try:
        doc = load(path)
        master = master_of(doc)
    except HandoutError as e:
        report.diagnostics += _diagnostics(e, str(path))
        return report
    report.handout = doc
    report.diagnostics += doc.warnings
    report.diagnostics += _prepare(doc, master)
    lines = _source(doc.path)
    for section in doc.sections:
        s = score([section.heading, *section_texts(section.blocks)], doc.language, MAX_WORDS)
        report.scores.append((section, s))
        report.diagnostics += _score_warnings(doc, section, s, lines)
    report.diagnostics.sort(key=lambda d: (d.file != str(doc.path), d.line or 0, d.column or 0))
    if doc.translation:
        _language(report, master, doc.language, doc.path)
    else:
        for language in languages(master)[1:]:
            _language(report, master, language, translation_path(master.path, language))
    seen = set(report.diagnostics)  # a translation checked itself: its findings once
    report.translation_diagnostics = [d for d in report.translation_diagnostics if d not in seen]
    return report


def _diagnostics(error: HandoutError, file: str) -> list[Diagnostic]:
    """The diagnostics an error carries (one without a place names only the file)."""
    if isinstance(error, ContentError):
        return list(error.diagnostics)
    message = str(error).removeprefix(f"{file}: ")
    return [Diagnostic(file, None, "", message)]


def _prepare(doc: Handout, master: Handout) -> list[Diagnostic]:
    """What build checks after loading: the translation's structure, the labels, every
    glyph; as diagnostics."""
    out: list[Diagnostic] = []
    if doc is not master:
        out += [d for problem in mismatches(master, doc) for d in problem.diagnostics]
    try:
        check_drawable(doc, labels_for(doc))
    except ContentError as e:
        out += e.diagnostics
    return out


def _score_warnings(doc: Handout, section: Section, s: Score, lines: list[str]) -> list[Diagnostic]:
    """A grade above MAX_GRADE (at the section) and each sentence over MAX_WORDS words (at
    the paragraph or item it is in)."""
    where = f"sections[{section.id}]"
    out = []
    r = s.reading
    if r is not None and r.too_hard:
        if r.scale == "grade":
            message = f"reading grade {r.value} is above {MAX_GRADE:g}"
        else:
            limit = FORMULAS[language_of(doc.language)].limit
            message = f"reading ease {r} is below {limit:g}"
        out.append(_warning(doc, lines, section.line, where, message, "id:"))
    for n, sentence in s.long_sentences:
        line, field = section.line, where
        for span in doc.spans:
            if span.field.startswith(where + ".") and sentence in _plain(span.text):
                line, field = span.line, span.field
                break
        limit = MAX_WORDS if s.unit == "words" else MAX_CHARACTERS
        message = f"sentence of {n} {s.unit} (over {limit}): {sentence!r}"
        out.append(_warning(doc, lines, line, field, message, " ".join(sentence.split()[:3])))
    return out


def _warning(
    doc: Handout, lines: list[str], line: int, field: str, message: str, at: str
) -> Diagnostic:
    """A warning at a line, pointing at `at` there (or at the line's text)."""
    file = str(doc.path)
    if not 0 < line <= len(lines):
        return Diagnostic(file, line, field, message, "warning")
    source = lines[line - 1]
    start = source.find(at)
    if start >= 0:
        stop = start + len(at)
    else:
        start, stop = len(source) - len(source.lstrip(" -")), len(source.rstrip())
    return Diagnostic(file, line, field, message, "warning", start + 1, None, stop + 1, source)


def _source(path: Path) -> list[str]:
    """The file's lines, to point warnings at (none if it cannot be read again)."""
    try:
        return source_lines(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def _plain(text: str) -> str:
    return plain_text(parse_inline(text)[0])


def _language(report: Report, master: Handout, language: str, path: Path) -> None:
    """One language's state: missing, invalid, structure mismatches, or final/draft and why;
    its problems as diagnostics."""
    if not path.exists():
        report.problems += 1
        report.translations.append((language, f"missing ({path.name} not found)"))
        report.translation_diagnostics.append(
            Diagnostic(
                str(master.path),
                master.lines.get("languages"),
                "languages",
                f"the {language!r} translation {path.name} is missing",
            )
        )
        return
    try:
        tr = load(path)
    except HandoutError as e:
        return _invalid(report, language, _diagnostics(e, str(path)))
    problems = mismatches(master, tr)
    if problems:
        report.problems += 1
        head = f"{len(problems)} structure mismatch(es) with {master.path.name}:"
        state = "\n".join([head] + [f"           {p}" for p in problems])
        report.translations.append((language, state))
        report.translation_diagnostics += [d for p in problems for d in p.diagnostics]
        return
    found = _prepare(tr, master)
    if found:
        return _invalid(report, language, found)
    report.translation_diagnostics += tr.warnings
    reasons = draft_reasons(master, tr)
    state = f"draft: {'; '.join(reasons)}" if reasons else "final (reviewed)"
    reviewer = tr.translation.reviewed_by if tr.translation else None
    by = f"; reviewed by {reviewer}" if reviewer else ""
    report.translations.append((language, f"{path.name}: {state}{by}"))


def _invalid(report: Report, language: str, found: list[Diagnostic]) -> None:
    report.problems += 1
    report.translations.append((language, f"invalid: {found[0]}"))
    report.translation_diagnostics += found
