"""Hostile text: the page never says what the content does not, and nothing crashes or hangs.

Through the real CLI: characters that would reorder, hide or blank printed text are errors
naming the character (U+ code and name) and its line; no-break spaces and soft hyphens keep
their meaning on the page; QR addresses fit a code that scans from paper; and every size
limit answers with one line, fast. In each fixture the line the error must point at is marked
with the comment `# <-`.
"""

from __future__ import annotations

import re
import sys

import pypdf
import pypdfium2
import pytest
import zxingcpp
from conftest import build, minimal, run_cli, squash, write_content
from test_bad_input import MARK, assert_bad_input, marked_line

from handout import charpolicy, limits

# (content, field named, what the message must say)
REFUSED = {
    "right-to-left override": (
        minimal(f'- "Take 1\\u202e05\\u202c mg"  {MARK}'),
        "blocks",
        "U+202E RIGHT-TO-LEFT OVERRIDE",
    ),
    **{
        f"embedding or override U+{code:04X}": (
            minimal(f'- "a \\u{code:04x} b \\u202c"  {MARK}'),
            "blocks",
            f"U+{code:04X}",
        )
        for code in range(0x202A, 0x202F)
    },
    "override typed as itself in a block scalar": (
        minimal(f"- |\n  line one\n  line \u202e two  {MARK}"),
        "blocks",
        "U+202E",
    ),
    "NUL in the title": (minimal("- x", title=f'"Demo\\0"  {MARK}'), "title", "U+0000"),
    "bell in a paragraph": (minimal(f'- "ring \\a"  {MARK}'), "blocks", "U+0007"),
    "escape in a heading": (
        minimal("- x").replace("heading: First", f'heading: "First \\e[31m"  {MARK}'),
        "heading",
        "U+001B",
    ),
    "C1 control": (minimal(f'- "a \\x9b b"  {MARK}'), "blocks", "U+009B"),
    "byte-order mark": (
        minimal(f'- "100\\ufeffmg"  {MARK}'),
        "blocks",
        "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    ),
    "tag character": (minimal(f'- "a\\U000E0041b"  {MARK}'), "blocks", "U+E0041 TAG"),
    "noncharacter": (minimal(f'- "a\\uffffb"  {MARK}'), "blocks", "U+FFFF"),
    "private use": (minimal(f'- "a\\ue000b"  {MARK}'), "blocks", "U+E000"),
    "Hangul filler": (minimal(f'- "a\\u3164b"  {MARK}'), "blocks", "U+3164 HANGUL FILLER"),
    "a heading of no-break spaces": (
        minimal("- x").replace("heading: First", f'heading: "\\u00a0\\u200d"  {MARK}'),
        "heading",
        "must not be empty",
    ),
    "unclosed isolate": (minimal(f'- "a \\u2066b"  {MARK}'), "blocks", "U+2066"),
    "stray PDI": (minimal(f'- "a \\u2069b"  {MARK}'), "blocks", "U+2069"),
    "caption": (
        minimal(f'- qr: {{url: "https://a.example/", caption: "c\\u202e"}}  {MARK}'),
        "caption",
        "U+202E",
    ),
    "label override": (
        minimal("- x") + f'labels: {{kicker: "A\\u202eB"}}  {MARK}\n',
        "kicker",
        "U+202E",
    ),
    "variation selector the font lacks": (
        minimal(f'- "a\\ufe00b"  {MARK}'),
        "blocks",
        "U+FE00 VARIATION SELECTOR-1",
    ),
    # URLs: the same characters, and none the page cannot print
    "Chinese in a QR address on an English page": (
        minimal(f'- qr: {{url: "https://a.example/\u4e2d\u6587", caption: c}}  {MARK}'),
        "url",
        "U+4E2D",
    ),
    "tab in a QR address": (
        minimal(f'- qr: {{url: "https://a.example/\\tb", caption: c}}  {MARK}'),
        "url",
        "U+0009",
    ),
    "newline in a QR address": (
        minimal(f'- qr: {{url: "https://a.example/\\nb", caption: c}}  {MARK}'),
        "url",
        "U+000A",
    ),
    "no-break space in a QR address": (
        minimal(f'- qr: {{url: "https://a.example/\\u00a0b", caption: c}}  {MARK}'),
        "url",
        "U+00A0",
    ),
    "override in a QR address": (
        minimal(f'- qr: {{url: "https://a.example/\\u202eb", caption: c}}  {MARK}'),
        "url",
        "U+202E",
    ),
    "zero width joiner in a link": (
        minimal(f'- "see [site](https://a.example/\\u200db)"  {MARK}'),
        "blocks",
        "U+200D",
    ),
    "unclosed IPv6 host": (
        minimal(f'- qr: {{url: "https://[::1", caption: c}}  {MARK}'),
        "url",
        "not a valid web address",
    ),
    "fullwidth slash in the host": (
        minimal(f'- qr: {{url: "https://a\\uff0fb.example/", caption: c}}  {MARK}'),
        "url",
        "not a valid web address",
    ),
    "unclosed IPv6 host in a link": (
        minimal(f'- "see [it](https://[::1) now"  {MARK}'),
        "blocks",
        "not a valid web address",
    ),
    # QR codes that phones could not scan from paper
    "QR address over a 27 mm code": (
        minimal(f'- qr: {{url: "https://a.example/{"x" * 300}", caption: c}}  {MARK}'),
        "url",
        "287 bytes",
    ),
    "QR address over any code": (
        minimal(f'- qr: {{url: "https://a.example/{"x" * 1900}", caption: c}}  {MARK}'),
        "url",
        "0.4 mm",
    ),
    # limits
    "paragraph over the limit": (
        minimal(f'- "{"word " * (limits.TEXT_CHARS // 5 + 1)}"  {MARK}'),
        "blocks",
        f"limit of {limits.TEXT_CHARS:,} characters",
    ),
    "title over the limit": (
        minimal("- x", title=f'"{"T" * 151}"  {MARK}'),
        "title",
        f"limit of {limits.TITLE_CHARS:,} characters",
    ),
    "link address over the limit": (
        minimal(f'- "[a](https://a.example/{"x" * 2000})"  {MARK}'),
        "blocks",
        f"limit of {limits.URL_CHARS:,} characters",
    ),
}


@pytest.mark.parametrize("name", REFUSED)
def test_refused(tmp_path, name):
    text, field, mention = REFUSED[name]
    path = write_content(tmp_path, text)
    out = tmp_path / "out"
    result = run_cli(["build", path, "--out", out])
    message = assert_bad_input(result, path, out, marked_line(text), field)
    assert mention in message


@pytest.mark.parametrize(
    "name", ["right-to-left override", "Chinese in a QR address on an English page"]
)
def test_check_refuses_what_build_refuses(tmp_path, name):
    text, _, mention = REFUSED[name]
    path = write_content(tmp_path, text)
    result = run_cli(["check", path])
    assert result.returncode == 2
    assert f"{path}:{marked_line(text)}: " in result.stderr and mention in result.stderr


# -- what is kept, and means what it says ---------------------------------------------------


def page_lines(pdf) -> list[str]:
    return [
        line for page in pypdf.PdfReader(pdf).pages for line in page.extract_text().splitlines()
    ]


def test_isolates_build_in_every_direction(tmp_path):
    """Isolates (LRI, RLI, FSI ... PDI) are legitimate text; they used to crash the bidi step."""
    arabic = "\u0627\u0644\u062c\u0631\u0639\u0629"  # the dose
    blocks = f"""
        - "{arabic} \\u2066100 mg\\u2069 {arabic} \\u2068(SC)\\u2069 \\u2067{arabic}\\u2069"
        - "{arabic} \\u2066\\u2067{arabic} 5\\u2069 mg\\u2069"
    """
    pdf = build(write_content(tmp_path, minimal(blocks, language="ar")), tmp_path / "out")
    text = squash(" ".join(page_lines(pdf)))
    assert "100mg" in text and "(SC)" in text
    assert not re.search("[\u2066-\u2069]", text)  # controls are never drawn
    english = minimal('- "Take \\u2066100 mg\\u2069 \\u2068a day\\u2069, \\u2067as told\\u2069"')
    pdf = build(write_content(tmp_path, english, "en.yaml"), tmp_path / "out")
    assert "Take 100 mg a day, as told" in " ".join(page_lines(pdf))


NO_BREAK = {
    "no-break space": "\u00a0",
    "narrow no-break space": "\u202f",
    "figure space": "\u2007",
    "word joiner": "\u2060",
}


@pytest.mark.parametrize("name", NO_BREAK)
def test_no_break_spaces_never_break_a_line(tmp_path, name):
    char = NO_BREAK[name]
    # Pairs of words of varied length: some pair falls at the end of almost every line.
    pairs = " ".join(f"{'1' * (1 + n % 4)}{char}{'m' * (1 + n % 3)}g" for n in range(90))
    escaped = pairs.replace(char, f"\\u{ord(char):04x}")
    pdf = build(write_content(tmp_path, minimal(f'- "{escaped}"')), tmp_path / "out")
    lines = [line for line in page_lines(pdf) if re.fullmatch(r"[1m g\s\u00a0-\u206f]+", line)]
    assert len(lines) >= 4
    for line in lines:  # every line starts with a number and ends with its unit
        if char == "\u2060":  # not drawn: the number and unit touch
            assert all(re.fullmatch(r"1+m+g", w) for w in line.split()), line
        else:
            words = re.split(r"[\s\u00a0\u202f\u2007]+", line.strip())
            assert len(words) % 2 == 0, line
            assert all(re.fullmatch("1+" if n % 2 == 0 else "m+g", w) for n, w in enumerate(words))
    assert "\u2060" not in "".join(lines)


def test_word_joiner_holds_chinese_characters_together(tmp_path):
    pairs = "".join("\u836f\\u2060\u7269" + "\u6bcf\u5929" * (n % 3) for n in range(80))
    pdf = build(write_content(tmp_path, minimal(f'- "{pairs}"', language="zh")), tmp_path / "o")
    lines = [line for line in page_lines(pdf) if "\u836f" in line or "\u7269" in line]
    assert len(lines) >= 3
    for line in lines:
        assert not line.rstrip().endswith("\u836f") and not line.lstrip().startswith("\u7269")


def test_soft_hyphen_shows_only_where_the_line_breaks(tmp_path):
    word = "in\u00adcom\u00adpre\u00adhen\u00adsi\u00adble"
    text = " ".join([word] * 40)
    pdf = build(write_content(tmp_path, minimal(f'- "{text}"')), tmp_path / "out")
    lines = [line for line in page_lines(pdf) if "incom" in line or "sible" in line]
    broken = [line for line in lines if line.endswith("-")]
    assert broken, lines  # some lines break inside the word, at a soft hyphen
    for line in lines:
        assert "\u00ad" not in line
        assert "-" not in line[:-1]  # never a hyphen mid-line
    assert squash("".join(lines).replace("-", "")) == squash(text.replace("\u00ad", ""))


def test_printed_web_address_is_in_the_order_typed(tmp_path):
    """An address with right-to-left letters prints in the order it is typed, on any page."""
    url = "https://a.example/\u0627\u0628/x"
    blocks = f'- qr: {{url: "{url}", caption: c}}'
    pdf = build(write_content(tmp_path, minimal(blocks, language="ar")), tmp_path / "out")
    reader = pypdf.PdfReader(pdf)
    assert "https://a.example/" in reader.pages[0].extract_text()


def test_a_full_qr_code_still_scans_from_paper(tmp_path):
    """The longest address allowed makes the densest code allowed: it decodes at 150 dpi."""
    url = "https://a.example/" + "x" * (287 - len("https://a.example/"))
    blocks = f'- qr: {{url: "{url}", caption: c}}'
    pdf = build(write_content(tmp_path, minimal(blocks)), tmp_path / "out")
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=150 / 72).to_pil()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [url]


