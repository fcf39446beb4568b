"""Load a content file into the typed model, checking every field against the format.

The YAML is composed (never constructed) with the safe loader and walked node by node, so
every error names the line and field, no tag can build an object, and an alias (the way to a
"billion laughs" bomb) is refused the first time it is met.
"""

from __future__ import annotations

import re
import stat
import sys
from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache, partial
from pathlib import Path

import yaml

from handout import charpolicy, limits
from handout.diagnostics import (
    HINT_ALIAS,
    HINT_COLON,
    closest,
    did_you_mean,
    starts_with_star,
    yaml_hint,
)
from handout.errors import ContentError, Diagnostic, HandoutError, Severity
from handout.inline import UnsafeURL, check_url, parse_inline
from handout.model import (
    CALLOUT_KINDS,
    Callout,
    Handout,
    Identifier,
    ItemList,
    Paragraph,
    Qr,
    Section,
    TextSpan,
    Translation,
)

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: "$" would let a trailing newline in
MAX_ID = 64  # the handout id is part of every output file name
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")
_UNIT = re.compile(r"[a-z0-9_]+(?:[-/][a-z0-9_]+)*\Z")  # how-do-i-take-kineret/blocks/2
_FINGERPRINT = re.compile(r"[0-9a-f]{12}\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")  # fromisoformat alone takes 20260101, 2026-W01-1
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
}
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_ALLOWED_TAGS = _PLAIN_TAGS | {_MAP, _SEQ}

TOP_FIELDS = {
    "handout": True,
    "language": True,
    "title": True,
    "subtitle": False,
    "revised": True,
    "status": True,
    "source": False,
    "identifiers": False,
    "sections": True,
    "translation": False,
    "labels": False,
    "languages": False,
    "short_title": False,
    "key_points": False,
}


MAX_ERRORS = 50  # a file with more than this is reported up to here


STDIN = "-"  # as a content file: read the content from standard input, named <stdin>


def load(path: str | Path) -> Handout:
    """Read and validate one content file. Every error found is reported (the first one
    first) as one ContentError; warnings travel in the Handout."""
    if str(path) == STDIN:
        path, text = Path("<stdin>"), _stdin()
        return _Walker(path, text).run()
    path = Path(path)
    return _parsed(path, read_text_file(path))


@lru_cache(maxsize=32)
def _parsed(path: Path, text: str) -> Handout:
    """The same text parses to the same handout: a batch builds each file in two papers and
    two print sizes, loading the master with every translation. Read anew every time, so a
    file changed on disk is parsed anew."""
    return _Walker(path, text).run()


def load_text(path: Path, text: str) -> Handout:
    """Validate content not yet written to `path` (a translation made from an XLIFF file)."""
    return _Walker(path, text).run()


