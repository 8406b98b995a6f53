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
