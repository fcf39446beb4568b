"""Patient-facing typography, applied when text is laid out: the approved words stay as they
are, only their typesetting changes.

- Straight quotes and apostrophes become each language's typographic ones.
- French binds « » and ; : ? ! to their words with (narrow) no-break spaces, so that a line
  never starts with "?" or ends with "«".
- Dates are written as each language writes them (CLDR, through Babel).
- In right-to-left text, phone numbers, dates, codes and numbers with their Latin unit are
  marked as left-to-right islands (text.py gives them the levels that LRI ... PDI would), so
  that 555-0142 reads as written, not 0142-555.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from handout.fonts import table_key
from handout.model import Run

NBSP, NNBSP = "\u00a0", "\u202f"  # no-break space, narrow no-break space
NO_BREAK_SPACES = NBSP + NNBSP + "\u2007\u2060"  # spaces a line must not break at


class Quotes(NamedTuple):
    """A language's quotation marks; `inside` is the space between a mark and its words."""

    open: str
    close: str
    open_inner: str
    close_inner: str
    inside: str = ""


QUOTES = {
    "en": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "es": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),  # as the Spanish translations write
    "zh": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "fr": Quotes("\u00ab", "\u00bb", "\u201c", "\u201d", NNBSP),
    # issue 11 (CLDR's quotation marks for each language; Portuguese as Brazil writes)
    "vi": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "tl": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "ht": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "pt": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "pl": Quotes("\u201e", "\u201d", "\u00ab", "\u00bb"),
    "so": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "ru": Quotes("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "uk": Quotes("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "zh-Hant": Quotes("\u300c", "\u300d", "\u300e", "\u300f"),  # 「」『』
    "ja": Quotes("\u300c", "\u300d", "\u300e", "\u300f"),
    "ko": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    # issue 11 (CLDR delimiters); Urdu, like Arabic, keeps the marks as typed
    "fa": Quotes("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "he": Quotes("\u201d", "\u201d", "\u2019", "\u2019"),
    "hi": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "bn": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "ta": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "gu": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "th": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "am": Quotes("\u00ab", "\u00bb", "\u2039", "\u203a"),
}
# Written without spaces between words: a quote mark after a letter may open a quotation as
# well as close one, so straight double quotes pair up in turn instead.
_UNSPACED = frozenset({"zh", "zh-Hant", "ja"})
APOSTROPHE = "\u2019"

# French: the space before each mark (Imprimerie nationale: a word space before ":", a
# narrow one before ; ? !), and the marks that bind to the word before them.
_FRENCH_BEFORE = {":": NBSP, ";": NNBSP, "?": NNBSP, "!": NNBSP, "\u00bb": NNBSP}


def typeset(text: str, language: str) -> str:
    """A plain text as it is printed (headings, labels, captions)."""
    return "".join(r.text for r in typeset_runs((Run(text),), language))


def typeset_runs(runs: tuple[Run, ...], language: str) -> tuple[Run, ...]:
    """Runs of one paragraph typeset together (a quote may open in one run and close in the
    next); a run that is a printed web address is left exactly as written."""
    runs = tuple(r if _is_address(r) else r._replace(text=composed(r.text)) for r in runs)
    lang = table_key(language)
    quotes = QUOTES.get(lang)
    text = "".join(r.text for r in runs)
    candidates = _FRENCH if lang == "fr" else _QUOTE_MARKS
    changed: dict[int, str] = dict.fromkeys(_bound_spaces(text, lang), NBSP)
    if quotes is not None and candidates.search(text):
        open_quote = False  # in a language written without spaces: a quotation is open
        for m in candidates.finditer(text):
            i = m.start()
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if lang in _UNSPACED and text[i] == '"':
                new = quotes.close if open_quote else quotes.open
                open_quote = not open_quote
            else:
                new = _char(text[i], before, after, quotes, lang == "fr")
            if new != text[i]:
                changed[i] = new
    if not changed:
        return runs
    out, start, marks = [], 0, sorted(changed)
    for run in runs:
        end = start + len(run.text)
        here = [i for i in marks if start <= i < end]
        if here and not _is_address(run):
            parts, pos = [], start
            for i in here:
                parts += [text[pos:i], changed[i]]
                pos = i + 1
            run = run._replace(text="".join(parts) + text[pos:end])
        out.append(run)
        start = end
    return tuple(out)


def _is_address(run: Run) -> bool:
    return bool(run.href) and run.text.strip() == run.href


# A Latin, Greek or Cyrillic letter followed by combining marks (U+0300-036F).
_LETTER = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff"
_CLUSTER = re.compile(f"[{_LETTER}][\u0300-\u036f]+")


def composed(text: str) -> str:
    """Letters and their combining marks composed (NFC), as Noto Sans draws them best: its
    precomposed ệ has its two marks placed by the type designer, while a base letter and its
    marks drawn one after another, unshaped, collide (decomposed Vietnamese, as some systems
    type it). The same text, canonically; other scripts are shaped by HarfBuzz instead."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return _CLUSTER.sub(lambda m: unicodedata.normalize("NFC", m[0]), text)


_QUOTE_MARKS = re.compile("[\"']")

# A dose's number and its unit stay on one line in every language: "100" at a line's end and
# "mg" at the next one's start is a misreading waiting to happen.
_UNITS = "mg|mcg|µg|μg|g|kg|mL|ml|L|mmol|IU|mm|cm|°C|°F|%|мг|мкг|г|кг|мл|л|мм|см|ЕД|ед"
_UNIT_SPACE = re.compile(rf"(?<=\d) (?=(?:{_UNITS})(?![^\W\d_]))")
# Polish, Czech, Slovak, Russian and Ukrainian typesetting never ends a line with a one-letter
# word (w, z, i; в, и, з): it is bound to the word after it.
_ONE_LETTER_LANGUAGES = {"pl", "cs", "sk", "ru", "uk"}
_ONE_LETTER = re.compile(r"(?:^|(?<=[\s(\u00ab\u201e\"]))[^\W\d_](?= \S)")


def _bound_spaces(text: str, lang: str) -> list[int]:
    """Where the text has a space that must not break a line (it becomes a no-break space)."""
    if " " not in text:
        return []
    out = [m.start() for m in _UNIT_SPACE.finditer(text)] if _has_digit(text) else []
    if lang in _ONE_LETTER_LANGUAGES:
        out += [m.end() for m in _ONE_LETTER.finditer(text)]
    return out


_DIGIT = re.compile("[0-9]")


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


_FRENCH = re.compile("[\"'\u00ab\u00bb:;?!]| (?=[\u00bb:;?!])|(?<=\u00ab) ")


_CLOSERS = ".,;:!?)]}%\u2026\u2019\u201d\u00bb*"


def _char(char: str, before: str, after: str, q: Quotes, french: bool) -> str:
    """What one character of the text becomes, given its neighbours."""
    # a quote mark right after a word or a closing mark closes; anywhere else it opens
    opening = not before or not (before.isalnum() or before in _CLOSERS)
    if char == '"':
        return q.open + q.inside if opening else q.inside + q.close
    if char == "'":
        if before and (before.isalnum() or before in ".,!?)"):
            return APOSTROPHE  # it's, l'IL-1, the '90s after a word, a closing inner quote
        return q.open_inner if opening and after and not after.isspace() else APOSTROPHE
    if not french:
        return char
    if char == " " and (after in _FRENCH_BEFORE or before == "\u00ab"):
        return _FRENCH_BEFORE.get(after, NNBSP)
    if char == "\u00ab" and after and not after.isspace():
        return char + NNBSP
    if char in _FRENCH_BEFORE and _binds(before, after, char):
        return _FRENCH_BEFORE[char] + char
    return char


def _binds(before: str, after: str, mark: str) -> bool:
    """Whether a French mark typed right after its word gets its space: after a word or a
    closing bracket, and (except for ») before a space or the end, so "10:30" stays."""
    if not before or before.isspace() or before in NO_BREAK_SPACES or before in "?!:;":
        return False
    if mark != "\u00bb" and after and not (after.isspace() or after in "\u00bb)\u201d"):
        return False
    return before.isalnum() or before in ")]\u201d\u2019.%"


# -- left-to-right islands in right-to-left text ---------------------------------------------

_DIGITS = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
_NUMBER = rf"{_DIGITS}+(?:[.,]{_DIGITS}+)*"
_UNIT = r"(?:%|°[CF]|[µμ]?[A-Za-z]{1,5}(?:/[0-9.]*[A-Za-z]{1,5})?)(?![A-Za-z])"
_ISLANDS = (  # compiled on first use (tens of ms): only right-to-left text needs it
    # a phone number in groups of digits: +1 (613) 555-0142, (613) 555-0142, +1 613 555 0142
    rf"(?:\+{_DIGITS}{{1,3}}[ -]?)?\({_DIGITS}{{1,4}}\)[ -]?{_DIGITS}+(?:[- ]{_DIGITS}+)*"
    rf"|\+{_DIGITS}+(?:[ -]{_DIGITS}+)+|{_DIGITS}{{2,4}}(?: {_DIGITS}{{2,4}}){{2,}}"
    # a phone number, date or code: numbers joined by - / . : (555-0142, 2026-10-02)
    rf"|{_NUMBER}(?:[-\u2010\u2011/:]{_NUMBER})+"
    # a number with its Latin unit (100 mg, 0.5 mL, 37.5 °C, 10 mg/kg)
    rf"|{_NUMBER}[ {NBSP}{NNBSP}]?{_UNIT}"
)


@cache
def _islands() -> re.Pattern[str]:
    return re.compile(_ISLANDS)


def ltr_islands(text: str) -> list[tuple[int, int]]:
    """Where the text has runs that read left to right as one unit, whatever the direction of
    the text around them: (start, end) character offsets."""
    if not any("0" <= c <= "9" or "\u0660" <= c <= "\u06f9" for c in text):
        return []
    return [m.span() for m in _islands().finditer(text)]


def isolated_levels(text: str, rtl: bool, levels_of: Callable[[str, bool], list[int]]) -> list[int]:
    """The bidi levels of `text` with its left-to-right islands isolated, as UAX #9 does for
    text between LRI and PDI (`levels_of` is the UAX #9 run): to the text around it, an
    island is a neutral; inside it, every character is at level 2 (left to right, one above
    the right-to-left paragraph; two above a left-to-right one)."""
    islands = ltr_islands(text)
    if not islands:
        return levels_of(text, rtl)
    masked = list(text)
    for start, end in islands:
        masked[start:end] = "\ufffc" * (end - start)  # U+FFFC is a neutral (bidi class ON)
    out = list(levels_of("".join(masked), rtl))
    for start, end in islands:
        out[start:end] = [2] * (end - start)
    return out
