"""Reading level and sentence lengths, per section, for editors (`handout check`).

A reading formula is used only for a language it was published and validated for; every other
language gets `None` (printed as n/a) and its sentence lengths. The formulas count words,
sentences and syllables; syllables are counted by rule, per language (see `syllables`):

| language | formula | scale |
|---|---|---|
| en | Flesch-Kincaid grade (Kincaid et al. 1975) | US school grade |
| es | Fernández-Huerta (1959), as corrected by Law (2011) | reading ease 0-100 |
| fr | Kandel & Moles (1958) | reading ease 0-100 |
| pt | Flesch adapted to Brazilian Portuguese (Martins et al. 1996) | reading ease 0-100 |
| ru | Flesch adapted to Russian (Oborneva 2006, variant A) | reading ease 0-100 |

Sentences end at . ! ? followed by a space (so 0.5 mg and rheuminfo.com do not end one, nor
a title such as "Dr."), and at the stops of scripts that write them without a space after:
。！？ (Chinese, Japanese), the danda । ॥ (Devanagari, Gurmukhi, Bengali, ...), the Arabic
question mark ؟ and Urdu full stop ۔, the Ethiopic ። ፧, the Armenian ։, the Myanmar ။ and
the Khmer ។. Each paragraph and list item ends a sentence, even without a stop.

Words are runs of letters, marks and digits (an Indic vowel sign, a Vietnamese tone mark or a
zero-width non-joiner inside a Persian word does not split one), joined by an apostrophe or a
hyphen. Chinese and Japanese are written without spaces between words: their lengths are
counted in characters (each Han character or kana one; a Latin word or number inside one), and
a sentence is long over `MAX_CHARACTERS`. Thai, Lao, Khmer and Myanmar write no space between
words either and need a dictionary to find them: their words are not counted (n/a) and
their sentences are the runs between spaces, as those scripts write them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A sentence over this many characters is long in Chinese and Japanese: a rule of thumb (the
# guidance for plain Japanese asks for sentences of about 40-50 characters), to be reviewed
# by native editors; English's 25 words carry about as much.
MAX_CHARACTERS = 50

_STOP_SPACED = r"[.!?\u2026]"  # ends a sentence only before a space
_STOP_ANY = "[\u3002\uff01\uff1f\u0964\u0965\u061f\u06d4\u1362\u1367\u0589\u104b\u17d4]"
_CLOSERS = "[\"'\u201d\u2019\u00bb)\\]\u300d\u300f\uff09]*"
_SENTENCE_END = re.compile(rf"(?<={_STOP_SPACED}){_CLOSERS}\s+|(?<={_STOP_ANY}){_CLOSERS}\s*|\n")
# Titles before a name: "Dr. Andy Thompson" is one sentence.
_TITLE = re.compile(r"(?:^|\s)(?:Dr|Dra|Mr|Mrs|Ms|Prof|Sr|Sra|Srta|St|Mme|Mlle)\.$")

_JOINERS = "'\u2019-\u2010\u2011"
_IN_WORD = "\u200c\u200d"  # ZWNJ, ZWJ: part of a word in Persian, Indic scripts
_SPACELESS = {"th", "lo", "km", "my"}  # words need a dictionary: n/a
_BY_CHARACTER = {"zh", "ja"}  # lengths in characters


@dataclass(frozen=True)
class Formula:
    """A published readability formula: `value = base - per_word * words/sentence -
    per_syllable * syllables/word` for a reading-ease scale (higher is easier), or the
    Flesch-Kincaid form for a grade (higher is harder)."""

    name: str
    scale: str  # what the number is: "grade" (US school grade) or "ease" (0-100)
    base: float
    per_word: float
    per_syllable: float
    bands: tuple[tuple[float, str], ...]  # (lowest value, band name), from the highest
    limit: float  # above it (a grade) or below it (an ease), check warns

    def value(self, words: int, sentences: int, syllables: int) -> float:
        asl, asw = words / sentences, syllables / words
        if self.scale == "grade":
            return round(self.per_word * asl + self.per_syllable * asw - self.base, 1)
        return round(self.base - self.per_word * asl - self.per_syllable * asw, 1)

    def band(self, value: float) -> str | None:
        return next((name for low, name in self.bands if value >= low), None)

    def too_hard(self, value: float) -> bool:
        return value > self.limit if self.scale == "grade" else value < self.limit


# Flesch's reading-ease bands (Flesch 1948, "How to test readability"), which Kandel-Moles
# and Oborneva keep; "standard" (60-70) is Flesch's 8th-9th grade.
_FLESCH_BANDS = (
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "standard"),
    (50, "fairly difficult"),
    (30, "difficult"),
    (float("-inf"), "very difficult"),
)

FORMULAS: dict[str, Formula] = {
    # Kincaid, Fishburne, Rogers & Chissom (1975), Naval Technical Training Command report
    # 8-75: grade = 0.39 words/sentence + 11.8 syllables/word - 15.59.
    "en": Formula("Flesch-Kincaid", "grade", 15.59, 0.39, 11.8, (), 8.0),
    # Fernández Huerta, J. (1959) "Medidas sencillas de lecturabilidad", Consigna 214:29-32:
    # L = 206.84 - 0.60 P - 1.02 F, P syllables per 100 words, F words per sentence (the
    # form with F as sentences per 100 words, common on the web, is a misprint: Law, G.
    # (2011) "Error in the Fernandez Huerta readability formula"). Its bands are Flesch's
    # (muy fácil ... muy difícil); 60-70 "normal" is 7th-8th grade.
    "es": Formula("Fernández-Huerta", "ease", 206.84, 1.02, 60.0, _FLESCH_BANDS, 60.0),
    # Kandel, L. & Moles, A. (1958) "Application de l'indice de Flesch à la langue
    # française", Cahiers Études de Radio-Télévision 19:253-274: 207 - 1.015 ASL - 73.6 ASW.
    "fr": Formula("Kandel-Moles", "ease", 207.0, 1.015, 73.6, _FLESCH_BANDS, 60.0),
    # Martins, T.B.F., Ghiraldelo, C.M., Nunes, M.G.V. & Oliveira Jr., O.N. (1996)
    # "Readability formulas applied to textbooks in Brazilian Portuguese", Notas do ICMSC 28
    # (NILC, USP): 248.835 - 1.015 ASL - 84.6 ASW, with four bands of 25.
    "pt": Formula(
        "Flesch-Martins",
        "ease",
        248.835,
        1.015,
        84.6,
        ((75, "very easy"), (50, "easy"), (25, "difficult"), (float("-inf"), "very difficult")),
        50.0,
    ),
    # Oborneva, I.V. (2006) "Автоматизированная оценка сложности учебных текстов на основе
    # статистических параметров" (PhD thesis, Moscow), from a corpus of fiction:
    # 206.835 - 1.3 ASL - 60.1 ASW, read on Flesch's bands (her variant A; variant B,
    # 1.52 and 65.14, is used by the Kazan group for textbooks).
    "ru": Formula("Flesch-Oborneva", "ease", 206.835, 1.3, 60.1, _FLESCH_BANDS, 60.0),
}


@dataclass(frozen=True)
class Reading:
    """A section's reading level on one formula's scale."""

    formula: str
    scale: str  # "grade" or "ease"
    value: float
    band: str | None  # the published band of the value, for an ease scale
    too_hard: bool

    def __str__(self) -> str:
        band = f" ({self.band})" if self.band else ""
        return f"{self.formula} {'grade ' if self.scale == 'grade' else ''}{self.value:.1f}{band}"


@dataclass(frozen=True)
class Score:
    words: int | None  # None where words cannot be told apart without a dictionary
    sentences: int
    grade: float | None  # the US grade (English only)
    long_sentences: tuple[tuple[int, str], ...]  # (length, sentence) over the limit
    reading: Reading | None = None  # None for a language with no validated formula
    unit: str = "words"  # what lengths count: "words" or "characters"


def language_of(tag: str) -> str:
    return tag.split("-")[0].lower()


def sentences(texts: list[str], language: str = "en") -> list[str]:
    """Each list item and paragraph ends a sentence even without a full stop."""
    spaceless = language_of(language) in _SPACELESS
    out: list[str] = []
    for text in texts:
        pieces = [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
        if spaceless:
            pieces = [p for piece in pieces for p in piece.split()]
        merged: list[str] = []
        for piece in pieces:
            if merged and _TITLE.search(merged[-1]):
                merged[-1] += " " + piece
            else:
                merged.append(piece)
        out += merged
    return out


def words(text: str) -> list[str]:
    """The words of a text: letters, marks and digits, joined by an apostrophe or hyphen."""
    out, current, pending = [], [], ""
    for char in text:
        if _word_char(char) or (current and char in _IN_WORD):
            if pending:
                current.append(pending)
                pending = ""
            current.append(char)
        elif current and not pending and char in _JOINERS:
            pending = char
        else:
            if current:
                out.append("".join(current))
            current, pending = [], ""
    if current:
        out.append("".join(current))
    return out


def _word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def characters(text: str) -> int:
    """The length of a Chinese or Japanese text: each Han character or kana counts one, each
    Latin word or number one."""
    n = 0
    for word in words(text):
        wide = sum(1 for c in word if _wide(c))
        n += wide + (1 if wide < len(word) and any(not _wide(c) for c in word) else 0)
    return n


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


# -- syllables ---------------------------------------------------------------------------------

_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str, language: str = "en") -> int:
    """The syllables of a word, by the language's rules (at least one)."""
    count = _SYLLABLES.get(language_of(language), _english)(word.lower())
    return max(1, count)


