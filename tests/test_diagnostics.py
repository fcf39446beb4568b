"""Diagnostics as Typst shows them: `handout: error: FILE:LINE:COL: field: message`, the source
line with a caret under the column, a hint where one is known; every error of a file in one
run; `check --format json` and `--strict`; label placeholders checked at load time."""

from __future__ import annotations

import json
import re
import textwrap

import pypdf
import pytest
from conftest import CONTENT, diagnostic_lines, minimal, norm, run_cli, write_content

from handout.catalogue import CATALOGUE, PLACEHOLDERS, TemplateError, check_template, fill

ERROR = re.compile(r"handout: (error|warning): (?P<file>.+?):(?P<line>\d+):(?P<col>\d+): ")


def diagnostics(stderr: str) -> list[dict]:
    """Each diagnostic on stderr: its first line, place, source line, caret and hint."""
    out: list[dict] = []
    for line in stderr.splitlines():
        if line.startswith("handout: "):
            m = ERROR.match(line)
            place = (int(m["line"]), int(m["col"])) if m else None
            out.append({"head": line, "place": place, "source": None, "caret": None, "hint": None})
        elif m := re.match(r" *(\d+) \| (.*)$", line):
            out[-1]["source"] = m[2]
        elif m := re.match(r" *\| ( *)(\^+)$", line):
            out[-1]["caret"] = (len(m[1]) + 1, len(m[2]))
        elif m := re.match(r" *= hint: (.*)$", line):
            out[-1]["hint"] = m[1]
    return out


# Every mistake marked `# <- COLUMN` (the column the error must point at).
MANY = """\
handout: demo
language: en
title: Demo
revised: 2026-13-45  # <- 10
status: aproved  # <- 9
colour: blue  # <- 1
sections:
  - id: one
    heading: [a, b]  # <- 14
    blocks:
      - Take 2 tablets: one in the morning  # <- 9
      - bulets: [a, b]  # <- 9
      - see [x](javascript:alert(1)) now  # <- 17
      - qr: {url: "file:///etc/passwd", caption: c}  # <- 20
      - This paragraph is fine.
  - id: two
    headng: Two  # <- 5
    blocks: [fine]
labels:
  page: "Page {page:>50000000} of {pages}"  # <- 15
"""


def marked(text: str) -> list[tuple[int, int]]:
    return [
        (n, int(m[1]))
        for n, line in enumerate(text.splitlines(), 1)
        if (m := re.search(r"# <- (\d+)", line))
    ]


def test_every_error_of_a_file_in_one_run(tmp_path):
    path = write_content(tmp_path, MANY)
    result = run_cli(["check", path])
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    found = diagnostics(result.stderr)
    assert [d["place"] for d in found] == marked(MANY), result.stderr
    assert all(d["head"].startswith(f"handout: error: {path}:") for d in found)
    assert len(diagnostic_lines(result.stderr)) == len(marked(MANY))
    assert not (tmp_path / "out").exists()


def test_build_in_a_log_says_the_first_error_in_one_line_and_how_many_more(tmp_path):
    path = write_content(tmp_path, MANY)
    result = run_cli(["build", path, "--out", tmp_path / "out"])
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()  # stderr is not a terminal here
    first = marked(MANY)[0]
    assert line.startswith(f"handout: error: {path}:{first[0]}:{first[1]}: "), line
    assert f"(and {len(marked(MANY)) - 1} more)" in line
    assert not (tmp_path / "out").exists()


def test_the_caret_is_under_the_column_and_underlines_the_value(tmp_path):
    path = write_content(tmp_path, MANY)
    found = {d["place"][0]: d for d in diagnostics(run_cli(["check", path]).stderr)}
    lines = MANY.splitlines()
    for line, column in marked(MANY):
        d = found[line]
        assert d["source"] == lines[line - 1]
        assert d["caret"][0] == column, d
    assert found[4]["caret"] == (10, len("2026-13-45"))
    assert found[13]["caret"] == (17, len("javascript:alert(1)"))  # the URL inside the text
    assert found[20]["caret"] == (15, len("{page:>50000000}"))


HINTS = {
    "status": (5, "did you mean 'approved'?"),
    "unknown field": (17, "did you mean 'heading'?"),
    "block kind": (12, "did you mean 'bullets'?"),
    "colon in a paragraph": (11, "': ' must be quoted"),
    "format spec": (20, "write {page}"),
}


