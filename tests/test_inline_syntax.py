"""The inline syntax as the README documents it, read back from loaded content files: what is
bold, italic or a link, what stays literal, and which link URLs are refused or warned about.
(The PDF side of the same runs is in test_markup.py.)"""

from __future__ import annotations

import pytest
from conftest import minimal, write_content

from handout.errors import HandoutError
from handout.loader import load
from handout.model import Run


def runs_of(tmp_path, text: str) -> list[tuple]:
    """The runs of a one-paragraph file whose paragraph is `text` (a YAML double-quoted
    string, so backslashes are doubled)."""
    doc = load(write_content(tmp_path, minimal(f'- "{text}"')))
    return [tuple(run) for run in doc.sections[0].blocks[0].runs]


B, IT = (True, False), (False, True)


@pytest.mark.parametrize(
    "text, runs",
    [
        ("plain", [("plain", False, False, None)]),
        (
            "a **b c** d",
            [("a ", False, False, None), ("b c", *B, None), (" d", False, False, None)],
        ),
        ("a *b* c", [("a ", False, False, None), ("b", *IT, None), (" c", False, False, None)]),
        ("**a *b* c**", [("a ", *B, None), ("b", True, True, None), (" c", *B, None)]),
        (
            "see [the site](https://a.example/x)",
            [("see ", False, False, None), ("the site", False, False, "https://a.example/x")],
        ),
        (
            "[**bold** link](https://a.example)",
            [
                ("bold", True, False, "https://a.example"),
                (" link", False, False, "https://a.example"),
            ],
        ),
        ("**[a](https://a.example)**", [("a", True, False, "https://a.example")]),
        ("[wiki](https://a.example/A_(b))", [("wiki", False, False, "https://a.example/A_(b)")]),
        (
            "[call](tel:811) [write](mailto:a@b.example)",
            [
                ("call", False, False, "tel:811"),
                (" ", False, False, None),
                ("write", False, False, "mailto:a@b.example"),
            ],
        ),
    ],
)
def test_markers_make_bold_italic_and_links(tmp_path, text, runs):
    assert runs_of(tmp_path, text) == runs


@pytest.mark.parametrize(
    "text, shown",
    [
        ("2 * 3 * 4", "2 * 3 * 4"),  # a star with a space after it is a star
        ("** not bold **", "** not bold **"),
        ("a ** b", "a ** b"),
        ("\\\\*not italic\\\\*", "*not italic*"),  # a backslash makes a marker literal
        ("\\\\*\\\\*not bold\\\\*\\\\*", "**not bold**"),
        ("\\\\[not a link\\\\](https://a.example)", "[not a link](https://a.example)"),
        ("a \\\\\\\\ b", "a \\\\ b"),  # an escaped backslash is one backslash
        ("snake\\\\_case", "snake_case"),
        ("a \\\\x b", "a \\\\x b"),  # before any other character, a backslash is text
        ("[just brackets]", "[just brackets]"),
        ("[text](no url here)", "[text](no url here)"),
        ("(SC) and [1]", "(SC) and [1]"),
        ("<b>&amp;</b>", "<b>&amp;</b>"),
        ("*", "*"),
        ("**", "**"),
        ("***", "***"),
    ],
)
def test_everything_else_is_literal_text(tmp_path, text, shown):
    runs = runs_of(tmp_path, text)
    assert "".join(r[0] for r in runs) == shown.replace("\\\\", "\\")
    assert all(r[1:] == (False, False, None) for r in runs), runs


def test_neighbouring_runs_with_the_same_style_are_one_run(tmp_path):
    assert runs_of(tmp_path, "a \\\\* b \\\\[c\\\\] d") == [("a * b [c] d", False, False, None)]


def test_a_link_inside_a_links_text_stays_text(tmp_path):
    runs = runs_of(tmp_path, "[a \\\\[b\\\\](https://b.example) c](https://a.example)")
    assert [r[3] for r in runs] == ["https://a.example"]
    assert "".join(r[0] for r in runs) == "a [b](https://b.example) c"


@pytest.mark.parametrize(
    "url, message",
    [
        ("javascript:alert(1)", "unsafe URL scheme 'javascript:'"),
        ("file:///etc/passwd", "unsafe URL scheme 'file:'"),
        ("data:text/html,hi", "unsafe URL scheme 'data:'"),
        ("ftp://a.example", "unsafe URL scheme 'ftp:'"),
        ("/relative/path", "is not an absolute URL"),
        ("a.example", "is not an absolute URL"),
        ("https:///no-host", "has no host"),
        ("https:", "has no host"),
    ],
)
def test_unsafe_or_incomplete_link_is_an_error(tmp_path, url, message):
    with pytest.raises(HandoutError) as e:
        runs_of(tmp_path, f"see [x]({url})")
    assert message in str(e.value)
    # the paragraph's line, the column where the URL starts in it (`      - "see [x](`), its field
    assert ":10:18: sections[one].blocks[0]:" in str(e.value)


@pytest.mark.parametrize("url", ["HTTPS://A.example/x", "Tel:811", "MAILTO:a@b.example"])
def test_scheme_case_does_not_matter(tmp_path, url):
    assert runs_of(tmp_path, f"[x]({url})") == [("x", False, False, url)]


def test_http_link_loads_with_one_warning_naming_it(tmp_path):
    doc = load(write_content(tmp_path, minimal('- "see [x](http://a.example)"')))
    assert [r.href for r in doc.sections[0].blocks[0].runs] == [None, "http://a.example"]
    (warning,) = doc.warnings
    assert warning.severity == "warning"
    assert str(warning).endswith(
        ":10:18: sections[one].blocks[0]: http://a.example uses http:, not https:"
    )
    assert warning.source[warning.column - 1 : warning.end_column - 1] == "http://a.example"


def test_qr_url_follows_the_same_rules(tmp_path):
    with pytest.raises(HandoutError, match="unsafe URL scheme 'javascript:'"):
        load(write_content(tmp_path, minimal("- qr: {url: 'javascript:x', caption: c}")))


def test_plain_text_of_runs_is_the_words_without_markers(tmp_path):
    from handout.inline import plain_text

    doc = load(write_content(tmp_path, minimal('- "**Take** *one* [dose](https://a.example)"')))
    assert plain_text(doc.sections[0].blocks[0].runs) == "Take one dose"
    assert plain_text((Run("a"), Run("b", True))) == "ab"
