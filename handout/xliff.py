"""The translator's workflow: `handout translate export` writes an XLIFF 2.0 file for CAT tools
(Trados, memoQ, Phrase), `handout translate import` turns the translated file back into
`content.L.yaml`.

One unit per translatable text (units.py), its XLIFF id the unit id with `.` for `/` (XLIFF
ids are NMTOKENs). Bold, italic and links are `<pc>` elements and label placeholders (`{page}`)
`<ph>` elements, marked `canDelete="no"`, their syntax kept in `<originalData>`: a CAT tool
shows them as protected tags. Each unit carries the fingerprint of the master's text
(`<mda:meta type="fingerprint">`), stored in the translation on import.

An XLIFF file from outside is hostile input: it is parsed with defusedxml, which refuses any
DTD (so no entity can expand and no external file or URL is read), after a size check; every
value read from it is checked, and the YAML written is loaded back before it replaces anything.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET
import yaml

from handout import charpolicy, limits
from handout.catalogue import CATALOGUE, PLACEHOLDERS
from handout.errors import ContentError, Diagnostic, HandoutError
from handout.loader import LANGUAGE, load, load_text
from handout.model import Handout
from handout.translations import master_of, mismatches, translation_path
from handout.units import Span, Unit, document, fingerprint, flatten, markup, tree, units

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
# Each text twice (source and target) and about 400 bytes of tags and metadata per unit: the
# Kineret XLIFF is seven times its YAML. Parsing this much takes a fraction of a second.
MAX_BYTES = 16 * limits.FILE_BYTES
MAX_DEPTH = 16  # tags inside tags in one text: a link holding bold holding italic is 3
_FINGERPRINT = re.compile(r"[0-9a-f]{12}\Z")
_LABEL_TOKEN = re.compile(r"\{\{|\}\}|\{([a-z_]+)\}")
_ORIGINAL = re.compile(r"[^/\\:]+\.ya?ml\Z")

_FORMATTING = (
    "The earlier translation's bold, italic or links differ from the master's: check them."
)

ET.register_namespace("", XLIFF)
ET.register_namespace("mda", MDA)


def _q(name: str) -> str:
    return f"{{{XLIFF}}}{name}"


# -- export -------------------------------------------------------------------------------------


def export(content: str | Path, language: str) -> tuple[bytes, Handout, int]:
    """The XLIFF of a master for one target language, with its targets pre-filled from the
    translation beside it (if there is one); and the number of units pre-filled."""
    master = load(content)
    if master_of(master) is not master:
        raise HandoutError(f"{master.path}: is a translation; export its master")
    if language.lower() == master.language.lower():
        raise HandoutError(f"--lang: {language!r} is the master's own language")
    existing = translation_path(master.path, language)
    if existing.exists():
        earlier = _earlier(master, load(existing))
    else:  # a new language: the tool's own words for it, where it has them
        labels = _catalogue(language) or {}
        earlier = {f"labels/{k}": (v, "translated", None) for k, v in labels.items()}

    root = ET.Element(_q("xliff"), version="2.0", srcLang=master.language, trgLang=language)
    file = ET.SubElement(root, _q("file"), id="f1", original=master.path.name)
    _meta(file, handout=master.handout, revised=master.revised.isoformat())
    filled = 0
    for u in units(master):
        source, data = _inline(u)
        target, state, note = earlier.get(u.id, (None, "initial", None))
        if target is not None:
            target = _as_source(_inline(u._replace(value=target), _links(source, data))[0], source)
            if sorted(_ids(target)) != sorted(_ids(source)) and state == "translated":
                state, note = "initial", _FORMATTING
        el = ET.SubElement(file, _q("unit"), id=u.id.replace("/", "."), name=u.id)
        _meta(el, fingerprint=fingerprint(u.value))
        if note:
            ET.SubElement(
                ET.SubElement(el, _q("notes")), _q("note"), category="handout"
            ).text = note
        if data:
            original = ET.SubElement(el, _q("originalData"))
            for did, text in data:
                ET.SubElement(original, _q("data"), id=did).text = text
        segment = ET.SubElement(el, _q("segment"), state=state)
        _fill(ET.SubElement(segment, _q("source")), source)
        if target is not None:
            _fill(ET.SubElement(segment, _q("target")), target)
            filled += 1
    _indent(root)
    xml = ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
    return xml, master, filled


def _catalogue(language: str) -> dict[str, str] | None:
    """The tool's labels for a language (or its primary subtag), as labels_for finds them."""
    return CATALOGUE.get(language) or CATALOGUE.get(language.split("-")[0].lower())


