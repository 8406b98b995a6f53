"""Searching the index: every word first, then any word; counts by kind; "did you mean"."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from whoosh import sorting
from whoosh.query import And, Or, Query, Term

from portal.core.text import fold

from . import query as q
from .index import open_index
from .snippets import matcher, snippet
from .suggest import suggestion


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: Markup
    score: float
    unit_code: str = ""
    summary: str = ""
    text: str = ""


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # counts for the same query, every kind
    suggestion: str = ""                                  # "did you mean", in the words of the index


def place_filter(province: str = "", unit: str = "") -> Query | None:
    if unit:
        return Term("unit_code", unit)
    if province:
        return Or([Term("province_code", province), Term("unit_code", province)])
    return None


def find(directory: str | Path, text: str, kind: str = "", province: str = "", unit: str = "",
         page: int = 1, per_page: int = 10, live: bool = False, with_text: bool = False,
         any_word: bool = False, hidden: tuple[str, ...] = ()) -> Results:
    """`hidden`: kinds left out unless asked for by `kind` (e.g. lesson steps, which the lessons
    already list; the question helper quotes them)."""
    parsed = q.parse(text, live=live)
    if not parsed.words:
        return Results()
    ix = open_index(directory)
    with ix.searcher() as searcher:
        reader = searcher.reader()

        def known(folded: str) -> bool:
            return ("text_folded", folded) in reader or ("title_folded", folded) in reader

        place = place_filter(province, unit)
        kind_filter = Term("kind", kind) if kind else None
        flt = And([f for f in (place, kind_filter) if f is not None]) if (place or kind_filter) else None
        mask = Or([Term("kind", k) for k in hidden]) if hidden and not kind else None
        # Pages that hold every word come first; when they do not fill the page asked for, pages
        # with at least half of the words follow ("lua dao qua mang" also finds "lừa đảo trực tuyến").
        need = max(page, 1) * per_page
        built = q.build(parsed, known, every_word=not any_word)
        strict = searcher.search(built, limit=need, filter=flt, mask=mask)
        rows, total = list(strict), len(strict)
        if (any_word or total < need) and len(parsed.words) > 1:
            built = q.build(parsed, known, every_word=False)
            seen = {r.docnum for r in rows}
            loose = searcher.search(built, limit=need + len(rows), filter=flt, mask=mask)
            rows += [r for r in loose if r.docnum not in seen]
            total = max(total, len(loose))
        rows = rows[(max(page, 1) - 1) * per_page:need]
        marks = matcher(parsed.folded, [fold(w) for w in parsed.prefixes])
        hits = [Hit(kind=r["kind"], title=r["title"], url=r["url"], score=r.score,
                    unit_code=r.get("unit_code", ""), summary=r.get("summary", ""),
                    text=r.get("text", "") if with_text else "",
                    snippet=snippet(r.get("text") or r.get("summary") or "", marks))
               for r in rows]
        counts = searcher.search(built, filter=place, mask=mask if not kind else None, groupedby="kind",
                                 maptype=sorting.Count, limit=1, scored=False)
        by_kind = dict(counts.groups("kind"))
        hint = "" if total >= 3 and all(known(f) for f in parsed.folded) else suggestion(ix, reader, parsed, known)
        return Results(hits=hits, total=total, by_kind=by_kind, suggestion=hint)
