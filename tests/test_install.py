"""The tool as a user installs it: a wheel in a fresh virtual environment, run from a folder
that is not this checkout. (An editable install hides files that live outside the package.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT


def _run(cmd, cwd, env=None, timeout=600) -> subprocess.CompletedProcess:
    """A command without this checkout on its path (pip would take the checkout's metadata for
    an installed handout and skip the wheel)."""
    env = env or {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _pip_build(kind: str, dest: Path) -> tuple[Path, str]:
    """Build a wheel or sdist of this checkout with the build backend in this environment."""
    cmd = [sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "--no-build-isolation"]
    if kind == "sdist":
        cmd = [sys.executable, "-c", _SDIST, ROOT, dest]
    else:
        cmd += ["-w", dest]
    result = _run(cmd, cwd=dest)
    assert result.returncode == 0, result.stdout + result.stderr
    pattern = "handout-*.whl" if kind == "wheel" else "handout-*.tar.gz"
    return next(dest.glob(pattern)), result.stdout + result.stderr


_SDIST = """
import os, sys
from setuptools import build_meta
os.chdir(sys.argv[1])
print(build_meta.build_sdist(sys.argv[2]))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, str]:
    """A venv with the wheel installed (its dependencies come from this environment's
    site-packages, which hold no copy of handout's own files), and the build's output."""
    work = tmp_path_factory.mktemp("wheel")
    wheel, log = _pip_build("wheel", work)
    env_dir = work / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=False)
    python = env_dir / "bin" / "python"
    result = _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", wheel], cwd=work
    )
    if "no such option: --python" in result.stderr:  # pip < 22.3
        result = _run(
            [sys.executable, "-m", "pip", "install", "--no-deps", "--prefix", env_dir, wheel],
            cwd=work,
        )
    assert result.returncode == 0, result.stderr
    return env_dir, log


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HANDOUT_FONTS")}
    env["HANDOUT_CACHE"] = str(tmp / "cache")
    return env


def test_the_wheel_carries_fonts_and_licences(installed):
    env_dir, log = installed
    site = next(env_dir.glob("lib/python*/site-packages"))
    fonts = site / "handout" / "data" / "fonts"
    assert (fonts / "NotoSans-Regular.ttf").is_file()
    # every face's metrics (fontmetrics.py), so that no installed process parses a font
    assert {f.stem for f in fonts.glob("*.ttf")} == {m.stem for m in fonts.glob("metrics/*.json")}
    assert (fonts / "OFL.txt").is_file() and (fonts / "LICENSE-Apache-2.0.txt").is_file()
    licences = next(site.glob("handout-*.dist-info")) / "licenses"
    assert (licences / "LICENSE").read_text().startswith("MIT License")
    assert "Deprecat" not in log, log  # modern licence metadata: no warnings from the backend


def test_the_installed_tool_builds_checks_and_batches_from_an_empty_folder(installed, tmp_path):
    env_dir, _ = installed
    tool = env_dir / "bin" / "handout"
    folder = tmp_path / "desk"
    folder.mkdir()
    env = _env(tmp_path)
    where = _run(
        [env_dir / "bin" / "python", "-c", "import handout; print(handout.__file__)"],
        cwd=folder,
        env=env,
    )
    assert str(env_dir) in where.stdout, where.stdout + where.stderr  # not this checkout

    for path in CONTENT.parent.glob("content*.yaml"):  # the master and its translations
        shutil.copy(path, folder / path.name)
    built = _run([tool, "build", "content.yaml"], cwd=folder, env=env)
    assert built.returncode == 0, built.stderr
    assert (folder / "output" / "kineret-en-letter.pdf").read_bytes().startswith(b"%PDF-")

    checked = _run([tool, "check", "content.yaml"], cwd=folder, env=env)
    assert checked.returncode == 0, checked.stderr
    assert "valid" in checked.stdout

    batch = _run(
        [tool, "batch", "content.yaml", "--paper", "a4", "--large-print", "no", "--out", "all"],
        cwd=folder,
        env=env,
    )
    assert batch.returncode == 0, batch.stderr
    manifest = json.loads((folder / "all" / "manifest.json").read_text())
    files = [d["file"] for d in manifest["documents"]]
    assert files == [f"kineret-{lang}-a4.pdf" for lang in sorted(["en", *_languages()])]


def _languages() -> list[str]:
    from handout.loader import load

    return list(load(CONTENT).languages)


def test_the_sdist_holds_what_its_tests_need(tmp_path):
    sdist, _ = _pip_build("sdist", tmp_path)
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    expected = {
        "LICENSE",
        "README.md",
        "content.yaml",
        "content.fr.yaml",
        "tests/conftest.py",
        "tests/test_install.py",
        "benchmarks/render.py",
        "handout/data/fonts/NotoSans-Regular.ttf",
        "handout/data/fonts/OFL.txt",
    }
    assert expected <= names, expected - names


def test_the_installed_wheel_serves_a_library(installed, tmp_path):
    """`handout serve` from the wheel (issue 10): its templates, style sheet and fonts are in
    the package, so the desk serves a library from any folder."""
    import time

    import httpx
    from desk_support import free_port

    env_dir, _ = installed
    folder = tmp_path / "library"
    folder.mkdir()
    for path in CONTENT.parent.glob("content*.yaml"):
        shutil.copy(path, folder / path.name)
    port = free_port()
    server = subprocess.Popen(
        [env_dir / "bin" / "handout", "serve", ".", "--port", str(port)],
        cwd=folder,
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                page = httpx.get(url + "/", timeout=5)
                break
            except httpx.HTTPError:
                assert server.poll() is None, "the desk exited"
                time.sleep(0.2)
        assert page.status_code == 200 and "Download PDF" in page.text
        assert httpx.get(url + "/static/desk.css").status_code == 200
        assert httpx.get(url + "/static/fonts/NotoSansArabic-Regular.ttf").status_code == 200
        pdf = httpx.get(url + "/handouts/kineret/ar.pdf", timeout=120)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    finally:
        server.terminate()
        server.wait(timeout=30)