def _meta(element: ET.Element, **values: str) -> None:
    group = ET.SubElement(
        ET.SubElement(element, f"{{{MDA}}}metadata"), f"{{{MDA}}}metaGroup", category="handout"
    )
    for name, value in values.items():
        ET.SubElement(group, f"{{{MDA}}}meta", type=name).text = value


def _earlier(master: Handout, tr: Handout) -> dict[str, tuple[object, str, str | None]]:
    """An existing translation's text per master unit, with the state it deserves: translated
    when it was made from the master's present text (its stored fingerprint says so; or, for a
    translation without fingerprints, it matches the master's structure; a text the master
    moved is found by its fingerprint), else initial with a note, so the translator sees the
    earlier words and knows to look again."""
    current = {u.id: fingerprint(u.value) for u in units(master)}
    theirs = units(tr)
    stored = tr.translation.units if tr.translation else None
    by_print = {}
    if stored is not None:
        for u in theirs:
            by_print.setdefault(stored.get(u.id), u)
    same_shape = not mismatches(master, tr)
    by_id = {u.id: u for u in theirs}
    moved = set(current.values())  # an earlier text now another unit's is no reference here
    out: dict[str, tuple[object, str, str | None]] = {}
    for uid, print_ in current.items():
        mine = by_id.get(uid)
        if stored is not None and stored.get(uid) == print_ and mine is not None:
            out[uid] = (mine.value, "translated", None)
        elif stored is not None and print_ in by_print:
            out[uid] = (by_print[print_].value, "translated", None)
        elif mine is not None and stored is None and same_shape:
            out[uid] = (mine.value, "translated", None)
        elif mine is not None and not (stored and stored.get(uid) in moved):
            out[uid] = (
                mine.value,
                "initial",
                "The master's text has changed since this was "
                "translated: the earlier translation is kept for reference.",
            )
    return out


@dataclass
class _Placeholder:
    id: str
    element: str  # pc or ph
    attrib: dict[str, str]


def _inline(u: Unit, links: list[tuple[str, str]] | None = None) -> tuple[list, list]:
    """A unit's text as XLIFF content (strings and placeholder nodes), with the original data
    (the syntax each placeholder stands for). Placeholders are numbered per kind in reading
    order (b1, i1, l1; p1 for a label's); `links` (href, id) of the source numbers the links of
    a translation that put them in another order."""
    data: list[tuple[str, str]] = []

    def datum(text: str) -> str:
        data.append((f"d{len(data) + 1}", text))
        return data[-1][0]

    if u.kind == "plain":
        return [u.value], data
    if u.kind == "label":
        out: list = []
        names, pos = PLACEHOLDERS.get(str(u.path[-1]), ()), 0
        for m in _LABEL_TOKEN.finditer(u.value):
            out.append(u.value[pos : m.start()])
            if m[1] in names:
                pid = f"p{names.index(m[1]) + 1}"
                out.append(("ph", pid, {"disp": m[0], "dataRef": datum(m[0])}, []))
            else:
                out.append(m[0][0] if m[0] in ("{{", "}}") else m[0])
            pos = m.end()
        out.append(u.value[pos:])
        return out, data
    counts = {"bold": 0, "italic": 0, "link": 0}
    unused = list(links or ())

    def number(kind: str, href: str | None) -> str:
        if kind == "link":
            for i, (h, _) in enumerate(unused):
                if h == href:
                    return unused.pop(i)[1]
        counts[kind] += 1
        return f"{kind[0]}{counts[kind]}"

    def convert(nodes: list) -> list:
        out = []
        for node in nodes:
            if isinstance(node, str):
                out.append(node)
                continue
            kind = node.attr[0]
            pid = number(kind, node.attr[1] if kind == "link" else None)
            if kind == "link":
                start, end = datum("["), datum(f"]({node.attr[1]})")
                attrib = {"type": "link", "dataRefStart": start, "dataRefEnd": end}
            else:
                mark = "**" if kind == "bold" else "*"
                sub = "xlf:b" if kind == "bold" else "xlf:i"
                start, end = datum(mark), datum(mark)
                attrib = {"type": "fmt", "subType": sub, "dataRefStart": start, "dataRefEnd": end}
            out.append(("pc", pid, attrib, convert(node.children)))
        return out

    return convert(tree(u.value)), data


