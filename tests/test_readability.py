"""Reading level per language (`handout check`): the published formulas on hand-counted
examples, syllables as each language divides words, and sentence and word counts in every
script, sentence ends without a following space included."""

from __future__ import annotations

import json
import re

import pytest
from conftest import minimal, run_cli, write_content

from handout.readability import FORMULAS, score, sentences, syllables, words

# -- syllables, as the language divides the word -------------------------------------------------

SYLLABLES = {
    # Spanish (RAE: hiatus of strong vowels, diphthongs with unstressed i, u; silent u in
    # que, gui; a stressed í, ú breaks a diphthong)
    "es": {
        "murciélago": 4,  # mur-cié-la-go
        "ciudad": 2,  # ciu-dad
        "país": 2,  # pa-ís
        "leer": 2,  # le-er
        "oído": 3,  # o-í-do
        "guitarra": 3,  # gui-ta-rra
        "pingüino": 3,  # pin-güi-no
        "averiguáis": 4,  # a-ve-ri-guáis
        "reumatoide": 4,  # reu-ma-toi-de
        "hoy": 1,
        "y": 1,
        "inflamación": 4,  # in-fla-ma-ción
    },
    # Portuguese: nasal diphthongs (ão, õe, ãe) are one
    "pt": {
        "coração": 3,  # co-ra-ção
        "saúde": 3,  # sa-ú-de
        "água": 2,  # á-gua
        "quando": 2,  # quan-do
        "mães": 1,
        "lições": 2,  # li-ções
        "cuidado": 3,  # cui-da-do
        "história": 3,  # his-tó-ria
    },
    # French, as spoken: a mute final e or es is not a syllable
    "fr": {
        "table": 1,
        "tables": 1,
        "journée": 2,  # jour-née
        "médicament": 4,  # mé-di-ca-ment
        "articulations": 5,  # ar-ti-cu-la-tions
        "patient": 2,  # pa-tient
        "eau": 1,
        "douleur": 2,
    },
    # Russian: one syllable per vowel letter
    "ru": {"молоко": 3, "здравствуйте": 3, "инъекция": 4, "артрит": 2, "её": 2},
}


@pytest.mark.parametrize(
    "language, word, n", [(lang, w, n) for lang, ws in SYLLABLES.items() for w, n in ws.items()]
)
def test_syllables_are_counted_by_the_language_s_rules(language, word, n):
    assert syllables(word, language) == n


# -- the formulas, on hand-counted text ----------------------------------------------------------

# (language, text, words, sentences, syllables)
COUNTED = [
    # Fernández-Huerta: 206.84 - 60 syllables/word - 1.02 words/sentence
    ("es", "El perro come carne. La niña lee un libro.", 9, 2, 15),
    # Kandel-Moles: 207 - 1.015 words/sentence - 73.6 syllables/word
    ("fr", "Le patient prend sa dose. Il boit de l'eau.", 9, 2, 10),
    # Martins et al.: 248.835 - 1.015 words/sentence - 84.6 syllables/word
    ("pt", "O médico deu o remédio. Tome uma dose agora.", 9, 2, 18),
    # Oborneva: 206.835 - 1.3 words/sentence - 60.1 syllables/word
    ("ru", "Врач дал лекарство. Пейте его утром.", 6, 2, 11),
]


@pytest.mark.parametrize("language, text, n_words, n_sentences, n_syllables", COUNTED)
def test_reading_ease_is_the_published_formula(language, text, n_words, n_sentences, n_syllables):
    s = score([text], language)
    assert (s.words, s.sentences) == (n_words, n_sentences)
    assert sum(syllables(w, language) for w in words(text)) == n_syllables
    f = FORMULAS[language]
    asl, asw = n_words / n_sentences, n_syllables / n_words
    expected = f.base - f.per_word * asl - f.per_syllable * asw
    assert s.reading is not None and s.reading.formula == f.name
    assert s.reading.value == pytest.approx(expected, abs=0.05)
    assert s.grade is None  # an ease score is not a US grade


def test_fernandez_huerta_uses_words_per_sentence():
    """Law (2011): the form with sentences per 100 words is a misprint. Longer sentences must
    read harder, never easier."""
    short = score(["Tome la dosis. Beba agua. Coma bien."], "es").reading
    long = score(["Tome la dosis, beba agua, coma bien."], "es").reading  # the same words
    assert short and long and long.value < short.value


def test_the_coefficients_are_the_published_ones():
    published = {
        "en": (15.59, 0.39, 11.8),  # Kincaid et al. 1975
        "es": (206.84, 1.02, 60.0),  # Fernández Huerta 1959
        "fr": (207.0, 1.015, 73.6),  # Kandel & Moles 1958
        "pt": (248.835, 1.015, 84.6),  # Martins et al. 1996
        "ru": (206.835, 1.3, 60.1),  # Oborneva 2006, variant A
    }
    assert {k: (f.base, f.per_word, f.per_syllable) for k, f in FORMULAS.items()} == published


@pytest.mark.parametrize("language", ["uk", "pl", "vi", "tl", "ht", "so", "ar", "pa", "de"])
def test_a_language_without_a_validated_formula_has_none(language):
    s = score(["Une deux trois. Quatre cinq."], language)
    assert s.reading is None and s.grade is None and s.sentences == 2


# -- sentences and words in every script --------------------------------------------------------