@pytest.mark.parametrize("name", HINTS)
def test_hints_for_known_mistakes(tmp_path, name):
    line, hint = HINTS[name]
    path = write_content(tmp_path, MANY)
    found = {d["place"][0]: d for d in diagnostics(run_cli(["check", path]).stderr)}
    assert hint in (found[line]["hint"] or ""), found[line]


YAML_MISTAKES = {
    "bold at the start": ("- **Do not** stop taking it.", "alias", "quote the line"),
    "italic at the start": ("- *Always* carry it.", "alias", "quote the line"),
    "alias-like word": ("- *word and more", "alias", "quote the line"),
    "colon in a title": (None, "': ' must be quoted", "mapping values"),
    "colon in a list item": (
        "- bullets:\n    - fine\n    - Note: take it with food",
        "': ' must be quoted",
        "must be text",
    ),
}


@pytest.mark.parametrize("name", YAML_MISTAKES)
def test_yaml_mistakes_get_a_hint(tmp_path, name):
    block, hint, message = YAML_MISTAKES[name]
    text = minimal(block) if block else minimal("- x", title="Kineret: the basics")
    path = write_content(tmp_path, text)
    result = run_cli(["check", path])
    assert result.returncode == 2
    (d,) = diagnostics(result.stderr)
    assert hint in d["hint"] and message in d["head"] + d["hint"], result.stderr
    line = d["place"][0]
    assert d["source"] == text.splitlines()[line - 1]


def test_tab_indentation_gets_a_hint(tmp_path):
    path = tmp_path / "content.yaml"
    path.write_text(minimal("- x").replace("    heading: First", "\theading: First"))
    result = run_cli(["check", path])
    assert result.returncode == 2
    (d,) = diagnostics(result.stderr)
    assert "tabs" in d["hint"]
    assert d["place"][0] == 8 and "\t" not in result.stderr  # shown as spaces, caret aligned


def test_one_line_when_there_is_no_source(tmp_path):
    result = run_cli(["check", tmp_path / "nowhere.yaml"])
    assert result.returncode == 2
    assert result.stderr == f"handout: error: {tmp_path / 'nowhere.yaml'}: file not found\n"


def test_control_characters_in_the_source_are_not_sent_to_the_terminal(tmp_path):
    path = tmp_path / "content.yaml"
    path.write_text(minimal("- x", title="Démo 中 \x1b[2J\u202e here"), encoding="utf-8")
    result = run_cli(["check", path])
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    (d,) = diagnostics(result.stderr)
    assert d["place"] == (3, len("title: Démo 中 ") + 1)  # counted in characters, not bytes
    assert d["source"] is not None and "\ufffd" in d["source"]
    assert d["caret"][0] == len("title: Démo 中 ") + 2  # under it: 中 is two columns wide


def test_a_very_long_line_is_shown_around_the_column(tmp_path):
    words = "word " * 1900  # under the longest paragraph (limits.TEXT_CHARS)
    path = write_content(tmp_path, minimal(f"- {words}see [x](javascript:alert(1)) now"))
    result = run_cli(["check", path])
    assert result.returncode == 2
    assert max(len(line) for line in result.stderr.splitlines()) < 400
    (d,) = diagnostics(result.stderr)
    assert "javascript:alert(1)" in d["source"]
    start = d["source"].index("javascript:") + 1
    assert d["caret"][0] == start


def test_too_many_errors_stop_at_a_limit(tmp_path):
    sections = "".join(f"  - id: s{i}\n    heading: [x]\n    blocks: [x]\n" for i in range(80))
    path = write_content(tmp_path, minimal("- x").split("sections:")[0] + "sections:\n" + sections)
    result = run_cli(["check", path])
    assert result.returncode == 2
    heads = diagnostic_lines(result.stderr)
    assert 40 <= len(heads) <= 60
    assert "too many errors" in heads[-1]


def test_warnings_are_diagnostics_too(tmp_path):
    text = minimal("- See [our site](http://example.org/) now.")
    result = run_cli(["check", write_content(tmp_path, text)])
    assert result.returncode == 0, result.stderr
    (d,) = diagnostics(result.stderr)
    assert d["head"].startswith("handout: warning: ")
    ((n, line),) = [(n, x) for n, x in enumerate(text.splitlines(), 1) if "http:" in x]
    assert d["place"] == (n, line.index("http://") + 1)
    assert d["caret"] == (d["place"][1], len("http://example.org/"))


# -- check --format json and --strict ------------------------------------------------------------


def check_json(path, *options):
    result = run_cli(["check", path, "--format", "json", *options])
    return result.returncode, json.loads(result.stdout), result.stderr


