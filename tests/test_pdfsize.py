"""Small, fast PDFs (issue 7): what someone emailing a handout, or a reader opening it, would
check — the file's size and structure read back from its bytes, reproducible builds, and a
command line that starts quickly without cutting its own output short.

The validators' verdicts on these files (PDF/UA-1, PDF/A-2a) are in test_tagging.py.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from conftest import CONTENT, ROOT, build, cli_env, expected_texts, norm, run_cli

MAX_BYTES = 30_000  # "at most 30 KB" for the Kineret Letter handout (issue 7), read as 30,000 bytes


@pytest.fixture(scope="module")
def pdfa_pdf(tmp_path_factory) -> Path:
    return build(CONTENT, tmp_path_factory.mktemp("pdfa"), "--pdfa")


@pytest.fixture(params=["standard", "pdfa"])
def either_pdf(request, letter_pdf, pdfa_pdf) -> Path:
    return letter_pdf if request.param == "standard" else pdfa_pdf


def test_the_kineret_letter_handout_is_at_most_30_kb(letter_pdf):
    assert letter_pdf.stat().st_size <= MAX_BYTES


def test_the_file_ends_with_a_cross_reference_stream_and_no_table(either_pdf):
    data = either_pdf.read_bytes()
    assert data.startswith(b"%PDF-1.7\n")
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    head = data[start : start + 200]
    assert re.match(rb"\d+ 0 obj\s*<<", head), head
    assert b"/Type /XRef" in head or b"/Type/XRef" in head, head
    assert not re.search(rb"(^|\n)xref\s", data) and b"trailer" not in data


def test_every_object_but_streams_is_in_an_object_stream(either_pdf):
    reader = pypdf.PdfReader(either_pdf, strict=True)
    packed = set(reader.xref_objStm)
    loose = {number for section in reader.xref.values() for number in section}
    assert len(packed) > 100  # the pages, fonts' dictionaries, structure elements...
    for number in loose:
        obj = reader.get_object(number)
        assert isinstance(obj, pypdf.generic.StreamObject), (number, obj)
    catalog = reader.trailer["/Root"]
    assert catalog.indirect_reference.idnum in packed
    assert catalog["/StructTreeRoot"].indirect_reference.idnum in packed
    assert catalog["/Pages"].indirect_reference.idnum in packed


def test_xmp_metadata_stays_uncompressed_outside_the_object_streams(either_pdf):
    data = either_pdf.read_bytes()
    reader = pypdf.PdfReader(either_pdf)
    metadata = reader.trailer["/Root"].raw_get("/Metadata")
    assert metadata.idnum not in reader.xref_objStm
    stream = metadata.get_object()
    assert "/Filter" not in stream
    packet = stream.get_data()
    assert b"pdfuaid:part" in packet and packet in data  # readable as is in the file


def test_pypdf_and_pdfium_read_every_page_and_its_text(letter_pdf, content):
    reader = pypdf.PdfReader(letter_pdf, strict=True)
    text = norm(" ".join(page.extract_text() for page in reader.pages))
    assert all(norm(t) in text for t in expected_texts(content)[:5])
    pdf = pypdfium2.PdfDocument(letter_pdf)
    assert len(pdf) == len(reader.pages)
    seen = norm(" ".join(page.get_textpage().get_text_range() for page in pdf))
    assert norm(content.title) in seen


def test_pdfa_builds_in_separate_processes_are_byte_identical(tmp_path, pdfa_pdf):
    """The sRGB profile once carried the second it was made: builds a second apart differed."""
    time.sleep(1.1)
    again = build(CONTENT, tmp_path, "--pdfa")
    assert again.read_bytes() == pdfa_pdf.read_bytes()


def test_an_encrypted_reportlab_document_keeps_reportlabs_writer():
    """Object streams would hide strings from ReportLab's object-by-object encryption."""
    from reportlab.pdfgen.canvas import Canvas

    from handout.pdfwrite import compact

    buffer = io.BytesIO()
    canvas = Canvas(buffer, encrypt="secret", invariant=1)
    canvas.drawString(72, 720, "Sealed words")
    compact(canvas._doc)
    canvas.save()
    reader = pypdf.PdfReader(io.BytesIO(buffer.getvalue()))
    assert reader.is_encrypted and reader.decrypt("secret")
    assert "Sealed words" in reader.pages[0].extract_text()


# -- cold start ---------------------------------------------------------------------------------


