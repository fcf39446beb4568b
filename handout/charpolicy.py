"""Which characters content text may hold, so that the page says exactly what the file says.

A character is refused (an error naming it and where it is) when it would make the printed
page differ from the text a reviewer approved, or when it means nothing on paper:

- bidi embeddings and overrides (U+202A-202E): they reorder the printed characters, so that
  `Take 1<U+202E>05<U+202C> mg` prints "150 mg";
- control characters (C0 and C1) other than the tab and line breaks that YAML folds into spaces;
  a NUL also makes the PDF's XML metadata invalid;
- invisible characters with no job in running text: U+FEFF (use U+2060 WORD JOINER), tag
  characters (U+E0000-E007F), Hangul fillers, deprecated format characters, and every other
  default-ignorable code point not listed below;
- noncharacters (U+FFFE, U+FFFF, U+FDD0-FDEF, ...), lone surrogates and private-use characters
  (they have no agreed meaning: what is drawn depends on the font);
- unbalanced directional isolates (U+2066-2069 must pair up, as LRI/RLI/FSI ... PDI).

Kept, with their meaning: ZWJ and ZWNJ (scripts need them for joining), zero-width space (a
break opportunity), word joiner (no break), soft hyphen (a break opportunity that shows a
hyphen only where the line breaks), LRM, RLM and ALM, and balanced isolates. Variation
selectors are allowed here and checked against the fonts (fonts.undrawable). No-break spaces
(U+00A0, U+202F, U+2007) are never line breaks.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

ISOLATES = "\u2066\u2067\u2068"  # LRI, RLI, FSI
PDI = "\u2069"
MAX_ISOLATE_DEPTH = 125  # UAX #9's max_depth

# The whitespace YAML folds (and text() turns into one space): what an editor types.
FOLDED = " \t\n\r\x85\u2028\u2029"
# Invisible characters that have a job in running text; they are never drawn themselves.
INVISIBLE_KEPT = "\u200b\u200c\u200d\u2060\u00ad\u200e\u200f\u061c" + ISOLATES + PDI

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt), as inclusive ranges.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
_VARIATION_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_SURROGATES = "\ud800-\udfff"


@cache
def _refused() -> re.Pattern[str]:
    """Every refused character in one class, so that the common case (nothing wrong) is one
    regular-expression search."""
    kept = {ord(c) for c in INVISIBLE_KEPT}
    kept.update(c for lo, hi in _VARIATION_SELECTORS for c in range(lo, hi + 1))
    codes = [c for lo, hi in _DEFAULT_IGNORABLE for c in range(lo, hi + 1) if c not in kept]
    ranges: list[list[int]] = []  # as ranges: a class of 4,000 single characters is slow
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    ignorable = "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges)
    return re.compile(f"[{_CONTROLS}{_NONCHARACTERS}{_PRIVATE}{_SURROGATES}{ignorable}]")


_PRINTABLE_REFUSED = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\uffa0]")
_ISOLATE_CHARS = re.compile(f"[{ISOLATES}{PDI}]")


class Refused(ValueError):
    """A character content text may not hold; `index` is where it is in the text."""

    def __init__(self, index: int, message: str) -> None:
        self.index = index
        super().__init__(message)


def describe(char: str) -> str:
    """U+code and Unicode name, without the character itself (it may be invisible or reorder
    the terminal's line)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def _reason(char: str) -> str:
    code = ord(char)
    if 0x202A <= code <= 0x202E:
        return "a bidi embedding or override, which reorders the printed text"
    if 0xE0000 <= code <= 0xE007F:
        return "an invisible tag character"
    if code == 0xFEFF:
        return "an invisible byte-order mark (use U+2060 WORD JOINER to keep words together)"
    category = unicodedata.category(char)
    if category == "Cc":
        return "a control character"
    if category == "Cs":
        return "a lone surrogate, not a character"
    if category == "Co":
        return "a private-use character, which has no agreed meaning"
    if code & 0xFFFE == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
        return "a noncharacter"
    return "an invisible character that prints nothing"


def _context(text: str, index: int) -> str:
    """A few characters before the refused one, as Python writes them (escapes for anything
    invisible), so that the editor can find it."""
    before = text[max(0, index - 20) : index]
    return f" after {before!r}" if before.strip() else " at the start of the text"


def check(text: str) -> None:
    """Raise Refused for the first character content text may not hold."""
    # Printable text (no control, format, private-use, unassigned or space character but
    # U+0020) can hold only the few refused characters that are letters or marks.
    m = (_PRINTABLE_REFUSED if text.isprintable() else _refused()).search(text)
    if m:
        char = m.group()
        raise Refused(
            m.start(), f"character {describe(char)}{_context(text, m.start())} is {_reason(char)}"
        )
    if _ISOLATE_CHARS.search(text):
        _check_isolates(text)


def _check_isolates(text: str) -> None:
    open_at: list[int] = []
    for m in _ISOLATE_CHARS.finditer(text):
        if m.group() != PDI:
            open_at.append(m.start())
            if len(open_at) > MAX_ISOLATE_DEPTH:
                raise Refused(
                    m.start(), f"directional isolates nested more than {MAX_ISOLATE_DEPTH} deep"
                )
        elif open_at:
            open_at.pop()
        else:
            raise Refused(
                m.start(),
                f"character {describe(PDI)}{_context(text, m.start())} closes no isolate "
                "(U+2066, U+2067 or U+2068 before it)",
            )
    if open_at:
        index = open_at[-1]
        raise Refused(
            index,
            f"character {describe(text[index])}{_context(text, index)} is not closed by "
            f"{describe(PDI)} in the same text",
        )


_NOT_IN_URL = re.compile(f"[\\s{INVISIBLE_KEPT}\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def check_url(url: str) -> None:
    """A web address holds no invisible character at all, and no space: what is printed
    beside the QR code must be every character the code holds."""
    check(url)
    m = _NOT_IN_URL.search(url)
    if m:
        what = "whitespace" if m.group().isspace() else "an invisible character"
        raise Refused(
            m.start(), f"character {describe(m.group())}{_context(url, m.start())} is {what}"
        )


def source_line(source: str, start: int, end: int, text: str, index: int) -> int | None:
    """The line of the file where text[index] was typed, if it was typed as itself (not as a
    YAML escape) between the character offsets start and end of the file."""
    char = text[index]
    pos = start - 1
    for _ in range(text.count(char, 0, index) + 1):
        pos = source.find(char, pos + 1, end)
        if pos < 0:
            return None
    return source.count("\n", 0, pos) + 1


_BLANK = re.compile(f"[\\s{INVISIBLE_KEPT}]*")


def visible(text: str) -> bool:
    """Whether text prints anything: not only spaces (no-break ones too) and invisibles."""
    return not _BLANK.fullmatch(text)


_FOLD = re.compile(f"[{re.escape(FOLDED)}]+")


def fold(text: str) -> str:
    """Runs of the whitespace an editor types (spaces, tabs, line breaks) become one space;
    every other space (no-break, narrow no-break, figure, ideographic) is kept as typed."""
    return _FOLD.sub(" ", text).strip(" ")
