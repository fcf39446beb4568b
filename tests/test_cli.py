"""The command line's own contract: help, usage errors, defaults."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import CONTENT, ROOT, minimal, norm, pdf_text, run_cli, write_content

from handout.loader import load
from handout.translations import translation_path
from handout.typography import typeset


def test_help_exits_0():
    result = run_cli(["--help"])
    assert result.returncode == 0
    assert "build" in result.stdout and "check" in result.stdout


def test_unknown_paper_is_a_usage_error(tmp_path):
    result = run_cli(["build", CONTENT, "--paper", "legal", "--out", tmp_path])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert not any(tmp_path.iterdir())


def test_defaults_content_yaml_letter_and_output_folder(tmp_path):
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    result = run_cli(["build"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "kineret-en-letter.pdf").is_file()


def test_version_names_the_package_version():
    from handout import __version__

    result = run_cli(["--version"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"handout {__version__}"


@pytest.mark.parametrize(
    ("command", "defaults"),
    [
        ("build", ["content.yaml", "letter", "output"]),
        ("batch", ["content.yaml", "all", "letter,a4", "both", "output"]),
        ("watch", ["content.yaml", "letter", "output"]),
        ("check", ["content.yaml"]),
        ("fonts", []),
        ("translate", []),
    ],
)
def test_every_help_shows_its_defaults_and_an_example(command, defaults):
    result = run_cli([command, "--help"], env={"COLUMNS": "200"})  # one option per line
    assert result.returncode == 0, result.stderr
    for default in defaults:
        assert f"(default: {default})" in result.stdout, result.stdout
    examples = result.stdout.split("examples:\n", 1)[1]
    assert f"handout {command}" in examples, result.stdout


def test_batch_help_shows_the_default_number_of_jobs():
    result = run_cli(["batch", "--help"], env={"COLUMNS": "200"})
    assert f"(default: all cores, here {os.cpu_count() or 1})" in result.stdout, result.stdout


@pytest.mark.parametrize("command", ["build", "batch"])
def test_out_dash_is_an_error_not_a_folder(tmp_path, command):
    result = run_cli([command, CONTENT, "--out", "-"], cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "'-' is not a folder" in result.stderr
    assert not (tmp_path / "-").exists()
    assert result.stdout == ""


def test_lang_and_paper_are_case_insensitive_in_build(tmp_path, content):
    result = run_cli(["build", CONTENT, "--lang", "FR", "--paper", "A4", "--out", tmp_path])
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == tmp_path / f"{content.handout}-fr-a4.pdf"
    page = pypdf.PdfReader(path).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    french = load(translation_path(CONTENT, "fr"))
    assert norm(typeset(french.sections[0].heading, "fr")) in pdf_text(path)[0]


def test_lang_and_paper_are_case_insensitive_in_batch(tmp_path, content):
    """FR is fr for batch too: the file, the manifest and the up-to-date check agree."""
    options = ["--lang", "FR,En", "--paper", "A4", "--large-print", "no", "--out", tmp_path]
    first = run_cli(["batch", CONTENT, *options])
    assert first.returncode == 0, first.stdout + first.stderr
    names = {f"{content.handout}-{lang}-a4.pdf" for lang in ("fr", "en")}
    assert {p.name for p in tmp_path.glob("*.pdf")} == names
    again = run_cli(["batch", CONTENT, *options])
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"\b2 unchanged\b", again.stdout), again.stdout


def test_a_translation_file_named_in_another_case_is_found(tmp_path):
    """content.es-mx.yaml is the es-MX translation (the tag's usual case is es-MX)."""
    master = write_content(tmp_path, minimal("- Hello."))
    text = minimal("- Hola.", language="es-mx")
    text += "translation: {from_revised: 2026-01-02, reviewed_by: Ana}\n"
    write_content(tmp_path, text, "content.es-mx.yaml")
    for lang in ("es-MX", "ES-mx"):
        result = run_cli(["build", master, "--lang", lang, "-o", tmp_path / f"{lang}.pdf"])
        assert result.returncode == 0, result.stderr
        assert "Hola." in pdf_text(tmp_path / f"{lang}.pdf")[0]


def test_fonts_lists_each_family_its_scripts_and_licence():
    result = run_cli(["fonts"])
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for family, scripts, licence in [
        ("NotoSans", "Latin, Greek, Cyrillic", "SIL OFL 1.1"),
        ("NotoSansArabic", "Arabic", "SIL OFL 1.1"),
        ("NotoSansGurmukhi", "Gurmukhi", "SIL OFL 1.1"),
        ("NotoSansSC", "Simplified Chinese", "SIL OFL 1.1"),
        ("NotoSansTC", "Chinese (Traditional)", "SIL OFL 1.1"),
        ("NotoSansJP", "Japanese", "SIL OFL 1.1"),
        ("NotoSansKR", "Korean", "SIL OFL 1.1"),
    ]:
        line = next((x for x in out.splitlines() if x.split()[:1] == [family]), "")
        assert scripts in line and licence in line, out
    assert "(bundled)" in out.splitlines()[0]
    fonts = ROOT / "handout" / "data" / "fonts"
    for licence_file in re.findall(r"\((\S+\.txt)\)", out):
        assert (fonts / licence_file).is_file(), licence_file


def test_handout_fonts_env_var_is_the_font_folder(tmp_path):
    fonts = ROOT / "handout" / "data" / "fonts"
    for ttf in fonts.glob("*.ttf"):
        (tmp_path / ttf.name).symlink_to(ttf)
    result = run_cli(["fonts"], env={"HANDOUT_FONTS": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert str(tmp_path) in result.stdout.splitlines()[0]
    assert "HANDOUT_FONTS" in result.stdout.splitlines()[0]

    (tmp_path / "NotoSansArabic-Bold.ttf").unlink()
    result = run_cli(["fonts"], env={"HANDOUT_FONTS": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"handout: error: {tmp_path}: missing NotoSansArabic-Bold.ttf"
    ]


def test_check_does_not_take_stdin(tmp_path):
    result = run_cli(["check", "-"], cwd=tmp_path, input=CONTENT.read_text(encoding="utf-8"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "handout: error: check reads a file, not standard input: give the content file"
    ]


def test_out_and_o_together_is_a_usage_error(tmp_path):
    result = run_cli(["build", CONTENT, "--out", tmp_path, "-o", tmp_path / "x.pdf"])
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr
    assert not any(tmp_path.iterdir())