def read_text_file(path: Path) -> str:
    """A content (or clinic) file's text: a regular file, within the size limit, UTF-8; any
    other case is one line of bad input."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise HandoutError(f"{path}: not a regular file")
        too_big = limits.over(info.st_size, limits.FILE_BYTES, "bytes")
        if too_big:
            raise HandoutError(f"{path}: the file is {too_big}")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HandoutError(f"{path}: file not found") from None
    except UnicodeDecodeError as e:
        raise HandoutError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise HandoutError(f"{path}: cannot read ({e.strerror})") from None


@cache
def _stdin() -> str:
    """Standard input, read once: it can be read only once, and may be loaded twice."""
    data = sys.stdin.buffer.read(limits.FILE_BYTES + 1)
    too_big = limits.over(len(data), limits.FILE_BYTES, "bytes")
    if too_big:
        raise HandoutError(f"<stdin>: the content is {too_big}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise HandoutError(f"<stdin>: not UTF-8 text ({e.reason} at byte {e.start})") from None


_COMMENT = re.compile(r"\s+#.*$|\s+$")
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # as YAML counts lines


def source_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _compose(path: Path, text: str, lines: list[str]) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        source = lines[mark.line] if mark and mark.line < len(lines) else None
        problem = " ".join(str(p) for p in (e.context, e.problem) if p)
        raise ContentError(
            str(path),
            line,
            "yaml",
            f"not valid YAML: {problem}",
            column=mark.column + 1 if mark else None,
            hint=yaml_hint(problem, source),
            source=source,
        ) from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow
        char = e.character if isinstance(e.character, int) else ord(e.character)
        # the first one in the text (libyaml's position counts bytes, PyYAML's characters)
        before = _LINE_BREAK.split(text[: text.find(chr(char))])
        line = len(before)
        source = lines[line - 1] if line <= len(lines) else None
        raise ContentError(
            str(path),
            line,
            "yaml",
            f"character U+{char:04X} is not allowed in YAML ({e.reason})",
            column=len(before[-1]) + 1,
            source=source,
        ) from None
    except yaml.YAMLError as e:
        raise ContentError(str(path), None, "yaml", f"not valid YAML: {e}") from None
    if node is None:
        raise ContentError(str(path), 1, "yaml", "the file is empty")
    return node


class _Stop(ContentError):
    """An error after which walking on would report nonsense (an alias) or too much."""


class _Walker:
    """Walks composed YAML nodes, building the model and collecting spans, warnings and
    errors. A bad value is recorded and skipped (its block, item or field left out) so that
    one run reports every error of the file; the model is only returned when there are none."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.source = path, text
        self.lines = source_lines(text)
        self.seen: set[int] = set()
        self.spans: list[TextSpan] = []
        self.warnings: list[Diagnostic] = []
        self.errors: list[Diagnostic] = []

    def run(self) -> Handout:
        try:
            doc = self.handout(_compose(self.path, self.source, self.lines))
        except ContentError as e:  # the document is not a mapping, or walking stopped
            self.errors += e.diagnostics
        if self.errors:
            raise ContentError.of(sorted(self.errors, key=_place))
        return doc

    # -- primitives ---------------------------------------------------------------------------

    def diagnostic(
        self,
        node: yaml.Node,
        field: str,
        message: str,
        severity: Severity = "error",
        hint: str | None = None,
        at: str | None = None,
        after: int = 0,
    ) -> Diagnostic:
        """A diagnostic at a node: its line and column, underlined to its end on that line
        (or, given `at`, the first place that text occurs in it at least `after` characters
        in, such as a link's URL)."""
        start, end = node.start_mark, node.end_mark
        source = self.lines[start.line] if start.line < len(self.lines) else None
        column = start.column
        stop = end.column if end.line == start.line else len(_COMMENT.sub("", source or ""))
        if at and source is not None:
            found = source.find(at, column + after, max(stop, column + after + len(at)))
            if found >= 0:
                column, stop = found, found + len(at)
        return Diagnostic(
            str(self.path),
            start.line + 1,
            field,
            message,
            severity,
            column + 1,
            hint,
            stop + 1 if stop > column else None,
            source,
        )

    def error(
        self, node: yaml.Node, field: str, message: str, hint: str | None = None, **where
    ) -> ContentError:
        return ContentError.of([self.diagnostic(node, field, message, hint=hint, **where)])

    def note(self, error: ContentError) -> None:
        """Record an error and carry on (up to MAX_ERRORS)."""
        self.errors += error.diagnostics
        if len(self.errors) >= MAX_ERRORS:
            raise _Stop(str(self.path), None, "", f"too many errors: stopped after {MAX_ERRORS}")

    def recover(self, read: Callable[..., object], node: yaml.Node, field: str, *args):
        """`read(node, field, *args)`, or None with the error recorded."""
        try:
            return read(node, field, *args)
        except _Stop:
            raise
        except ContentError as e:
            self.note(e)
            return None

    def visit(self, node: yaml.Node, field: str) -> None:
        if id(node) in self.seen:
            mark = _first_alias(self.source) or node.start_mark
            source = self.lines[mark.line] if mark.line < len(self.lines) else None
            hint = HINT_ALIAS if source and starts_with_star(source) else None
            raise _Stop(
                str(self.path),
                mark.line + 1,
                field,
                "YAML aliases (*name) are not allowed",
                column=mark.column + 1,
                hint=hint,
                source=source,
            )
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise self.error(node, field, f"YAML tag {node.tag!r} is not allowed")

    def mapping(self, node: yaml.Node, field: str, fields: dict[str, bool]) -> dict[str, yaml.Node]:
        """The fields of a mapping node; unknown, repeated and missing fields are recorded
        (a field missing is then absent from the result)."""
        self.visit(node, field)
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, field or "document", f"must be a mapping with {_names(fields)}")
        out: dict[str, yaml.Node] = {}
        misspelt: set[str] = set()  # a required field missing because it is misspelt: one error
        for key, value in node.value:
            self.visit(key, field)
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            sub = f"{field}.{name}" if field else str(name)
            if name not in fields:
                close = closest(name, fields)
                hint = f"did you mean {close!r}?" if close else None
                self.note(self.error(key, sub, f"unknown field (expected {_names(fields)})", hint))
                misspelt.add(close or "")
            elif name in out:
                self.note(self.error(key, sub, "field given twice"))
            else:
                out[name] = value
        for name, required in fields.items():
            if required and name not in out and name not in misspelt:
                self.note(self.error(node, field or name, f"missing required field {name!r}"))
        return out

    def sequence(self, node: yaml.Node, field: str, what: str) -> list[yaml.Node]:
        self.visit(node, field)
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, field, f"must be a list of {what}")
        if not node.value:
            raise self.error(node, field, f"must not be empty (a list of {what})")
        return node.value

    def scalar(self, node: yaml.Node, field: str) -> str:
        """The text exactly as written: `No`, `100` or `1.10` stay what the editor typed."""
        self.visit(node, field)
        if not isinstance(node, yaml.ScalarNode):
            hint = HINT_COLON if _looks_like_text(node) else None
            raise self.error(node, field, "must be text, not a list or mapping", hint)
        if node.tag.endswith(":null") and not node.style:
            raise self.error(node, field, "must not be empty")
        return node.value

    def text(self, node: yaml.Node, field: str, limit: int = limits.TEXT_CHARS) -> str:
        value = self.allowed(node, field, self.scalar(node, field), charpolicy.check, limit)
        value = charpolicy.fold(value)  # no-break spaces stay what they are
        if not charpolicy.visible(value):
            raise self.error(node, field, "must not be empty")
        self.spans.append(TextSpan(field, node.start_mark.line + 1, value))
        return value

    def allowed(
        self, node: yaml.Node, field: str, value: str, check: Callable[[str], None], limit: int
    ) -> str:
        """The value, if the character policy and its length limit allow it (charpolicy.py)."""
        too_long = limits.over(len(value), limit, "characters")
        if too_long:
            raise self.error(node, field, f"the text is {too_long}")
        try:
            check(value)
        except charpolicy.Refused as e:
            start, end = node.start_mark.index, node.end_mark.index
            line = charpolicy.source_line(self.source, start, end, value, e.index)
            raise ContentError(
                str(self.path), line or node.start_mark.line + 1, field, str(e)
            ) from None
        return value

    def optional(
        self,
        fields: dict[str, yaml.Node],
        name: str,
        read: Callable[[yaml.Node, str], object],
        prefix: str = "",
    ) -> object:
        """A field's value read by `read`; None when it is absent or bad (the error recorded:
        a required field that is absent was reported by mapping())."""
        if name not in fields:
            return None
        return self.recover(read, fields[name], f"{prefix}.{name}" if prefix else name)

    required = optional  # the same reading: the name says what the format requires

    def ident(self, node: yaml.Node, field: str) -> str:
        value = self.scalar(node, field)
        if not ID.match(value):
            raise self.error(
                node, field, f"{value!r} must be lowercase letters, digits and single hyphens"
            )
        if len(value) > MAX_ID:
            raise self.error(node, field, f"is {len(value)} characters long (at most {MAX_ID})")
        return value

    def choice(self, node: yaml.Node, field: str, choices: tuple[str, ...]) -> str:
        value = self.scalar(node, field)
        if value not in choices:
            hint = did_you_mean(value, choices)
            raise self.error(node, field, f"{value!r} is not one of {', '.join(choices)}", hint)
        return value

    def date(self, node: yaml.Node, field: str) -> date:
        value = self.scalar(node, field)
        try:
            if not _DATE.match(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(node, field, f"{value!r} is not a date (YYYY-MM-DD)") from None

    def url(self, node: yaml.Node, field: str, url: str) -> None:
        self.allowed(node, field, url, charpolicy.check_url, limits.URL_CHARS)
        try:
            warning = check_url(url)
        except UnsafeURL as e:
            raise self.error(node, field, str(e), at=url) from None
        if warning:
            self.warnings.append(self.diagnostic(node, field, warning, "warning", at=url))

    def inline(self, node: yaml.Node, field: str):
        runs, urls = parse_inline(self.text(node, field))
        for url in urls:
            self.url(node, field, url)
        return runs

    # -- the format ---------------------------------------------------------------------------

    def handout(self, node: yaml.Node) -> Handout:
        f = self.mapping(node, "", TOP_FIELDS)
        language = self.required(f, "language", self.language)
        return Handout(
            path=self.path,
            handout=self.required(f, "handout", self.ident),
            language=language,
            title=self.required(f, "title", partial(self.text, limit=limits.TITLE_CHARS)),
            subtitle=self.optional(f, "subtitle", partial(self.text, limit=limits.TITLE_CHARS)),
            revised=self.required(f, "revised", self.date),
            status=self.required(f, "status", self.status),
            source=self.optional(f, "source", self.text),
            identifiers=self.optional(f, "identifiers", self.identifiers) or (),
            sections=self.required(f, "sections", self.sections),
            translation=self.optional(f, "translation", self.translation),
            labels=self.optional(f, "labels", self.labels) or {},
            languages=self.optional(f, "languages", self.language_list) or (),
            short_title=self.optional(f, "short_title", self.text),  # before spans: read first
            key_points=self.optional(f, "key_points", self.statements) or (),
            lines={name: value.start_mark.line + 1 for name, value in f.items()},
            spans=tuple(self.spans),
            warnings=tuple(self.warnings),
        )

    def status(self, node: yaml.Node, field: str) -> str:
        return self.choice(node, field, ("approved", "draft"))

    def identifiers(self, node: yaml.Node, field: str) -> tuple[Identifier, ...]:
        items = self.sequence(node, field, "{label, value}")
        found = (
            self.recover(self.identifier, item, f"{field}[{i}]") for i, item in enumerate(items)
        )
        return tuple(found)

    def identifier(self, node: yaml.Node, field: str) -> Identifier:
        f = self.mapping(node, field, {"label": True, "value": True})
        return Identifier(
            self.required(f, "label", self.text, field), self.required(f, "value", self.text, field)
        )

    def statements(self, node: yaml.Node, field: str) -> tuple:
        """A list of short inline texts (the key points)."""
        items = self.sequence(node, field, "statements")
        found = (self.recover(self.inline, item, f"{field}[{i}]") for i, item in enumerate(items))
        return tuple(found)

    def language(self, node: yaml.Node, field: str) -> str:
        value = self.scalar(node, field)
        if not LANGUAGE.match(value):
            raise self.error(node, field, f"{value!r} is not a BCP 47 language tag (e.g. en, fr)")
        return value

    def language_list(self, node: yaml.Node, field: str) -> tuple[str, ...]:
        items = self.sequence(node, field, "language tags")
        return tuple(
            self.recover(self.language, item, f"{field}[{i}]") for i, item in enumerate(items)
        )

    def translation(self, node: yaml.Node, field: str) -> Translation:
        f = self.mapping(node, field, {"from_revised": True, "reviewed_by": True, "units": False})
        return Translation(
            from_revised=self.required(f, "from_revised", self.date, field),
            reviewed_by=self.required(f, "reviewed_by", self.nullable_text, field),
            units=self.optional(f, "units", self.fingerprints, field),
        )

    def fingerprints(self, node: yaml.Node, field: str) -> dict[str, str]:
        """A translation's record of the master text each unit was made from (units.py)."""
        self.visit(node, field)
        if not isinstance(node, yaml.MappingNode) or not node.value:
            raise self.error(node, field, "must be a mapping of unit ids to fingerprints")
        out: dict[str, str] = {}
        for key, value in node.value:
            name = self.scalar(key, field)
            where = f"{field}.{name}"
            print_ = self.scalar(value, where)
            if not _UNIT.match(name):
                self.note(self.error(key, where, f"{name!r} is not a unit id"))
            elif name in out:
                self.note(self.error(key, where, "unit given twice"))
            elif not _FINGERPRINT.match(print_):
                self.note(
                    self.error(value, where, f"{print_!r} is not a fingerprint (12 hex digits)")
                )
            else:
                out[name] = print_
        return out

    def nullable_text(self, node: yaml.Node, field: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.style:
            self.visit(node, field)
            return None
        return self.text(node, field)

    def labels(self, node: yaml.Node, field: str) -> dict[str, str]:
        from handout.catalogue import KEYS

        f = self.mapping(node, field, dict.fromkeys(KEYS, False))
        values = {name: self.optional(f, name, self.label, field) for name in f}
        return {name: value for name, value in values.items() if value is not None}

    def label(self, node: yaml.Node, field: str) -> str:
        """A label's text, whose placeholders must be the ones that label knows."""
        from handout.catalogue import TemplateError, check_template

        value = self.text(node, field)
        try:
            check_template(field.rpartition(".")[2], value)
        except TemplateError as e:
            raise self.error(node, field, str(e), e.hint, at=e.at, after=e.offset) from None
        return value

    def sections(self, node: yaml.Node, field: str) -> tuple[Section, ...]:
        ids: dict[str, int] = {}
        items = self.sequence(node, field, "sections")
        found = (
            self.recover(self.section, item, f"{field}[{i}]", ids) for i, item in enumerate(items)
        )
        return tuple(s for s in found if s is not None)

    def section(self, node: yaml.Node, field: str, ids: dict[str, int]) -> Section:
        f = self.mapping(node, field, {"id": True, "heading": True, "blocks": True})
        sid = self.required(f, "id", self.ident, field)
        if sid in ids:
            self.note(
                self.error(
                    f["id"],
                    field + ".id",
                    f"duplicate section id {sid!r} (first on line {ids[sid]})",
                )
            )
        elif sid is not None:
            ids[sid] = f["id"].start_mark.line + 1
            field = f"sections[{sid}]"
        heading = self.required(f, "heading", self.text, field)
        blocks = self.required(f, "blocks", self.top_blocks, field)
        return Section(sid, heading, blocks, node.start_mark.line + 1)

    def top_blocks(self, node: yaml.Node, field: str) -> tuple:
        return self.blocks(node, field, nested=False)

    def blocks(self, node: yaml.Node, field: str, nested: bool) -> tuple:
        """The blocks of a section or callout; a bad block is recorded and left out."""
        what = "blocks (paragraphs, bullets, steps)" if nested else "blocks"
        items = self.sequence(node, field, what)
        found = (
            self.recover(self.block, item, f"{field}[{i}]", nested) for i, item in enumerate(items)
        )
        return tuple(b for b in found if b is not None)

    def block(self, node: yaml.Node, field: str, nested: bool):
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            return Paragraph(self.inline(node, field), line)
        kinds = ("bullets", "steps") if nested else ("bullets", "steps", "callout", "qr")
        if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
            self.visit(node, field)
            raise self.error(
                node, field, f"must be a paragraph (text) or one of {', '.join(kinds)}"
            )
        key, value = node.value[0]
        kind = key.value if isinstance(key, yaml.ScalarNode) else "?"
        if kind not in kinds:
            where = " inside a callout" if nested and kind in ("callout", "qr") else ""
            text = _looks_like_text(node) and not where
            hint = did_you_mean(kind, kinds) or (HINT_COLON if text else None)
            raise self.error(
                node,
                f"{field}.{kind}",
                f"unknown block kind{where} (expected text or {', '.join(kinds)})",
                hint,
            )
        body = self.mapping(node, field, {kind: True})[kind]
        field = f"{field}.{kind}"
        if kind in ("bullets", "steps"):
            items = self.sequence(body, field, "items")
            runs = tuple(
                self.recover(self.inline, item, f"{field}[{i}]") for i, item in enumerate(items)
            )
            return ItemList(runs, kind == "steps", line)
        if kind == "callout":
            f = self.mapping(body, field, {"kind": True, "title": True, "blocks": True})
            return Callout(
                kind=self.required(f, "kind", self.callout_kind, field),
                title=self.required(f, "title", self.text, field),
                blocks=self.required(f, "blocks", self.nested_blocks, field),
                line=line,
            )
        f = self.mapping(body, field, {"url": True, "caption": True})
        url = self.required(f, "url", self.qr_url, field)
        return Qr(url, self.required(f, "caption", self.text, field), line)

    def nested_blocks(self, node: yaml.Node, field: str) -> tuple:
        return self.blocks(node, field, nested=True)

    def callout_kind(self, node: yaml.Node, field: str) -> str:
        return self.choice(node, field, CALLOUT_KINDS)

    def qr_url(self, node: yaml.Node, field: str) -> str:
        url = self.scalar(node, field).strip()
        self.url(node, field, url)
        problem = limits.qr_problem(url)
        if problem:
            raise self.error(node, field, problem)
        self.spans.append(TextSpan(field, node.start_mark.line + 1, url))  # printed beside it
        return url


def _looks_like_text(node: yaml.Node) -> bool:
    """A one-field mapping of plain text to text: `Note: take it with food` unquoted."""
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    key, value = node.value[0]
    return all(isinstance(n, yaml.ScalarNode) and not n.style for n in (key, value))


def _place(d: Diagnostic) -> tuple:
    """File order; a diagnostic with no line last."""
    return (d.line is None, d.line or 0, d.column or 0)


def _first_alias(text: str) -> yaml.Mark | None:
    """Where the first alias is used (the composed node only knows where its anchor is)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark
    return None


def _names(fields: dict[str, bool]) -> str:
    return ", ".join(fields)
