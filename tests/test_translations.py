"""Translations: each language's text on its pages, QR codes, the DRAFT mark while unreviewed or
stale, and the errors for a missing language, a structure mismatch or an undrawable character.

The PDFs of the repository's content come from the session batch (test_batch.session_batch).
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import pypdf
import pypdfium2
import pytest
import zxingcpp
from conftest import (
    CONTENT,
    build,
    diagnostic_lines,
    expected_texts,
    footer_top,
    norm,
    pdf_text,
    run_cli,
    squash,
    text_pieces,
)
from test_batch import (
    PAPERS,
    SIZES,
    batch_pdf,
    copy_content,
    drop_item,
    file_name,
    read_manifest,
    session_batch,
)

from handout.typography import typeset

TRANSLATIONS = ("fr", "es", "zh", "ar", "pa")
TRANSLATIONS += ("fa", "hi", "he", "ur", "bn", "ta", "gu", "th", "am")  # issue 11: scripts
EXTRACTABLE = ("fr", "es", "zh")  # scripts whose text pypdf gives back as written
TRANSLATIONS += ("zh-Hant", "ko", "ja")  # issue 11: CJK (the font pack)
EXTRACTABLE += ("zh-Hant", "ko", "ja")
UNSPACED = ("zh", "zh-Hant", "ja")  # written without spaces: lines break between characters
PYPDF_DROPS_SPACES = ("ko",)  # between some Korean words (pdfium keeps them: see below)
SHAPED = ("ar", "pa")
# issue 11: Latin and Cyrillic scripts
TRANSLATIONS += ("vi", "tl", "ht", "pt", "pl", "so", "ru", "uk")
EXTRACTABLE += ("vi", "tl", "ht", "pt", "pl", "so", "ru", "uk")
SHAPED += ("fa", "hi", "he", "ur", "bn", "ta", "gu", "th", "am")  # issue 11: scripts
OWN_DIGITS = ("fa", "ur")  # translations that write the dose in their own digits
VARIANTS = [(paper, large) for paper in PAPERS for large in SIZES]
VARIANT_IDS = [f"{paper}{'-large' if large else ''}" for paper, large in VARIANTS]
UNDRAWABLE = "\U0001f9ea"  # TEST TUBE: no bundled font has it


@pytest.fixture(scope="session")
def kineret_batch(tmp_path_factory):
    """The session's batch of the repository's content (built once, see test_batch.py)."""
    return session_batch(tmp_path_factory)


def translation(language: str):
    from handout.loader import load

    return load(CONTENT.with_name(f"content.{language}.yaml"))


def draft_mark(language: str) -> str:
    from handout.catalogue import CATALOGUE

    return CATALOGUE[language]["draft_mark"]


def reading_text(path: Path, language: str) -> str:
    """The text of all pages in reading order without the page furniture (footer, DRAFT
    watermark and notice), so that a paragraph running on to the next page reads as one."""
    from handout.catalogue import CATALOGUE

    notice = squash(CATALOGUE[language]["draft_notice"])
    out = []
    for page in pypdf.PdfReader(path).pages:
        pieces = [p for p in text_pieces(page) if p[0].strip()]
        body = Counter(round(p[2], 1) for p in pieces).most_common(1)[0][0]
        pieces = [p for p in pieces if p[2] < 2.5 * body]  # not the watermark
        footer, highest = footer_top(pieces), max(p[3] for p in pieces)
        top = "".join(p[0] for p in pieces if p[3] >= highest - 1)
        previous = None
        for text, _, _, y in pieces:
            if y <= footer or (y >= highest - 1 and squash(top) == notice):
                continue
            if previous is not None and abs(y - previous) > 1:
                out.append("\n")
            out.append(text)
            previous = y
        out.append("\n")
    return norm("".join(out))


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", squash(text))


def pdfium_pages(path: Path) -> list[str]:
    return [page.get_textpage().get_text_bounded() for page in pypdfium2.PdfDocument(path)]


def qr_urls(handout) -> list[str]:
    from handout.model import Qr

    return [b.url for s in handout.sections for b in s.blocks if isinstance(b, Qr)]


def latin_runs(handout) -> list[str]:
    """Latin words and numbers written inside the translation ("Kineret", "IL-1", "100 mg"),
    and its QR URLs."""
    word = r"[A-Za-z0-9]+(?:[-./:][A-Za-z0-9]+)*"
    runs = {
        m.group().replace("\u00a0", " ")  # a number and its unit are bound (typography.py)
        for text in expected_texts(handout)
        for m in re.finditer(rf"{word}(?:[ \u00a0]{word})*", text)
        if re.search("[A-Za-z]", m.group())
    }
    return sorted(runs | set(qr_urls(handout)))


def find_block(handout, kind):
    """(section, index, block) of the first block of a kind in the handout."""
    for section in handout.sections:
        for i, block in enumerate(section.blocks):
            if isinstance(block, kind):
                return section, i, block
    raise AssertionError(f"no {kind.__name__} block")


def edit_lines(path: Path, edit) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edit(lines)
    path.write_text("".join(lines), encoding="utf-8")


def replace_once(path: Path, old: str, new: str, flags: int = 0) -> None:
    text, n = re.subn(old, new, path.read_text(encoding="utf-8"), count=1, flags=flags)
    assert n == 1, f"{old!r} not in {path.name}"
    path.write_text(text, encoding="utf-8")


def mark_reviewed(path: Path, reviewer: str = "Dr. X") -> None:
    replace_once(path, r"reviewed_by: null", f'reviewed_by: "{reviewer}"')
    replace_once(path, r"(?m)^status: draft\s*$", "status: approved")


def one_error_line(result) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = diagnostic_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- each language's text --------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
@pytest.mark.parametrize("language", EXTRACTABLE)
def test_translation_text_is_on_the_pages(kineret_batch, language, variant):
    """Every heading, paragraph, list item, callout title and QR caption of content.L.yaml."""
    text = reading_text(batch_pdf(kineret_batch, language, *variant), language)
    wanted = expected_texts(translation(language))
    if language in UNSPACED or language in PYPDF_DROPS_SPACES:
        missing = [t for t in wanted if squash(t) not in squash(text)]
    else:
        missing = [t for t in wanted if norm(t) not in text]
    assert not missing


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
def test_korean_words_copy_with_the_spaces_between_them(kineret_batch, variant):
    """Korean is written with spaces between words: copied from the page (pdfium, as a viewer
    copies), every word of the translation comes out whole, none run into the next."""
    pages = pdfium_pages(batch_pdf(kineret_batch, "ko", *variant))
    copied = set(norm(" ".join(pages)).split())
    words = [w for t in expected_texts(translation("ko")) for w in norm(t).split()]
    assert len(words) > 400
    assert not [w for w in words if w not in copied]


def _shaped_cases():
    for language in SHAPED:
        for run in latin_runs(translation(language)):
            yield pytest.param(language, run, id=f"{language}-{run}")


@pytest.mark.parametrize(("language", "run"), list(_shaped_cases()))
def test_latin_runs_inside_shaped_scripts_are_extracted(kineret_batch, language, run):
    """Arabic and Gurmukhi come out of the PDF lossy (shaped glyphs), but the drug name, the
    numbers and the URL written in Latin letters inside them must read as written."""
    text = squash(" ".join(pdf_text(batch_pdf(kineret_batch, language))))
    assert squash(run) in text


def test_latin_runs_cover_what_a_patient_must_read():
    for language in SHAPED:
        runs = latin_runs(translation(language))
        dose = () if language in OWN_DIGITS else ("100 mg",)  # test_shaped_scripts.py
        for must in ("Kineret", "IL-1", *dose, *qr_urls(translation(language))):
            assert must in runs, (language, must)


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_letter_of_the_translation_is_drawn(kineret_batch, language, variant):
    """Counted glyph by glyph from the page's content (what each glyph's code stands for, in
    compatibility decomposition: Thai SARA AM is drawn as NIKHAHIT and SARA AA), every letter
    of the translation's texts is drawn, as often as they have it: nothing left out, whatever
    order a text extractor puts shaped glyphs in. (Joiners, ZWJ and ZWNJ, are no letters:
    they steer shaping.)"""
    from test_scripts import page_glyphs

    def letters(text: str) -> Counter:
        text = unicodedata.normalize("NFKD", squash(text))
        return Counter(c for c in text if unicodedata.category(c) != "Cf")

    pages = page_glyphs(batch_pdf(kineret_batch, language, *variant))
    drawn = letters("".join(g.text for page in pages for g in page))
    wanted = letters("".join(expected_texts(translation(language))))
    assert not wanted - drawn


@pytest.mark.parametrize("language", ["en", *TRANSLATIONS])
def test_qr_codes_decode_to_the_contents_urls(kineret_batch, language):
    from handout.loader import load

    doc = load(CONTENT) if language == "en" else translation(language)
    found = []
    for page in pypdfium2.PdfDocument(batch_pdf(kineret_batch, language)):
        image = page.render(scale=150 / 72).to_pil()
        found += [code.text for code in zxingcpp.read_barcodes(image)]
    assert qr_urls(doc)
    assert sorted(found) == sorted(qr_urls(doc))


# -- the DRAFT mark --------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_unreviewed_translation_has_the_draft_mark_on_every_page(kineret_batch, language, variant):
    assert translation(language).translation.reviewed_by is None
    path = batch_pdf(kineret_batch, language, *variant)
    mark = draft_mark(language)
    if language in EXTRACTABLE:
        pages = pdf_text(path)
        assert all(mark in page for page in pages), mark
    else:
        # pdfium reads the shaped words of the notice and footer; pypdf the footer's Latin name
        # (pdfium copies a zero-width non-joiner, the Persian half-space, as a space)
        half = mark.replace("\u200c", " ")
        assert all(half in page.replace("\u200c", " ") for page in pdfium_pages(path)), mark
        name = translation(language).running_title
        assert all(name in page for page in pdf_text(path)), name


def watermark_share(path: Path) -> list[float]:
    """Per page, the share of pixels in the DRAFT watermark's colour, rendered at 72 dpi. The
    mark is see-through and drawn over everything, so its colour is that of the mark over the
    paper, or over a callout's tint."""
    from handout.styles import CALLOUTS, WATERMARK

    alpha = WATERMARK.alpha
    mark = np.array([WATERMARK.red, WATERMARK.green, WATERMARK.blue])
    looks = CALLOUTS.values()
    fills = [c for look in looks for c in (look.tint, look.band) if c is not None]
    grounds = [np.ones(3)] + [np.array([c.red, c.green, c.blue]) for c in fills]
    colours = [(mark * alpha + ground * (1 - alpha)) * 255 for ground in grounds]
    out = []
    for page in pypdfium2.PdfDocument(path):
        pixels = np.asarray(page.render(scale=1).to_pil().convert("RGB"), dtype=float)
        hits = np.zeros(pixels.shape[:2], dtype=bool)
        for colour in colours:
            hits |= (np.abs(pixels - colour) <= 1.5).all(axis=2)
        out.append(float(hits.mean()))
    return out


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_IDS)
@pytest.mark.parametrize("language", ["en", *TRANSLATIONS])
def test_draft_watermark_is_visible_on_every_page_of_a_draft_only(kineret_batch, language, variant):
    """The big DRAFT word across the text is what a reader notices: at least 1% of each page of
    a draft is in its colour, under 1% of each page of the final English handout."""
    shares = watermark_share(batch_pdf(kineret_batch, language, *variant))
    if language == "en":
        assert all(share < 0.01 for share in shares), shares
    else:
        hidden = [n for n, share in enumerate(shares, 1) if share < 0.01]
        assert not hidden, f"no visible watermark on page(s) {hidden}: {shares}"


