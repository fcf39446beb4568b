"""Load a content file into the typed model, checking every field against the format.

The YAML is composed (never constructed) with the safe loader and walked node by node, so
every error names the line and field, no tag can build an object, and an alias (the way to a
"billion laughs" bomb) is refused the first time it is met.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

from handout.errors import ContentError, HandoutError
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

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
}
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"

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


def load(path: str | Path) -> Handout:
    """Read and validate one content file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HandoutError(f"{path}: file not found") from None
    except UnicodeDecodeError as e:
        raise HandoutError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise HandoutError(f"{path}: cannot read ({e.strerror})") from None
    return _Walker(path, text).handout(_compose(path, text))


def _compose(path: Path, text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(p) for p in (e.context, e.problem) if p)
        raise ContentError(str(path), line, "yaml", f"not valid YAML: {problem}") from None
    except yaml.YAMLError as e:
        raise ContentError(str(path), None, "yaml", f"not valid YAML: {e}") from None
    if node is None:
        raise ContentError(str(path), 1, "yaml", "the file is empty")
    return node


class _Walker:
    """Walks composed YAML nodes, building the model and collecting spans and warnings."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.source = path, text
        self.seen: set[int] = set()
        self.spans: list[TextSpan] = []
        self.warnings: list[str] = []

    # -- primitives ---------------------------------------------------------------------------

    def error(self, node: yaml.Node, field: str, message: str) -> ContentError:
        return ContentError(str(self.path), node.start_mark.line + 1, field, message)

    def visit(self, node: yaml.Node, field: str) -> None:
        if id(node) in self.seen:
            line = _first_alias_line(self.source) or node.start_mark.line + 1
            raise ContentError(str(self.path), line, field, "YAML aliases (*name) are not allowed")
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS | {_MAP, _SEQ}:
            raise self.error(node, field, f"YAML tag {node.tag!r} is not allowed")

    def mapping(self, node: yaml.Node, field: str, fields: dict[str, bool]) -> dict[str, yaml.Node]:
        self.visit(node, field)
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, field or "document", f"must be a mapping with {_names(fields)}")
        out: dict[str, yaml.Node] = {}
        for key, value in node.value:
            self.visit(key, field)
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            sub = f"{field}.{name}" if field else str(name)
            if name not in fields:
                raise self.error(key, sub, f"unknown field (expected {_names(fields)})")
            if name in out:
                raise self.error(key, sub, "field given twice")
            out[name] = value
        for name, required in fields.items():
            if required and name not in out:
                raise self.error(node, field or name, f"missing required field {name!r}")
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
            raise self.error(node, field, "must be text, not a list or mapping")
        if node.tag.endswith(":null") and not node.style:
            raise self.error(node, field, "must not be empty")
        return node.value

    def text(self, node: yaml.Node, field: str) -> str:
        value = " ".join(self.scalar(node, field).split())
        if not value:
            raise self.error(node, field, "must not be empty")
        self.spans.append(TextSpan(field, node.start_mark.line + 1, value))
        return value

    def optional(
        self, fields: dict[str, yaml.Node], name: str, read: Callable[[yaml.Node, str], object]
    ) -> object:
        return read(fields[name], name) if name in fields else None

    def ident(self, node: yaml.Node, field: str) -> str:
        value = self.scalar(node, field)
        if not ID.match(value):
            raise self.error(
                node, field, f"{value!r} must be lowercase letters, digits and single hyphens"
            )
        return value

    def choice(self, node: yaml.Node, field: str, choices: tuple[str, ...]) -> str:
        value = self.scalar(node, field)
        if value not in choices:
            raise self.error(node, field, f"{value!r} is not one of {', '.join(choices)}")
        return value

    def date(self, node: yaml.Node, field: str) -> date:
        value = self.scalar(node, field)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(node, field, f"{value!r} is not a date (YYYY-MM-DD)") from None

    def url(self, node: yaml.Node, field: str, url: str) -> None:
        try:
            warning = check_url(url)
        except UnsafeURL as e:
            raise self.error(node, field, str(e)) from None
        if warning:
            self.warnings.append(f"{self.path}:{node.start_mark.line + 1}: {field}: {warning}")

    def inline(self, node: yaml.Node, field: str):
        runs, urls = parse_inline(self.text(node, field))
        for url in urls:
            self.url(node, field, url)
        return runs

    # -- the format ---------------------------------------------------------------------------

    def handout(self, node: yaml.Node) -> Handout:
        f = self.mapping(node, "", TOP_FIELDS)
        language = self.language(f["language"], "language")
        return Handout(
            path=self.path,
            handout=self.ident(f["handout"], "handout"),
            language=language,
            title=self.text(f["title"], "title"),
            subtitle=self.optional(f, "subtitle", self.text),
            revised=self.date(f["revised"], "revised"),
            status=self.choice(f["status"], "status", ("approved", "draft")),
            source=self.optional(f, "source", self.text),
            identifiers=tuple(self.identifiers(f["identifiers"])) if "identifiers" in f else (),
            sections=self.sections(f["sections"]),
            translation=self.optional(f, "translation", self.translation),
            labels=self.optional(f, "labels", self.labels) or {},
            languages=self.optional(f, "languages", self.language_list) or (),
            short_title=self.optional(f, "short_title", self.text),  # before spans: read first
            key_points=self.optional(f, "key_points", self.statements) or (),
            lines={name: value.start_mark.line + 1 for name, value in f.items()},
            spans=tuple(self.spans),
            warnings=tuple(self.warnings),
        )

    def statements(self, node: yaml.Node, field: str) -> tuple:
        """A list of short inline texts (the key points)."""
        items = self.sequence(node, field, "statements")
        return tuple(self.inline(item, f"{field}[{i}]") for i, item in enumerate(items))

    def identifiers(self, node: yaml.Node) -> list[Identifier]:
        out = []
        for i, item in enumerate(self.sequence(node, "identifiers", "{label, value}")):
            field = f"identifiers[{i}]"
            f = self.mapping(item, field, {"label": True, "value": True})
            out.append(
                Identifier(
                    self.text(f["label"], field + ".label"), self.text(f["value"], field + ".value")
                )
            )
        return out

    def language(self, node: yaml.Node, field: str) -> str:
        value = self.scalar(node, field)
        if not LANGUAGE.match(value):
            raise self.error(node, field, f"{value!r} is not a BCP 47 language tag (e.g. en, fr)")
        return value

    def language_list(self, node: yaml.Node, field: str) -> tuple[str, ...]:
        items = self.sequence(node, field, "language tags")
        return tuple(self.language(item, f"{field}[{i}]") for i, item in enumerate(items))

    def translation(self, node: yaml.Node, field: str) -> Translation:
        f = self.mapping(node, field, {"from_revised": True, "reviewed_by": True})
        return Translation(
            from_revised=self.date(f["from_revised"], field + ".from_revised"),
            reviewed_by=self.nullable_text(f["reviewed_by"], field + ".reviewed_by"),
        )

    def nullable_text(self, node: yaml.Node, field: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.style:
            self.visit(node, field)
            return None
        return self.text(node, field)

    def labels(self, node: yaml.Node, field: str) -> dict[str, str]:
        from handout.catalogue import KEYS

        f = self.mapping(node, field, dict.fromkeys(KEYS, False))
        return {name: self.text(value, f"{field}.{name}") for name, value in f.items()}

    def sections(self, node: yaml.Node) -> tuple[Section, ...]:
        out: list[Section] = []
        ids: dict[str, int] = {}
        for i, item in enumerate(self.sequence(node, "sections", "sections")):
            field = f"sections[{i}]"
            f = self.mapping(item, field, {"id": True, "heading": True, "blocks": True})
            sid = self.ident(f["id"], field + ".id")
            if sid in ids:
                raise self.error(
                    f["id"],
                    field + ".id",
                    f"duplicate section id {sid!r} (first on line {ids[sid]})",
                )
            ids[sid] = f["id"].start_mark.line + 1
            field = f"sections[{sid}]"
            heading = self.text(f["heading"], field + ".heading")
            blocks = self.blocks(f["blocks"], field + ".blocks", nested=False)
            out.append(Section(sid, heading, blocks, item.start_mark.line + 1))
        return tuple(out)

    def blocks(self, node: yaml.Node, field: str, nested: bool) -> tuple:
        what = "blocks (paragraphs, bullets, steps)" if nested else "blocks"
        return tuple(
            self.block(item, f"{field}[{i}]", nested)
            for i, item in enumerate(self.sequence(node, field, what))
        )

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
        key = node.value[0][0]
        kind = key.value if isinstance(key, yaml.ScalarNode) else "?"
        if kind not in kinds:
            where = " inside a callout" if nested and kind in ("callout", "qr") else ""
            raise self.error(
                node,
                f"{field}.{kind}",
                f"unknown block kind{where} (expected text or {', '.join(kinds)})",
            )
        body = self.mapping(node, field, {kind: True})[kind]
        field = f"{field}.{kind}"
        if kind in ("bullets", "steps"):
            items = self.sequence(body, field, "items")
            runs = tuple(self.inline(item, f"{field}[{i}]") for i, item in enumerate(items))
            return ItemList(runs, kind == "steps", line)
        if kind == "callout":
            f = self.mapping(body, field, {"kind": True, "title": True, "blocks": True})
            return Callout(
                kind=self.choice(f["kind"], field + ".kind", CALLOUT_KINDS),
                title=self.text(f["title"], field + ".title"),
                blocks=self.blocks(f["blocks"], field + ".blocks", nested=True),
                line=line,
            )
        f = self.mapping(body, field, {"url": True, "caption": True})
        url = self.scalar(f["url"], field + ".url").strip()
        self.url(f["url"], field + ".url", url)
        return Qr(url, self.text(f["caption"], field + ".caption"), line)


def _first_alias_line(text: str) -> int | None:
    """Where the first alias is used (the composed node only knows where its anchor is)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return None


def _names(fields: dict[str, bool]) -> str:
    return ", ".join(fields)
