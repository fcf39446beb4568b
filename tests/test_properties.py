"""Property-based tests (Hypothesis): any text either builds, with every character it holds
found on the page in order, or fails as bad input (HandoutError: exit 2, one line). Never an
internal error.

They run in-process and with few examples, to stay fast in CI. For a longer run by hand:

    HYPOTHESIS_PROFILE=long python -m pytest -q tests/test_properties.py
"""

from __future__ import annotations

import os
import re
import unicodedata

import pypdf
import pytest
import yaml
from conftest import minimal, squash
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handout import charpolicy
from handout.errors import HandoutError
from handout.inline import parse_inline, plain_text
from handout.typography import typeset

settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Characters with a meaning for the inline syntax, the line breaker, bidi or the character
# policy, and plain Latin letters and punctuation (whose extraction from the PDF is exact).
SPECIAL = (
    "*[]()\\_"  # inline markers
    "\u00a0\u202f\u2007\u2060\u00ad\u200b\u200c\u200d"  # no-break, soft hyphen, zero widths
    "\u2066\u2067\u2068\u2069\u200e\u200f"  # isolates and marks
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides: refused
    "\x00\x07\x1b\x7f\x85\x9b\ufeff\uffff\ue000\U000e0041\u3164\ufe0f"  # refused
    "\t\n "
)
LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x17F, categories=["L", "N", "P", "S"])
TEXT = st.text(st.one_of(LATIN, st.sampled_from(SPECIAL)), min_size=1, max_size=120)
URL_PART = st.text(st.sampled_from("abc/?=&%-._~:()[]\\ \t\u202e\u00a0\u4e2d"), max_size=20)


# -- the inline parser ----------------------------------------------------------------------

# The regular expression the parser replaced (quadratic on unclosed markers): its results are
# the specification of the syntax.
_REFERENCE = re.compile(
    r"(?P<escape>\\[\\*\[\]()_])"
    r"|(?P<link>\[(?P<label>(?:\\.|[^\]\\])+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\))"
    r"|(?P<bold>\*\*(?=\S)(?P<bold_text>.+?)(?<=\S)\*\*)"
    r"|(?P<italic>(?<![*\\])\*(?=[^\s*])(?P<italic_text>.+?)(?<=[^\s\\])\*(?!\*))",
    re.DOTALL,
)


def _reference(text, bold=False, italic=False, href=None, runs=None, urls=None):
    runs, urls = ([], []) if runs is None else (runs, urls)
    pos = 0
    for m in _REFERENCE.finditer(text):
        if m.start() > pos:
            runs.append((text[pos : m.start()], bold, italic, href))
        if m["escape"]:
            runs.append((m["escape"][1], bold, italic, href))
        elif m["link"] and href is None:
            urls.append(m["url"])
            _reference(m["label"], bold, italic, m["url"], runs, urls)
        elif m["link"]:
            runs.append((m["link"], bold, italic, href))
        elif m["bold"]:
            _reference(m["bold_text"], True, italic, href, runs, urls)
        else:
            _reference(m["italic_text"], bold, True, href, runs, urls)
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], bold, italic, href))
    return runs, urls


def _merged(runs):
    out = []
    for text, *attrs in runs:
        if out and out[-1][1:] == tuple(attrs):
            out[-1] = (out[-1][0] + text, *attrs)
        else:
            out.append((text, *attrs))
    return out


MARKUP = st.text(st.sampled_from("ab *[]()\\_"), max_size=40)


@given(MARKUP)
def test_inline_parser_matches_the_syntax_it_documents(text):
    runs, urls = parse_inline(text)
    expected_runs, expected_urls = _reference(text)
    assert [tuple(r) for r in runs] == _merged(expected_runs)
    assert list(urls) == expected_urls


@given(TEXT)
def test_inline_parser_keeps_every_character_that_is_not_a_marker(text):
    words = plain_text(parse_inline(text)[0])
    assert squash(re.sub(r"[*\[\]()\\_]", "", words)) in squash(re.sub(r"[*\[\]()\\_]", "", text))


# -- the loader: any text in any field is loaded or refused as bad input --------------------


def _document(title: str, heading: str, paragraph: str, url: str, caption: str) -> str:
    doc = {
        "handout": "demo",
        "language": "en",
        "title": title,
        "revised": "2026-01-02",
        "status": "approved",
        "sections": [
            {
                "id": "one",
                "heading": heading,
                "blocks": [paragraph, {"qr": {"url": url, "caption": caption}}],
            }
        ],
    }
    return yaml.safe_dump(doc, allow_unicode=True)


@given(TEXT, TEXT, TEXT, URL_PART, TEXT)
@settings(max_examples=settings().max_examples * 6)  # no rendering: cheap
def test_loader_loads_or_refuses_any_text(tmp_path_factory, title, heading, para, path, caption):
    from handout.loader import load

    path_ = tmp_path_factory.mktemp("load") / "content.yaml"
    path_.write_text(
        _document(title, heading, para, "https://a.example/" + path, caption), encoding="utf-8"
    )
    try:
        handout = load(path_)
    except HandoutError as e:
        assert "\n" not in str(e)
        return
    for span in handout.spans:  # what is loaded passed the character policy
        charpolicy.check(span.text)


