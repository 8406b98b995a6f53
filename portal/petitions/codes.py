# SPDX-License-Identifier: AGPL-3.0-or-later
"""Petition tracking codes: short, unambiguous, checked, e.g. "PA-7K3M-9QXP" (rules in core/codes.py).

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

from portal.core.codes import ALPHABET, CodeScheme

__all__ = ["ALPHABET", "CODE_SPACE", "RANDOM_LENGTH", "code_from_values", "new_code", "normalize_code"]

RANDOM_LENGTH = 7
SCHEME = CodeScheme("PA", RANDOM_LENGTH)
CODE_SPACE = SCHEME.space


def code_from_values(values: list[int]) -> str:
    """The code for 7 symbol values (0–22), with its check symbol; new_code draws them at random."""
    return SCHEME.from_values(values)


def new_code() -> str:
    """A fresh random code such as "PA-7K3M-9QXP"."""
    return SCHEME.new()


def normalize_code(typed: str | None) -> str | None:
    """The canonical code a resident meant, or None when it is not a valid code.

    Accepts lower case, a missing or differently spaced prefix, spaces, dots and dashes anywhere,
    full-width characters, symbols read as look-alikes (O for Q, 1 for 7 …), and a first symbol
    that a Vietnamese keyboard turned into a mark on the A of "PA".
    """
    return SCHEME.normalize(typed)