def test_check_json_lists_every_diagnostic(tmp_path):
    path = write_content(tmp_path, MANY)
    code, report, stderr = check_json(path)
    assert code == 2 and stderr == ""
    assert report["valid"] is False
    found = report["diagnostics"]
    assert [(d["line"], d["column"]) for d in found] == marked(MANY)
    keys = {"file", "line", "column", "field", "severity", "message", "hint"}
    assert all(keys <= set(d) for d in found)
    assert {d["severity"] for d in found} == {"error"}
    assert {d["file"] for d in found} == {str(path)}
    by_line = {d["line"]: d for d in found}
    assert by_line[13]["field"] == "sections[one].blocks[2]"
    assert "javascript:" in by_line[13]["message"]
    assert by_line[17]["hint"] == "did you mean 'heading'?"


def test_check_json_of_a_valid_file_has_scores_and_warnings(tmp_path, content):
    code, report, _ = check_json(CONTENT)
    assert code == 0 and report["valid"] is True
    assert [s["id"] for s in report["sections"]] == [s.id for s in content.sections]
    for s in report["sections"]:
        assert isinstance(s["grade"], float) and s["words"] > 0 and s["sentences"] > 0
    assert {t["language"] for t in report["translations"]} == set(content.languages)
    warned = [d for d in report["diagnostics"] if d["severity"] == "warning"]
    text = run_cli(["check", CONTENT]).stderr
    assert len(warned) == len([h for h in diagnostic_lines(text) if "warning" in h])


def test_strict_makes_warnings_fail_with_exit_1(tmp_path):
    warned = write_content(tmp_path, minimal("- See [our site](http://example.org/) now."))
    assert run_cli(["check", warned]).returncode == 0
    assert run_cli(["check", warned, "--strict"]).returncode == 1
    code, report, _ = check_json(warned, "--strict")
    assert code == 1 and [d["severity"] for d in report["diagnostics"]] == ["warning"]

    clean = write_content(tmp_path, minimal("- Take it each day."), name="clean.yaml")
    assert run_cli(["check", clean, "--strict"]).returncode == 0

    broken = write_content(tmp_path, minimal("- x", status="final"), name="broken.yaml")
    assert run_cli(["check", broken, "--strict"]).returncode == 2  # errors stay 2


def test_check_json_names_a_broken_translation(tmp_path):
    master = write_content(tmp_path, minimal("- x", languages="[fr]"))
    write_content(
        tmp_path,
        minimal(
            "- x", language="fr", translation="{from_revised: 2026-01-02, reviewed_by: null}"
        ).replace("heading: First", "heading: [Premier]"),
        name="content.fr.yaml",
    )
    code, report, _ = check_json(master)
    assert code == 2
    (d,) = report["diagnostics"]
    assert d["file"] == str(tmp_path / "content.fr.yaml") and d["line"] == 9
    assert d["field"] == "sections[one].heading"


# -- label placeholders ---------------------------------------------------------------------------


BAD_LABELS = {
    "unknown name": ("page", "Page {pge} of {pages}", "{pge}"),
    "format spec": ("page", "Page {page:>50000000}", "format spec"),
    "conversion": ("revised", "Revised {date!r}", "format spec"),
    "attribute lookup": ("qr_alt", "QR {caption.__class__.__mro__}", "lookup"),
    "index lookup": ("qr_alt", "QR {url[0]}", "lookup"),
    "positional": ("page", "Page {0}", "{0}"),
    "unbalanced open": ("revised", "Revised {date", "unbalanced"),
    "unbalanced close": ("kicker", "Info }", "unbalanced"),
    "not for this label": ("page", "Page {caption}", "not a placeholder of label 'page'"),
    "none for this label": ("kicker", "Info {page}", "no placeholders"),
}


@pytest.mark.parametrize("name", BAD_LABELS)
def test_a_wrong_placeholder_is_a_file_line_error(tmp_path, name):
    key, value, says = BAD_LABELS[name]
    text = minimal("- x", labels=json.dumps({key: value}))
    path = write_content(tmp_path, text)
    for command in (["check", path], ["build", path, "--out", tmp_path / "out"]):
        result = run_cli(command)
        assert result.returncode == 2, result.stderr
        (head,) = diagnostic_lines(result.stderr)
        assert head.startswith(f"handout: error: {path}:6:"), head
        assert f"labels.{key}:" in head and says in head + result.stderr
    assert not (tmp_path / "out").exists()