def test_reviewed_and_approved_translation_is_final(tmp_path, kineret_batch):
    master = copy_content(tmp_path / "src", "fr")
    mark_reviewed(master.with_name("content.fr.yaml"))
    out = tmp_path / "out"
    options = ["--lang", "fr", "--paper", "letter", "--large-print", "no", "--out", out]
    result = run_cli(["batch", master, *options])
    assert result.returncode == 0, result.stdout + result.stderr
    (entry,) = read_manifest(out)["documents"]
    assert (entry["status"], entry["draft_reasons"]) == ("final", [])
    mark = draft_mark("fr").casefold()
    pages = pdf_text(out / entry["file"])
    assert not any(mark in page.casefold() for page in pages)
    # the same document unreviewed (the session batch) has it
    assert all(mark in page.casefold() for page in pdf_text(batch_pdf(kineret_batch, "fr")))


def test_reviewed_but_stale_translation_is_draft_again(tmp_path):
    from handout.loader import load

    master = copy_content(tmp_path / "src", *TRANSLATIONS)
    french = master.with_name("content.fr.yaml")
    mark_reviewed(french)
    revised = load(master).revised
    assert load(french).translation.from_revised == revised
    later = revised.replace(year=revised.year + 1).isoformat()
    replace_once(master, rf"(?m)^revised: {revised.isoformat()}\s*$", f"revised: {later}")

    out = tmp_path / "out"
    options = ["--lang", "fr", "--paper", "letter", "--large-print", "no", "--out", out]
    result = run_cli(["batch", master, *options])
    assert result.returncode == 0, result.stdout + result.stderr
    (entry,) = read_manifest(out)["documents"]
    assert entry["status"] == "draft"
    assert any("stale" in reason for reason in entry["draft_reasons"]), entry
    assert all(draft_mark("fr") in page for page in pdf_text(out / entry["file"]))

    check = run_cli(["check", master])
    assert check.returncode == 0, check.stdout + check.stderr
    (line,) = [x for x in check.stdout.splitlines() if x.split()[:1] == ["fr"]]
    assert "stale" in line