def _python(code: str) -> subprocess.CompletedProcess:
    """A fresh interpreter running `code` on this checkout."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_regexes_handout_never_runs_are_deferred_and_still_work():
    """The stand-ins must match the installed ReportLab and PyYAML, or the cold start is
    slow again (then run tools/make_unused_patterns.py); used anyway, they behave as the
    patterns themselves."""
    done = _python(
        "import re\n"
        "import importlib, functools\n"
        "from handout.oneshot import UNUSED, LazyPattern, defer_unused_regexes\n"
        "defer_unused_regexes()\n"
        "from reportlab.platypus import paragraph\n"
        "from reportlab.lib import textsplit\n"
        "from yaml.reader import Reader\n"
        "deferred = [functools.reduce(getattr, name.split('.'), importlib.import_module(module))"
        " for module, name in UNUSED]\n"
        "print(len(deferred) > 3 and all(type(p) is LazyPattern for p in deferred))\n"
        "print(paragraph._uri_split_pairs('https://example.org/a/b'))\n"
        "print(textsplit.rx.sub('<\\\\1>', 'ab\\u6f22c'), Reader.NON_PRINTABLE.search('a\\x07'))\n"
        "print(type(re.compile(paragraph.uri_pat.pattern, re.I)) is re.Pattern)\n"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "True"
    pairs = "[('https://example.org/a/', 'b'), ('https://example.org/', 'a/b'), "
    assert lines[1] == pairs + "('https://', 'example.org/a/b')]"
    assert lines[2] == "ab<\u6f22>c <re.Match object; span=(1, 2), match='\\x07'>"
    assert lines[3] == "True"


def test_main_called_by_a_program_returns_its_exit_code():
    """Only the `handout` process itself skips the interpreter's shutdown."""
    done = _python(
        "from handout.cli import main\n"
        f"code = main(['check', {str(CONTENT)!r}])\n"
        "print('returned', code)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "returned 0"


def test_the_handout_process_ends_once_its_pdf_is_written_without_the_interpreters_shutdown(
    tmp_path,
):
    """A handler registered for the interpreter's exit never runs in `handout build` (it
    skips the shutdown), and its PDF and output line are complete; the same handler runs
    in a process that calls `main()` as a library function."""
    hook = tmp_path / "hook"
    hook.mkdir()
    marker = tmp_path / "shut-down"
    (hook / "sitecustomize.py").write_text(
        f"import atexit, pathlib\natexit.register(pathlib.Path({str(marker)!r}).touch)\n"
    )
    env = {"PYTHONPATH": str(hook)}
    done = run_cli(["build", CONTENT, "--out", tmp_path / "out"], env=env)
    assert done.returncode == 0, done.stderr
    pdf = Path(done.stdout.strip())
    assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert not marker.exists()
    code = f"from handout.cli import main\nmain(['check', {str(CONTENT)!r}])\n"
    library = subprocess.run(
        [sys.executable, "-c", code], env=cli_env(env), capture_output=True, timeout=120
    )
    assert library.returncode == 0, library.stderr
    assert marker.exists()


def test_a_one_shot_build_never_collects_cyclic_garbage_and_a_batch_does(tmp_path):
    """`handout build` ends before its garbage matters (the PDF is the same); a batch, which
    runs on, keeps the collector (a build called from a program leaves its setting alone)."""
    hook = tmp_path / "hook"
    hook.mkdir()
    marker = tmp_path / "collected"
    (hook / "sitecustomize.py").write_text(
        "import gc, pathlib, sys\n"
        "def collected(phase, info):  # once the build has begun\n"
        f"    if 'handout.build' in sys.modules: pathlib.Path({str(marker)!r}).touch()\n"
        "gc.callbacks.append(collected)\n"
    )
    env = {"PYTHONPATH": str(hook)}
    built = run_cli(["build", CONTENT, "--out", tmp_path / "one"], env=env)
    assert built.returncode == 0, built.stderr
    assert not marker.exists()
    batch = ["batch", CONTENT, "--lang", "en", "--paper", "letter", "--large-print", "no"]
    done = run_cli([*batch, "--jobs", "1", "--out", tmp_path / "many", "-q"], env=env)
    assert done.returncode == 0, done.stderr
    assert marker.exists()
    assert (tmp_path / "many" / "kineret-en-letter.pdf").read_bytes() == Path(
        built.stdout.strip()
    ).read_bytes()
    code = f"import gc\nfrom handout.cli import main\nmain(['check', {str(CONTENT)!r}])\n"
    code += "print(gc.isenabled())\n"
    library = subprocess.run(
        [sys.executable, "-c", code], env=cli_env(), capture_output=True, text=True, timeout=120
    )
    assert library.stdout.splitlines()[-1] == "True", library.stderr


def _imported(args: list, tmp_path: Path) -> set[str]:
    """The modules a `handout` process imports (read from `-X importtime`), after it succeeds."""
    command = [sys.executable, "-X", "importtime", "-m", "handout", *map(str, args)]
    done = subprocess.run(
        [*command, "--out", str(tmp_path)],
        env=cli_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}


def test_the_handout_process_never_imports_pils_drawing_for_its_vector_qr_codes(tmp_path):
    """qrcode imports its PIL drawers only "for backwards compatibility"; handout draws the
    code as vectors, and the code it draws still decodes (test_qr.py)."""
    imported = _imported(["build", CONTENT], tmp_path)
    assert "qrcode.main" in imported
    assert not imported & {"PIL.ImageDraw", "PIL.ImageFont"}


def test_pillow_and_harfbuzz_run_only_in_a_handout_that_uses_them(tmp_path):
    """ReportLab imports Pillow's Image and HarfBuzz as it is imported; an English handout
    without a logo needs neither, an Arabic one shapes its words (test_shaped_scripts.py
    reads them back) and a clinic's logo is read by Pillow (test_clinic.py)."""
    from test_clinic import write_clinic

    english = _imported(["build", CONTENT], tmp_path / "en")
    assert "reportlab.pdfbase.ttfonts" in english
    assert not english & {"PIL.Image", "PIL.ExifTags", "uharfbuzz._harfbuzz"}
    arabic = _imported(["build", CONTENT, "--lang", "ar"], tmp_path / "ar")
    assert "uharfbuzz._harfbuzz" in arabic and "PIL.ExifTags" not in arabic
    clinic = write_clinic(tmp_path / "clinic")
    logo = _imported(["build", CONTENT, "--clinic", clinic], tmp_path / "logo")
    # a deferred module runs outside the import system, which logs only what it imports
    assert "PIL.ExifTags" in logo and "uharfbuzz._harfbuzz" not in logo


def test_a_deferred_module_runs_once_on_first_use_and_is_then_the_module_itself(tmp_path):
    """`import NAME` and `from PARENT import NAME` find the stand-in without running it; its
    first name used runs it, once, even when threads ask at once; its errors surface there;
    a deferred package (as uharfbuzz is) imports its own submodules as it runs."""
    package = tmp_path / "pkg"
    (package / "inner").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "inner" / "__init__.py").write_text("from . import part\nVALUE = part.X + 1\n")
    (package / "inner" / "part.py").write_text("X = 6\n")
    (package / "slow.py").write_text(
        "import time\nRUNS = __import__('builtins').__dict__.setdefault('runs', [])\n"
        "RUNS.append(1)\ntime.sleep(0.05)\nVALUE = 42\n"
    )
    (package / "broken.py").write_text("raise RuntimeError('broken at import')\n")
    done = _python(
        f"import sys, threading\nsys.path.insert(0, {str(tmp_path)!r})\n"
        "from handout.oneshot import defer_modules\n"
        "defer_modules(['pkg.slow', 'pkg.broken', 'pkg.inner', 'no_such_module'])\n"
        "import pkg.slow\nfrom pkg import slow\n"
        "import builtins\nprint(getattr(builtins, 'runs', []), 'no_such_module' in sys.modules)\n"
        "got = []\n"
        "threads = [threading.Thread(target=lambda: got.append(slow.VALUE)) for _ in range(4)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(got, builtins.runs, type(slow).__name__, sys.modules['pkg.slow'] is slow)\n"
        "from pkg import broken\n"
        "try:\n    broken.anything\n"
        "except RuntimeError as e:\n    print(e, 'pkg.broken' in sys.modules)\n"
        "import pkg.inner\nprint(pkg.inner.VALUE, type(pkg.inner).__name__)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "[] False",
        "[42, 42, 42, 42] [1] module True",
        "broken at import False",
        "7 module",
    ]


def test_building_without_pdfa_never_loads_pikepdf(tmp_path):
    done = _python(
        "import sys\n"
        "from handout.build import build\n"
        f"build({str(CONTENT)!r}, 'letter', False, {str(tmp_path)!r})\n"
        "print('pikepdf' in sys.modules)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