def _english(word: str) -> int:
    """A standard English estimate: vowel groups, less a silent final e."""
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return count


def _nuclei(word: str, strong: str, weak: str, glides: tuple[str, ...] = ()) -> int:
    """Syllable nuclei of Spanish or Portuguese spelling: in each group of vowel letters, two
    strong vowels (a e o, or a stressed í ú) are in hiatus, two syllables; a weak one (i u)
    next to another vowel makes a diphthong with it, one syllable. A silent u (que, gui) and
    a y before a vowel (yo) are not vowels; `glides` are pairs read as one (ão, õe)."""
    word = re.sub(r"(?<=[qg])u(?=[eéiíêè])", "", word)
    word = re.sub(r"y(?=[aeiouáéíóú])", "j", word)
    for pair in glides:
        word = word.replace(pair, pair[0])
    count = 0
    for group in re.findall(f"[{strong}{weak}y]+", word):
        count += max(1, sum(1 for c in group if c in strong))
    return count


def _spanish(word: str) -> int:
    """Spanish syllables (RAE): hiatus of strong vowels, diphthongs with unstressed i, u, ü."""
    return _nuclei(word, "aeoáéóíú", "iuü")


def _portuguese(word: str) -> int:
    """Portuguese syllables: as Spanish, with the nasal diphthongs ão, ãe, õe as one. Limit:
    a final unstressed -ia, -io, -ua counts one (história is right; dia, rua count one, not
    two: telling them apart needs the word's stress)."""
    return _nuclei(word, "aeoáéóâêôãõíú", "iuü", ("ão", "ãe", "õe", "ãi"))


