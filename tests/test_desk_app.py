"""The desk's routes and guards (issue 10), through HTTP: the machine routes, every bad input
(a 4xx with a clear message, nothing crashes), CSRF, the length and rate limits, the password
rule, email through a real SMTP server, and no patient field in the log or on disk.

Most tests use Starlette's TestClient on the app in this process; the password rule and the
log and disk checks start `handout serve` as a user would."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from conftest import CONTENT, run_cli
from desk_support import ADDRESS, NOTES, PATIENT, Desk, Mailbox, make_library, pdf_text
from starlette.testclient import TestClient
from test_clinic import NAME, PHONE

from handout.clinic import load_clinic
from handout.loader import load
from handout.options import Options
from handout.serve.app import EMAILS_PER_MINUTE, LOGINS_PER_MINUTE, create_app


@pytest.fixture(scope="module")
def mailbox():
    with Mailbox() as box:
        yield box


@pytest.fixture(scope="module")
def library(tmp_path_factory, mailbox) -> tuple[Path, Path]:
    return make_library(tmp_path_factory.mktemp("library"), mailbox.port)


def client_for(library, password: str | None = None) -> TestClient:
    folder, clinic = library
    app = create_app(folder, Options(clinic=load_clinic(clinic)), password)
    return TestClient(app)


@pytest.fixture
def client(library) -> TestClient:
    return client_for(library)


def token(client: TestClient, path: str = "/") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)[1]


def form(client: TestClient, **fields: str) -> dict[str, str]:
    base = {"csrf": token(client), "handout": "kineret", "language": "en", "paper": "letter"}
    return {**base, **fields}


# -- machine routes ------------------------------------------------------------------------------


def test_handouts_lists_the_library_with_states_and_broken_files(client):
    listed = client.get("/handouts").json()
    (kineret,) = [e for e in listed if e.get("id") == "kineret"]
    states = {lang["language"]: lang["state"] for lang in kineret["languages"]}
    assert states["en"] == "approved"
    assert set(states) == {"en", *load(CONTENT).languages}
    assert all(
        s in ("approved", "draft", "draft: unreviewed", "draft: stale") for s in states.values()
    )
    (broken,) = [e for e in listed if e.get("file") == "broken.yaml"]
    assert "not valid YAML" in broken["error"] and "\n" not in broken["error"]
    files = {e.get("file") for e in listed}
    assert "notes.yaml" not in files and "clinic.yaml" not in files  # not handouts: skipped


def test_pdf_route_gives_the_pdf_named_like_build(client):
    response = client.get("/handouts/kineret/fr.pdf?paper=a4&large=1")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="kineret-fr-a4-large.pdf"' in response.headers["content-disposition"]
    text = pdf_text(response.content)
    assert f"Appelez {NAME} : {PHONE}" in text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/handouts/nothing/en.pdf", 404),
        ("/handouts/kineret/de.pdf", 404),
        ("/handouts/kineret/en.txt", 404),
        ("/handouts/..%2F..%2Fetc/passwd.pdf", 404),
        ("/handouts/kineret/..%2Fclinic.pdf", 404),
        ("/handouts/broken/en.pdf", 404),
        ("/handouts/kineret/en.pdf?paper=legal", 400),
        ("/handouts/kineret/en.pdf?large=yes", 400),
    ],
)
def test_pdf_route_refuses_what_it_does_not_have(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.text.strip() and "Traceback" not in response.text


def test_every_response_has_the_security_headers(client):
    for response in (
        client.get("/"),
        client.get("/handouts"),
        client.get("/handouts/kineret/en.pdf"),
    ):
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    page_csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'none'" in page_csp and "script-src 'self'" in page_csp


# -- the form ------------------------------------------------------------------------------------


def test_download_has_the_patients_name_on_page_1(client):
    response = client.post("/pdf", data=form(client, prepared_for=PATIENT, action="download"))
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="kineret-en-letter.pdf"'
    import io

    import pypdf

    first = " ".join(pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert f"Prepared for {PATIENT}" in first


def _remembered_texts() -> str:
    """Everything handout's modules remember between requests (their functools caches), as
    one string to search."""
    import gc
    import sys

    kept = []
    for name, module in list(sys.modules.items()):
        if name.startswith("handout"):
            for value in vars(module).values():
                if hasattr(value, "cache_info"):
                    kept += [repr(list(r)) for r in gc.get_referents(value) if type(r) is dict]
    return "\n".join(kept)


@pytest.mark.parametrize(
    ("language", "name", "notes"),
    [
        ("en", PATIENT, NOTES),
        ("ar", "زبيدة قلفيذر", "موعد الخميس بالزيلوفون"),  # shaped and right to left
        ("hi", "बलदेवा कुवालमेदर", "गुरुवार सायलोफोन क्लास"),  # shaped, a conjunct
    ],
)
def test_the_patients_name_and_notes_are_not_kept_in_the_desks_memory(
    client, language, name, notes
):
    """The content's own words are remembered between requests (they are set again and
    again); what staff type is measured, drawn, sent and forgotten."""
    fields = form(client, language=language, prepared_for=name, notes=notes, action="download")
    response = client.post("/pdf", data=fields)
    assert response.status_code == 200
    assert name.split()[0] in " ".join(pdf_text(response.content).split())
    kept = _remembered_texts()
    assert "kineret" in kept.lower()  # the content's own text is remembered
    words = [w for w in (*name.split(), *notes.split()) if len(w) >= 5]  # not "on", "the"
    assert len(words) >= 3
    for word in words:
        assert word not in kept


def test_print_is_inline(client):
    response = client.post("/pdf", data=form(client, action="print", paper="a4"))
    assert response.headers["content-disposition"] == 'inline; filename="kineret-en-a4.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_preview_shows_every_page_as_an_image(client):
    response = client.post("/pdf", data=form(client, action="preview", language="ar"))
    assert response.status_code == 200
    images = re.findall(
        r'<img src="data:image/png;base64,[^"]+" alt="Page (\d+) of (\d+)', response.text
    )
    assert images and len(images) == int(images[0][1])


def test_a_draft_shows_its_state_next_to_the_buttons(client):
    page = client.get("/?handout=kineret&language=fr").text
    state = re.search(r'<p id="state"[^>]*>(.*?)</p>', page, re.S)[1]
    assert "DRAFT" in state and "unreviewed" in state


def test_a_post_without_the_csrf_token_is_refused(client):
    fields = form(client, action="download")
    for bad in ({**fields, "csrf": "forged"}, {k: v for k, v in fields.items() if k != "csrf"}):
        response = client.post("/pdf", data=bad)
        assert response.status_code == 403
        assert not response.content.startswith(b"%PDF")


def test_a_token_from_another_session_is_refused(library):
    one, other = client_for(library), client_for(library)
    response = other.post("/pdf", data={**form(other), "csrf": token(one), "action": "download"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"handout": "nothing"}, 404, "no handout"),
        ({"language": "de"}, 404, "no &#39;de&#39; version"),
        ({"paper": "legal"}, 400, "Paper"),
        ({"notes": "x" * 501}, 400, "Notes: at most 500 characters"),
        ({"prepared_for": "x" * 121}, 400, "Prepared for: at most 120"),
        ({"prepared_for": "Ann\x00"}, 400, "control characters"),
        ({"prepared_for": "Ann \U0001f600"}, 422, "cannot be drawn"),
    ],
)
def test_bad_form_input_is_a_clear_4xx(client, fields, status, message):
    response = client.post("/pdf", data=form(client, action="download", **fields))
    assert response.status_code == status
    assert message in response.text
    assert 'role="alert"' in response.text and "Traceback" not in response.text


def test_a_10_mb_field_is_refused_unread(client):
    response = client.post("/pdf", data=form(client, notes="x" * (10 << 20)))
    assert response.status_code == 413


def test_a_form_of_another_type_is_refused(client):
    response = client.post("/pdf", files={"notes": ("a.txt", b"x")}, data={"csrf": token(client)})
    assert response.status_code == 415


# -- email ---------------------------------------------------------------------------------------


def test_send_emails_the_pdf_to_the_typed_address(client, mailbox):
    before = len(mailbox.messages)
    fields = form(client, language="fr", prepared_for=PATIENT, patient_email=ADDRESS)
    response = client.post("/email", data=fields)
    assert response.status_code == 200 and "Sent" in response.text
    assert len(mailbox.messages) == before + 1
    recipients, msg = mailbox.messages[-1]
    assert recipients == [ADDRESS] and msg["To"] == ADDRESS
    assert NAME in msg["Subject"] and "information de" in msg["Subject"]
    assert NAME in msg.get_body(("plain",)).get_content()
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "kineret-fr-letter.pdf"
    text = pdf_text(attachment.get_content())
    assert PATIENT in text and f"Appelez {NAME} : {PHONE}" in text


@pytest.mark.parametrize(
    "address",
    ["", "not-an-address", "a@b.org\r\nBcc: x@y.org", "a@b.org, c@d.org", "A <a@b.org>", "a@b"],
)
def test_a_bad_patient_email_is_refused_and_nothing_is_sent(client, mailbox, address):
    before = len(mailbox.messages)
    response = client.post("/email", data=form(client, patient_email=address))
    assert response.status_code == 400
    assert "Patient email" in response.text
    assert len(mailbox.messages) == before


def test_a_mail_server_that_is_down_is_one_line_on_the_page(tmp_path):
    folder, clinic = make_library(tmp_path / "lib", smtp_port=1)  # nothing listens on port 1
    client = client_for((folder, clinic))
    response = client.post("/email", data=form(client, patient_email=ADDRESS))
    assert response.status_code == 502
    error = re.search(r'role="alert">(.*?)</p>', response.text, re.S)[1]
    assert error.startswith("Not sent: could not send through 127.0.0.1:1") and "\n" not in error


def test_emails_are_rate_limited(client, mailbox):
    before = len(mailbox.messages)
    codes = [
        client.post("/email", data=form(client, patient_email=ADDRESS)).status_code
        for _ in range(EMAILS_PER_MINUTE + 1)
    ]
    assert codes == [200] * EMAILS_PER_MINUTE + [429]
    assert len(mailbox.messages) == before + EMAILS_PER_MINUTE


# -- login ---------------------------------------------------------------------------------------


def test_with_a_password_every_route_needs_a_login(library):
    client = client_for(library, password="correct horse")
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    assert client.get("/handouts").status_code == 401
    assert client.get("/handouts/kineret/en.pdf").status_code == 401
    assert client.post("/pdf", data={"handout": "kineret"}).status_code == 401
    login = token(client, "/login")
    response = client.post("/login", data={"csrf": login, "password": "wrong"})
    assert response.status_code == 401
    response = client.post("/login", data={"csrf": login, "password": "correct horse"})
    assert response.status_code == 200 and "Download PDF" in response.text
    assert client.get("/handouts").status_code == 200


def test_login_attempts_are_rate_limited(library):
    client = client_for(library, password="correct horse")
    login = token(client, "/login")
    codes = [
        client.post("/login", data={"csrf": login, "password": "guess"}).status_code
        for _ in range(LOGINS_PER_MINUTE + 1)
    ]
    assert codes == [401] * LOGINS_PER_MINUTE + [429]
    # even the right password waits now
    response = client.post("/login", data={"csrf": login, "password": "correct horse"})
    assert response.status_code == 429


def test_login_without_the_csrf_token_is_refused(library):
    client = client_for(library, password="correct horse")
    client.get("/login")
    assert client.post("/login", data={"password": "correct horse"}).status_code == 403


def test_another_address_without_a_password_refuses_to_start(library):
    folder, clinic = library
    env = {k: v for k, v in os.environ.items() if k != "HANDOUT_PASSWORD"}
    result = run_cli(
        ["serve", folder, "--clinic", clinic, "--host", "0.0.0.0"], env=env, timeout=60
    )
    assert result.returncode == 2
    assert (
        result.stderr.startswith("handout: error: --host 0.0.0.0:")
        and "HANDOUT_PASSWORD" in result.stderr
    )


def test_another_address_with_a_password_starts_behind_a_login(library, tmp_path):
    folder, clinic = library
    desk = Desk(folder, clinic, tmp_path / "log", {"HANDOUT_PASSWORD": "pw"}, host="0.0.0.0")
    try:
        assert httpx.get(desk.url + "/").status_code == 303
        assert httpx.get(desk.url + "/handouts").status_code == 401
    finally:
        desk.stop()


def test_a_bad_library_or_profile_is_one_line_and_exit_2(tmp_path, library):
    folder, clinic = library
    result = run_cli(["serve", tmp_path / "nowhere"], timeout=60)
    assert result.returncode == 2 and "not a folder" in result.stderr
    bad = tmp_path / "clinic.yaml"
    bad.write_text("name: X\n")
    result = run_cli(["serve", folder, "--clinic", bad], timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"handout: error: {bad}:1:")


# -- no patient field kept -----------------------------------------------------------------------


def test_no_patient_field_reaches_the_log_or_the_disk(library, tmp_path, mailbox):
    """A real server: preview, download, print and email with a patient's name, notes and
    address; then none of them is in the server's log, nor in any file written meanwhile
    under the temp folder, the library or the home folder's cache."""
    folder, clinic = library
    started = time.time() - 1
    files_before = set(folder.rglob("*"))
    desk = Desk(folder, clinic, tmp_path / "server.log")
    try:
        with httpx.Client(base_url=desk.url) as http:
            csrf = re.search(r'name="csrf" value="([^"]+)"', http.get("/").text)[1]
            fields = {"csrf": csrf, "handout": "kineret", "language": "en", "paper": "letter"}
            fields |= {"prepared_for": PATIENT, "notes": NOTES, "patient_email": ADDRESS}
            for action in ("preview", "download", "print"):
                assert http.post("/pdf", data={**fields, "action": action}).status_code == 200
            assert http.post("/email", data=fields).status_code == 200
            bad = {**fields, "patient_email": ADDRESS + "\r\nBcc: x@y.org"}
            assert http.post("/email", data=bad).status_code == 400
    finally:
        desk.stop()
    log = (tmp_path / "server.log").read_text()
    assert "POST /pdf" in log  # the log is there, and it is this run's
    markers = [PATIENT, NOTES, ADDRESS, "Zebediah"]
    for marker in markers:
        assert marker not in log
    assert set(folder.rglob("*")) == files_before  # no PDF, image or note left in the library
    roots = [Path(tempfile.gettempdir()), folder, Path.home() / ".cache"]
    for path in written_since(roots, started, skip=tmp_path / "server.log"):
        data = path.read_bytes()
        text = readable_pdf_text(data) if data.startswith(b"%PDF") else ""  # text is compressed
        for marker in markers:
            assert marker.encode() not in data, f"{marker!r} found in {path}"
            assert marker.encode("utf-16-be") not in data, f"{marker!r} found in {path}"
            assert marker not in text, f"{marker!r} found in {path}"


def readable_pdf_text(data: bytes) -> str:
    """A PDF's text, or "" for one another process is still writing."""
    from pypdf.errors import PyPdfError

    try:
        return pdf_text(data)
    except (PyPdfError, ValueError, KeyError):
        return ""


def written_since(roots: list[Path], since: float, skip: Path):
    for root in roots:
        for dirpath, _, names in os.walk(root):
            for name in names:
                path = Path(dirpath) / name
                try:
                    info = path.lstat()
                except OSError:
                    continue
                if (
                    path != skip
                    and path.is_file()
                    and info.st_mtime >= since
                    and info.st_size < 64 << 20
                ):
                    try:
                        path.read_bytes()
                    except OSError:
                        continue
                    yield path
