"""Vietnamese text normalisation before speech synthesis.

`normalize_vi` turns written Vietnamese into what a newsreader would say: numbers, dates,
times, phone numbers, money, percentages, Roman numerals in context, ordinals and the
Front's abbreviations become words. Line breaks are kept (they separate paragraphs and
headings); the result is NFC.

Why our own rules and not a library: vietnormalizer 0.2.3 (PyPI, MIT, pure Python) was
measured against tests/audio/test_spoken_table.py, ignoring case, punctuation and spacing:
it reads 34 of 103 rows right (ours 103), and 28 of the 66 rows of test_audio_normalize.py.
It reads phone numbers as amounts ("0987 654 321" → "chín trăm tám mươi bảy…"), takes every
"a/b" for a date ("3/4 số xã" → "ba tháng bốn"), mangles ISO dates ("20hai mươi sáu…"),
spells UBND-style abbreviations it lacks ("BHYT" → "bê hát i tê"), leaves ‰ silent, reads
document numbers as "bảy trên … /nđ xê pê" and lower-cases the whole text.
"""

from __future__ import annotations

import re
import unicodedata

from portal.audio import calendar_rules, numeric_rules
from portal.audio.abbreviations import (
    ABBREVIATIONS,
    DOTTED,
    LETTER_NAMES,
    PLACE_LETTERS,
    SAID_AS_WORDS,
)
from portal.audio.numbers import NORTH, NumberStyle

__all__ = ["normalize_vi", "spell_letters"]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# Web and mail addresses ------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|gov|edu|info)(?![\w-])(?:/[^\s,;)]*)?",
    re.IGNORECASE,
)


def _say_address(address: str) -> str:
    address = re.sub(r"^(?:https?://)?(?:www\.)?", "", address, flags=re.IGNORECASE).rstrip("/.")
    address = address.replace("@", " a còng ").replace(".", " chấm ").replace("/", " gạch chéo ")
    return re.sub(r"[-_]", " ", address)


def addresses(text: str, style: NumberStyle) -> str:
    text = _EMAIL.sub(lambda m: _say_address(m.group(0)), text)
    return _URL.sub(lambda m: _say_address(m.group(0)), text)


# Abbreviations ---------------------------------------------------------------------------

# Longest first, so "GS.TS" wins over "GS."; a key ending in a letter must end a word.
_DOTTED = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(
        re.escape(key) + (r"(?!\w)" if key[-1].isalnum() else "")
        for key in sorted(DOTTED, key=len, reverse=True)
    )
    + ")"
)
_PLACE = re.compile(rf"(?<![\w.])({_alternation(list(PLACE_LETTERS))})\s*(?=\w)")
_WORDS = re.compile(rf"(?<!\w)({_alternation(list(ABBREVIATIONS))})(?!\w)")
_CAPITALS = re.compile(r"(?<![\w&-])([A-ZĐ]{2,6})(?![\w&-])")
# The shape of one Vietnamese syllable without tone marks: capitals that fit it ("TIN",
# "BAN" in a headline) are words; capitals that don't ("WHO", "UBKT") are spelled out.
_SYLLABLE = re.compile(
    r"(?:NGH|CH|GH|GI|KH|NG|NH|PH|QU|TH|TR|[BCDĐGHKLMNPQRSTVX])?[AEIOUY]{1,3}"
    r"(?:NG|NH|CH|[CMNPTIOUY])?"
)


def spell_letters(word: str) -> str:
    """Say each letter by its Vietnamese name: "WHO" → "vê kép hát o"."""
    return " ".join(LETTER_NAMES.get(letter, letter) for letter in word.upper())


def abbreviations(text: str, style: NumberStyle) -> str:
    text = _DOTTED.sub(lambda m: DOTTED[m.group(0)] + " ", text)

    def place(match: re.Match[str]) -> str:
        following = match.string[match.end()]
        previous = re.search(r"(\w+) $", match.string[: match.start()])
        after_capital = bool(previous and previous.group(1)[0].isupper())
        if following.isdigit() or (following.isupper() and not after_capital):
            return PLACE_LETTERS[match.group(1)] + " "
        return match.group(0)

    text = _PLACE.sub(place, text)
    return _WORDS.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def unknown_acronyms(text: str, style: NumberStyle) -> str:
    def rewrite(match: re.Match[str]) -> str:
        word = match.group(1)
        if word in SAID_AS_WORDS or _SYLLABLE.fullmatch(word):
            return word
        return spell_letters(word)

    return _CAPITALS.sub(rewrite, text)


# Symbols and whitespace ------------------------------------------------------------------

_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2212", "-").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"[“”«»\"]", "", text)
    text = re.sub(r"[‘’`´]", "'", text)
    return _SPACES.sub(" ", text)


def symbols(text: str, style: NumberStyle) -> str:
    text = re.sub(r"^[ \t]*[-–—•·*+>]+[ \t]+", "", text, flags=re.MULTILINE)  # list bullets
    text = text.replace("&", " và ").replace("…", ".").replace("...", ".")
    text = re.sub(r"[ \t]*[()\[\]{}][ \t]*", ", ", text)
    text = re.sub(r"[ \t]+[-–—]+[ \t]+", ", ", text)
    text = re.sub(r"(?<=\w)/(?=\w)", " ", text)
    text = re.sub(r"[#_*|/\\=<>^~@$%‰•·]", " ", text)
    text = re.sub(r"'", "", text)
    # Emoji and other pictographs carry nothing a listener can use.
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Cn", "Co", "Cs"))


def tidy(text: str) -> str:
    text = _SPACES.sub(" ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    text = re.sub(r"^[,;: ]+", "", text, flags=re.MULTILINE)
    text = re.sub(r",(?: *,)+", ",", text)
    text = re.sub(r"[,;:]+(?= *[.!?]| *$)", "", text, flags=re.MULTILINE)
    text = re.sub(r"([,;:])(?=\S)", r"\1 ", text)
    return unicodedata.normalize("NFC", text.strip())


# Order matters: each step turns digits or capitals into words that later steps leave alone.
_STEPS: tuple[numeric_rules.Rule, ...] = (
    addresses,
    numeric_rules.document_numbers,
    abbreviations,
    numeric_rules.phones,
    calendar_rules.dates,
    calendar_rules.times,
    numeric_rules.roman_numerals,
    numeric_rules.ordinals,
    numeric_rules.money_and_units,
    numeric_rules.ranges_and_signs,
    numeric_rules.plain_numbers,
    unknown_acronyms,
    symbols,
)


def normalize_vi(text: str, style: NumberStyle = NORTH) -> str:
    """Rewrite Vietnamese text the way it should be read aloud (NFC, line breaks kept)."""
    text = clean(text)
    for step in _STEPS:
        text = step(text, style)
    return tidy(text)
