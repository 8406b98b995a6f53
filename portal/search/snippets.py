"""Highlighted snippets that work for folded matches too ("lua dao" marks "lừa đảo").

Whoosh can only highlight terms of a stored field, and the folded fields are not stored, so the
snippet is cut here: the window of the text with the most query words, escaped, the words in <mark>.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup, escape

from portal.core.text import fold

from .analysis import WORD_PATTERN

_WORD = re.compile(WORD_PATTERN)
SCANNED_CHARS = 20_000  # a long document's snippet comes from its first pages
_fold_word = lru_cache(maxsize=50_000)(fold)  # the same words come back in every text


def matcher(folded_words: Iterable[str], prefixes: Iterable[str] = (), typed: Iterable[str] = (), text: str = ""):
    """A test for one word of the text: does it fold to a query word (or start with a prefix)?

    A word typed with diacritics marks only that spelling: "quà" never marks "qua" or "quả". A word
    typed without them (`typed`) that `text` holds exactly as typed marks only that spelling there:
    "qua" marks "qua" in a text that has it, not "quà" or "quả" beside it; elsewhere every spelling."""
    words, starts = set(folded_words), tuple(prefixes)
    head = text[:SCANNED_CHARS]
    typed = [w.lower() for w in typed]
    accented = {w for w in typed if _fold_word(w) != w}
    exact = accented | ({w for w in typed if w not in accented
                         and re.search(rf"(?<!\w){re.escape(w)}(?!\w)", head, re.IGNORECASE)} if head else set())
    strict = {_fold_word(w) for w in exact}

    def matches(word: str) -> bool:
        f = _fold_word(word)
        if f in strict:
            return word.lower() in exact
        return f in words or bool(starts and f.startswith(starts))

    return matches


def snippet(text: str, matches, width: int = 28) -> Markup:
    """The best window of about `width` words, escaped, with matching words marked. `matches`: a
    test for one word, or an object whose `positions(words)` says which of the words to mark (the
    question helper marks whole phrases: "người cao tuổi", not every "người")."""
    tokens = list(_WORD.finditer(text, 0, SCANNED_CHARS))
    if not tokens:
        return Markup("")
    if hasattr(matches, "positions"):
        hits = sorted(matches.positions([t.group() for t in tokens]))
    else:
        hits = [i for i, t in enumerate(tokens) if matches(t.group())]
    start = 0
    if hits and len(tokens) > width:
        # The window starting at a hit that holds the most hits (two pointers: hits are in order).
        best, most, j = 0, 0, 0
        for k, first in enumerate(hits):
            j = max(j, k)
            while j < len(hits) and hits[j] < first + width:
                j += 1
            if j - k > most:
                best, most = k, j - k
        start = max(0, hits[best] - 4)
    end = min(len(tokens), start + width)
    # The text between two marked words is escaped in one piece (escaping is per character).
    out, pos = [], tokens[start].start()
    for i in sorted({i for i in hits if start <= i < end}):
        t = tokens[i]
        out.append(escape(text[pos:t.start()]))
        out.append(Markup("<mark>%s</mark>") % t.group())
        pos = t.end()
    out.append(escape(text[pos:tokens[end - 1].end()]))
    if start > 0:
        out.insert(0, "… ")
    if end < len(tokens) or len(text) > SCANNED_CHARS:
        out.append(" …")
    return Markup("").join(out)
