# ruff: noqa: E501 (the table holds whole error lines, as a user sees them)
"""Loader rules that mutation testing (tools/mutation.py loader) showed no test held: each
asserts the one-line error a user gets, or the value that reaches the page, in this process."""

from __future__ import annotations

import pytest
from conftest import minimal, write_content

from handout.errors import ContentError, HandoutError
from handout.loader import load


def error(tmp_path, text: str) -> str:
    """The first line the user sees for a bad file: `FILE:LINE: field: message`."""
    path = write_content(tmp_path, text)
    with pytest.raises(ContentError) as e:
        load(path)
    return str(e.value).replace(str(path), "FILE")


def test_a_minimal_file_loads_as_written(tmp_path):
    doc = load(write_content(tmp_path, minimal("- Take it daily.")))
    assert (doc.handout, doc.language, doc.title, doc.status) == ("demo", "en", "Demo", "approved")


def test_a_file_over_the_size_limit_is_refused_naming_both_sizes(tmp_path):
    from handout.limits import FILE_BYTES

    path = write_content(tmp_path, minimal("- Take it daily."))
    with path.open("ab") as f:
        f.write(b"#" * (FILE_BYTES + 1 - path.stat().st_size) + b"\n")
    size = path.stat().st_size
    with pytest.raises(HandoutError) as e:
        load(path)
    assert str(e.value) == (
        f"{path}: the file is {size:,} bytes, over the limit of {FILE_BYTES:,} bytes"
    )


def test_a_file_with_many_errors_is_reported_up_to_fifty(tmp_path):
    fields = "".join(f"unknown{i}: x\n" for i in range(60))
    path = write_content(tmp_path, fields + minimal("- Take it daily."))
    with pytest.raises(ContentError) as e:
        load(path)
    found = e.value.diagnostics
    assert len(found) == 51
    assert [d.field for d in found[:3]] == ["unknown0", "unknown1", "unknown2"]
    assert found[-1].message == "too many errors: stopped after 50"


BAD = {  # what a user gets, first line, for each kind of mistake
    "empty": "",
    "not a mapping": "- a\n- b\n",
    "yaml syntax": "handout: [a\n",
    "yaml char": "handout: a\x07\n",
    "alias": minimal("- &a Take it.\n- *a"),
    "tag": minimal("- !!binary aGk="),
    "unknown field": minimal("- x", titel="Demo", title=None),
    "twice": minimal("- x") + "title: Again\n",
    "missing": minimal("- x", title=None),
    "not a list": minimal("- x").replace("    blocks:\n      - x", "    blocks: x"),
    "empty list": minimal("- x").replace("    blocks:\n      - x", "    blocks: []"),
    "not text": minimal("- x", title="[a, b]"),
    "null": minimal("- x", title="null"),
    "too long": minimal("- " + "a" * 10001),
    "bad id": minimal("- x", handout="Demo"),
    "long id": minimal("- x", handout="a" * 65),
    "status": minimal("- x", status="final"),
    "date": minimal("- x", revised="20260101"),
    "language": minimal("- x", language="e"),
    "duplicate section": minimal("- x") + "  - id: one\n    heading: Again\n    blocks: [y]\n",
    "block not text": minimal("- [a, b]"),
    "block kind": minimal("- bulets: [a]"),
    "callout in callout": minimal(
        "- callout: {kind: info, title: T, blocks: [{qr: {url: 'https://a.example', caption: c}}]}"
    ),
    "callout kind": minimal("- callout: {kind: danger, title: T, blocks: [x]}"),
    "label": minimal("- x", labels="{page: 'Page {nope}'}"),
    "title limit": minimal("- x", title="a" * 151),
    "translation": minimal("- x", translation="{from_revised: 2026-01-01}"),
    "identifiers": minimal("- x", identifiers="[{label: DIN}]"),
    "languages": minimal("- x", languages="[f]"),
}