def _as_source(content: list, source: list) -> list:
    """A pre-filled target's placeholders pointing at the source's original data."""
    attrib = {pid: a for pid, a in _attribs(source)}
    return [
        node
        if isinstance(node, str)
        else (node[0], node[1], attrib.get(node[1], node[2]), _as_source(node[3], source))
        for node in content
    ]


def _attribs(content: list) -> list[tuple[str, dict]]:
    out = []
    for node in content:
        if not isinstance(node, str):
            out += [(node[1], node[2]), *_attribs(node[3])]
    return out


def _indent(element: ET.Element, level: int = 0) -> None:
    """Indent the file's structure, never the text of a source, target or original datum."""
    if element.tag in (_q("source"), _q("target"), _q("data")) or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        _indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level


def _ids(content: list) -> list[tuple[str, str]]:
    """The placeholders of XLIFF content: (id, the syntax it stands for), in order."""
    out = []
    for node in content:
        if not isinstance(node, str):
            out.append((node[1], node[0]))
            out += _ids(node[3])
    return out


def _links(content: list, data: list[tuple[str, str]]) -> list[tuple[str, str]]:
    syntax = dict(data)
    found = []
    for node in content:
        if not isinstance(node, str):
            if node[2].get("type") == "link":
                found.append((syntax[node[2]["dataRefEnd"]][2:-1], node[1]))
            found += _links(node[3], data)
    return found


def _fill(element: ET.Element, content: list) -> None:
    last: ET.Element | None = None
    for node in content:
        if isinstance(node, str):
            if last is None:
                element.text = (element.text or "") + node
            else:
                last.tail = (last.tail or "") + node
            continue
        name, pid, attrib, children = node
        last = ET.SubElement(element, _q(name), id=pid, canDelete="no", **attrib)
        _fill(last, children)


# -- import -------------------------------------------------------------------------------------


@dataclass
class _File:
    """What an XLIFF file says, as read (and checked) from it."""

    path: Path
    text: str
    source_language: str
    target_language: str
    original: str
    handout: str
    revised: date
    units: dict[str, _XUnit] = field(default_factory=dict)


@dataclass
class _XUnit:
    id: str
    line: int
    fingerprint: str | None
    source: ET.Element
    target: ET.Element | None
    data: dict[str, str]


