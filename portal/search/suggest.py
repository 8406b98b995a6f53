""""Did you mean": the closest words the index knows, shown with their diacritics.

Corrections are looked up among the folded words (so "lau dao" → "lua dao"), then shown in the
form the texts use most ("lừa đảo"), taken from the exact field's word list. That list is built
once per index generation.
"""

from __future__ import annotations

from portal.core.text import fold

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


def suggestion(ix, reader, parsed, known) -> str:
    """The query with unknown words replaced by their closest known word; "" if nothing to say."""
    corrector = reader.corrector("text_folded")
    changed, words = False, []
    for word, folded in zip(parsed.words, parsed.folded, strict=True):
        if known(folded) or folded.isdigit() or word in parsed.prefixes:
            words.append(word)
            continue
        found = corrector.suggest(folded, limit=1, maxdist=2, prefix=1)
        if not found:
            words.append(word)
            continue
        words.append(found[0])
        changed = True
    if not changed:
        return ""
    forms = display_forms(ix, reader)
    return " ".join(forms.get(w, w) if fold(w) == w else w for w in words)
