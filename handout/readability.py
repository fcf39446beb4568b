"""Flesch-Kincaid grade and sentence lengths, per section, for editors.

The formula is defined for English; other languages get sentence lengths only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s+|(?<=[。！？])|\n")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Score:
    words: int
    sentences: int
    grade: float | None  # None when the language has no Flesch-Kincaid formula
    long_sentences: tuple[tuple[int, str], ...]  # (word count, sentence) over the limit


def sentences(texts: list[str]) -> list[str]:
    """Each list item and paragraph ends a sentence even without a full stop."""
    out = []
    for text in texts:
        out += [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    return out


def syllables(word: str) -> int:
    """A standard English syllable estimate (vowel groups, silent final e)."""
    word = word.lower()
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def score(texts: list[str], language: str, max_words: int = 25) -> Score:
    found = sentences(texts)
    words = [w for s in found for w in _WORD.findall(s)]
    long = tuple((n, s) for s in found if (n := len(_WORD.findall(s))) > max_words)
    grade = None
    if language.split("-")[0].lower() == "en" and words and found:
        syl = sum(syllables(w) for w in words)
        grade = round(0.39 * len(words) / len(found) + 11.8 * syl / len(words) - 15.59, 1)
    return Score(len(words), len(found), grade, long)