def _french(word: str) -> int:
    """French written syllables: vowel groups (eau, ou, ai one each), less a mute final e or
    es after a consonant (table is one, journée two). Limit: the verb ending -ent (ils
    prennent) is counted as spoken in nouns (patient, moment)."""
    count = len(re.findall("[aeiouyàâäéèêëîïôöùûüÿœæ]+", word))
    if count > 1 and re.search("[^aeiouyàâäéèêëîïôöùûüÿœæ]es?$", word):
        count -= 1
    return count


def _cyrillic(word: str) -> int:
    """Russian and Ukrainian syllables: exactly one per vowel letter."""
    return sum(1 for c in word if c in "аеёиоуыэюяєіїў")


_SYLLABLES = {"es": _spanish, "pt": _portuguese, "fr": _french, "ru": _cyrillic}


# -- the score ---------------------------------------------------------------------------------


def score(texts: list[str], language: str, max_words: int = 25) -> Score:
    """Words, sentences, long sentences and (where a formula exists) the reading level."""
    lang = language_of(language)
    found = sentences(texts, language)
    if lang in _SPACELESS:
        return Score(None, len(found), None, ())
    if lang in _BY_CHARACTER:
        lengths = [characters(s) for s in found]
        long = tuple((n, s) for n, s in zip(lengths, found, strict=True) if n > MAX_CHARACTERS)
        return Score(sum(lengths), len(found), None, long, None, "characters")
    per_sentence = [words(s) for s in found]
    all_words = [w for ws in per_sentence for w in ws]
    long = tuple(
        (len(ws), s) for ws, s in zip(per_sentence, found, strict=True) if len(ws) > max_words
    )
    formula = FORMULAS.get(lang)
    reading = grade = None
    if formula and all_words and found:
        syl = sum(syllables(w, lang) for w in all_words)
        value = formula.value(len(all_words), len(found), syl)
        reading = Reading(
            formula.name, formula.scale, value, formula.band(value), formula.too_hard(value)
        )
        grade = value if formula.scale == "grade" else None
    return Score(len(all_words), len(found), grade, long, reading)