def import_(path: str | Path, out: str | Path | None, master_file: str | Path | None):
    """Write the translation an XLIFF file holds; return its path and the master. Any problem
    is an error naming the XLIFF file, the unit and what is wrong, and nothing is written."""
    xf = read(Path(path))
    if master_file is None:
        if not _ORIGINAL.match(xf.original):
            raise HandoutError(
                f"{xf.path}: its master is named {xf.original!r}; give the master with --master"
            )
        found = [p for p in (xf.path.parent / xf.original, Path(xf.original)) if p.is_file()]
        if not found:
            raise HandoutError(
                f"{xf.path}: its master {xf.original} is neither beside it nor in the current "
                "folder: give it with --master"
            )
        master_file = found[0]
    master = load(master_file)
    if master_of(master) is not master:
        raise HandoutError(f"{master.path}: is a translation, not a master")
    problems = _against_master(xf, master)
    expected = translation_path(master.path, xf.target_language)
    target = Path(out) if out is not None else expected
    if _same_file(target, master.path):
        raise HandoutError(f"{target}: is the master; a translation never replaces it")

    data, master_units = document(master)
    data["language"] = xf.target_language
    data["revised"] = xf.revised.isoformat()
    data["status"] = "draft"
    prints: dict[str, str] = {}
    wanted: dict[str, object] = {}
    for u in master_units:
        xu = xf.units.get(u.id)
        if xu is None:
            continue
        try:
            value = _target(xf, xu, u)
        except ContentError as e:
            problems += e.diagnostics
            continue
        wanted[u.id] = value
        prints[u.id] = xu.fingerprint
        _put(data, u.path, value if isinstance(value, str) else markup(value))
    if problems:  # in the file's order; units it lacks (no line) last
        raise ContentError.of(sorted(problems, key=lambda d: (d.line is None, d.line or 0)))
    data["translation"] = {
        "from_revised": xf.revised.isoformat(),
        "reviewed_by": None,
        "units": prints,
    }
    built = _catalogue(xf.target_language)
    labels = {k: v for k, v in data.pop("labels").items() if built is None or built.get(k) != v}
    text = _yaml(data, labels, xf.path.name)
    too_big = limits.over(len(text.encode()), limits.FILE_BYTES, "bytes")
    if too_big:
        raise HandoutError(f"{xf.path}: the translation it holds would be {too_big}")
    _verify(xf, master, expected, text, wanted, master_units)
    write(target, text)
    return target, master


def read(path: Path) -> _File:
    """Parse an XLIFF file safely and read what the import needs from it."""
    data = _read_bytes(path)
    lines: dict[int, int] = {}
    try:
        builder = _LineBuilder(lines)
        parser = SafeET.DefusedXMLParser(target=builder, forbid_dtd=True)
        builder.expat = parser.parser
        parser.feed(data)
        root = parser.close()
    except defusedxml.DefusedXmlException:
        raise HandoutError(
            f"{path}: refused: the file declares a DTD or entities (an XLIFF file has none; "
            "entities can expand without end or read other files)"
        ) from None
    except ET.ParseError as e:
        line, column = e.position
        raise ContentError(
            str(path), line, "xml", f"not well-formed XML: {e.msg}", column=column + 1
        ) from None
    text = data.decode("utf-8", errors="replace")

    def fail(element: ET.Element | None, what: str, message: str) -> ContentError:
        line = lines.get(id(element)) if element is not None else None
        return ContentError(str(path), line, what, message)

    if root.tag != _q("xliff") or root.get("version") != "2.0":
        raise fail(root, "xliff", 'not an XLIFF 2.0 file (<xliff version="2.0"> in its namespace)')
    src, trg = root.get("srcLang", ""), root.get("trgLang", "")
    for name, value in (("srcLang", src), ("trgLang", trg)):
        if not LANGUAGE.match(value):
            raise fail(root, f"xliff.{name}", f"{value!r} is not a language tag")
    files = root.findall(_q("file"))
    if len(files) != 1:
        raise fail(root, "xliff", f"has {len(files)} <file> elements; the export writes one")
    file = files[0]
    meta = _metadata(file)
    try:
        revised = date.fromisoformat(meta.get("revised", ""))
    except ValueError:
        raise fail(
            file, "file.revised", 'no master revised date (mda:meta type="revised")'
        ) from None
    xf = _File(path, text, src, trg, file.get("original", ""), meta.get("handout", ""), revised)
    for element in file.iter(_q("unit")):
        uid = (element.get("id") or "").replace(".", "/")
        where = f"unit[{uid}]"
        if uid in xf.units:
            raise fail(element, where, "the unit id is given twice")
        segments = [c for c in element if c.tag in (_q("segment"), _q("ignorable"))]
        if not segments:
            raise fail(element, where, "has no <segment>")
        source, target = _joined(segments, "source"), _joined(segments, "target")
        original = element.find(_q("originalData"))
        data_ = {d.get("id", ""): d.text or "" for d in original} if original is not None else {}
        print_ = _metadata(element).get("fingerprint")
        xf.units[uid] = _XUnit(uid, lines.get(id(element), 0), print_, source, target, data_)
    return xf


