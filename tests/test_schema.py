"""The JSON Schema of the content format: shipped, printed by `handout schema`, accepting every
content file in the repo and rejecting the structural mistakes the loader rejects."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import ROOT, minimal, run_cli, write_content
from jsonschema import Draft202012Validator

from handout.catalogue import KEYS
from handout.errors import ContentError
from handout.loader import TOP_FIELDS, load
from handout.model import CALLOUT_KINDS

SCHEMA_FILE = ROOT / "handout" / "data" / "content.schema.json"


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates stay text (YAML 1.2 has none)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(validator: Draft202012Validator, text: str) -> list[str]:
    data = yaml.load(text, Loader=EditorLoader)
    return [e.message for e in validator.iter_errors(data)]


def loader_rejects(tmp_path, text: str) -> bool:
    try:
        load(write_content(tmp_path, text))
    except ContentError:
        return True
    return False


def test_handout_schema_prints_the_shipped_schema():
    result = run_cli(["schema"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_is_package_data():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/*.json"' in pyproject


@pytest.mark.parametrize("path", sorted(ROOT.glob("content*.yaml")), ids=lambda p: p.name)
def test_every_content_file_in_the_repo_is_valid(validator, path):
    assert schema_errors(validator, path.read_text(encoding="utf-8")) == []


def test_the_schema_names_the_loaders_fields():
    """The same fields, required the same way, the same labels and kinds: when the format
    grows, this fails until the schema grows with it."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(TOP_FIELDS)
    assert set(schema["required"]) == {name for name, required in TOP_FIELDS.items() if required}
    assert set(schema["properties"]["labels"]["properties"]) == set(KEYS)
    callout = schema["$defs"]["callout"]["properties"]["callout"]
    assert tuple(callout["properties"]["kind"]["enum"]) == CALLOUT_KINDS


def section_with(extra: str) -> str:
    return minimal("- x").replace("    heading: First\n", f"    heading: First\n    {extra}\n")


BAD = {
    "unknown top-level field": minimal("- x") + "colour: blue\n",
    "missing title": minimal("- x", title=None),
    "missing sections": minimal("- x").split("sections:")[0],
    "sections is a string": minimal("- x").split("sections:")[0] + "sections: hello\n",
    "no sections": minimal("- x").split("sections:")[0] + "sections: []\n",
    "unknown field in a section": section_with("note: hi"),
    "heading is a list": minimal("- x").replace("heading: First", "heading: [a, b]"),
    "empty heading": minimal("- x").replace("heading: First", 'heading: ""'),
    "empty title": minimal("- x", title="' '"),
    "bad date": minimal("- x", revised="2026-13-45"),
    "not a date": minimal("- x", revised="soon"),
    "empty section": minimal("- x").replace("    blocks:\n      - x", "    blocks: []"),
    "handout id ../evil": minimal("- x", handout='"../evil"'),
    "handout id with capitals": minimal("- x", handout="Kineret"),
    "section id with a space": minimal("- x").replace("id: one", "id: one two"),
    "language not a tag": minimal("- x", language="english!"),
    "status final": minimal("- x", status="final"),
    "unknown block kind": minimal("- bulets: [a, b]"),
    "unquoted colon in a paragraph": minimal("- Take 2 tablets: one in the morning"),
    "two kinds in one block": minimal("- {bullets: [a], steps: [b]}"),
    "a list as a paragraph": minimal("- [a, b]"),
    "empty bullets": minimal("- bullets: []"),
    "steps of lists": minimal("- steps: [[a]]"),
    "unknown callout kind": minimal("- callout: {kind: danger, title: T, blocks: [x]}"),
    "callout without title": minimal("- callout: {kind: info, blocks: [x]}"),
    "callout in a callout": minimal(
        "- callout: {kind: info, title: T, blocks: [{callout: {kind: info, title: U,blocks: [x]}}]}"
    ),
    "qr in a callout": minimal(
        '- callout: {kind: info, title: T, blocks: [{qr: {url: "https://a.example/", caption: c}}]}'
    ),
    "file: QR url": minimal('- qr: {url: "file:///etc/passwd", caption: c}'),
    "javascript: QR url": minimal('- qr: {url: "javascript:alert(1)", caption: c}'),
    "relative QR url": minimal("- qr: {url: /video, caption: c}"),
    "QR without caption": minimal('- qr: {url: "https://a.example/"}'),
    "QR with an extra field": minimal('- qr: {url: "https://a.example/", caption: c, size: 3}'),
    "identifier without value": minimal("- x", identifiers="[{label: DIN}]"),
    "unknown label": minimal("- x", labels="{footer: x}"),
    "label is a list": minimal("- x", labels="{kicker: [a]}"),
    "translation without reviewer": minimal("- x", translation="{from_revised: 2026-01-01}"),
    "translation with a bad date": minimal(
        "- x", translation="{from_revised: 2026-02-30, reviewed_by: null}"
    ),
    "unit fingerprint not hex": minimal(
        "- x",
        translation="{from_revised: 2026-01-01, reviewed_by: null, units: {one/heading: xyz}}",
    ),
    "unit id with a space": minimal(
        "- x",
        translation="{from_revised: 2026-01-01, reviewed_by: null, units: {'a b': 0123456789ab}}",
    ),
    "languages not tags": minimal("- x", languages="[fr, 'f r']"),
    "languages empty": minimal("- x", languages="[]"),
    "document is a list": "- handout: demo\n",
}

GOOD = {
    "minimal": minimal("- x"),
    "every block kind": minimal(
        """
        - A **paragraph** with a [link](https://a.example/).
        - bullets: [one, two]
        - steps: [one, two]
        - callout: {kind: call-doctor, title: T, blocks: [x, {bullets: [a]}, {steps: [b]}]}
        - qr: {url: "https://a.example/", caption: c}
        - qr: {url: "tel:+1-555-0100", caption: Call us}
        """
    ),
    "numbers and yes as text": minimal("- 100", title="100", subtitle="yes"),
    "a translation": minimal("- x", translation="{from_revised: 2026-01-01, reviewed_by: null}"),
    "a reviewed translation": minimal(
        "- x", translation="{from_revised: 2026-01-01, reviewed_by: Dr. X}"
    ),
    "a translation with unit fingerprints": minimal(
        "- x",
        translation="{from_revised: 2026-01-01, reviewed_by: null, "
        "units: {one/heading: 0123456789ab, one/blocks/0: 'ba9876543210', "
        "labels/qr_alt: c0ffee000000}}",
    ),
    "labels with placeholders": minimal("- x", labels="{page: 'p. {page}/{pages}'}"),
    "identifiers": minimal("- x", identifiers="[{label: DIN, value: '02245913'}]"),
    "languages": minimal("- x", languages="[fr, zh-Hant]"),
}


@pytest.mark.parametrize("name", BAD)
def test_the_schema_rejects_what_the_loader_rejects(tmp_path, validator, name):
    text = BAD[name]
    assert loader_rejects(tmp_path, text), "the loader accepts it"
    assert schema_errors(validator, text), "the schema accepts it"


@pytest.mark.parametrize("name", GOOD)
def test_the_schema_accepts_what_the_loader_accepts(tmp_path, validator, name):
    text = GOOD[name]
    assert not loader_rejects(tmp_path, text), "the loader rejects it"
    assert schema_errors(validator, text) == []
