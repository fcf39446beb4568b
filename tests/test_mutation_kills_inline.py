"""Inline-syntax rules that mutation testing (tools/mutation.py inline) showed no test held:
each asserts what the page would say (the runs of text with their bold, italic and link) or
the one-line error a user gets."""

from __future__ import annotations

import string

import pytest
from conftest import minimal, write_content

from handout.errors import HandoutError
from handout.loader import load


def runs_of(tmp_path, text: str) -> list[tuple]:
    """The runs of a one-paragraph file whose paragraph is `text` (YAML single-quoted: a
    backslash is itself)."""
    quoted = text.replace("'", "''")
    doc = load(write_content(tmp_path, minimal(f"- '{quoted}'")))
    return [tuple(run) for run in doc.sections[0].blocks[0].runs]


def error_of(tmp_path, text: str) -> str:
    """The error line for a one-paragraph file, without the file's name."""
    path = write_content(tmp_path, minimal(f"- '{text}'"))
    with pytest.raises(HandoutError) as e:
        load(path)
    return str(e.value).replace(str(path), "FILE")


PLAIN = (False, False, None)


def test_a_backslash_before_any_other_character_is_printed(tmp_path):
    others = sorted(set(string.printable.strip()) - set("\\*[]()_"))
    text = " ".join(f"\\{char}" for char in others)
    assert runs_of(tmp_path, text) == [(text, *PLAIN)]


def test_an_address_that_does_not_parse_is_an_error_saying_so(tmp_path):
    assert error_of(tmp_path, "see [x](https://[::1)") == (
        "FILE:10:18: sections[one].blocks[0]: 'https://[::1' is not a valid web address"
        " (Invalid IPv6 URL)"
    )


@pytest.mark.parametrize(
    "url, message",
    [
        ("https:", "'https:' has no host"),
        ("a.example", "'a.example' is not an absolute URL (use https:, mailto: or tel:)"),
        (
            "ftp://a.example",
            "unsafe URL scheme 'ftp:' in 'ftp://a.example' (use https:, mailto: or tel:)",
        ),
    ],
)
def test_a_refused_link_is_one_error_line_saying_why(tmp_path, url, message):
    assert error_of(tmp_path, f"see [x]({url})") == (
        f"FILE:10:18: sections[one].blocks[0]: {message}"
    )


def test_a_backslash_at_the_end_of_a_text_or_of_bold_text_is_printed(tmp_path):
    assert runs_of(tmp_path, "a\\") == [("a\\", *PLAIN)]
    assert runs_of(tmp_path, "**a\\**") == [("a\\", True, False, None)]
    assert runs_of(tmp_path, "*a\\* b*") == [("a* b", False, True, None)]


def test_the_parser_agrees_with_the_documented_syntax_on_many_tricky_texts():
    """A fixed, seeded set of short texts made of markers: the runs are those of the regular
    expression the syntax is specified by (test_properties.py's reference)."""
    import random

    from test_properties import _merged, _reference

    from handout.inline import parse_inline

    pick = random.Random(8)
    for _ in range(4000):
        text = "".join(pick.choice("ab *[]()\\_") for _ in range(pick.randint(1, 14)))
        runs, urls = parse_inline(text)
        want_runs, want_urls = _reference(text)
        assert [tuple(r) for r in runs] == _merged(want_runs), text
        assert list(urls) == want_urls, text


@pytest.mark.parametrize(
    "text, runs",
    [
        ("[*a*", [("[", *PLAIN), ("a", False, True, None)]),  # a "[" that opens nothing
        ("a [b", [("a [b", *PLAIN)]),  # a "[" with no "]" after it
        (
            "[](x) [b](https://a.example)",
            [("[](x) ", *PLAIN), ("b", False, False, "https://a.example")],
        ),
        ("a][b](https://a.example)", [("a]", *PLAIN), ("b", False, False, "https://a.example")]),
        ("x ** a**", [("x ** a**", *PLAIN)]),  # "**" before a space opens nothing
    ],
)
def test_markers_that_open_nothing_leave_the_rest_to_be_read(tmp_path, text, runs):
    assert runs_of(tmp_path, text) == runs