EXPECTED = {
    "empty": "FILE:1: yaml: the file is empty",
    "not a mapping": "FILE:1:1: document: must be a mapping with handout, language, title, subtitle, revised, status, source, identifiers, sections, translation, labels, languages, short_title, key_points",
    "yaml syntax": "FILE:2:1: yaml: not valid YAML: while parsing a flow sequence did not find expected ',' or ']'",
    "yaml char": "FILE:1:11: yaml: character U+0007 is not allowed in YAML (control characters are not allowed)",
    "alias": "FILE:11:9: sections[one].blocks[1]: YAML aliases (*name) are not allowed",
    "tag": "FILE:10:9: sections[one].blocks[0]: YAML tag 'tag:yaml.org,2002:binary' is not allowed",
    "unknown field": "FILE:5:1: titel: unknown field (expected handout, language, title, subtitle, revised, status, source, identifiers, sections, translation, labels, languages, short_title, key_points)",
    "twice": "FILE:11:1: title: field given twice",
    "missing": "FILE:1:1: title: missing required field 'title'",
    "not a list": "FILE:9:13: sections[one].blocks: must be a list of blocks",
    "empty list": "FILE:9:13: sections[one].blocks: must not be empty (a list of blocks)",
    "not text": "FILE:3:8: title: must be text, not a list or mapping",
    "null": "FILE:3:8: title: must not be empty",
    "too long": "FILE:10:9: sections[one].blocks[0]: the text is 10,001 characters, over the limit of 10,000 characters",
    "bad id": "FILE:1:10: handout: 'Demo' must be lowercase letters, digits and single hyphens",
    "long id": "FILE:1:10: handout: is 65 characters long (at most 64)",
    "status": "FILE:5:9: status: 'final' is not one of approved, draft",
    "date": "FILE:4:10: revised: '20260101' is not a date (YYYY-MM-DD)",
    "language": "FILE:2:11: language: 'e' is not a BCP 47 language tag (e.g. en, fr)",
    "duplicate section": "FILE:11:9: sections[1].id: duplicate section id 'one' (first on line 7)",
    "block not text": "FILE:10:9: sections[one].blocks[0]: must be a paragraph (text) or one of bullets, steps, callout, qr",
    "block kind": "FILE:10:9: sections[one].blocks[0].bulets: unknown block kind (expected text or bullets, steps, callout, qr)",
    "callout in callout": "FILE:10:50: sections[one].blocks[0].callout.blocks[0].qr: unknown block kind inside a callout (expected text or bullets, steps)",
    "callout kind": "FILE:10:25: sections[one].blocks[0].callout.kind: 'danger' is not one of call-doctor, warning, info",
    "label": "FILE:6:22: labels.page: {nope} is an unknown placeholder in label 'page' (it knows {page}, {pages})",
    "title limit": "FILE:3:8: title: the text is 151 characters, over the limit of 150 characters",
    "translation": "FILE:6:14: translation: missing required field 'reviewed_by'",
    "identifiers": "FILE:6:15: identifiers[0]: missing required field 'value'",
    "languages": "FILE:6:13: languages[0]: 'f' is not a BCP 47 language tag (e.g. en, fr)",
}


@pytest.mark.parametrize("case", BAD)
def test_each_kind_of_mistake_is_one_line_naming_line_column_field_and_why(tmp_path, case):
    assert error(tmp_path, BAD[case]) == EXPECTED[case]


def test_a_misspelt_field_gets_a_hint_and_no_second_error_for_the_missing_one(tmp_path):
    path = write_content(tmp_path, minimal("- x", titel="Demo", title=None))
    with pytest.raises(ContentError) as e:
        load(path)
    (only,) = e.value.diagnostics
    assert (only.field, only.hint) == ("titel", "did you mean 'title'?")


@pytest.fixture
def stdin(monkeypatch):
    """Standard input holding the given bytes, as `handout build -` reads it."""
    import io
    import sys

    from handout import loader

    def feed(data: bytes) -> None:
        loader._stdin.cache_clear()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    yield feed
    loader._stdin.cache_clear()


