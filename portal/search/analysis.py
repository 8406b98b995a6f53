"""Vietnamese analysis for Whoosh: no English stop list; an exact and a folded variant.

Whoosh's StandardAnalyzer drops English stop words ("an", "in", "to"…), which are
real Vietnamese syllables ("an toàn", "in ấn"), so we build our own chains.
"""

from __future__ import annotations

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

from portal.core.text import fold, nfc

WORD_PATTERN = r"\w+(?:[.,]\w+)*"


class NFCFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = nfc(token.text)
            yield token


class FoldFilter(Filter):
    """"Đường" → "duong", "bản" → "ban"."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


def exact_analyzer():
    return RegexTokenizer(WORD_PATTERN) | NFCFilter() | LowercaseFilter()


def folded_analyzer():
    return RegexTokenizer(WORD_PATTERN) | FoldFilter()


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def spelling(word: str) -> str:
    """A word with its diacritics, wherever the tone mark sits: "hoà" and "hòa", "thuỷ" and
    "thủy" are one spelling; "đổi" and "dõi" are two. Lower case."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(c for c in decomposed if c in _TONES)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES)) + tones
