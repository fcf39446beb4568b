"""The clinic profile (issue 10): `build --clinic` and `batch --clinic` print the clinic's name,
logo and phone in the title block and "Call <clinic>: <phone>" in every call-doctor box, in the
handout's language; a bad profile is one line with file:line:field, exit 2, and no PDF; the logo
is a Figure whose alt text is the clinic's name; PDF/UA holds and the output is reproducible."""

from __future__ import annotations

from pathlib import Path

import page
import pypdf
import pytest
from conftest import CONTENT, diagnostic_lines, norm, run_cli
from test_tagging import role, tagged

NAME = "Northside Arthritis Clinic"
PHONE = "555-0142"
AFTER = "555-0199"

PROFILE = f"""\
name: {NAME}
phone: "{PHONE}"
after_hours: "{AFTER}"
address: "12 Main Street, Springfield"
website: https://example.org
logo: logo.png
paper: letter
email:
  host: 127.0.0.1
  port: 8025
  security: none
  sender: "{NAME} <handouts@example.org>"
"""


def write_logo(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 120), "#0B4F6C")
    ImageDraw.Draw(image).ellipse((20, 20, 100, 100), fill="white")
    image.save(path)
    return path


def write_clinic(folder: Path, text: str = PROFILE, logo: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if logo:
        write_logo(folder / "logo.png")
    path = folder / "clinic.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def page_texts(pdf: Path) -> list[str]:
    return [norm(p.extract_text()) for p in pypdf.PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def clinic(tmp_path_factory) -> Path:
    return write_clinic(tmp_path_factory.mktemp("clinic"))


@pytest.fixture(scope="module")
def built(tmp_path_factory, clinic) -> dict[str, Path]:
    """The English and Arabic handouts with the clinic, and English without it."""
    out = tmp_path_factory.mktemp("clinic-out")
    pdfs = {}
    for lang in ("en", "ar", "fr"):
        result = run_cli(["build", CONTENT, "--lang", lang, "--clinic", clinic, "--out", out])
        assert result.returncode == 0, result.stderr
        pdfs[lang] = Path(result.stdout.strip())
    plain = tmp_path_factory.mktemp("plain-out")
    result = run_cli(["build", CONTENT, "--out", plain])
    pdfs["plain"] = Path(result.stdout.strip())
    return pdfs


def call_boxes(pdf: Path) -> list[list[str]]:
    """The texts of each call-doctor box, read from the structure tree: a Div titled by an
    H3 that is a call-doctor callout's title in the content file."""
    from handout.loader import load

    content = load(CONTENT)
    titles = {
        b.title
        for s in content.sections
        for b in s.blocks
        if getattr(b, "kind", "") == "call-doctor"
    }
    doc = tagged(pdf)
    boxes = []
    for div in (e for e in doc.walk() if role(e) == "Div"):
        kids = doc.children(div)
        if kids and role(kids[0]) == "H3" and norm(doc.text(kids[0])) in titles:
            boxes.append([norm(doc.text(k)) for k in kids])
    assert len(boxes) == len(titles)
    return boxes


def test_title_block_has_the_clinics_name_and_phone_on_page_1(built):
    first = page_texts(built["en"])[0]
    assert NAME in first and PHONE in first
    assert first.index(NAME) < first.index("Kineret")  # at the top, above the title


def test_call_doctor_box_says_whom_to_call_with_the_after_hours_line(built):
    for box in call_boxes(built["en"]):
        assert box[-2:] == [f"Call {NAME}: {PHONE}", f"After hours: {AFTER}"]


def test_the_call_line_is_in_the_handouts_language(built):
    fr = " ".join(page_texts(built["fr"]))
    assert f"Appelez {NAME} : {PHONE}" in fr
    ar = " ".join(page_texts(built["ar"]))
    assert "اتصل بـ" in ar and PHONE in ar and AFTER in ar


def _visual_line(pdf: Path, word: str) -> str:
    """The characters of page 1's line holding `word`, left to right as drawn (by origin)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    text = pypdfium2.PdfDocument(pdf)[0].get_textpage()
    chars = []
    for i in range(text.count_chars()):
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(text.raw, i, ctypes.byref(x), ctypes.byref(y))
        chars.append((x.value, y.value, text.get_text_range(i, 1)))
    baseline = chars[text.get_text_range().index(word)][1]
    return "".join(c for x, y, c in sorted(chars) if abs(y - baseline) < 0.5 and c.strip())


def test_the_clinics_address_reads_as_written_on_a_right_to_left_page(built):
    """An address that starts with its number ("12 Main Street") is one left-to-right unit on
    an Arabic page; bare UAX #9 would print the number after the street."""
    assert "12MainStreet,Springfield" in _visual_line(built["ar"], "Main")
    assert "12MainStreet,Springfield" in _visual_line(built["en"], "Main")


def test_without_a_clinic_the_handout_stays_as_it_was(built):
    text = " ".join(page_texts(built["plain"]))
    assert NAME not in text and PHONE not in text


def test_the_phone_is_a_tel_link(built):
    reader = pypdf.PdfReader(built["en"])
    uris = {
        str(a.get_object()["/A"].get("/URI"))
        for p in reader.pages
        for a in p.get("/Annots") or []
        if "/A" in a.get_object()
    }
    assert "tel:5550142" in uris and "tel:5550199" in uris


def test_the_logo_is_a_figure_whose_alt_text_is_the_clinics_name(built):
    doc = tagged(built["en"])
    figures = [e for e in doc.walk() if role(e) == "Figure"]
    logos = [f for f in figures if str(f.get("/Alt", "")) == NAME]
    assert len(logos) == 1
    assert doc.marked(logos[0]), "the logo's drawing is not the Figure's content"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_handout_with_the_clinic_passes_pdf_ua_1(built, lang):
    report = page.validate_pdf(str(built[lang]), profile="ua1")
    assert report.rules.failed == 0 and report.is_compliant, [f.message for f in report.failures]


def test_output_is_reproducible(tmp_path, clinic):
    outs = []
    for n in range(2):
        out = tmp_path / str(n)
        result = run_cli(["build", CONTENT, "--clinic", clinic, "--out", out])
        assert result.returncode == 0, result.stderr
        outs.append(Path(result.stdout.strip()).read_bytes())
    assert outs[0] == outs[1]


def test_batch_uses_the_clinic_and_rebuilds_when_the_profile_changes(tmp_path, clinic):
    out = tmp_path / "out"
    args = ["batch", CONTENT, "--lang", "es", "--paper", "a4", "--large-print", "no"]
    result = run_cli([*args, "--clinic", clinic, "--out", out])
    assert result.returncode == 0, result.stderr
    pdf = out / "kineret-es-a4.pdf"
    assert f"Llame a {NAME}: {PHONE}" in " ".join(page_texts(pdf))
    changed = write_clinic(tmp_path / "other", PROFILE.replace(PHONE, "555-0100"))
    result = run_cli([*args, "--clinic", changed, "--out", out])
    assert result.returncode == 0, result.stderr
    assert "555-0100" in " ".join(page_texts(pdf))


BAD = [
    ("name: X\n", 1, "phone", "missing required field 'phone'"),
    (PROFILE + "fax: 1\n", 13, "fax", "unknown field"),
    (PROFILE.replace("https://example.org", "http://example.org"), 5, "website", "https:"),
    (PROFILE.replace('"555-0142"', '"call me"'), 2, "phone", "not a phone number"),
    (PROFILE.replace("logo.png", "missing.png"), 6, "logo", "file not found"),
    (PROFILE.replace("logo.png", "../logo.png"), 6, "logo", "beside the clinic profile"),
    (PROFILE.replace("paper: letter", "paper: legal"), 7, "paper", "letter or a4"),
    (PROFILE.replace("127.0.0.1", "smtp.example.org"), 11, "email.security", "loopback"),
    (PROFILE.replace("security: none", "security: tls"), 11, "email.security", "starttls"),
    (PROFILE.replace("port: 8025", "port: 99999"), 10, "email.port", "port number"),
    (PROFILE.replace("<handouts@example.org>", "<nobody>"), 12, "email.sender", "email address"),
    ("name: [unclosed\n", 2, "yaml", "not valid YAML"),
]


@pytest.mark.parametrize(("text", "line", "field", "message"), BAD, ids=[b[2] for b in BAD])
def test_a_bad_profile_is_one_error_naming_file_line_and_field(
    tmp_path, text, line, field, message
):
    profile = write_clinic(tmp_path / "c", text)
    out = tmp_path / "out"
    result = run_cli(["build", CONTENT, "--clinic", profile, "--out", out])
    assert result.returncode == 2, result.stderr
    first = diagnostic_lines(result.stderr)[0]
    assert first.startswith(f"handout: error: {profile}:{line}:"), first
    assert f": {field}: " in first and message in first, first
    assert not list(out.glob("*.pdf")) if out.exists() else True


def test_a_logo_that_is_not_an_image_is_refused(tmp_path):
    folder = tmp_path / "c"
    profile = write_clinic(folder)
    (folder / "logo.png").write_bytes(b"<svg>not a png</svg>")
    result = run_cli(["build", CONTENT, "--clinic", profile, "--out", tmp_path / "out"])
    assert result.returncode == 2
    assert "logo: logo.png: not a PNG or JPEG image" in result.stderr


def test_batch_with_a_bad_profile_is_one_error_and_builds_nothing(tmp_path):
    profile = write_clinic(tmp_path / "c", "name: X\n")
    result = run_cli(["batch", CONTENT, "--clinic", profile, "--out", tmp_path / "out"])
    assert result.returncode == 2
    assert len(diagnostic_lines(result.stderr)) == 1
    assert not list((tmp_path / "out").glob("*.pdf"))