def test_content_on_standard_input_loads_as_a_file_would(stdin):
    stdin(minimal("- Take it daily.").encode())
    assert load("-").sections[0].blocks[0].runs[0].text == "Take it daily."


def test_standard_input_over_the_size_limit_is_refused_naming_the_limit(stdin):
    from handout.limits import FILE_BYTES

    stdin(minimal("- Take it daily.").encode() + b"#" * FILE_BYTES)
    with pytest.raises(HandoutError) as e:
        load("-")
    assert str(e.value) == (
        f"<stdin>: the content is {FILE_BYTES + 1:,} bytes, over the limit of {FILE_BYTES:,} bytes"
    )
    content = minimal("- Take it daily.").encode()
    stdin(content + b"#" * (FILE_BYTES - len(content)))  # exactly at the limit: loads
    assert load("-").title == "Demo"


def test_standard_input_that_is_not_utf8_is_one_line(stdin):
    stdin(b"title: \xff\n")
    with pytest.raises(HandoutError) as e:
        load("-")
    assert str(e.value) == "<stdin>: not UTF-8 text (invalid start byte at byte 7)"


def test_a_file_that_cannot_be_read_as_content_is_one_line(tmp_path):
    def message(path) -> str:
        with pytest.raises(HandoutError) as e:
            load(path)
        return str(e.value)

    assert message(tmp_path / "nothing.yaml") == f"{tmp_path / 'nothing.yaml'}: file not found"
    assert message(tmp_path) == f"{tmp_path}: not a regular file"
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"title: \xff\n")
    assert message(binary) == f"{binary}: not UTF-8 text (invalid start byte at byte 7)"


def test_a_character_yaml_refuses_is_shown_in_its_source_line(tmp_path):
    path = write_content(tmp_path, "handout: demo\ntitle: a\x07b\n")
    with pytest.raises(ContentError) as e:
        load(path)
    found = e.value.diagnostic
    assert (found.line, found.column, found.source) == (2, 9, "title: a\x07b")


@pytest.mark.parametrize(
    "top, where",
    [
        # the value, not the comment after it
        ({"status": "final  # a note"}, (5, 9, 14, "status: final  # a note")),
        # a value over several lines: to the end of its first line
        ({"title": "[a,\n  b]"}, (3, 8, 11, "title: [a,")),
        ({"title": "[a,  # note\n  b]"}, (3, 8, 11, "title: [a,  # note")),
    ],
)
def test_the_underline_of_an_error_is_its_value_on_the_line(tmp_path, top, where):
    path = write_content(tmp_path, minimal("- x", **top))
    with pytest.raises(ContentError) as e:
        load(path)
    found = e.value.diagnostic
    assert (found.line, found.column, found.end_column, found.source) == where


def test_the_optional_fields_load_as_written(tmp_path):
    top = {
        "subtitle": "For adults",
        "source": "The clinic",
        "short_title": "Demo short",
        "languages": "[fr, es]",
        "identifiers": "[{label: DIN, value: '0224'}]",
    }
    doc = load(write_content(tmp_path, minimal("- x", **top)))
    assert (doc.subtitle, doc.source, doc.short_title, doc.languages) == (
        "For adults",
        "The clinic",
        "Demo short",
        ("fr", "es"),
    )
    assert [(i.label, i.value) for i in doc.identifiers] == [("DIN", "0224")]


@pytest.mark.parametrize(
    "top, expected",
    [
        ({"identifiers": "x"}, "FILE:6:14: identifiers: must be a list of {label, value}"),
        (
            {"translation": "{reviewed_by: null}"},
            "FILE:6:14: translation: missing required field 'from_revised'",
        ),
    ],
)
def test_a_mistake_in_an_optional_field_is_one_line(tmp_path, top, expected):
    assert error(tmp_path, minimal("- x", **top)) == expected


