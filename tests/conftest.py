"""Shared helpers: run the CLI in a subprocess, read text and fonts back out of a PDF.

Every PDF variant of the Kineret handout is built once per session (a fresh process each, as a
user would run it) and shared by the tests that read it.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pypdf
import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content.yaml"
POINTS_PER_MM = 72 / 25.4


# -- running the CLI ----------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def handout_cache(tmp_path_factory):
    """Keep the per-user cache out of ~/.cache for every CLI process the tests start."""
    mp = pytest.MonkeyPatch()
    mp.setenv("HANDOUT_CACHE", str(tmp_path_factory.mktemp("handout-cache")))
    mp.delenv("HANDOUT_DEBUG", raising=False)  # bad input must be reported, not raised
    yield
    mp.undo()


def cli_env(env: dict | None = None) -> dict:
    """The environment of a CLI process: this checkout's code first on the path."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [full_env.get("PYTHONPATH")])]
    )
    return full_env


def cli_command(args) -> list[str]:
    return [sys.executable, "-m", "handout", *map(str, args)]


def run_cli(args, cwd: Path | None = None, env: dict | None = None, **kwargs):
    """`python -m handout ARGS` in a fresh process, on this checkout's code; output captured
    as text unless the caller says otherwise."""
    options = {"capture_output": True, "text": True, "timeout": 120, **kwargs}
    return subprocess.run(cli_command(args), cwd=cwd or ROOT, env=cli_env(env), **options)


EXCERPT = re.compile(r" *\d* [|=]")  # a diagnostic's source line, caret or hint


def diagnostic_lines(stderr: str) -> list[str]:
    """The first line of each diagnostic on stderr (`handout: error: FILE:LINE:COL: ...`);
    every other line must belong to one of them: its source line, caret or hint."""
    lines = stderr.splitlines()
    assert not lines or lines[0].startswith("handout: "), stderr
    heads = [line for line in lines if line.startswith("handout: ")]
    others = [line for line in lines if not line.startswith("handout: ")]
    assert all(EXCERPT.match(line) for line in others), stderr
    return heads


def build(content: Path, out: Path, *options: str) -> Path:
    """Build a PDF and return its path; fail the test with the CLI's stderr if it fails."""
    result = run_cli(["build", content, "--out", out, *options])
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip().splitlines()[-1])
    assert path.is_file(), result.stdout
    return path


def write_content(tmp_path: Path, yaml_text: str, name: str = "content.yaml") -> Path:
    """Write a content file (dedented) and return its path."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(yaml_text).lstrip("\n"), encoding="utf-8")
    return path


def minimal(blocks: str, **top: str) -> str:
    """A small valid content file whose one section has the given YAML block list; a
    top-level field given as None is left out."""
    fields = {
        "handout": "demo",
        "language": "en",
        "title": "Demo",
        "revised": "2026-01-02",
        "status": "approved",
    } | top
    head = "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)
    body = textwrap.indent(textwrap.dedent(blocks).strip("\n"), " " * 6)
    return f"{head}sections:\n  - id: one\n    heading: First\n    blocks:\n{body}\n"


# -- the Kineret handout, built once per variant ------------------------------------------------


@pytest.fixture(scope="session")
def content():
    from handout.loader import load

    return load(CONTENT)


@pytest.fixture(scope="session")
def letter_pdf(tmp_path_factory) -> Path:
    return build(CONTENT, tmp_path_factory.mktemp("letter"))


@pytest.fixture(scope="session")
def a4_pdf(tmp_path_factory) -> Path:
    return build(CONTENT, tmp_path_factory.mktemp("a4"), "--paper", "a4")


@pytest.fixture(scope="session")
def large_pdf(tmp_path_factory) -> Path:
    return build(CONTENT, tmp_path_factory.mktemp("large"), "--large-print")


@pytest.fixture(scope="session")
def draft_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("draft")
    text = CONTENT.read_text(encoding="utf-8")
    draft, n = re.subn(r"(?m)^status: approved\s*$", "status: draft", text)
    assert n == 1, "content.yaml should have one top-level `status: approved` line"
    return build(write_content(folder, draft), folder / "out")


@pytest.fixture(scope="session", params=["letter", "a4", "large"])
def any_pdf(request) -> Path:
    """Each standard Kineret variant in turn."""
    return request.getfixturevalue(f"{request.param}_pdf")


# -- reading PDFs -------------------------------------------------------------------------------


def norm(text: str) -> str:
    """Whitespace collapsed to one space; a line break after a hyphen joins the halves."""
    return re.sub(r"(?<=-) ", "", " ".join(text.split()))


def squash(text: str) -> str:
    """All whitespace removed: for words and URLs that may be broken across lines."""
    return "".join(text.split())


def pdf_text(path: Path) -> list[str]:
    """The normalised text of each page, footer included."""
    return [norm(page.extract_text()) for page in pypdf.PdfReader(path).pages]


def text_pieces(page) -> list[tuple[str, str, float, float]]:
    """(text, font name, effective font size, baseline y) of each piece of text on a page."""
    pieces = []

    def visit(text, cm, tm, font, size):
        # the text matrix times the current transformation matrix
        a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str(font.get("/BaseFont", "")) if font else ""
        pieces.append((text, name, size * math.sqrt(abs(a * d - b * c)), y))

    page.extract_text(visitor_text=visit)
    return pieces


def footer_top(pieces: list[tuple[str, str, float, float]]) -> float:
    """The baseline of the footer's upper line: the lowest line of text, or the line just
    above it when the footer's two halves are stacked (body text is further away)."""
    lowest = min(pieces, key=lambda p: p[3])
    return lowest[3] + 1.5 * lowest[2]


def body_text(path: Path) -> str:
    """The text of all pages joined, without each page's footer (its lowest lines of text), so
    that a paragraph running on to the next page reads as one."""
    out = []
    for page in pypdf.PdfReader(path).pages:
        pieces = [p for p in text_pieces(page) if p[0].strip()]
        footer = footer_top(pieces)
        previous = None
        for text, _, _, y in pieces:
            if y <= footer:
                continue
            if previous is not None and abs(y - previous) > 1:
                out.append("\n")  # a new line, whether or not the PDF says so with T*
            out.append(text)
            previous = y
        out.append("\n")
    return norm("".join(out))


def body_size(path: Path) -> float:
    """The most common effective font size of the PDF's text, counted in characters."""
    sizes: Counter[float] = Counter()
    for page in pypdf.PdfReader(path).pages:
        for text, _, size, _ in text_pieces(page):
            sizes[round(size, 1)] += len(squash(text))
    return sizes.most_common(1)[0][0]


def expected_texts(handout) -> list[str]:
    """What a reader must find on the page: each heading, paragraph, list item, callout title
    and QR caption of the content, as plain text typeset in its language (typographic quotes,
    French no-break spaces: handout/typography.py; the words are the content's)."""
    from handout.check import section_texts
    from handout.typography import typeset

    out = [handout.title, *filter(None, [handout.subtitle, handout.source])]
    for section in handout.sections:
        out += [section.heading, *section_texts(section.blocks)]
    return [typeset(text, handout.language) for text in out]
