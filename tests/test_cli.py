"""The command line's own contract: help, usage errors, defaults."""

from __future__ import annotations

import shutil

from conftest import CONTENT, run_cli


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
