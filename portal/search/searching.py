"""Searching: every word first, then at least half of them; counts by kind; "did you mean".

The backend finds and ranks; the snippets are cut here, the same way for every backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from portal.core.text import fold

from . import cache
from . import query as q
from .backend import resolve
from .found import Filters, Row
from .snippets import matcher, snippet


@dataclass
class Hit(Row):
    """A row found, with the passage that shows why (the words typed marked)."""
    snippet: Markup = field(default_factory=Markup)


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # counts for the same query, every kind
    suggestion: str = ""                                  # "did you mean", in the words of the index


def find(target, text: str, kind: str = "", province: str = "", unit: str = "",
         page: int = 1, per_page: int = 10, live: bool = False, with_text: bool = False,
         any_word: bool = False, hidden: tuple[str, ...] = (), counts: bool = True) -> Results:
    """`target`: a backend (or a Whoosh index directory). `hidden`: kinds left out unless asked for
    by `kind` (e.g. lesson steps, which the lessons already list; the question helper quotes them).
    `counts=False`: no counts by kind and no "did you mean" (the question helper needs neither).
    Kept by index generation (cache.py): asked again, it is answered without the engine."""
    parsed = q.parse(text, live=live)
    if not parsed.words:
        return Results()
    backend, filters = resolve(target), Filters(kind, province, unit, tuple(hidden))
    args = (text, kind, province, unit, page, per_page, live, with_text, any_word, list(hidden), counts)
    return cache.cached(backend, "find", args, lambda: _find(backend, parsed, filters, page, per_page, with_text,
                                                              any_word, counts), _dump, _load)


def _dump(results: Results) -> dict:
    return {"hits": [{**vars(h), "snippet": str(h.snippet)} for h in results.hits], "total": results.total,
            "by_kind": results.by_kind, "suggestion": results.suggestion}


def _load(data: dict) -> Results:
    # The snippets as snippets.py escaped and marked them, kept where the rendered pages are kept.
    hits = [Hit(**{**h, "snippet": Markup(h["snippet"])}) for h in data["hits"]]  # noqa: S704  # nosec B704
    return Results(hits=hits, total=data["total"], by_kind=data["by_kind"], suggestion=data["suggestion"])


def _find(backend, parsed: q.Parsed, filters: Filters, page: int, per_page: int, with_text: bool, any_word: bool,
          counts: bool) -> Results:
    found = backend.search(parsed, filters, max(page, 1), per_page, any_word=any_word, counts=counts)
    if found.suggestion and fold(found.suggestion) != " ".join(parsed.folded):
        # "Did you mean" only when the other spelling finds more pages that hold every word.
        # Counted only (per_page=0: no rows are ranked).
        better = backend.search(q.parse(found.suggestion), filters, 1, 0, any_word=False, counts=False)
        if better.every <= found.every:
            found.suggestion = ""
    # The dictionary's other phrases are marked too ("bhyt" marks "bảo hiểm y tế").
    folded = parsed.folded + [fold(w) for _start, _size, others in parsed.synonyms for o in others for w in o]
    prefixes = [fold(w) for w in parsed.prefixes]
    hits = [Hit(kind=r.kind, title=r.title, url=r.url, score=r.score, unit_code=r.unit_code, summary=r.summary,
                text=r.text if with_text else "",
                snippet=snippet(r.text or r.summary or "", matcher(folded, prefixes, parsed.words,
                                                                   r.text or r.summary or "")))
            for r in found.rows]
    return Results(hits=hits, total=found.total, by_kind=found.by_kind, suggestion=found.suggestion)

