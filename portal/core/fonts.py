"""Which fonts can print Vietnamese: every letter, with each of its tones, upper and lower case.

A font without, say, "ễ" makes the renderer fall back or stack a loose tilde, so "Nguyễn" prints
as "Nguyêñ". The drawing code (lesson pictures, demo PDFs) picks only fonts that pass, and a
test holds every font the portal names (CSS, templates, Python) to the same list.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc, huyền, hỏi, ngã, nặng
_CONSONANTS = "bcdđghklmnpqrstvx"

VIETNAMESE_LETTERS = "".join(sorted({unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES}
                                    | set(_CONSONANTS)))
VIETNAMESE_LETTERS += VIETNAMESE_LETTERS.upper()


@cache
def missing_letters(path: str | Path) -> str:
    """The Vietnamese letters (NFC, precomposed) that the font file has no glyph for."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), fontNumber=0, lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return "".join(ch for ch in VIETNAMESE_LETTERS if ord(ch) not in cmap)


def first_covering(paths) -> Path | None:
    """The first existing font file among `paths` that carries every Vietnamese letter."""
    for path in paths:
        if path and Path(path).is_file() and not missing_letters(str(path)):
            return Path(path)
    return None