SENTENCES = [
    ("en", "Take 0.5 mg. See rheuminfo.com today. Dr. Smith said so.", 3),
    ("en", 'He said "stop." Then he left!', 2),
    ("hi", "यह दवा है। इसे रोज़ लें।", 2),  # danda
    ("pa", "ਇਹ ਦਵਾਈ ਹੈ।ਇਸ ਨੂੰ ਰੋਜ਼ ਲਓ॥", 2),  # danda, double danda, no space after
    ("ar", "هل أنت بخير؟نعم.", 2),  # Arabic question mark, no space after
    ("ur", "یہ دوا ہے۔ اسے روزانہ لیں۔", 2),  # Urdu full stop
    ("zh", "这是药。每天吃一次！有问题吗？", 3),
    ("ja", "これは薬です。毎日飲みます。", 2),
    ("am", "ይህ መድኃኒት ነው። በየቀኑ ይውሰዱ።", 2),  # Ethiopic full stop
    ("hy", "Սա դեղ է։ Վերցրեք ամեն օր։", 2),  # Armenian full stop
    ("my", "ဒါဆေးပါ။နေ့တိုင်းသောက်ပါ။", 2),  # Myanmar
    ("th", "นี่คือยา กินทุกวัน", 2),  # Thai: a space ends a sentence
    ("ko", "이 약은 주사입니다. 매일 맞으세요.", 2),
    ("ru", "Это лекарство. Принимайте его каждый день!", 2),
]


@pytest.mark.parametrize("language, text, n", SENTENCES, ids=[f"{s[0]}-{s[2]}" for s in SENTENCES])
def test_sentences_end_where_the_script_ends_them(language, text, n):
    assert len(sentences([text], language)) == n, sentences([text], language)


def test_every_paragraph_and_item_ends_a_sentence():
    assert len(sentences(["Fever", "Infection", "Surgery."], "en")) == 3


WORDS = [
    ("ਕਿਵੇਂ ਕੰਮ ਕਰਦਾ ਹੈ", 4),  # Gurmukhi vowel signs do not split a word
    ("हिन्दी भाषा", 2),  # nor a virama
    ("தமிழ் மொழி", 2),
    ("می\u200cخواهم بروم", 2),  # a ZWNJ inside a Persian word
    ("ін’єкції щодня", 2),  # an apostrophe inside a Ukrainian word
    ("Việt Nam", 2),
    ("Vie\u0323\u0302t Nam", 2),  # the same, decomposed
    ("IL-1 (interleukin-1)", 2),
]


@pytest.mark.parametrize("text, n", WORDS)
def test_words_are_whole_in_every_script(text, n):
    assert len(words(text)) == n, words(text)


def test_chinese_and_japanese_lengths_are_in_characters():
    s = score(["每天100 mg。", "请按时用药。"], "zh")
    assert s.unit == "characters" and s.words == 2 + 1 + 1 + 5 and s.sentences == 2
    assert score(["毎日飲みます。"], "ja").words == 6


def test_thai_words_are_not_guessed():
    s = score(["นี่คือยา กินทุกวัน"], "th")
    assert s.words is None and s.sentences == 2 and s.reading is None


# -- what `handout check` shows ------------------------------------------------------------------


def check_json(tmp_path, text: str) -> dict:
    result = run_cli(["check", write_content(tmp_path, text), "--format", "json"])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_names_the_formula_and_its_band(tmp_path):
    text = minimal("- El perro come carne. La niña lee un libro.", language="es")
    result = run_cli(["check", write_content(tmp_path, text)])
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.split()[:1] == ["one"])
    assert re.search(r"Fernández-Huerta \d+\.\d \((very easy|easy|fairly easy)\)", line), line
    (section,) = check_json(tmp_path, text)["sections"]
    assert section["grade"] is None
    reading = section["reading"]
    assert reading["formula"] == "Fernández-Huerta" and reading["scale"] == "ease"
    assert isinstance(reading["value"], float) and reading["band"]


def test_a_hard_spanish_section_is_warned_on_its_scale(tmp_path):
    hard = (
        "La administración inmunosupresora farmacoterapéutica necesita vigilancia "
        "hematológica exhaustiva."
    )
    text = minimal(f"- {hard}", language="es")
    result = run_cli(["check", write_content(tmp_path, text)])
    warned = [x for x in result.stderr.splitlines() if x.startswith("handout: warning")]
    assert len(warned) == 1 and "Fernández-Huerta" in warned[0] and "below 60" in warned[0]


def test_a_language_without_a_formula_shows_n_a(tmp_path):
    text = minimal("- Візьміть ліки. Пийте воду.", language="uk")
    result = run_cli(["check", write_content(tmp_path, text)])
    line = next(x for x in result.stdout.splitlines() if x.split()[:1] == ["one"])
    assert re.search(r"\bn/a\s+5 words\s+3 sentences", line), line  # the heading is one
    (section,) = check_json(tmp_path, text)["sections"]
    assert section["reading"] is None and section["words"] == 5


def test_a_long_chinese_sentence_is_counted_in_characters(tmp_path):
    long = "如果您觉得身体不舒服并且想要停止使用这种药物" * 3  # one sentence, no stop inside
    assert len(long) > 50
    text = minimal(f"- {long}。短句。", language="zh")
    result = run_cli(["check", write_content(tmp_path, text)])
    warned = [x for x in result.stderr.splitlines() if x.startswith("handout: warning")]
    assert len(warned) == 1 and f"sentence of {len(long)} characters (over 50)" in warned[0]
    (section,) = check_json(tmp_path, text)["sections"]
    assert section["unit"] == "characters" and section["sentences"] == 3


def test_a_long_punjabi_sentence_is_counted_in_whole_words(tmp_path):
    """26 words: a vowel sign inside a word does not make it several."""
    sentence = " ".join(["ਕਿਵੇਂ"] * 26) + "।"
    text = minimal(f"- {sentence} ਠੀਕ ਹੈ।", language="pa")
    result = run_cli(["check", write_content(tmp_path, text)])
    warned = [x for x in result.stderr.splitlines() if x.startswith("handout: warning")]
    assert len(warned) == 1 and "sentence of 26 words" in warned[0], result.stderr
