"""`handout new NAME`: a starter handout that builds as is, passes check with no warnings, uses
every block kind once, and never overwrites a file."""

from __future__ import annotations

import json

import pypdf
import yaml
from conftest import ROOT, diagnostic_lines, norm, run_cli
from jsonschema import Draft202012Validator
from test_schema import EditorLoader

from handout.loader import load
from handout.model import Callout, ItemList, Paragraph, Qr


def new(tmp_path, name="demo-med"):
    result = run_cli(["new", name], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / f"{name}.yaml"
    assert result.stdout.strip() == f"{name}.yaml"
    assert path.is_file()
    return path


def test_the_starter_builds_as_is(tmp_path):
    path = new(tmp_path)
    result = run_cli(["build", path.name, "--out", "out"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no warnings either
    pdf = tmp_path / "out" / "demo-med-en-letter.pdf"
    text = norm(" ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages))
    assert "Demo med" in text
    assert "DRAFT" in text  # a new handout is not reviewed: it prints as a draft


def test_the_starter_passes_check_strictly_with_no_warnings(tmp_path):
    path = new(tmp_path)
    result = run_cli(["check", path.name, "--strict"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == "no warnings"
    report = json.loads(run_cli(["check", path.name, "--format", "json"], cwd=tmp_path).stdout)
    assert report["valid"] and report["diagnostics"] == []


def test_the_starter_uses_every_block_kind_once(tmp_path):
    doc = load(new(tmp_path))
    blocks = [b for s in doc.sections for b in s.blocks]
    kinds = [type(b).__name__ + ("-steps" if getattr(b, "numbered", False) else "") for b in blocks]
    assert sorted(set(kinds)) == ["Callout", "ItemList", "ItemList-steps", "Paragraph", "Qr"]
    assert kinds.count("Callout") == kinds.count("Qr") == 1
    assert kinds.count("ItemList") == kinds.count("ItemList-steps") == 1
    (callout,) = [b for b in blocks if isinstance(b, Callout)]
    assert any(isinstance(b, ItemList) for b in callout.blocks)
    assert any(isinstance(b, Paragraph) for b in callout.blocks)
    assert all(isinstance(b, (Paragraph, ItemList, Callout, Qr)) for b in blocks)


def test_the_starter_is_commented_and_valid_for_the_schema(tmp_path):
    text = new(tmp_path).read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 10
    assert "# yaml-language-server: $schema=" in text
    schema = json.loads((ROOT / "handout" / "data" / "content.schema.json").read_text())
    errors = list(Draft202012Validator(schema).iter_errors(yaml.load(text, Loader=EditorLoader)))
    assert errors == []


def test_new_refuses_to_overwrite(tmp_path):
    path = tmp_path / "demo-med.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = run_cli(["new", "demo-med"], cwd=tmp_path)
    assert result.returncode == 2
    (line,) = diagnostic_lines(result.stderr)
    assert line.startswith("handout: error: demo-med.yaml: already exists")
    assert path.read_text(encoding="utf-8") == "mine\n"


def test_new_in_a_folder_and_with_a_bad_name(tmp_path):
    (tmp_path / "handouts").mkdir()
    result = run_cli(["new", "handouts/insulin"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert load(tmp_path / "handouts" / "insulin.yaml").handout == "insulin"

    result = run_cli(["new", "Bad Name"], cwd=tmp_path)
    assert result.returncode == 2
    assert "lowercase letters" in result.stderr
    assert not list(tmp_path.glob("*.yaml"))