# -- the whole build: text on the page, or one line of bad input -------------------------------

INVISIBLE = re.compile(f"[{charpolicy.INVISIBLE_KEPT}]")


@given(TEXT)
def test_any_paragraph_builds_with_every_character_on_the_page_or_is_refused(
    tmp_path_factory, text
):
    from handout.build import build

    folder = tmp_path_factory.mktemp("prop")
    content = folder / "content.yaml"
    content.write_text(
        minimal("- " + yaml.safe_dump(text, allow_unicode=True, width=10**6).strip()),
        encoding="utf-8",
    )
    try:
        built = build(content, "letter", False, folder / "out")
    except HandoutError as e:
        assert "\n" not in str(e)
        assert not (folder / "out" / "demo-en-letter.pdf").exists()
        return
    runs, _ = parse_inline(charpolicy.fold(text))
    expected = squash(INVISIBLE.sub("", typeset(plain_text(runs), "en")))  # “typographic” quotes
    page = "".join(p.extract_text() for p in pypdf.PdfReader(built.path).pages)
    page = squash(unicodedata.normalize("NFC", page))
    if "\u00ad" in text:  # a soft hyphen shows as "-" where a line broke
        page, expected = page.replace("-", ""), expected.replace("-", "")
    assert unicodedata.normalize("NFC", expected) in page


# -- the text engine ----------------------------------------------------------------------------

WORDS = st.lists(
    st.text(st.sampled_from("abcdefghij\u00a0\u202f\u2060\u00ad\u200b"), min_size=1, max_size=12),
    min_size=1,
    max_size=40,
)
GLUE = "\u00a0\u202f\u2007\u2060"


@given(WORDS, st.floats(min_value=60, max_value=400))
# a lone last word after a break at a zero-width space (found by Hypothesis)
@example(["a", "a", "a", "a", "a", "a", "a", "aaaaaaaa", "aaaaaaaa", "a\u200ba"], 122)
def test_lines_never_break_at_a_no_break_space_and_keep_every_character(words, width):
    from handout import fonts
    from handout.markup import text_spans
    from handout.text import break_lines, pieces

    text = " ".join(words)
    items = pieces(text_spans(text, fonts.chain_for("en")), False, 12)
    lines = break_lines(items, width, 12)
    pos = 0  # each line is the next stretch of the text; a break swallows the spaces there
    for n, line in enumerate(lines):
        own = "".join(p.text for p in line)
        assert text.startswith(own, pos), (text, pos, own)
        pos += len(own)
        at_space = text[pos : pos + 1] == " "
        pos += len(text[pos:]) - len(text[pos:].lstrip(" "))
        drawn = "".join(str(p.glyphs) for p in line)
        assert "\u00ad" not in drawn  # a soft hyphen is never drawn as itself
        last = n == len(lines) - 1
        if not last and not at_space and own.endswith("\u00ad"):
            assert drawn.endswith("-")  # ...but as a hyphen where the line broke at it
        # a break inside a word (not at a space) never falls beside a no-break character,
        # unless a word wider than the line had to be cut
        if not last and not at_space and max(len(w) for w in words) < 5:
            assert own[-1] not in GLUE and text[pos] not in GLUE, (own, text[pos:])
    assert pos == len(text)


def test_a_lone_cjk_character_moved_down_keeps_no_space_before_it():
    """The last line's one character joins the character above it as it was in the text,
    with no space between (the space that was between the two words above is not theirs)."""
    from handout import fonts
    from handout.markup import text_spans
    from handout.text import break_lines, pieces

    text = "abc def ghi jkl \u4e2d\u6587"
    items = pieces(text_spans(text, fonts.chain_for("zh")), False, 12)
    for width in range(30, 200, 3):
        lines = ["".join(p.text for p in line) for line in break_lines(items, width, 12)]
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # every character
        assert all(line in text for line in lines), (width, lines)  # and no space added


# -- bidi: our UAX #9 levels, reordered, agree with python-bidi's Rust implementation -----------

BIDI = st.text(st.sampled_from("ab \u05d0\u05d1 12.-\u2066\u2067\u2068\u2069"), max_size=16)


@given(BIDI, st.booleans())
def test_bidi_levels_agree_with_the_reference_implementation(text, rtl):
    from bidi import get_display

    from handout.text import Piece, visual
    from handout.uax9 import levels

    pieces = [Piece(None, c, lvl, c, 0) for c, lvl in zip(text, levels(text, rtl), strict=True)]
    ours = "".join(p.text for p in visual(pieces))
    theirs = get_display(text, base_dir="R" if rtl else "L")

    # Spaces and isolate controls at a line's end (rule L1) are placed differently; brackets
    # are left out (our rule N0 is simpler than the standard's).
    def words(s: str) -> str:
        return re.sub("[ \u2066-\u2069]", "", s)

    assert words(ours) == words(theirs)


@pytest.mark.parametrize("rtl", [False, True])
def test_isolates_of_any_depth_resolve(rtl):
    from handout.uax9 import levels

    text = "\u2067a" * 125 + "\u05d0" + "\u2069" * 125
    assert len(levels(text, rtl)) == len(text)
