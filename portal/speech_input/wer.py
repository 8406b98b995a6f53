"""Word error rate, with diacritics kept or folded ("đường" and "duong" the same word): for the
benchmark of how well the recogniser understands our own voice, and for the tests."""

from __future__ import annotations

import re
import unicodedata


def words(text: str, fold: bool = False) -> list[str]:
    text = unicodedata.normalize("NFC", text.lower())
    if fold:
        text = unicodedata.normalize("NFD", text.replace("đ", "d"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"\w+", text)


def wer(reference: str, hypothesis: str, fold: bool = False) -> float:
    ref, hyp = words(reference, fold), words(hypothesis, fold)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(len(ref), 1)
