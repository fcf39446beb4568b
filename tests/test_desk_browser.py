"""The desk in a real browser (issue 10): headless Debian chromium driven by Playwright, the
desk started as `handout serve`, a real SMTP server in this process. Staff pick a handout, a
language and large print, preview, download, print and email; the same with the keyboard
only; and axe-core finds no WCAG 2.1 AA violation on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import CONTENT, ROOT
from desk_support import ADDRESS, NOTES, PATIENT, Desk, Mailbox, make_library, pdf_text
from test_clinic import NAME, PHONE

from handout.loader import load

KINERET_LANGUAGES = list(load(CONTENT).languages)  # the translations the handout lists

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def mailbox():
    with Mailbox() as box:
        yield box


@pytest.fixture(scope="module")
def desk(tmp_path_factory, mailbox):
    folder, clinic = make_library(tmp_path_factory.mktemp("library"), mailbox.port)
    server = Desk(folder, clinic, tmp_path_factory.mktemp("log") / "server.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, desk):
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(desk.url + "/")
    yield tab
    context.close()


def label(page, name: str):
    return page.get_by_label(name, exact=True)


def fill_the_form(page) -> None:
    label(page, "Handout").select_option("kineret")
    label(page, "Language").select_option("fr")
    label(page, "Large print").check()
    label(page, "Prepared for").fill(PATIENT)
    label(page, "Notes").fill(NOTES)


def test_pick_preview_download_print_and_email(page, mailbox):
    fill_the_form(page)
    expect_draft = page.locator("#state")
    assert "DRAFT" in expect_draft.inner_text()  # French is unreviewed: shown by the buttons

    page.get_by_role("button", name="Preview", exact=True).click()
    images = page.get_by_role("img", name=re.compile(r"^Page \d+ of \d+"))
    images.first.wait_for()
    count = images.count()
    assert count >= 4  # large print: every page is shown
    assert all(images.nth(i).evaluate("i => i.naturalWidth > 0") for i in range(count))
    assert label(page, "Prepared for").input_value() == PATIENT  # the form is kept

    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF", exact=True).click()
    assert download.value.suggested_filename == "kineret-fr-letter-large.pdf"
    pdf = pypdf.PdfReader(download.value.path())
    first = " ".join(pdf.pages[0].extract_text().split())
    assert f"{PATIENT}" in first and NAME in first and NOTES in first
    everything = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert f"Appelez {NAME} : {PHONE}" in everything

    responses = []
    page.context.on("response", lambda r: responses.append(r))
    with page.context.expect_page() as popup:
        page.get_by_role("button", name="Print", exact=True).click()
    popup.value.wait_for_load_state()
    (printed,) = [r for r in responses if r.url.endswith("/pdf") and r.request.method == "POST"]
    assert printed.headers["content-type"] == "application/pdf"
    assert printed.headers["content-disposition"].startswith("inline;")

    before = len(mailbox.messages)
    label(page, "Patient email").fill(ADDRESS)
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_role("status").filter(has_text="Sent").wait_for()
    assert len(mailbox.messages) == before + 1
    recipients, msg = mailbox.messages[-1]
    assert recipients == [ADDRESS]
    (attachment,) = list(msg.iter_attachments())
    data = attachment.get_content()
    assert data.startswith(b"%PDF-") and attachment.get_filename() == "kineret-fr-letter-large.pdf"
    text = pdf_text(data)
    assert PATIENT in text and f"Appelez {NAME} : {PHONE}" in text


def test_choosing_another_handout_lists_its_languages(page):
    """With JavaScript, the Language list follows the Handout list without a reload."""
    from playwright.sync_api import expect

    options = label(page, "Language").locator("option")
    label(page, "Handout").select_option("metformin")
    expect(options).to_have_count(1)
    assert options.first.get_attribute("value") == "en"
    assert "DRAFT" in page.locator("#state").inner_text()  # the starter is a draft
    label(page, "Handout").select_option("kineret")
    expect(options).to_have_count(1 + len(KINERET_LANGUAGES))
    assert "approved" in options.first.inner_text()
    assert "Approved" in page.locator("#state").inner_text()


def test_email_with_a_bad_address_shows_the_error(page, mailbox):
    before = len(mailbox.messages)
    label(page, "Patient email").fill("not an address")
    page.get_by_role("button", name="Send", exact=True).click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Patient email" in alert.inner_text()
    assert len(mailbox.messages) == before


def focused(page) -> str:
    """The accessible name of the focused element (its label, or its text for a button)."""
    return page.evaluate(
        """() => {
        const e = document.activeElement;
        if (!e || e === document.body) return "";
        if (e.labels && e.labels.length) return e.labels[0].textContent.trim();
        return (e.getAttribute("aria-label") || e.textContent).trim();
    }"""
    )


def test_keyboard_only(page):
    """Tab reaches every control of the form in order; the form is filled and a preview is
    asked for with the keyboard alone."""
    order = []
    for _ in range(40):
        page.keyboard.press("Tab")
        order.append(focused(page))
        if order[-1] == "Send":
            break
    wanted = ["Handout", "Language", "Paper", "Large print", "Prepared for", "Notes"]
    wanted += ["Preview", "Download PDF", "Print", "Patient email", "Send"]
    assert [name for name in order if name in wanted] == wanted

    page.keyboard.press("Shift+Tab")  # back from Send to the form's fields
    while focused(page) != "Language":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("End")  # the last language
    assert label(page, "Language").input_value() == KINERET_LANGUAGES[-1]
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page) == "Large print"
    page.keyboard.press("Space")
    assert label(page, "Large print").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.type(PATIENT)
    while focused(page) != "Preview":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_role("img", name=re.compile(r"^Page 1 of")).wait_for()
    assert label(page, "Language").input_value() == KINERET_LANGUAGES[-1]
    assert label(page, "Prepared for").input_value() == PATIENT


def axe_violations(browser, url: str, preview: bool = False) -> list:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: npm install --prefix .ci/node axe-core")
    context = browser.new_context(bypass_csp=True)  # only so that axe can be injected
    try:
        tab = context.new_page()
        tab.goto(url)
        if preview:
            label(tab, "Prepared for").fill(PATIENT)
            tab.get_by_role("button", name="Preview", exact=True).click()
            tab.get_by_role("img", name=re.compile(r"^Page 1 of")).wait_for()
        tab.add_script_tag(path=str(AXE))
        return tab.evaluate(
            """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
                .violations.map(v => ({id: v.id, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(" "))}))""",
            WCAG_AA,
        )
    finally:
        context.close()


@pytest.mark.parametrize("preview", [False, True], ids=["form", "preview"])
def test_axe_finds_no_wcag_21_aa_violation(browser, desk, preview):
    assert axe_violations(browser, desk.url + "/?handout=kineret", preview) == []


def test_axe_catches_a_violation(browser, desk):
    """The scan works: a page with an unlabelled field fails it."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}")
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.set_content('<html lang="en"><title>t</title><main><input></main></html>')
        tab.add_script_tag(path=str(AXE))
        found = tab.evaluate("async () => (await axe.run()).violations.map(v => v.id)")
        assert "label" in found
    finally:
        context.close()


def test_the_core_path_works_without_javascript(browser, desk):
    """Pick from the library's links, then preview and download, with JavaScript off."""
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    try:
        tab = context.new_page()
        tab.goto(desk.url + "/")
        tab.get_by_role("link", name="Metformin").click()
        assert label(tab, "Handout").input_value() == "metformin"
        assert label(tab, "Language").locator("option").count() == 1
        tab.get_by_role("link", name="Kineret").click()
        label(tab, "Language").select_option("es")
        label(tab, "Paper").select_option("a4")
        tab.get_by_role("button", name="Preview", exact=True).click()
        tab.get_by_role("img", name=re.compile(r"^Page 1 of")).wait_for()
        with tab.expect_download() as download:
            tab.get_by_role("button", name="Download PDF", exact=True).click()
        assert download.value.suggested_filename == "kineret-es-a4.pdf"
    finally:
        context.close()
