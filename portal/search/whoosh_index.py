"""The Whoosh index in SEARCH_INDEX_DIR (the default backend): schema, writing, searching.

Writes go through the job queue (see jobs.py), so one worker process is the single writer and
gunicorn workers never fight over the index lock.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema
from whoosh.index import TOC
from whoosh.query import Or, Prefix, Query, Term

from . import query as q
from .analysis import exact_analyzer, folded_analyzer
from .found import Filters, Found, Row
from .registry import SearchDocument
from .suggest import suggestion
from .whoosh_match import Engine

SCHEMA_VERSION = "1"
INDEX_NAME = f"portal{SCHEMA_VERSION}"
TEXT_FIELDS = ("title", "title_folded", "summary", "text", "text_folded")


def make_schema() -> Schema:
    return Schema(
        doc_id=ID(unique=True, stored=True),
        kind=ID(stored=True),
        title=TEXT(analyzer=exact_analyzer(), stored=True, field_boost=3.0),
        title_folded=TEXT(analyzer=folded_analyzer(), field_boost=2.0),
        summary=TEXT(analyzer=exact_analyzer(), stored=True, field_boost=1.5),
        text=TEXT(analyzer=exact_analyzer(), stored=True),
        text_folded=TEXT(analyzer=folded_analyzer(), field_boost=0.7),
        url=STORED(),
        unit_code=ID(stored=True),
        province_code=ID(stored=True),
        published=DATETIME(stored=True, sortable=True),
    )


def open_index(directory: str | Path, create: bool = True):
    directory = Path(directory)
    if whoosh_index.exists_in(directory, indexname=INDEX_NAME):
        return whoosh_index.open_dir(directory, indexname=INDEX_NAME)
    if not create:
        raise FileNotFoundError(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(directory, make_schema(), indexname=INDEX_NAME)


_open = threading.local()  # per thread: {directory: (pid, generation, index, searcher)}


def searcher_of(directory: str | Path):
    """(index, searcher) of the index's current generation, kept open by this thread until the
    index changes: opening a searcher reads every segment's files (tens of ms at 10,000 documents).
    A searcher is not shared between threads, nor kept across a fork."""
    directory = str(directory)
    held = getattr(_open, "held", None)
    if held is None:
        held = _open.held = {}
    pid, kept = os.getpid(), held.get(directory)
    if kept is not None and kept[0] == pid:
        ix = kept[2]
        if os.path.isdir(directory) and TOC._latest_generation(ix.storage, INDEX_NAME) == kept[1]:
            return ix, kept[3]
        if kept[3] is not None:
            kept[3].close()
    ix = open_index(directory)
    generation = ix.latest_generation()
    searcher = ix.searcher()
    held[directory] = (pid, generation, ix, searcher)
    return ix, searcher


def generation_of(directory: str | Path) -> str:
    """What changes with every commit to the index (and when it is made anew in the same folder)."""
    directory = Path(directory)
    if not os.path.isdir(directory):
        return ""
    from whoosh.filedb.filestore import FileStorage

    gen = TOC._latest_generation(FileStorage(str(directory)), INDEX_NAME)
    try:
        stamp = (directory / TOC._filename(INDEX_NAME, gen)).stat().st_mtime_ns
    except OSError:
        stamp = 0
    return f"{directory}:{gen}:{stamp}"


def _fields(doc: SearchDocument) -> dict:
    return dict(
        doc_id=doc.doc_id, kind=doc.kind, title=doc.title, title_folded=doc.title,
        summary=doc.summary, text=doc.text, text_folded=f"{doc.summary}\n{doc.text}",
        url=doc.url, unit_code=doc.unit_code, province_code=doc.province_code,
        **({"published": doc.published.replace(tzinfo=None)} if doc.published else {}),
    )


def _place_filter(province: str = "", unit: str = "") -> Query | None:
    if unit:
        return Term("unit_code", unit)
    if province:
        return Or([Term("province_code", province), Term("unit_code", province)])
    return None


class WhooshBackend:
    name = "whoosh"

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    def ensure(self) -> None:
        open_index(self.directory)

    def exists(self) -> bool:
        return os.path.isdir(self.directory) and whoosh_index.exists_in(self.directory, indexname=INDEX_NAME)

    def upsert(self, docs: list[SearchDocument]) -> None:
        with open_index(self.directory).writer(timeout=30) as writer:
            for doc in docs:
                writer.update_document(**_fields(doc))

    def delete(self, doc_ids: list[str]) -> None:
        with open_index(self.directory).writer(timeout=30) as writer:
            for doc_id in doc_ids:
                writer.delete_by_term("doc_id", doc_id)

    def replace_prefix(self, prefix: str, docs: list[SearchDocument]) -> None:
        """Remove every document whose id starts with `prefix`, add `docs`, in one commit."""
        with open_index(self.directory).writer(timeout=30) as writer:
            writer.delete_by_query(Prefix("doc_id", prefix))
            for doc in docs:
                writer.add_document(**_fields(doc))

    def rebuild(self, docs) -> int:
        count = 0
        with open_index(self.directory).writer(timeout=60) as writer:
            writer.mergetype = writing.CLEAR
            for doc in docs:
                writer.add_document(**_fields(doc))
                count += 1
        return count

    def doc_count(self) -> int:
        return open_index(self.directory, create=False).doc_count()

    def counts_by_kind(self, kinds) -> dict[str, int]:
        with open_index(self.directory, create=False).searcher() as searcher:
            # Counted by a search, which skips deleted documents (term statistics do not).
            return {kind: len(searcher.search(Term("kind", kind), limit=None, scored=False)) for kind in kinds}

    def generation(self) -> str:
        return generation_of(self.directory)

    def updated_at(self) -> float | None:
        files = list(self.directory.glob("*.toc")) + list(self.directory.glob("*.seg"))
        return max((f.stat().st_mtime for f in files), default=None)

    def search(self, parsed: q.Parsed, filters: Filters, page: int, per_page: int, any_word: bool,
               counts: bool = True) -> Found:
        ix, searcher = searcher_of(self.directory)
        reader = searcher.reader()

        def known(folded: str) -> bool:
            return ("text_folded", folded) in reader or ("title_folded", folded) in reader

        # Evaluated a posting list at a time (whoosh_match.py), scored as Whoosh scores the same query.
        engine = Engine.of(searcher)
        run = engine.run()
        place = _place_filter(filters.province, filters.unit)
        visible = engine.live.copy()
        for kind in (filters.hidden if not filters.kind else ()):
            visible &= ~engine.of_kind(kind)
        allowed = visible & run.docs(place) if place is not None else visible
        if filters.kind:
            allowed = allowed & engine.of_kind(filters.kind)
        # Pages that hold every word come first; when they do not fill the page asked for,
        # pages with at least half of the words follow.
        need = page * per_page
        built = q.build(parsed, known, every_word=not any_word)
        best, score, matched = run.top(built, allowed, need)
        rows = [(int(d), float(score[d])) for d in best]
        matched = matched & visible
        total = int(np.count_nonzero(matched & allowed))
        every = 0 if any_word else total
        if not any_word and len(rows) < need and len(parsed.words) > 1:
            built = q.build(parsed, known, every_word=False)
            seen = np.zeros(engine.size, dtype=bool)
            seen[[d for d, _s in rows]] = True
            best, score, matched = run.top(built, allowed & ~seen, need - len(rows))
            rows += [(int(d), float(score[d])) for d in best]
            matched = matched & visible
            total = max(total, int(np.count_nonzero(matched & allowed)))
        rows = rows[(page - 1) * per_page:need]
        stored = [(searcher.stored_fields(d), sc) for d, sc in rows]
        found = Found(rows=[Row(kind=f["kind"], title=f["title"], url=f["url"], score=sc,
                                unit_code=f.get("unit_code", ""), summary=f.get("summary", ""),
                                text=f.get("text", "")) for f, sc in stored], total=total, every=every)
        if counts:
            if place is not None:
                matched = matched & run.docs(place)
            found.by_kind = {k: n for k, n in ((k, int(np.count_nonzero(matched & d)))
                                               for k, d in engine.kinds().items()) if n}
            certain = total >= 3 and all(known(f) for f in parsed.folded)
            found.suggestion = "" if certain else suggestion(ix, reader, parsed, known)
        return found

    def doc_frequencies(self, folded_words: list[str]) -> tuple[int, dict[str, int]]:
        searcher = searcher_of(self.directory)[1]
        return searcher.doc_count(), {w: searcher.doc_frequency("text_folded", w) for w in folded_words}

    def contents(self) -> tuple[str, set[str]]:
        with open_index(self.directory).searcher() as searcher:
            stored = "\n".join(str(fields) for fields in searcher.all_stored_fields())
            words = {t.decode() if isinstance(t, bytes) else t
                     for fieldname in TEXT_FIELDS for t in searcher.lexicon(fieldname)}
        return stored, words
