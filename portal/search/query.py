"""Turn what a resident typed into a Whoosh query.

Each word is looked up twice: as typed (exact field, diacritics kept) and folded ("đường" →
"duong"), so "ban tin" finds "bản tin" while "bản tin" ranks exact matches first. Words of five
letters or more that the index does not know are also matched with one typo. "Quoted words" are
phrases; a trailing * (or the last word while typing) is a prefix; while typing, a last word
of one letter is left out until it has more. A phrase of the dictionary
(dictionary.py: "bhyt", "sổ đỏ") also matches the other phrases of its group. Pages holding the
words typed next to each other, as typed, rank above pages where they are scattered or fold
to other words ("ban tin" → "bản tin" before "bạn").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh.query import And, AndMaybe, FuzzyTerm, NullQuery, Or, Phrase, Prefix, Query, Term

from portal.core.text import fold, nfc

from . import dictionary
from .analysis import WORD_PATTERN

_TOKEN = re.compile(r'"([^"]*)"?|(' + WORD_PATTERN + r')(\*?)')
_WORD = re.compile(WORD_PATTERN)
PHRASE_BOOST = 8.0  # the words typed, side by side
FUZZY_MIN = 5  # one typo is tolerated in folded words at least this long
PREFIX_MIN = 2  # "t*" would expand to every word starting with t

EXACT_FIELDS = {"title": 3.0, "summary": 1.5, "text": 1.0}
FOLDED_FIELDS = {"title_folded": 2.0, "text_folded": 0.7}


@dataclass
class Parsed:
    words: list[str] = field(default_factory=list)    # every word, as typed (NFC, lower case)
    phrases: list[list[str]] = field(default_factory=list)
    prefixes: set[str] = field(default_factory=set)  # words meant as a prefix
    # Spans of words that are a phrase of the dictionary: (first word, how many, other phrases).
    synonyms: list[tuple[int, int, list[list[str]]]] = field(default_factory=list)

    @property
    def folded(self) -> list[str]:
        return [fold(w) for w in self.words]


def parse(text: str, live: bool = False) -> Parsed:
    """Split the query; with live=True (results while typing) the last word is a prefix."""
    text = nfc(text).lower()
    parsed = Parsed()
    bare_last = False  # the last word typed stands alone (not in quotes, no *)
    for match in _TOKEN.finditer(text):
        phrase, word, star = match.groups()
        bare_last = False
        if phrase is not None:
            words = _WORD.findall(phrase)
            if len(words) > 1:
                parsed.phrases.append(words)
            parsed.words.extend(words)
        elif word:
            parsed.words.append(word)
            bare_last = not star
            if star:
                parsed.prefixes.add(word)
    if live and parsed.words and not text.endswith((" ", '"')):
        if len(parsed.words[-1]) >= PREFIX_MIN:
            parsed.prefixes.add(parsed.words[-1])
        elif bare_last and len(parsed.words) > 1:
            parsed.words.pop()  # "dinh danh dien t": the letter of a word still being typed
    parsed.prefixes = {w for w in parsed.prefixes if len(w) >= PREFIX_MIN}
    start = 0
    while start < len(parsed.words):
        found = dictionary.match(parsed.words, start)
        later = dictionary.match(parsed.words, start + 1) if found and found[0] > 1 else None
        if later and start + 1 + later[0] > start + found[0]:
            found = None  # "bi lua dao": "lừa đảo", not "bị lừa"
        if found and not parsed.prefixes & set(parsed.words[start:start + found[0]]):
            size, group = found
            parsed.synonyms.append((start, size, dictionary.alternatives(group, parsed.words[start:start + size])))
            start += size
        else:
            start += 1
    return parsed


def loose_clauses(parsed: Parsed, word: callable, phrase: callable, either: callable) -> list:
    """For "at least half of the words": one clause per word typed, and one more per dictionary span
    (any of its other phrases), so that a span counts as many words as it has."""
    out = [word(w) for w in parsed.words]
    out += [either([phrase(o) for o in others]) for _start, _size, others in parsed.synonyms if others]
    return out


def half(parsed: Parsed) -> int:
    return max(1, (len(parsed.words) + 1) // 2)


def clauses(parsed: Parsed, word: callable, phrase: callable, either: callable, every: callable) -> list:
    """One clause per word typed, or per dictionary span (its words, or one of its other phrases).
    The callables build a backend's query for a word, a phrase, "any of", "all of"."""
    spans = {start: (size, others) for start, size, others in parsed.synonyms}
    out, i = [], 0
    while i < len(parsed.words):
        if i in spans:
            size, others = spans[i]
            own = [word(w) for w in parsed.words[i:i + size]]
            out.append(either([own[0] if size == 1 else every(own),
                               *(phrase(o) for o in others)]))
            i += size
        else:
            out.append(word(parsed.words[i]))
            i += 1
    return out


def _word_query(word: str, known: callable) -> Query:
    folded = fold(word)
    alternatives: list[Query] = [Term(f, word, boost=b) for f, b in EXACT_FIELDS.items()]
    alternatives += [Term(f, folded, boost=b) for f, b in FOLDED_FIELDS.items()]
    if len(folded) >= FUZZY_MIN and not known(folded):
        alternatives += [FuzzyTerm(f, folded, boost=b * 0.5, maxdist=1, prefixlength=1)
                         for f, b in FOLDED_FIELDS.items()]
    return Or(alternatives)


def _prefix_query(word: str) -> Query:
    folded = fold(word)
    return Or([Prefix(f, folded, boost=b) for f, b in FOLDED_FIELDS.items()]
              + [Prefix("title", word, boost=EXACT_FIELDS["title"])])


def _phrase_query(words: list[str], boost: float = 1.0) -> Query:
    folded = [fold(w) for w in words]
    return Or([Phrase("title", words, boost=4.0 * boost),
               Phrase("text", words, boost=2.0 * boost), Phrase("title_folded", folded, boost=2.5 * boost),
               Phrase("text_folded", folded, boost=1.2 * boost)])


def _synonym_phrase(words: list[str]) -> Query:
    folded = [fold(w) for w in words]
    if len(folded) == 1:
        return Or([Term("title_folded", folded[0], boost=2.0), Term("text_folded", folded[0], boost=0.7)])
    return Or([Phrase("title_folded", folded, boost=2.0), Phrase("text_folded", folded, boost=0.7)])


def build(parsed: Parsed, known: callable, every_word: bool = True) -> Query:
    """Every word must match (every_word), or at least half of them; quoted phrases always."""
    def word(w: str) -> Query:
        return _prefix_query(w) if w in parsed.prefixes else _word_query(w, known)

    found = clauses(parsed, word, _synonym_phrase, Or, And)
    if not found:
        return NullQuery
    main = And(found) if every_word else Or(loose_clauses(parsed, word, _synonym_phrase, Or), minmatch=half(parsed))
    if parsed.phrases:
        phrases = [_phrase_query(p) for p in parsed.phrases]
        main = And([main, *phrases])  # a quoted phrase is always required
    if len(parsed.words) > 1 and not parsed.prefixes:
        # The words side by side rank first (folded fields only: a phrase query costs).
        folded = [fold(w) for w in parsed.words]
        main = AndMaybe(main, Or([Phrase("title_folded", folded, boost=2.5 * PHRASE_BOOST),
                                  Phrase("text_folded", folded, boost=1.2 * PHRASE_BOOST)]))
    return main