# -- asking for a language -------------------------------------------------------------------------


def test_a_language_without_translation_is_an_error(tmp_path):
    assert not CONTENT.with_name("content.de.yaml").exists()
    line = one_error_line(run_cli(["build", CONTENT, "--lang", "de", "--out", tmp_path]))
    assert "content.de.yaml" in line
    assert not list(tmp_path.glob("*.pdf"))


def test_build_lang_fr_builds_the_french_handout(tmp_path, content):
    path = build(CONTENT, tmp_path, "--lang", "fr")
    assert path.name == file_name(content.handout, "fr", "letter", False)
    text = " ".join(pdf_text(path))
    french = translation("fr")
    assert norm(typeset(french.sections[0].heading, "fr")) in text
    assert norm(typeset(content.sections[0].heading, "en")) not in text


# -- structure mismatches --------------------------------------------------------------------------


SECTION = "who-should-not-take-kineret"  # a dropped bullet here is a reason not to take Kineret


def _drop_bullet(path: Path) -> tuple[int, str]:
    doc = translation("fr")
    section = next(s for s in doc.sections if s.id == SECTION)
    index, block = next((i, b) for i, b in enumerate(section.blocks) if hasattr(b, "items"))
    assert len(block.items) > 1
    field = f"sections[{SECTION}].blocks[{index}].{block.kind}"
    drop_item(path, f"{field}[1]")
    return block.line, field


