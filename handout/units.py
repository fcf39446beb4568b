"""Translation units: every piece of a handout a translator translates, with a stable id.

One unit per title line, identifier label, key point, heading, paragraph, list item, callout
title, QR caption and label, named by where it sits (`how-do-i-take-kineret/blocks/2`). Each
has a fingerprint of the master's text, stored in a translation made from it, so that `check`
can name exactly the units the master has changed since (translations.changed_units).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Literal, NamedTuple

from handout.catalogue import KEYS, labels_for
from handout.model import Callout, Handout, ItemList, Paragraph, Qr, Run

Kind = Literal["inline", "plain", "label"]  # inline: runs with **bold**, *italic*, [links]
Value = tuple[Run, ...] | str
Path = tuple[str | int, ...]  # where the text sits in the YAML document (document())


class Unit(NamedTuple):
    id: str  # section id + block path, `/`-separated
    field: str  # the loader's name for it, to map a loader error back to the unit
    kind: Kind
    value: Value  # runs for inline units, the text for plain ones and labels
    path: Path


def fingerprint(value: Value) -> str:
    """The first 12 hex digits of the sha256 of the text and its formatting: what the
    translation of a unit was made from."""
    canon = value if isinstance(value, str) else [list(run) for run in value]
    data = json.dumps(canon, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(data).hexdigest()[:12]


def fingerprints(doc: Handout) -> dict[str, str]:
    return {u.id: fingerprint(u.value) for u in units(doc)}


def units(doc: Handout) -> list[Unit]:
    return document(doc)[1]


def document(doc: Handout) -> tuple[dict, list[Unit]]:
    """The handout as the plain data of its YAML file, and its units with the place of each
    in that data: one walk, so the units and the file they are written back into agree."""
    out: list[Unit] = []

    def unit(uid: str, field: str, kind: Kind, value: Value, path: Path):
        out.append(Unit(uid, field, kind, value, path))
        return value if isinstance(value, str) else markup(value)

    data: dict = {"handout": doc.handout, "language": doc.language}
    data["title"] = unit("title", "title", "plain", doc.title, ("title",))
    for name in ("subtitle", "short_title"):
        if getattr(doc, name) is not None:
            data[name] = unit(name, name, "plain", getattr(doc, name), (name,))
    data["revised"] = doc.revised.isoformat()
    data["status"] = doc.status
    if doc.source is not None:
        data["source"] = unit("source", "source", "plain", doc.source, ("source",))
    if doc.identifiers:
        data["identifiers"] = [
            {
                "label": unit(
                    f"identifiers/{i}/label",
                    f"identifiers[{i}].label",
                    "plain",
                    ident.label,
                    ("identifiers", i, "label"),
                ),
                "value": ident.value,
            }
            for i, ident in enumerate(doc.identifiers)
        ]
    if doc.key_points:
        data["key_points"] = [
            unit(f"key_points/{i}", f"key_points[{i}]", "inline", runs, ("key_points", i))
            for i, runs in enumerate(doc.key_points)
        ]
    data["sections"] = []
    for n, section in enumerate(doc.sections):
        where, field, path = section.id, f"sections[{section.id}]", ("sections", n)
        data["sections"].append(
            {
                "id": section.id,
                "heading": unit(
                    f"{where}/heading",
                    f"{field}.heading",
                    "plain",
                    section.heading,
                    (*path, "heading"),
                ),
                "blocks": list(_blocks(section.blocks, where, field, (*path, "blocks"), unit)),
            }
        )
    labels = labels_for(doc)
    data["labels"] = {
        key: unit(f"labels/{key}", f"labels.{key}", "label", labels[key], ("labels", key))
        for key in KEYS
    }
    return data, out


def _blocks(blocks, where: str, field: str, path: Path, unit) -> Iterator[object]:
    for i, block in enumerate(blocks):
        uid, name, at = f"{where}/blocks/{i}", f"{field}.blocks[{i}]", (*path, i)
        if isinstance(block, Paragraph):
            yield unit(uid, name, "inline", block.runs, at)
        elif isinstance(block, ItemList):
            kind = block.kind
            yield {
                kind: [
                    unit(f"{uid}/{kind}/{j}", f"{name}.{kind}[{j}]", "inline", item, (*at, kind, j))
                    for j, item in enumerate(block.items)
                ]
            }
        elif isinstance(block, Callout):
            at = (*at, "callout")
            title = unit(
                f"{uid}/callout/title",
                f"{name}.callout.title",
                "plain",
                block.title,
                (*at, "title"),
            )
            inner = list(
                _blocks(block.blocks, f"{uid}/callout", f"{name}.callout", (*at, "blocks"), unit)
            )
            yield {"callout": {"kind": block.kind, "title": title, "blocks": inner}}
        elif isinstance(block, Qr):
            caption = unit(
                f"{uid}/qr/caption",
                f"{name}.qr.caption",
                "plain",
                block.caption,
                (*at, "qr", "caption"),
            )
            yield {"qr": {"url": block.url, "caption": caption}}
        else:  # pragma: no cover - every block kind is handled above
            raise TypeError(f"unknown block {block!r}")


# -- runs back to the content file's inline syntax ----------------------------------------------

_ESCAPE = str.maketrans({c: "\\" + c for c in "\\*[]"})


class Span(NamedTuple):
    """Bold, italic or a link around other nodes (text or spans)."""

    attr: tuple[str, ...]  # ("bold",), ("italic",) or ("link", href)
    children: list


def _attrs(run: Run) -> list[tuple[str, ...]]:
    """A run's attributes in the order they nest (outermost first): `**a *b* c**` and
    `[**a**](url)` read back as written, `*a **b** c*` would not."""
    found = [("link", run.href)] if run.href else []
    return found + [("bold",)] * run.bold + [("italic",)] * run.italic


def tree(runs: tuple[Run, ...]) -> list:
    """Runs as nested spans: each attribute opened once for as long as it lasts, nested in
    one fixed order."""
    root: list = []
    stack: list[Span] = []
    for run in runs:
        wanted = _attrs(run)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep].attr == wanted[keep]:
            keep += 1
        del stack[keep:]
        for attr in wanted[keep:]:
            span = Span(attr, [])
            (stack[-1].children if stack else root).append(span)
            stack.append(span)
        (stack[-1].children if stack else root).append(run.text)
    return root


def flatten(nodes: list, attrs: frozenset = frozenset()) -> tuple[Run, ...]:
    """Spans back to runs (neighbours with the same attributes joined)."""
    out: list[Run] = []

    def walk(nodes: list, on: frozenset) -> None:
        for node in nodes:
            if isinstance(node, str):
                href = next((a[1] for a in on if a[0] == "link"), None)
                run = Run(node, ("bold",) in on, ("italic",) in on, href)
                if out and out[-1][1:] == run[1:]:
                    out[-1] = out[-1]._replace(text=out[-1].text + node)
                elif node:
                    out.append(run)
            else:
                walk(node.children, on | {node.attr})

    walk(nodes, attrs)
    return tuple(out)


def markup(runs: tuple[Run, ...]) -> str:
    """The inline syntax that parses back to these runs (check with parse_inline: emphasis
    that touches other emphasis may not)."""
    return "".join(_markup(node) for node in _outside_spaces(tree(runs)))


def _markup(node) -> str:
    if isinstance(node, str):
        return node.translate(_ESCAPE)
    inner = "".join(_markup(child) for child in node.children)
    if node.attr[0] == "link":
        return f"[{inner}]({node.attr[1]})"
    mark = "**" if node.attr == ("bold",) else "*"
    return f"{mark}{inner}{mark}"


def _outside_spaces(nodes: list) -> list:
    """Spaces at the ends of bold or italic moved outside it (`** x**` is not bold; the page
    shows the same words)."""
    out: list = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
            continue
        children = _outside_spaces(node.children)
        lead = trail = ""
        if node.attr[0] != "link":
            lead, children = _strip(children, 0)
            trail, children = _strip(children, -1)
        out += [lead, Span(node.attr, children), trail]
    return [n for n in out if n != ""]


def _strip(children: list, end: int) -> tuple[str, list]:
    """The whitespace at one end (0: start, -1: end) of a span's content, and the rest."""
    if not children:
        return "", children
    first = children[end]
    if isinstance(first, str):
        text = first.lstrip() if end == 0 else first.rstrip()
        space = first[: len(first) - len(text)] if end == 0 else first[len(text) :]
        rest = [text] if text else []
        return space, (rest + children[1:] if end == 0 else children[:-1] + rest)
    space, inner = _strip(first.children, end)
    span = Span(first.attr, inner)
    return space, ([span, *children[1:]] if end == 0 else [*children[:-1], span])


def normal(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """The runs `markup` writes: the same text, with spaces at the ends of emphasis outside."""
    return flatten(_outside_spaces(tree(runs)))