class _LineBuilder(ET.TreeBuilder):
    """A tree builder that notes each element's line, for errors that point at a unit."""

    def __init__(self, lines: dict[int, int]) -> None:
        super().__init__()
        self.lines, self.expat = lines, None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.expat.CurrentLineNumber
        return element


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise HandoutError(f"{path}: not a regular file")
        too_big = limits.over(info.st_size, MAX_BYTES, "bytes")
        if too_big:
            raise HandoutError(f"{path}: the file is {too_big}")
        return path.read_bytes()
    except FileNotFoundError:
        raise HandoutError(f"{path}: file not found") from None
    except OSError as e:
        raise HandoutError(f"{path}: cannot read ({e.strerror})") from None


def _metadata(element: ET.Element) -> dict[str, str]:
    group = element.find(f"{{{MDA}}}metadata/{{{MDA}}}metaGroup[@category='handout']")
    if group is None:
        return {}
    return {m.get("type", ""): (m.text or "").strip() for m in group.findall(f"{{{MDA}}}meta")}


def _joined(segments: list[ET.Element], name: str) -> ET.Element | None:
    """One element holding the content of every segment's source (or target) in order: a CAT
    tool may split a unit into sentences. An ignorable without a target keeps its source; a
    segment without one leaves the unit untranslated (None)."""
    out = ET.Element(_q(name))
    for segment in segments:
        part = segment.find(_q(name))
        if part is None and segment.tag == _q("ignorable"):
            part = segment.find(_q("source"))
        if part is None:
            return None
        _append(out, part)
    return out


def _append(out: ET.Element, part: ET.Element) -> None:
    if len(out):
        out[-1].tail = (out[-1].tail or "") + (part.text or "")
    else:
        out.text = (out.text or "") + (part.text or "")
    out.extend(list(part))


def _against_master(xf: _File, master: Handout) -> list[Diagnostic]:
    """The file must be for this master: its handout, its language, its units (no more, no
    fewer), each with a fingerprint."""
    out = []

    def err(line: int | None, what: str, message: str) -> None:
        out.append(Diagnostic(str(xf.path), line, what, message))

    if xf.handout != master.handout:
        err(None, "file.handout", f"{xf.handout!r} is not the master's handout {master.handout!r}")
    if xf.source_language.lower() != master.language.lower():
        err(None, "xliff.srcLang", f"{xf.source_language!r}: the master is {master.language!r}")
    if xf.target_language.lower() == master.language.lower():
        err(None, "xliff.trgLang", f"{xf.target_language!r} is the master's own language")
    if xf.revised > master.revised:
        err(None, "file.revised", f"{xf.revised} is later than the master's {master.revised}")
    ids = [u.id for u in units(master)]
    for uid in ids:
        if uid not in xf.units:
            err(None, f"unit[{uid}]", f"missing: {master.path.name} has this unit")
    for uid, xu in xf.units.items():
        if uid not in ids:
            err(xu.line, f"unit[{uid}]", f"{master.path.name} has no such unit")
        elif xu.fingerprint is None or not _FINGERPRINT.match(xu.fingerprint):
            err(
                xu.line,
                f"unit[{uid}]",
                'no fingerprint (mda:meta type="fingerprint"): export the file again',
            )
    return out