def _change_qr_url(path: Path) -> tuple[int, str]:
    from handout.model import Qr

    section, index, block = find_block(translation("fr"), Qr)

    def edit(lines):
        n = next(n for n in range(block.line - 1, len(lines)) if "url:" in lines[n])
        assert block.url in lines[n]
        lines[n] = lines[n].replace(block.url, "https://example.org/another-video/")

    edit_lines(path, edit)
    return block.line, f"sections[{section.id}].blocks[{index}].qr.url"


def _drop_section(path: Path) -> tuple[int | None, str]:
    doc = translation("fr")
    n = next(i for i, s in enumerate(doc.sections) if s.id == "stopping-kineret")
    start, end = doc.sections[n].line, doc.sections[n + 1].line

    def edit(lines):
        assert "stopping-kineret" in lines[start - 1]
        del lines[start - 1 : end - 1]

    edit_lines(path, edit)
    return None, "stopping-kineret"


def _bullets_to_steps(path: Path) -> tuple[int, str]:
    from handout.model import ItemList

    doc = translation("fr")
    section = next(s for s in doc.sections if s.id == SECTION)
    index, block = next(
        (i, b) for i, b in enumerate(section.blocks) if isinstance(b, ItemList) and not b.numbered
    )

    def edit(lines):
        assert "bullets:" in lines[block.line - 1]
        lines[block.line - 1] = lines[block.line - 1].replace("bullets:", "steps:")

    edit_lines(path, edit)
    return block.line, f"sections[{SECTION}].blocks[{index}]"


MISMATCHES = {
    "bullet removed": _drop_bullet,
    "QR url changed": _change_qr_url,
    "section missing": _drop_section,
    "bullets made steps": _bullets_to_steps,
}


