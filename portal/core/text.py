"""Vietnamese text helpers: NFC normalisation and diacritic folding."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Phường Hồng Bàng" → "phuong hong bang" (đ → d)."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d")
    return _SPACES.sub(" ", text).strip()


def clean_line(text: str, limit: int | None = None) -> str:
    """One line of user text: NFC, control characters dropped, spaces folded."""
    text = nfc(text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t")
    text = _SPACES.sub(" ", text).strip()
    return text[:limit] if limit else text


def slugify(text: str, max_length: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-") or "muc"


# Vietnamese alphabetical order: ă and â follow a, đ follows d, ê follows e, ô and ơ follow o, ư follows u;
# the tone marks only break ties (ngang, huyền, hỏi, ngã, sắc, nặng), as in a Vietnamese dictionary.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER = {letter: i for i, letter in enumerate(_ALPHABET, start=10)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_DIGITS = re.compile(r"\d+")


def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sort key for Vietnamese words: "Hà Nội" < "Hải Phòng" < "Đà Nẵng" < "Điện Biên" < "Gia Lai".
    A run of digits sorts by its value ("Phường 2" before "Phường 10"); spaces sort first."""
    letters: list[int] = []
    tones: list[int] = []
    text = unicodedata.normalize("NFD", nfc(text).lower())
    i = 0
    while i < len(text):
        digits = _DIGITS.match(text, i)
        if digits:
            value = digits.group().lstrip("0") or "0"
            letters += [2, len(value), *(int(d) for d in value)]
            i = digits.end()
            continue
        base, i = text[i], i + 1
        tone = 0
        while i < len(text) and unicodedata.category(text[i]) == "Mn":
            if text[i] in _TONES:
                tone = _TONES[text[i]]
            else:  # breve, circumflex, horn: part of the letter itself
                base += text[i]
            i += 1
        letter = unicodedata.normalize("NFC", base)
        if letter.isspace():
            letters.append(1)
        elif letter in _LETTER:
            letters.append(_LETTER[letter])
        else:
            letters.append(100 + ord(letter[0]))
        tones.append(tone)
    return tuple(letters), tuple(tones)
