"""Writing the PostgreSQL search index: documents in, their words counted in the vocabulary.

Writers take a transaction-level advisory lock, so any number of app servers and workers can
write at once (the vocabulary counts are shared); readers see the previous state until a write
commits. The words are cut with the pattern the Whoosh backend uses, so both engines see the
same words.
"""

from __future__ import annotations

import re
import zlib

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from portal.core.text import nfc

from .analysis import WORD_PATTERN
from .registry import SearchDocument

_WORD = re.compile(WORD_PATTERN)
LOCK_KEY = zlib.crc32(b"portal search index writers")


def words(value: str) -> str:
    """The words of a text as the index keeps them: NFC, lower case, separated by spaces."""
    return " ".join(_WORD.findall(nfc(value or "").lower()))


def _lock(conn: Connection) -> None:
    """Writers one at a time (the vocabulary counts are shared); the write time recorded."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
    conn.execute(text("INSERT INTO search_writes (name, written_at) VALUES ('index', clock_timestamp()) "
                      "ON CONFLICT (name) DO UPDATE SET written_at = excluded.written_at"))


def _count_terms(conn: Connection, doc_ids: list[str], sign: int) -> None:
    """Add (sign=1) or take away (sign=-1) the words of these documents in the vocabulary."""
    if not doc_ids:
        return
    conn.execute(text(
        "INSERT INTO search_terms (word, folded, docs) "
        "SELECT w, unaccent(w), :sign * count(*) FROM search_documents, unnest(tsvector_to_array(exact)) AS w "
        "WHERE doc_id = ANY(:ids) GROUP BY w "
        "ON CONFLICT (word) DO UPDATE SET docs = search_terms.docs + excluded.docs"),
        {"ids": doc_ids, "sign": sign})
    conn.execute(text("DELETE FROM search_terms WHERE docs <= 0"))


def _insert(conn: Connection, docs: list[SearchDocument]) -> None:
    if not docs:
        return
    rows = [{"doc_id": d.doc_id, "kind": d.kind, "title": d.title, "summary": d.summary or "",
             "text": d.text or "", "url": d.url, "unit_code": d.unit_code or "",
             "province_code": d.province_code or "", "published": d.published,
             "tw": words(d.title), "sw": words(d.summary), "xw": words(d.text)} for d in docs]
    conn.execute(text(
        "INSERT INTO search_documents (doc_id, kind, title, summary, text, url, unit_code, province_code, "
        "published, indexed_at, exact, folded) VALUES (:doc_id, :kind, :title, :summary, :text, :url, "
        ":unit_code, :province_code, :published, now(), "
        "setweight(to_tsvector('simple', :tw), 'A') || setweight(to_tsvector('simple', :sw), 'B')"
        " || setweight(to_tsvector('simple', :xw), 'D'), "
        "setweight(to_tsvector('simple', unaccent(:tw)), 'A')"
        " || setweight(to_tsvector('simple', unaccent(:sw)), 'B')"
        " || setweight(to_tsvector('simple', unaccent(:xw)), 'D'))"),
        rows)


def write(engine: Engine, remove: list[str], prefix: str, docs: list[SearchDocument]) -> None:
    """One transaction: drop `remove`, every document under `prefix` and `docs`; add `docs`."""
    with engine.begin() as conn:
        _lock(conn)
        ids = [*remove, *(d.doc_id for d in docs)]
        if prefix:
            ids += conn.scalars(text("SELECT doc_id FROM search_documents WHERE starts_with(doc_id, :p)"),
                                {"p": prefix}).all()
        _count_terms(conn, ids, -1)
        conn.execute(text("DELETE FROM search_documents WHERE doc_id = ANY(:ids)"), {"ids": ids})
        unique = list({d.doc_id: d for d in docs}.values())
        _insert(conn, unique)
        _count_terms(conn, [d.doc_id for d in unique], 1)


def rebuild(engine: Engine, docs) -> int:
    """Every document anew, in batches of 500; the vocabulary counted once at the end."""
    count = 0
    with engine.begin() as conn:
        _lock(conn)
        conn.execute(text("DELETE FROM search_documents"))
        conn.execute(text("DELETE FROM search_terms"))
        batch: list[SearchDocument] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == 500:
                _insert(conn, list({d.doc_id: d for d in batch}.values()))
                count, batch = count + len(batch), []
        _insert(conn, list({d.doc_id: d for d in batch}.values()))
        count += len(batch)
        conn.execute(text(
            "INSERT INTO search_terms (word, folded, docs) SELECT w, unaccent(w), count(*) "
            "FROM search_documents, unnest(tsvector_to_array(exact)) AS w GROUP BY w"))
    return count
