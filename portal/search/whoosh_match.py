"""The portal's Whoosh queries evaluated a posting list at a time, scored the way Whoosh scores them.

Whoosh matches and scores document by document through a tree of Python matcher objects: a
query of four words on five fields, with the phrase that ranks the words side by side, costs
hundreds of milliseconds at 10,000 documents. Here every term's postings are read block by block
(as Whoosh stores them) into arrays over the index's document numbers, and the queries built by
query.py (Term, Prefix, FuzzyTerm, Phrase, And, Or, AndMaybe) combine those arrays: the same
documents, the same BM25F scores (Whoosh's formula, statistics, boosts and tie order), a few
milliseconds. Positions are decoded only for the documents that hold every word of a phrase.

An `Engine` belongs to one searcher (one generation of the index) and keeps only what does not
depend on a query: the field lengths and the kinds. A `Run` reads each posting list once for the
queries of one search; nothing is kept from one search to the next.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from whoosh.query import And, AndMaybe, FuzzyTerm, NullQuery, Or, Phrase, Prefix, Query, Term

from .whoosh_postings import BYTE_LENGTH, Postings, best, length_bytes, position_decoder, read_postings

POSTINGS_BYTES = 8 * 1024 * 1024  # decoded postings an engine keeps (one per thread and index generation)

class Engine:
    """What one searcher's queries share: document count, deletions, field lengths, kinds."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.size = searcher.doc_count_all()
        self.leaves = [(s.reader(), offset) for s, offset in searcher.leaf_searchers()]
        self.live = np.ones(self.size, dtype=bool)
        for reader, offset in self.leaves:
            if reader.has_deletions():
                self.live[[offset + d for d in reader.deleted_docs_set]] = False
        self._lengths: dict[str, np.ndarray] = {}
        self._kinds: dict[str, np.ndarray] | None = None
        self._kept: OrderedDict[tuple[str, bytes], Postings] = OrderedDict()
        self._kept_bytes = 0
        self._has: dict[tuple[str, bytes], bool] = {}

    @classmethod
    def of(cls, searcher) -> Engine:
        engine = getattr(searcher, "portal_engine", None)
        if engine is None:
            engine = searcher.portal_engine = cls(searcher)
        return engine

    def lengths(self, field: str) -> np.ndarray:
        """Every document's length in `field`, as Whoosh stores it (one byte each)."""
        found = self._lengths.get(field)
        if found is None:
            found = np.ones(self.size, dtype=np.float64)
            for reader, offset in self.leaves:
                codes = length_bytes(reader, field)
                if codes is None:  # another codec: document by document
                    count = reader.doc_count_all()
                    values = np.fromiter((reader.doc_field_length(d, field, 0) or 0 for d in range(count)),
                                         dtype=np.float64, count=count)
                else:
                    values = BYTE_LENGTH[codes]
                found[offset:offset + len(values)] = np.where(values > 0, values, 1.0)
            self._lengths[field] = found
        return found

    def has(self, field: str, text: bytes) -> bool:
        """Whether the index holds the term (in any segment)."""
        key = (field, text)
        found = self._has.get(key)
        if found is None:
            found = self._has[key] = any(key in reader for reader, _offset in self.leaves)
        return found

    def postings(self, field: str, text: bytes) -> Postings:
        """A term's postings over every segment, kept (least recently used first out) while the
        engine's postings take less than POSTINGS_BYTES: they only change with the index."""
        key = (field, text)
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
            return found
        found = read_postings(self.leaves, field, text)
        self._kept[key] = found
        self._kept_bytes += found.nbytes
        while self._kept_bytes > POSTINGS_BYTES and len(self._kept) > 1:
            self._kept_bytes -= self._kept.popitem(last=False)[1].nbytes
        return found

    def kinds(self) -> dict[str, np.ndarray]:
        """kind -> which documents are of that kind (deleted ones left out)."""
        if self._kinds is None:
            run = self.run()
            self._kinds = {}
            for term in self.searcher.reader().lexicon("kind"):
                kind = term.decode() if isinstance(term, bytes) else term
                self._kinds[kind] = run.docs(Term("kind", kind)) & self.live
        return self._kinds

    def of_kind(self, kind: str) -> np.ndarray:
        found = self.kinds().get(kind)
        return found if found is not None else np.zeros(self.size, dtype=bool)

    def run(self) -> Run:
        return Run(self)