def test_an_alias_is_shown_in_the_line_that_uses_it(tmp_path):
    path = write_content(tmp_path, minimal("- &a Take it.\n- *a"))
    with pytest.raises(ContentError) as e:
        load(path)
    assert e.value.diagnostic.source == "      - *a"


def test_a_block_of_two_kinds_is_an_error_not_one_of_them(tmp_path):
    assert error(tmp_path, minimal("- {bullets: [a], steps: [b]}")) == (
        "FILE:10:9: sections[one].blocks[0]: must be a paragraph (text) or one of bullets,"
        " steps, callout, qr"
    )


def test_a_qr_block_needs_its_address_and_caption_and_an_address_its_code_can_hold(tmp_path):
    from handout import limits

    doc = load(
        write_content(tmp_path, minimal("- qr: {url: 'https://a.example/v', caption: Watch}"))
    )
    qr = doc.sections[0].blocks[0]
    assert (qr.url, qr.caption) == ("https://a.example/v", "Watch")
    assert error(tmp_path, minimal("- qr: {caption: Watch}")) == (
        "FILE:10:13: sections[one].blocks[0].qr: missing required field 'url'"
    )
    url = "https://a.example/" + "v" * 600
    message = error(tmp_path, minimal(f"- qr: {{url: '{url}', caption: Watch}}"))
    assert message == f"FILE:10:19: sections[one].blocks[0].qr.url: {limits.qr_problem(url)}"


def hint(tmp_path, blocks: str) -> str | None:
    path = write_content(tmp_path, minimal(blocks))
    with pytest.raises(ContentError) as e:
        load(path)
    return e.value.diagnostic.hint


def test_an_unquoted_colon_in_a_paragraph_gets_the_colon_hint_and_nothing_else_does(tmp_path):
    from handout.diagnostics import HINT_COLON

    assert hint(tmp_path, "- Note: take it with food") == HINT_COLON
    assert hint(tmp_path, "- zzz: [a]") is None


def test_a_stray_brace_after_a_placeholder_is_underlined_itself(tmp_path):
    path = write_content(tmp_path, minimal("- x") + "labels:\n  page: Page {page}} of {pages}\n")
    with pytest.raises(ContentError) as e:
        load(path)
    found = e.value.diagnostic
    assert str(e.value).replace(str(path), "FILE") == "FILE:12:20: labels.page: unbalanced '}'"
    assert (found.column, found.end_column, found.hint) == (20, 21, "write }} for a literal brace")


@pytest.mark.parametrize("kind", ["bullets", "steps"])
def test_a_list_block_that_is_not_a_list_says_so(tmp_path, kind):
    column = len(f"      - {kind}: ") + 1
    assert error(tmp_path, minimal(f"- {kind}: x")) == (
        f"FILE:10:{column}: sections[one].blocks[0].{kind}: must be a list of items"
    )


def test_a_unit_recorded_twice_in_a_translation_is_one_line(tmp_path):
    units = "{one/blocks/0: 0123456789ab, one/blocks/0: 0123456789ab}"
    text = minimal(
        "- x", translation=f"{{from_revised: 2026-01-01, reviewed_by: A, units: {units}}}"
    )
    line = text.splitlines()[5]
    column = line.rindex("one/blocks/0") + 1  # the second time
    assert error(tmp_path, text) == (
        f"FILE:6:{column}: translation.units.one/blocks/0: unit given twice"
    )


def test_a_translation_section_of_another_length_is_reported_at_its_own_line(tmp_path):
    from test_mutation_kills_translations import FRENCH, check_line

    french = FRENCH.replace("    blocks: [Encore.]", "    blocks: [Encore., Plus.]")
    line = french.splitlines().index("  - id: two") + 1
    assert check_line(tmp_path, french) == (
        f"content.fr.yaml:{line}: sections[two].blocks: has 2 blocks, the master has 1"
    )
