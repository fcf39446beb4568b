"""`handout check`: reading level per section and the warnings an editor should act on."""

from __future__ import annotations

import re

from conftest import CONTENT, diagnostic_lines, minimal, run_cli, write_content

LONG_SENTENCE = (
    "You should take this medicine with a full glass of water at the same time every day "
    "so that the amount in your blood stays steady and you feel well"
)
HARD = (
    "Immunosuppressive pharmacotherapeutic interventions necessitate comprehensive "
    "haematological surveillance throughout administration."
)
EASY = "Take it each day. Do not stop. Ask us if you feel sick."


def sections(*bodies: tuple[str, str]) -> str:
    """Content with one section per (id, paragraph)."""
    text = minimal(f"- {bodies[0][1]}").replace("id: one", f"id: {bodies[0][0]}")
    for sid, paragraph in bodies[1:]:
        text += f"  - id: {sid}\n    heading: More\n    blocks:\n      - {paragraph}\n"
    return text


def check(tmp_path, text):
    result = run_cli(["check", write_content(tmp_path, text)])
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "warning" in line.lower()]


def names(line: str, section_id: str) -> bool:
    return re.search(rf"\b{re.escape(section_id)}\b", line) is not None


def test_check_kineret_prints_a_grade_per_section(content):
    result = run_cli(["check", CONTENT])
    assert result.returncode == 0, result.stderr
    for section in content.sections:
        line = next((x for x in result.stdout.splitlines() if section.id in x.split()), None)
        assert line, f"no line for section {section.id}"
        assert re.search(r"\bgrade\b\s+-?\d+(\.\d+)?", line), line


def test_long_sentence_is_named(tmp_path):
    assert len(LONG_SENTENCE.split()) == 30
    output = check(tmp_path, sections(("long", LONG_SENTENCE + "."), ("easy", EASY)))
    named = [w for w in warnings(output) if LONG_SENTENCE in w]
    assert len(named) == 1
    assert names(named[0], "long") and "30" in named[0]
    assert not any(names(w, "easy") for w in warnings(output))


def test_25_word_sentence_is_not_too_long(tmp_path):
    sentence = " ".join(LONG_SENTENCE.split()[:25]) + "."
    output = check(tmp_path, sections(("short", sentence)))
    assert not any("sentence" in w for w in warnings(output))


def test_high_grade_section_is_warned(tmp_path):
    output = check(tmp_path, sections(("hard", HARD), ("easy", EASY)))
    graded = [w for w in warnings(output) if "grade" in w]
    assert len(graded) == 1 and names(graded[0], "hard")


def test_http_link_is_warned(tmp_path):
    output = check(tmp_path, minimal("- See [our site](http://example.org/) now."))
    assert any("http://example.org/" in w for w in warnings(output))


def test_check_reports_bad_input_like_build(tmp_path):
    path = write_content(tmp_path, minimal("- x", revised="2026-13-45"))
    result = run_cli(["check", path])
    assert result.returncode == 2
    assert result.stderr.startswith(f"handout: error: {path}:4:10: revised")
    assert len(diagnostic_lines(result.stderr)) == 1