class Run:
    """The queries of one search: each posting list read once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.searcher = engine.searcher
        self.reader = engine.searcher.reader()
        self._terms: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}  # never changed once made
        self._checked: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
        self._postings: dict[tuple[str, bytes], Postings] = {}
        weighting = engine.searcher.weighting
        self.k1, self.b, self.field_b = weighting.K1, weighting.B, weighting._field_B

    # -- reading -------------------------------------------------------------------------

    def _read(self, field: str, text: bytes) -> Postings:
        """One term's postings, read once per search (and kept by the engine while they fit)."""
        key = (field, text)
        found = self._postings.get(key)
        if found is None:
            found = self._postings[key] = self.engine.postings(field, text)
        return found

    def _bytes(self, field: str, text: str) -> bytes | None:
        schema = self.searcher.schema
        if field not in schema:
            return None
        try:
            return schema[field].to_bytes(text)
        except ValueError:
            return None

    # -- evaluating ----------------------------------------------------------------------

    def docs(self, query: Query | None) -> np.ndarray:
        """Which documents match (deleted ones included: callers mask with Engine.live)."""
        return self.evaluate(query)[0]

    def top(self, query: Query, allowed: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(the `limit` best documents in `allowed`, best first; the scores; every match).

        Phrases (quoted, of the dictionary, or the words side by side) are what costs: their
        positions are checked only where they decide whether a document matches (for the counts),
        and where they could lift a document onto the page asked for, best possible score first.
        Every other document keeps the score it has without them, which cannot reach the page."""
        low_found, low = self.evaluate(query, within=np.zeros(self.engine.size, dtype=bool))
        high_found, high = self.evaluate(query, guess=True)
        within = high_found & ~low_found
        found, score = self.evaluate(query, within=within) if within.any() else (low_found, low)
        pending = np.flatnonzero(found & allowed & ~within & (high > score))
        pending = pending[np.lexsort((pending, -high[pending]))]
        step, done = max(limit * 4, 64), 0
        while True:
            first = best(np.flatnonzero(found & allowed), score, limit)
            if done >= len(pending) or not limit or (len(first) >= limit and score[first[-1]] > high[pending[done]]):
                return first, score, found
            within[pending[done:done + step]] = True
            done, step = done + step, step * 2
            found, score = self.evaluate(query, within=within)

    def evaluate(self, query: Query | None, within: np.ndarray | None = None,
                 guess: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(matches, scores): a boolean and a float array over the document numbers. Phrases are
        checked only in `within` (when given); with `guess`, not at all (every candidate holds them)."""
        size = self.engine.size
        if query is None or query is NullQuery:
            return np.zeros(size, dtype=bool), np.zeros(size)
        if isinstance(query, Term):
            return self._term(query.fieldname, query.text, query.boost)
        if isinstance(query, (Prefix, FuzzyTerm)):
            return self._expanded(query)
        if isinstance(query, Phrase):
            return self._phrase(query, within, guess)
        if isinstance(query, AndMaybe):
            (found, score) = self.evaluate(query.a, within, guess)
            maybe, extra = self.evaluate(query.b, within, guess)
            return found, score + np.where(found & maybe, extra, 0.0)
        if isinstance(query, (And, Or)):
            subs = query.subqueries
            if not subs:
                return np.zeros(size, dtype=bool), np.zeros(size)
            if len(subs) == 1:
                return self.evaluate(subs[0], within, guess)  # as Whoosh: a single clause keeps its own boost
            parts = [self.evaluate(s, within, guess) for s in subs]
            found, score = parts[0][0].copy(), parts[0][1].copy()
            both = isinstance(query, And)
            for more, extra in parts[1:]:
                if both:
                    found &= more
                else:  # Whoosh's Or ignores minmatch: any clause will do
                    found |= more
                score += extra
            if both:
                score[~found] = 0.0
            if query.boost != 1.0:
                score *= query.boost
            return found, score
        raise TypeError(f"query type not evaluated here: {type(query).__name__}")

    def _term(self, field: str, text, boost: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        key = (field, text, boost)
        found = self._terms.get(key)
        if found is None:
            found = self._terms[key] = self._scored(field, text, boost)
        return found

    def _scored(self, field: str, text, boost: float) -> tuple[np.ndarray, np.ndarray]:
        size = self.engine.size
        found, score = np.zeros(size, dtype=bool), np.zeros(size)
        btext = text if isinstance(text, bytes) else self._bytes(field, text)
        if btext is None or not self.engine.has(field, btext):
            return found, score
        postings = self._read(field, btext)
        ids, weights = postings.ids, postings.weights.astype(np.float64)
        found[ids] = True
        if self.searcher.schema[field].scorable:
            idf = self.searcher.idf(field, btext)
            average = self.searcher.avg_field_length(field) or 1
            b = self.field_b.get(field, self.b)
            lengths = self.engine.lengths(field)[ids]
            score[ids] = idf * ((weights * (self.k1 + 1)) / (weights + self.k1 * ((1 - b) + b * lengths / average)))
        else:
            score[ids] = weights
        return found, score * boost if boost != 1.0 else score

    def _expanded(self, query: Prefix | FuzzyTerm) -> tuple[np.ndarray, np.ndarray]:
        """As Whoosh scores a Prefix or FuzzyTerm, segment by segment (its expansions are the
        segment's words): one word scores as a Term without the boost; two, or any number in a
        segment of more than 5,000 documents, as an Or of Terms; three or more in a smaller segment
        (Whoosh's preloaded Or, constant score), 1 for each document holding any of them."""
        size = self.engine.size
        found, score = np.zeros(size, dtype=bool), np.zeros(size)
        for reader, offset in self.engine.leaves:
            terms = [t for t in query._btexts(reader) if t]
            if not terms:
                continue
            part = slice(offset, offset + reader.doc_count_all())
            if len(terms) == 1:
                has, value = self._term(query.fieldname, terms[0])
            elif len(terms) < Or.TOO_MANY_CLAUSES and (len(terms) == 2 or reader.doc_count_all() > 5000):
                has, value = self.evaluate(Or([Term(query.fieldname, t) for t in terms], boost=query.boost))
            else:
                has = self._term(query.fieldname, terms[0])[0].copy()
                for t in terms[1:]:
                    has |= self._term(query.fieldname, t)[0]
                value = has.astype(np.float64)
            found[part], score[part] = has[part], value[part]
        return found, score

    def _phrase(self, query: Phrase, within: np.ndarray | None, guess: bool) -> tuple[np.ndarray, np.ndarray]:
        size, field = self.engine.size, query.fieldname
        terms = [self._bytes(field, w) for w in query.words]
        if not terms or any(t is None or not self.engine.has(field, t) for t in terms):
            return np.zeros(size, dtype=bool), np.zeros(size)
        parts = [self._term(field, t) for t in terms]
        candidates, score = parts[0][0].copy(), parts[0][1].copy()
        for more, extra in parts[1:]:
            candidates &= more
            score += extra
        if not guess:
            candidates = self._positions(field, terms, candidates if within is None else candidates & within)
        score[~candidates] = 0.0
        return candidates, score * query.boost if query.boost != 1.0 else score

    def _positions(self, field: str, terms: list[bytes], candidates: np.ndarray) -> np.ndarray:
        """Which of the candidates hold the terms one after the other (each document checked once
        per search, whichever query asks)."""
        checked, found = self._checked.setdefault((field, tuple(terms)), (np.zeros(self.engine.size, dtype=bool),
                                                                          np.zeros(self.engine.size, dtype=bool)))
        todo = np.flatnonzero(candidates & ~checked)
        if len(todo):
            decode = position_decoder(self.searcher.schema[field].format)
            lists = [self._read(field, t).values_of(todo) for t in terms]
            for n, doc in enumerate(todo.tolist()):
                starts = set(decode(lists[0][n]))
                for k in range(1, len(terms)):
                    starts &= {p - k for p in decode(lists[k][n])}
                    if not starts:
                        break
                if starts:
                    found[doc] = True
            checked[todo] = True
        return candidates & found
