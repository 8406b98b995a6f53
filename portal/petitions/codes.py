# SPDX-License-Identifier: AGPL-3.0-or-later
"""Petition tracking codes: short, unambiguous, checked, e.g. "PA-7K3M-9QXP".

The alphabet has 23 symbols: the digits 2–9 and the consonants B C F G H J K M N P Q R T V X.
Left out: 0 O 1 I L (they look alike), U (read as V), S and Z (read as 5 and 2), and every
vowel together with D and W: with no vowel, D or W in it, a Vietnamese keyboard (Telex or VNI)
finds nothing to turn into a diacritic while a resident types the code ("AS" would become "Á",
"DD" "Đ", "W" "Ư"), and no code can spell a word.

A code is 7 random symbols and 1 check symbol, shown as PA-7K3M-9QXP (two groups of four). The check symbol makes the
weighted sum of all eight values (weights 1 to 8) a multiple of 23; because 23 is prime, every
single wrong symbol and every swap of two different symbols is detected, so a mistyped code is
rejected instead of finding someone else's petition.

Code space: 23**7 = 3,404,825,447 codes. That keeps codes short enough to read out and type on a
keypad, but it is not collision-free: 100,000 codes hold about 1.5 duplicate pairs, and with a
million petitions stored a fresh code is taken about once in 3,400 draws. The database's unique
constraint rejects a duplicate and the caller draws again; guessing is held off by rate limits,
and private details need more than the code.
"""

from __future__ import annotations

import itertools
import secrets
import unicodedata

ALPHABET = "23456789BCFGHJKMNPQRTVX"
PREFIX = "PA"
RANDOM_LENGTH = 7
CODE_SPACE = len(ALPHABET) ** RANDOM_LENGTH
_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
_MODULUS = len(ALPHABET)  # prime
_CHECK_WEIGHT_INVERSE = pow(RANDOM_LENGTH + 1, -1, _MODULUS)

# Characters a code never contains, read as the symbols they resemble. Where a shape has two
# readings (1, I, L as 7 or J) the check symbol decides, and an undecidable code is refused.
_LOOKALIKES = {"0": "Q", "O": "Q", "1": "7J", "I": "J7", "L": "7J", "S": "5", "Z": "2", "U": "V"}
# Typing "PA" then the code without a dash, a Vietnamese keyboard may use the code's first symbol
# as a tone or shape key on the A ("PAF…" becomes "PÀ…" in Telex, "PA2…" becomes "PÀ…" in VNI).
_EATEN_BY_A = {"\u0300": "F2", "\u0309": "R3", "\u0303": "X4", "\u0323": "J5", "\u0302": "6", "\u0306": "8"}
_MAX_TYPED = 40
# At most two symbols with two readings: each extra reading of a code that also has a real typo
# passes the check by chance once in 23 tries, so more would let wrong codes through.
_MAX_CANDIDATES = 4


def _check_value(values: list[int]) -> int:
    total = sum(weight * value for weight, value in enumerate(values, start=1))
    return (-total * _CHECK_WEIGHT_INVERSE) % _MODULUS


def _is_valid(symbols: str) -> bool:
    return sum(weight * _VALUES[symbol] for weight, symbol in enumerate(symbols, start=1)) % _MODULUS == 0


def _format(symbols: str) -> str:
    return f"{PREFIX}-{symbols[:4]}-{symbols[4:]}"


def code_from_values(values: list[int]) -> str:
    """The code for 7 symbol values (0–22), with its check symbol; new_code draws them at random."""
    if len(values) != RANDOM_LENGTH or not all(0 <= value < _MODULUS for value in values):
        raise ValueError(f"need {RANDOM_LENGTH} values in 0..{_MODULUS - 1}")
    return _format("".join(ALPHABET[value] for value in [*values, _check_value(values)]))


def new_code() -> str:
    """A fresh random code such as "PA-7K3M-9QXP"."""
    return code_from_values([secrets.randbelow(_MODULUS) for _ in range(RANDOM_LENGTH)])


def _bodies(compact: str) -> list[str]:
    """The 8-symbol bodies the typed text may stand for, prefix removed."""
    if len(compact) == RANDOM_LENGTH + 1:
        return [compact]
    if len(compact) == RANDOM_LENGTH + 3 and compact.startswith(PREFIX):
        return [compact[2:]]
    if len(compact) == RANDOM_LENGTH + 2 and compact[0] == "P":
        base, *marks = unicodedata.normalize("NFD", compact[1])
        if base == "A" and len(marks) == 1:
            return [eaten + compact[2:] for eaten in _EATEN_BY_A.get(marks[0], "")]
    return []


def _readings(body: str) -> list[str]:
    options = []
    for typed in body:
        typed = unicodedata.normalize("NFD", typed)[0]  # a stray diacritic: "Ơ" is still an O
        options.append(typed if typed in _VALUES else _LOOKALIKES.get(typed, ""))
    readings = ["".join(symbols) for symbols in itertools.islice(itertools.product(*options), _MAX_CANDIDATES + 1)]
    return readings if len(readings) <= _MAX_CANDIDATES else []


def normalize_code(typed: str | None) -> str | None:
    """The canonical code a resident meant, or None when it is not a valid code.

    Accepts lower case, a missing or differently spaced prefix, spaces, dots and dashes anywhere,
    full-width characters, and symbols read as look-alikes (O for Q, 1 for 7 …).
    """
    if not typed or len(typed) > _MAX_TYPED:
        return None
    compact = "".join(ch for ch in unicodedata.normalize("NFKC", typed).upper() if ch.isalnum())
    found = {reading for body in _bodies(compact) for reading in _readings(body) if _is_valid(reading)}
    return _format(found.pop()) if len(found) == 1 else None
