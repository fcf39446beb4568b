"""Bad input: one error on stderr naming the file, the line (and column) and the field, then
the source line with a caret; exit 2; no PDF.

In each fixture the line the error must point at is marked with the comment `# <-`.
"""

from __future__ import annotations

import re

import pytest
from conftest import build, diagnostic_lines, minimal, run_cli, write_content

MARK = "# <-"


def section_with(extra: str) -> str:
    """A valid file whose section has one more line after its heading."""
    return minimal("- x").replace("    heading: First\n", f"    heading: First\n    {extra}\n")


CASES = {
    "malformed YAML": (minimal("- x", title=f"Demo: x  {MARK}"), None),
    "empty file": ("", None),
    "unknown top-level field": (minimal("- x") + f"colour: blue  {MARK}\n", "colour"),
    "unknown field in a section": (section_with(f"note: hi  {MARK}"), "note"),
    "missing title": (minimal("- x", handout=f"demo  {MARK}", title=None), "title"),
    "sections is a string": (
        minimal("- x").split("sections:")[0] + f"sections: hello  {MARK}\n",
        "sections",
    ),
    "heading is a list": (
        minimal("- x").replace("heading: First", f"heading: [a, b]  {MARK}"),
        "heading",
    ),
    "bad date": (minimal("- x", revised=f"2026-13-45  {MARK}"), "revised"),
    "duplicate section id": (
        minimal("- x") + f"  - id: one  {MARK}\n    heading: Again\n    blocks: [y]\n",
        "id",
    ),
    "javascript: link": (minimal(f"- see [x](javascript:void) now  {MARK}"), "blocks"),
    "javascript: link with parentheses": (
        minimal(f"- see [x](javascript:alert(1)) now  {MARK}"),
        "blocks",
    ),
    "file: QR url": (minimal(f'- qr: {{url: "file:///etc/passwd", caption: c}}  {MARK}'), "url"),
    "data: QR url": (minimal(f'- qr: {{url: "data:text/html,hi", caption: c}}  {MARK}'), "url"),
    "data: link": (minimal(f"- see [x](data:text/html,hi) now  {MARK}"), "blocks"),
    "empty section": (
        minimal("- x").replace("    blocks:\n      - x", f"    blocks: []  {MARK}"),
        "blocks",
    ),
    "handout id ../evil": (minimal("- x", handout=f'"../evil"  {MARK}'), "handout"),
    "handout id with capitals": (minimal("- x", handout=f"Kineret  {MARK}"), "handout"),
    "YAML alias bomb": (
        minimal(
            """
            - bullets: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
            - bullets: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            - bullets: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            - bullets: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            """
        ),
        None,
    ),
    "python tag as a block": (
        minimal(f'- !!python/object/apply:os.system ["echo hi"]  {MARK}'),
        "blocks",
    ),
    "python tag as the title": (
        minimal("- x", title=f'!!python/object/apply:os.system ["echo hi"]  {MARK}'),
        "title",
    ),
    "emoji in a heading": (
        minimal("- x").replace("heading: First", f"heading: First \U0001f600  {MARK}"),
        "heading",
    ),
    "status not approved or draft": (minimal("- x", status=f"final  {MARK}"), "status"),
    "unknown callout kind": (
        minimal(
            f"""
            - callout:
                kind: danger  {MARK}
                title: T
                blocks: [x]
            """
        ),
        "kind",
    ),
    "callout in a callout": (
        minimal(
            f"""
            - callout:
                kind: info
                title: T
                blocks:
                  - callout:  {MARK}
                      kind: info
                      title: U
                      blocks: [x]
            """
        ),
        "callout",
    ),
}


def marked_line(text: str) -> int | None:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if MARK in line]
    assert len(lines) <= 1
    return lines[0] if lines else None


