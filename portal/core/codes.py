# SPDX-License-Identifier: AGPL-3.0-or-later
"""Short codes that residents write down and type back: unambiguous symbols plus a check symbol.

Generalised from the petitions' tracking codes so that other features (learner codes for the
lessons) use the same rules:

- 23 symbols: the digits 2–9 and the consonants B C F G H J K M N P Q R T V X. No 0/O, 1/I/L
  (look alike), no U (read as V), no S/Z (read as 5/2), no vowel, no D or W: a Vietnamese
  keyboard (Telex, VNI) then finds nothing to turn into a diacritic while the code is typed,
  and no code spells a word.
- The last symbol makes the weighted sum (weights 1..n) a multiple of 23; 23 is prime, so every
  single wrong symbol and every swap of two different symbols is detected.
- Typing is forgiving: lower case, spaces, dashes, full-width characters, look-alikes (O for Q,
  1 for 7…) and a missing prefix are all accepted when exactly one valid code results.
"""

from __future__ import annotations

import itertools
import secrets
import unicodedata
from dataclasses import dataclass

ALPHABET = "23456789BCFGHJKMNPQRTVX"
_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
_MODULUS = len(ALPHABET)  # prime
_LOOKALIKES = {"0": "Q", "O": "Q", "1": "7J", "I": "J7", "L": "7J", "S": "5", "Z": "2", "U": "V"}
_MAX_TYPED = 40
_MAX_CANDIDATES = 4  # more readings would let a real typo pass the check by chance
# Typed after a prefix ending in A without a dash, the code's first symbol may be taken by a
# Vietnamese keyboard as a tone or shape key on that A ("PAF…" becomes "PÀ…" in Telex, "PA2…"
# becomes "PÀ…" in VNI): each mark stands for the symbols that make it.
_EATEN_BY_A = {"\u0300": "F2", "\u0309": "R3", "\u0303": "X4", "\u0323": "J5", "\u0302": "6", "\u0306": "8"}


@dataclass(frozen=True)
class CodeScheme:
    """`prefix` (letters shown before the code), `length` random symbols and one check symbol,
    shown in groups of `group`: CodeScheme("HS", 6, 4) gives codes like "HS-7K3M-9QX"."""

    prefix: str
    length: int
    group: int = 4

    def _check_value(self, values: list[int]) -> int:
        total = sum(weight * value for weight, value in enumerate(values, start=1))
        inverse = pow(self.length + 1, -1, _MODULUS)
        return (-total * inverse) % _MODULUS

    @staticmethod
    def _is_valid(symbols: str) -> bool:
        return sum(weight * _VALUES[s] for weight, s in enumerate(symbols, start=1)) % _MODULUS == 0

    def format(self, symbols: str) -> str:
        return f"{self.prefix}-{symbols[:self.group]}-{symbols[self.group:]}"

    def from_values(self, values: list[int]) -> str:
        if len(values) != self.length or not all(0 <= v < _MODULUS for v in values):
            raise ValueError(f"need {self.length} values in 0..{_MODULUS - 1}")
        return self.format("".join(ALPHABET[v] for v in [*values, self._check_value(values)]))

    def new(self) -> str:
        return self.from_values([secrets.randbelow(_MODULUS) for _ in range(self.length)])

    @property
    def space(self) -> int:
        return _MODULUS ** self.length

    def _bodies(self, compact: str) -> list[str]:
        size = self.length + 1
        if len(compact) == size:
            return [compact]
        if len(compact) == size + len(self.prefix) and compact.startswith(self.prefix):
            return [compact[len(self.prefix):]]
        head = len(self.prefix) - 1
        if self.prefix.endswith("A") and len(compact) == size + head and compact.startswith(self.prefix[:-1]):
            base, *marks = unicodedata.normalize("NFD", compact[head])
            if base == "A" and len(marks) == 1:
                return [eaten + compact[head + 1:] for eaten in _EATEN_BY_A.get(marks[0], "")]
        return []

    def normalize(self, typed: str | None) -> str | None:
        """The canonical code a resident meant, or None when it is not a valid code."""
        if not typed or len(typed) > _MAX_TYPED:
            return None
        compact = "".join(ch for ch in unicodedata.normalize("NFKC", typed).upper() if ch.isalnum())
        found = {r for body in self._bodies(compact) for r in _readings(body) if self._is_valid(r)}
        return self.format(found.pop()) if len(found) == 1 else None


def _readings(body: str) -> list[str]:
    options = []
    for typed in body:
        typed = unicodedata.normalize("NFD", typed)[0]  # a stray diacritic: "Ơ" is still an O
        options.append(typed if typed in _VALUES else _LOOKALIKES.get(typed, ""))
    readings = ["".join(s) for s in itertools.islice(itertools.product(*options), _MAX_CANDIDATES + 1)]
    return readings if len(readings) <= _MAX_CANDIDATES else []