def test_literal_braces_and_placeholders_reach_the_page(tmp_path):
    labels = {"page": "Page {page} {{of}} {pages}", "revised": "Rev. {date} {{draft 2}}"}
    path = write_content(tmp_path, minimal("- x", labels=json.dumps(labels)))
    result = run_cli(["build", path, "--out", tmp_path / "out"])
    assert result.returncode == 0, result.stderr
    text = norm(pypdf.PdfReader(tmp_path / "out" / "demo-en-letter.pdf").pages[0].extract_text())
    assert "Page 1 {of} 1" in text
    assert "Rev. January 2, 2026 {draft 2}" in text


def test_every_catalogue_label_is_a_valid_template():
    for language, labels in CATALOGUE.items():
        for key, value in labels.items():
            check_template(key, value)  # raises for a wrong one
            values = dict.fromkeys(PLACEHOLDERS.get(key, ()), "X")
            assert "{" not in fill(value, **values), (language, key)


def test_fill_knows_only_its_placeholders():
    assert fill("{a} {{b}} {{{a}}}", a="1") == "1 {b} {1}"
    with pytest.raises(TemplateError):
        fill("{a.__class__}", a="1")
    with pytest.raises(TemplateError):
        check_template("page", "{page:>50000000}")
    check_template("page", textwrap.dedent("{page}/{pages} {{literal}}"))


def test_a_long_sentence_is_pointed_at_where_it_is_written(tmp_path):
    sentence = " ".join(["word"] * 30) + "."
    text = minimal(f"- Short one.\n- bullets: [fine, 'Then {sentence}']")
    result = run_cli(["check", write_content(tmp_path, text)])
    assert result.returncode == 0, result.stderr
    (d,) = [d for d in diagnostics(result.stderr) if "sentence of 31 words" in d["head"]]
    ((n, line),) = [(n, x) for n, x in enumerate(text.splitlines(), 1) if "Then word" in x]
    assert d["place"] == (n, line.index("Then word") + 1)
    assert "blocks[1].bullets[1]" in d["head"]


def test_build_prints_every_mismatch_of_a_translation(tmp_path):
    master = write_content(tmp_path, minimal("- x\n- bullets: [a, b]\n- y"))
    tr = minimal(
        "- x\n- bullets: [a]\n- steps: [y]",
        language="fr",
        translation="{from_revised: 2026-01-02, reviewed_by: null}",
    )
    write_content(tmp_path, tr, name="content.fr.yaml")
    result = run_cli(["build", master, "--lang", "fr", "--out", tmp_path / "out"])
    assert result.returncode == 2
    (head,) = diagnostic_lines(result.stderr)  # one line in a log: the first, and how many more
    assert (
        head.startswith(f"handout: error: {tmp_path / 'content.fr.yaml'}:")
        and "(and 1 more)" in head
    )
    heads = diagnostic_lines(
        run_cli(
            [
                "check",
                master,
            ]
        ).stderr
    )
    assert (
        len([h for h in heads if h.startswith(f"handout: error: {tmp_path / 'content.fr.yaml'}:")])
        == 2
    )


def test_a_batch_failure_says_how_many_errors_the_file_has(tmp_path):
    path = write_content(tmp_path, minimal("- x", status="final", revised="soon"))
    result = run_cli(
        ["batch", path, "--paper", "a4", "--large-print", "no", "--out", "out"], cwd=tmp_path
    )
    assert result.returncode == 1
    (failure,) = json.loads((tmp_path / "out" / "manifest.json").read_text())["failures"]
    assert failure["error"].startswith(f"{path}:4:10: revised: 'soon' is not a date")
    assert failure["error"].endswith("(and 1 more)")


def test_checking_a_translation_reports_each_finding_once(tmp_path):
    write_content(tmp_path, minimal("- x\n- bullets: [a, b]\n- y"))
    tr = minimal(
        "- See [site](http://example.org/).\n- bullets: [a]\n- steps: [y]",
        language="fr",
        translation="{from_revised: 2026-01-02, reviewed_by: null}",
    )
    path = write_content(tmp_path, tr, name="content.fr.yaml")
    result = run_cli(["check", path])
    assert result.returncode == 2
    heads = diagnostic_lines(result.stderr)
    errors = [h for h in heads if h.startswith(f"handout: error: {path}:")]
    warnings = [h for h in heads if h.startswith("handout: warning:")]
    # the link the master does not have, the dropped bullet, the changed kind; the http: warning
    assert len(errors) == 3 and len(warnings) == 1, result.stderr
    code, report, _ = check_json(path)
    assert len(report["diagnostics"]) == 4