def assert_bad_input(result, path, out, line=None, field=None, errors=1) -> str:
    """The contract for bad input (`errors` errors, the first one at `line`); returns the
    first message after `FILE[:LINE[:COL]]: `."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # no path printed, and no command run by a YAML tag
    lines = diagnostic_lines(result.stderr)
    assert len(lines) == 1, result.stderr  # a log gets one line: the first error, and how many more
    more = f"(and {errors - 1} more)"
    assert (more in lines[0]) == (errors > 1), lines[0]
    where = re.escape(f"handout: error: {path}") + (rf":{line}(:\d+)?: " if line else "")
    found = re.match(where, lines[0])
    assert found, (where, lines[0])
    rest = lines[0][found.end() :]
    if field:
        field_path = rest.split(": ")[0]
        assert re.search(rf"(^|[.\]]){re.escape(field)}($|[.\[])", field_path), lines[0]
    assert not out.exists() or not any(out.iterdir()), list(out.iterdir())
    return rest


# What the message must name besides the place, for the cases where the place is not enough.
MENTIONS = {
    "YAML alias bomb": "alias",
    "emoji in a heading": "U+1F600",
    "file: QR url": "file:",
    "data: QR url": "data:",
    "javascript: link": "javascript:",
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input(tmp_path, name):
    text, field = CASES[name]
    path = write_content(tmp_path, text)
    out = tmp_path / "out"
    result = run_cli(["build", path, "--out", out])
    message = assert_bad_input(result, path, out, marked_line(text), field)
    assert MENTIONS.get(name, "") in message


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.yaml"
    out = tmp_path / "out"
    assert_bad_input(run_cli(["build", path, "--out", out]), path, out)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(minimal("- Caf\u00e9").encode("latin-1"))
    out = tmp_path / "out"
    assert_bad_input(run_cli(["build", path, "--out", out]), path, out)


def test_exact_line_numbers(tmp_path):
    path = write_content(
        tmp_path,
        """\
        handout: demo
        language: en
        title: Demo
        revised: 2026-01-02
        status: approved
        sections:
          - id: one
            heading: First
            blocks: [x]
          - id: one
            heading: Second
            blocks: [y]
        """,
    )
    out = tmp_path / "out"
    message = assert_bad_input(run_cli(["build", path, "--out", out]), path, out, 10, "id")
    assert "7" in message  # where the id was first used

    path.write_text(path.read_text().replace("revised: 2026-01-02", "revised: 2026-02-30"))
    assert_bad_input(run_cli(["build", path, "--out", out]), path, out, 4, "revised", errors=2)

    path.write_text(
        path.read_text()
        .replace("revised: 2026-02-30", "revised: 2026-02-28")
        .replace("id: one\n    heading: Second", "id: two\n    heading: Second \U0001f600")
    )
    message = assert_bad_input(run_cli(["build", path, "--out", out]), path, out, 11, "heading")
    assert "U+1F600" in message


def test_alias_error_points_at_the_alias(tmp_path):
    """The line of an alias error is where `*name` is used, as the field it names."""
    text = minimal("- x", title="&t Demo").replace("heading: First", f"heading: *t  {MARK}")
    path = write_content(tmp_path, text)
    out = tmp_path / "out"
    result = run_cli(["build", path, "--out", out])
    assert_bad_input(result, path, out, marked_line(text), "heading")


def test_http_link_builds_with_a_warning(tmp_path):
    text = minimal(f"- see [our site](http://example.org/) now  {MARK}")
    path = write_content(tmp_path, text)
    result = run_cli(["build", path, "--out", tmp_path / "out"])
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "demo-en-letter.pdf").is_file()
    warnings = [line for line in diagnostic_lines(result.stderr) if "http://example.org/" in line]
    assert len(warnings) == 1
    assert "warning" in warnings[0]
    assert f"{path}:{marked_line(text)}" in warnings[0]


def test_failed_build_removes_the_stale_pdf(tmp_path):
    """A PDF from an earlier build must not survive a failed rebuild of the same handout."""
    path = write_content(tmp_path, minimal("- x"))
    out = tmp_path / "out"
    stale = build(path, out)
    write_content(tmp_path, CASES["emoji in a heading"][0])
    result = run_cli(["build", path, "--out", out])
    assert result.returncode == 2, result.stderr
    assert not stale.exists(), "the PDF of the earlier build is still there"
    assert_bad_input(result, path, out, marked_line(CASES["emoji in a heading"][0]), "heading")
