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