def test_qr_limit_is_the_printed_size():
    from reportlab.lib.units import mm

    from handout.styles import LARGE, STANDARD

    assert min(STANDARD.qr_size, LARGE.qr_size) == pytest.approx(limits.QR_PRINTED_MM * mm)
    modules = 17 + 4 * limits.QR_MAX_VERSION
    assert limits.QR_PRINTED_MM / modules >= limits.QR_MODULE_MM
    assert limits.QR_PRINTED_MM / (modules + 4) < limits.QR_MODULE_MM


# -- size: everything answers, fast ---------------------------------------------------------


def test_a_1_mb_file_answers_with_one_line(tmp_path):
    para = "Take this medicine once a day with food, as your doctor told you. " * 6
    blocks = "\n".join(f'- "{para}"' for _ in range(2600))
    path = write_content(tmp_path, minimal(blocks))
    assert path.stat().st_size > 1_000_000
    out = tmp_path / "out"
    message = assert_bad_input(run_cli(["build", path, "--out", out]), path, out)
    assert f"limit of {limits.FILE_BYTES:,} bytes" in message


N = limits.TEXT_CHARS
HUGE = {  # each as long as a paragraph may be
    "unclosed links": "[a " * (N // 3),
    "unclosed bold": "**a " * (N // 4),
    "unclosed italic": "*a " * (N // 3),
    "brackets": "(" * (N // 2 - 1) + "a" + ")" * (N // 2 - 1),
    "one long word": "x" * N,
    "isolates": "\\u2067a \\u2069" * (N // 4),
}


@pytest.mark.parametrize("name", HUGE)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_huge_paragraphs_build(tmp_path, name, language):
    """Paths that were quadratic (23 s for the unclosed links) build, within a generous
    timeout that only catches a hang (timings are in benchmarks/, not here)."""
    text = HUGE[name]
    path = write_content(tmp_path, minimal(f'- "{text}"', language=language))
    result = run_cli(["build", path, "--out", tmp_path / "out"])
    assert result.returncode == 0, result.stderr


# -- the character policy itself ----------------------------------------------------------------


def test_printable_fast_path_misses_nothing():
    """check() looks for only a few characters in printable text: every refused character
    that str.isprintable() lets through must be among them."""
    refused = charpolicy._refused()
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if chr(code).isprintable()
        and refused.match(chr(code))
        and not charpolicy._PRINTABLE_REFUSED.match(chr(code))
    ]
    assert missed == []