def _target(xf: _File, xu: _XUnit, u: Unit):
    """A unit's translation as runs (inline) or text, checked against its source: the same
    placeholders, each once and unchanged, none empty; the text not empty."""
    where = f"unit[{xu.id}]"

    def fail(message: str) -> ContentError:
        return ContentError(str(xf.path), xu.line, where, message)

    if xu.source is None:
        raise fail("a segment has no source")
    if xu.target is None:
        raise fail("has no target: the unit is not translated")
    for part in (xu.source, xu.target):
        if _depth(part) > MAX_DEPTH:
            raise fail(f"tags nested more than {MAX_DEPTH} deep")
    if not charpolicy.visible("".join(xu.target.itertext())) and not len(xu.target):
        raise fail("the target is empty")
    source = _placeholders(xu.source, fail)
    target = _placeholders(xu.target, fail)
    for pid, ph in source.items():
        if pid not in target:
            raise fail(f"the target lacks placeholder {pid} ({_describe(ph, xu)}): put it back")
        if target[pid].element != ph.element or target[pid].attrib != ph.attrib:
            raise fail(f"placeholder {pid} is altered in the target ({_describe(ph, xu)})")
    for pid in target:
        if pid not in source:
            raise fail(f"the target has placeholder {pid}, which the source does not have")
    if u.kind == "inline":
        runs = _runs(xu.target, source, xu, fail)
        if not charpolicy.visible("".join(r.text for r in runs)):
            raise fail("the target is empty")
        return runs
    text = _plain(xu.target, source, xu, fail, label=u.kind == "label")
    if not charpolicy.visible(text):
        raise fail("the target is empty")
    if u.kind == "label":  # as the catalogue has it when it is the catalogue's (": ")
        return re.sub(r"[ \t\r\n]+", " ", text)
    return charpolicy.fold(text)


