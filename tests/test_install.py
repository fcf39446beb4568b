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


PACK = ROOT / "fonts" / "cjk"  # the font pack handout-fonts-cjk (zh-Hant, ja, ko)


def _pip_install(env_dir: Path, wheel: Path, cwd: Path) -> None:
    python = env_dir / "bin" / "python"
    result = _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", wheel], cwd=cwd
    )
    if "no such option: --python" in result.stderr:  # pip < 22.3
        result = _run(
            [sys.executable, "-m", "pip", "install", "--no-deps", "--prefix", env_dir, wheel],
            cwd=cwd,
        )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> tuple[Path, Path, str]:
    """The base wheel, the font pack's wheel, and the base wheel's build output."""
    work = tmp_path_factory.mktemp("wheel")
    wheel, log = _pip_build("wheel", work)
    cmd = [sys.executable, "-m", "pip", "wheel", PACK, "--no-deps", "--no-build-isolation"]
    result = _run([*cmd, "-w", work], cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    return wheel, next(work.glob("handout_fonts_cjk-*.whl")), log


@pytest.fixture(scope="module")
def installed(wheels, tmp_path_factory) -> tuple[Path, str]:
    """A venv with the wheel and the font pack installed, as `pip install "handout[cjk]"`
    has it (its dependencies come from this environment's site-packages, which hold no copy
    of handout's own files), and the build's output."""
    wheel, pack, log = wheels
    env_dir = tmp_path_factory.mktemp("installed") / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=False)
    for w in (wheel, pack):
        _pip_install(env_dir, w, env_dir.parent)
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
    assert (fonts / "OFL.txt").is_file()
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
    assert files == sorted(f"kineret-{lang}-a4.pdf" for lang in ["en", *_languages()])


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
        "fonts/cjk/pyproject.toml",  # the font pack, which the zh-Hant, ja and ko tests need
        "fonts/cjk/handout_fonts_cjk/NotoSansKR-Regular.ttf",
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


def test_the_base_wheel_is_at_most_15_mb(wheels):
    """`pip install handout` downloads at most 15 MB: the CJK fonts are in the font pack."""
    wheel, pack, _ = wheels
    assert wheel.stat().st_size <= 15_000_000, wheel.stat().st_size
    assert pack.stat().st_size > 5_000_000  # the Traditional Chinese, Japanese, Korean fonts


def _site_packages() -> list[str]:
    """This environment's site-packages folders."""
    import site

    return [p for p in site.getsitepackages() if Path(p).is_dir()]


def test_a_korean_handout_needs_the_font_pack_and_builds_with_it(wheels, tmp_path):
    """The base wheel alone: building in Korean (or Japanese, or Traditional Chinese) is one
    error line naming the pack and the command that installs it, and no PDF; Chinese, whose
    font is bundled, builds. Once the pack's wheel is installed, Korean builds. (The venv
    sees this environment's packages through a plain path, so that no editable install of
    the pack or of handout, which work through .pth hooks, is seen.)"""
    wheel, pack, _ = wheels
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=False, with_pip=False)
    site = next(env_dir.glob("lib/python*/site-packages"))
    (site / "environment.pth").write_text("\n".join(_site_packages()) + "\n")
    _pip_install(env_dir, wheel, tmp_path)
    tool, env = env_dir / "bin" / "handout", _env(tmp_path)
    folder = tmp_path / "desk"
    folder.mkdir()
    for path in CONTENT.parent.glob("content*.yaml"):
        shutil.copy(path, folder / path.name)
    visible = _run([env_dir / "bin" / "python", "-c", "import handout_fonts_cjk"], folder, env)
    if visible.returncode == 0:
        pytest.skip("the font pack is installed in this environment as a plain package")

    for language in ("ko", "ja", "zh-Hant"):
        result = _run([tool, "build", "content.yaml", "--lang", language], cwd=folder, env=env)
        assert result.returncode == 2, result.stdout + result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"handout: error: content.{language}.yaml:"), line
        assert "handout-fonts-cjk" in line and "pip install handout-fonts-cjk" in line, line
        assert not list(folder.glob("output/*.pdf"))
    fonts = _run([tool, "fonts"], cwd=folder, env=env)
    assert fonts.returncode == 0, fonts.stderr
    assert "not installed: pip install handout-fonts-cjk" in fonts.stdout
    chinese = _run([tool, "build", "content.yaml", "--lang", "zh"], cwd=folder, env=env)
    assert chinese.returncode == 0, chinese.stderr

    _pip_install(env_dir, pack, tmp_path)
    korean = _run([tool, "build", "content.yaml", "--lang", "ko"], cwd=folder, env=env)
    assert korean.returncode == 0, korean.stderr
    assert (folder / "output" / "kineret-ko-letter.pdf").read_bytes().startswith(b"%PDF-")


def test_the_readme_lists_the_test_extras_and_ci_runs_its_test_command():
    """What a new contributor reads is what pip installs and what CI runs."""
    import re

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["test"]
    names = {re.match(r"[A-Za-z0-9_.-]+", spec).group().lower() for spec in extras}
    readme = (ROOT / "README.md").read_text()
    listed = re.search(r"installs the test extras \(([^)]*)\)", readme).group(1)
    words = {w.lower() for w in re.findall(r"[A-Za-z0-9_.-]+", listed)}
    assert names <= words, names - words
    readme_test = re.search(r'\npip install -e "\.\[test\]".* && (python -m pytest.*)', readme)
    ci_test = re.search(r"\n(python -m pytest.*)", (ROOT / ".ci" / "run").read_text())
    words = readme_test.group(1).split()
    assert ci_test.group(1).split()[: len(words)] == words  # CI may add -q
