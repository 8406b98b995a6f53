""""Did you mean": the closest words the index knows, shown with their diacritics.

Corrections are looked up among the folded words (so "lau dao" → "lua dao"), then shown in the
form the texts use most ("lừa đảo"), taken from the exact field's word list. That list is built
once per index generation.
"""

from __future__ import annotations

from portal.core.text import fold

from . import dictionary
from .distance import within

_FORMS: dict[tuple, dict[str, str]] = {}


def display_forms(ix, reader) -> dict[str, str]:
    """folded word → the spelling with diacritics that most documents use."""
    key = (str(ix.storage.folder), ix.indexname, ix.latest_generation())
    forms = _FORMS.get(key)
    if forms is None:
        best: dict[str, tuple[int, str]] = {}
        for fieldname in ("title", "text"):
            for term, info in reader.iter_field(fieldname):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                folded, freq = fold(word), info.doc_frequency()
                if freq > best.get(folded, (0, ""))[0]:
                    best[folded] = (freq, word)
        forms = {folded: word for folded, (_freq, word) in best.items()}
        if len(_FORMS) > 3:
            _FORMS.clear()
        _FORMS[key] = forms
    return forms


def in_phrase(words: list[str], i: int, candidates: list[str]) -> str:
    """The first candidate for words[i] that makes a phrase of the dictionary with its neighbours
    ("baor hiem y te": "bao", not "ban"), or ""."""
    for candidate in candidates:
        trial = [*words[:i], candidate, *words[i + 1:]]
        for start in range(max(0, i - dictionary.LONGEST + 1), i + 1):
            found = dictionary.match(trial, start)
            if found and start + found[0] > i and found[0] > 1:
                return candidate
    return ""


def pick(words: list[str], i: int, candidates: list[str]) -> str:
    """in_phrase(), else the first candidate (the backend's closest)."""
    return in_phrase(words, i, candidates) or (candidates[0] if candidates else "")


def spelled(typed: list[str], words: list[str]) -> list[str]:
    """Words typed without diacritics, inside a phrase of the dictionary, shown as it writes them."""
    out, i, bare = list(words), 0, [fold(w) for w in words]
    while i < len(words):
        found = dictionary.match(bare, i)
        if not found:
            i += 1
            continue
        size, group = found
        folded = [fold(w) for w in words[i:i + size]]
        written = next(p.split() for p in dictionary.GROUPS[group] if [fold(w) for w in p.split()] == folded)
        for j in range(size):
            if typed[i + j] == fold(typed[i + j]):
                out[i + j] = written[j]
        i += size
    return out


def suggestion(ix, reader, parsed, known) -> str:
    """The query with unknown words replaced by their closest known word; "" if nothing to say."""
    corrector = reader.corrector("text_folded")
    changed, words = False, []
    for i, (word, folded) in enumerate(zip(parsed.words, parsed.folded, strict=True)):
        if known(folded) or dictionary.known(folded) or folded.isdigit() or word in parsed.prefixes:
            words.append(word)
            continue
        found = sorted(corrector.suggest(folded, limit=20, maxdist=2, prefix=1),
                       key=lambda w, f=folded: not within(f, w, 1))  # one typo away first
        if not found:
            words.append(word)
            continue
        words.append(pick([*words, *parsed.folded[i:]], i, found))
        changed = True
    if not changed:
        return ""
    forms = display_forms(ix, reader)
    shown = [forms.get(w, w) if fold(w) == w else w for w in words]
    return " ".join(spelled(parsed.words, shown))