@pytest.mark.parametrize("case", MISMATCHES)
def test_structure_mismatch_is_an_error_naming_file_line_and_block(tmp_path, case):
    master = copy_content(tmp_path, "fr")
    french = master.with_name("content.fr.yaml")
    line_no, where = MISMATCHES[case](french)
    line = one_error_line(run_cli(["build", master, "--lang", "fr", "--out", tmp_path / "out"]))
    assert line.startswith("handout: error: ")
    assert str(french) in line
    if line_no is not None:
        assert f"{french}:{line_no}:" in line
    assert where in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


def test_removed_bullet_message_gives_both_counts(tmp_path):
    master = copy_content(tmp_path, "fr")
    _, where = _drop_bullet(master.with_name("content.fr.yaml"))
    line = one_error_line(run_cli(["build", master, "--lang", "fr", "--out", tmp_path / "out"]))
    message = line.split(where, 1)[1]
    assert re.search(r"\b2\b", message) and re.search(r"\b3\b", message), line


# -- handout check ---------------------------------------------------------------------------------


def _language_lines(output: str, language: str) -> list[str]:
    """The lines of `handout check` about one language: its own and the indented ones below."""
    lines = output.splitlines()
    for n, line in enumerate(lines):
        if line.split()[:1] == [language] and line.startswith(" "):
            block = [line]
            indent = len(line) - len(line.lstrip())
            for more in lines[n + 1 :]:
                if len(more) - len(more.lstrip()) <= indent:
                    break
                block.append(more)
            return block
    return []


def test_check_lists_each_language_as_unreviewed_draft(tmp_path, content):
    master = copy_content(tmp_path, *content.languages)
    result = run_cli(["check", master])
    assert result.returncode == 0, result.stdout + result.stderr
    for language in content.languages:
        lines = _language_lines(result.stdout, language)
        assert lines, f"no line for {language}"
        assert "draft" in lines[0] and "not reviewed" in lines[0], lines


def test_check_reports_a_missing_translation(tmp_path, content):
    master = copy_content(tmp_path, *content.languages)
    missing = content.languages[-1]
    master.with_name(f"content.{missing}.yaml").unlink()
    result = run_cli(["check", master])
    assert result.returncode == 2, result.stdout + result.stderr
    assert "missing" in " ".join(_language_lines(result.stdout, missing))
    for language in content.languages[:-1]:
        assert "missing" not in " ".join(_language_lines(result.stdout, language))


def test_check_reports_a_structure_mismatch(tmp_path, content):
    master = copy_content(tmp_path, *content.languages)
    _, where = _drop_bullet(master.with_name("content.fr.yaml"))
    result = run_cli(["check", master])
    assert result.returncode == 2, result.stdout + result.stderr
    report = " ".join(_language_lines(result.stdout, "fr"))
    assert "mismatch" in report and where in report and "content.fr.yaml" in report
    assert "mismatch" not in " ".join(_language_lines(result.stdout, "es"))


# -- characters no font can draw -------------------------------------------------------------------


def test_no_bundled_font_has_the_undrawable_character():
    from reportlab.pdfbase.ttfonts import TTFontFile

    for font in sorted((CONTENT.parent / "handout" / "data" / "fonts").glob("*.ttf")):
        assert ord(UNDRAWABLE) not in TTFontFile(str(font)).charToGlyph, font.name


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_undrawable_character_in_a_translation_is_an_error(tmp_path, language):
    from handout.model import Paragraph

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CONTENT, src / CONTENT.name)
    path = src / f"content.{language}.yaml"
    shutil.copy(CONTENT.with_name(path.name), path)
    _, _, paragraph = find_block(translation(language), Paragraph)
    first_word = paragraph.runs[0].text.split()[0]

    def edit(lines):
        n = paragraph.line - 1
        assert first_word in lines[n]
        lines[n] = lines[n].replace(first_word, f"{first_word} {UNDRAWABLE}", 1)

    edit_lines(path, edit)
    out = tmp_path / "out"
    line = one_error_line(run_cli(["build", src / CONTENT.name, "--lang", language, "--out", out]))
    assert f"U+{ord(UNDRAWABLE):04X}" in line
    assert f"{path}:{paragraph.line}:" in line
    assert not out.exists() or not list(out.glob("*.pdf"))