def _depth(element: ET.Element) -> int:
    """How deep elements nest in a source or target (without recursion: a hostile file may
    nest thousands deep)."""
    deepest, stack = 0, [(element, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack += [(child, depth + 1) for child in node]
    return deepest


def _placeholders(element: ET.Element, fail) -> dict[str, _Placeholder]:
    found: dict[str, _Placeholder] = {}
    for node in element.iter():
        name = node.tag.rpartition("}")[2]
        if node is element or name in ("mrk", "sm", "em"):
            continue
        if name not in ("pc", "ph"):
            raise fail(f"<{name}> is not one of the placeholders the export wrote")
        pid = node.get("id", "")
        if pid in found:
            raise fail(f"placeholder {pid} appears twice")
        attrib = {
            k: v
            for k, v in node.attrib.items()
            if k not in ("id", "canDelete", "canCopy", "canReorder", "canOverlap")
        }
        found[pid] = _Placeholder(pid, name, attrib)
    return found


def _describe(ph: _Placeholder, xu: _XUnit) -> str:
    if ph.element == "ph":
        return xu.data.get(ph.attrib.get("dataRef", ""), "a placeholder")
    start = xu.data.get(ph.attrib.get("dataRefStart", ""), "")
    return {"**": "bold", "*": "italic", "[": "link"}.get(start, "formatting")


def _runs(element: ET.Element, source: dict[str, _Placeholder], xu: _XUnit, fail) -> tuple:
    """The target's text with its bold, italic and links, each placeholder meaning what the
    source's of the same id means."""

    def walk(el: ET.Element) -> list:
        out: list = [el.text or ""]
        for child in el:
            name = child.tag.rpartition("}")[2]
            if name == "pc":
                attr = _meaning(source[child.get("id", "")], xu, fail)
                inner = walk(child)
                if not charpolicy.visible("".join(r.text for r in flatten(inner))):
                    raise fail(f"placeholder {child.get('id')} holds no text")
                out.append(Span(attr, inner))
            elif name == "ph":
                raise fail(f"placeholder {child.get('id')} is not one this text can hold")
            else:
                out += walk(child)  # a CAT tool's annotation: its text counts
            out.append(child.tail or "")
        return out

    return flatten(walk(element))


def _meaning(ph: _Placeholder, xu: _XUnit, fail) -> tuple[str, ...]:
    """What a source placeholder stands for, from the syntax the export stored for it."""
    start = xu.data.get(ph.attrib.get("dataRefStart", ""))
    end = xu.data.get(ph.attrib.get("dataRefEnd", ""), "")
    if start == "**" and end == "**":
        return ("bold",)
    if start == "*" and end == "*":
        return ("italic",)
    if start == "[" and end.startswith("](") and end.endswith(")"):
        return ("link", end[2:-1])
    raise fail(f"placeholder {ph.id}: its original data is not bold, italic or a link")


def _plain(element: ET.Element, source, xu: _XUnit, fail, label: bool) -> str:
    """A plain text's target; for a label, literal braces doubled and placeholders written
    back as the syntax they stand for (`{page}`)."""
    brace = str.maketrans({"{": "{{", "}": "}}"}) if label else {}

    def walk(el: ET.Element) -> list[str]:
        out = [(el.text or "").translate(brace)]
        for child in el:
            name = child.tag.rpartition("}")[2]
            if name == "ph":
                out.append(xu.data.get(source[child.get("id", "")].attrib.get("dataRef", ""), ""))
            elif name == "pc":
                raise fail(f"placeholder {child.get('id')}: this text has no formatting")
            else:
                out += walk(child)
            out.append((child.tail or "").translate(brace))
        return out

    return "".join(walk(element))


def _put(data, path, value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # the loader refuses aliases
        return True


def _yaml(data: dict, labels: dict[str, str], xliff_name: str) -> str:
    order = [
        "handout",
        "language",
        "title",
        "subtitle",
        "short_title",
        "revised",
        "status",
        "translation",
        "source",
        "identifiers",
        "labels",
        "key_points",
        "sections",
    ]
    if labels:
        data["labels"] = labels
    ordered = {k: data[k] for k in order if k in data}
    body = yaml.dump(
        ordered,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1 << 20,
        default_flow_style=False,
    )
    head = (
        "# yaml-language-server: $schema=handout/data/content.schema.json\n"
        f"# Written by `handout translate import {xliff_name}`: translate in the XLIFF file and\n"
        "# import it again rather than edit here.\n"
    )
    return head + body


def _verify(xf: _File, master: Handout, expected: Path, text: str, wanted, master_units) -> None:
    """Load the YAML about to be written, as build will: every text must read back as meant
    and the translation must match the master; else an error naming the unit."""
    by_field = {u.field: u for u in master_units}
    try:
        doc = load_text(expected, text)
    except ContentError as e:
        raise ContentError.of(_to_units(xf, d, by_field) for d in e.diagnostics) from None
    problems = [d for p in mismatches(master, doc) for d in p.diagnostics]
    if problems:
        raise ContentError.of(_to_units(xf, d, by_field) for d in problems)
    got = {u.id: u.value for u in units(doc)}
    for u in master_units:
        if _reading(got[u.id]) != _reading(wanted[u.id]):
            xu = xf.units[u.id]
            raise ContentError(
                str(xf.path),
                xu.line,
                f"unit[{u.id}]",
                "its bold, italic or links cannot be written back as placed (they touch or "
                "nest in a way **bold**/*italic* cannot say): keep a space between them, and "
                "italic inside bold, not bold inside italic",
            )


def _reading(value) -> object:
    """What a reader gets from a text: its words (spaces folded as the loader folds them),
    and the formatting of every character but spaces."""
    if isinstance(value, str):
        return charpolicy.fold(value)
    chars = [(c, r.bold, r.italic, r.href) for r in value for c in r.text if not c.isspace()]
    return charpolicy.fold("".join(r.text for r in value)), chars


def _to_units(xf: _File, d: Diagnostic, by_field: dict[str, Unit]) -> Diagnostic:
    """A diagnostic of the YAML made from the file, as one about the file's unit."""
    u = by_field.get(d.field) or next(
        (u for f, u in by_field.items() if d.field.startswith(f + ".")), None
    )
    if u is None:
        return Diagnostic(str(xf.path), None, d.field, d.message)
    return Diagnostic(str(xf.path), xf.units[u.id].line, f"unit[{u.id}]", d.message)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def write(target: Path, data: str | bytes) -> None:
    """Write a file whole or not at all (a temporary file renamed over it)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
