"""What the recogniser wrote, made ready for masking: spoken digits become digits.

A resident who says a phone number gets "không chín một hai ba bốn năm sáu bảy tám" from the
recogniser; the masking of personal data looks for digits. Runs of four or more digit words
become the digits they spell ("0912345678"), so a spoken phone or ID number is hidden like a
typed one. Shorter runs stay words ("năm" is also "year", "một" also "a")."""

from __future__ import annotations

import re

DIGITS = {"không": "0", "linh": "0", "một": "1", "mốt": "1", "hai": "2", "ba": "3", "bốn": "4", "tư": "4",
          "năm": "5", "lăm": "5", "sáu": "6", "bảy": "7", "bẩy": "7", "tám": "8", "chín": "9"}
_WORD = "|".join(sorted(DIGITS, key=len, reverse=True))
_RUN = re.compile(rf"(?<!\w)(?:(?:{_WORD})[\s,.]+){{3,}}(?:{_WORD})(?!\w)", re.IGNORECASE)


def spoken_digits(text: str) -> str:
    def join(match: re.Match) -> str:
        return "".join(DIGITS[w.lower()] for w in re.findall(r"\w+", match.group(0)))

    return _RUN.sub(join, text)
