"""The Whoosh index in search_index/: schema, opening, writing and querying.

Writes go through the job queue (see jobs.py), so one worker process is the
single writer and gunicorn workers never fight over the index lock.
"""

from __future__ import annotations

import os
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema
from whoosh.query import Prefix

from .analysis import exact_analyzer, folded_analyzer
from .registry import SearchDocument

SCHEMA_VERSION = "1"


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
    if whoosh_index.exists_in(directory, indexname=f"portal{SCHEMA_VERSION}"):
        return whoosh_index.open_dir(directory, indexname=f"portal{SCHEMA_VERSION}")
    if not create:
        raise FileNotFoundError(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(directory, make_schema(), indexname=f"portal{SCHEMA_VERSION}")


def _fields(doc: SearchDocument) -> dict:
    return dict(
        doc_id=doc.doc_id, kind=doc.kind, title=doc.title, title_folded=doc.title,
        summary=doc.summary, text=doc.text, text_folded=f"{doc.summary}\n{doc.text}",
        url=doc.url, unit_code=doc.unit_code, province_code=doc.province_code,
        **({"published": doc.published.replace(tzinfo=None)} if doc.published else {}),
    )


def upsert(directory: str | Path, docs: list[SearchDocument]) -> None:
    ix = open_index(directory)
    with ix.writer(timeout=30) as writer:
        for doc in docs:
            writer.update_document(**_fields(doc))


def delete(directory: str | Path, doc_ids: list[str]) -> None:
    ix = open_index(directory)
    with ix.writer(timeout=30) as writer:
        for doc_id in doc_ids:
            writer.delete_by_term("doc_id", doc_id)


def replace_prefix(directory: str | Path, prefix: str, docs: list[SearchDocument]) -> None:
    """Remove every document whose id starts with `prefix`, add `docs`, in one commit."""
    ix = open_index(directory)
    with ix.writer(timeout=30) as writer:
        writer.delete_by_query(Prefix("doc_id", prefix))
        for doc in docs:
            writer.add_document(**_fields(doc))


def rebuild(directory: str | Path, docs) -> int:
    ix = open_index(directory)
    count = 0
    with ix.writer(timeout=60) as writer:
        writer.mergetype = writing.CLEAR
        for doc in docs:
            writer.add_document(**_fields(doc))
            count += 1
    return count


def doc_count(directory: str | Path) -> int:
    return open_index(directory, create=False).doc_count()


def index_exists(directory: str | Path) -> bool:
    return os.path.isdir(directory) and whoosh_index.exists_in(directory, indexname=f"portal{SCHEMA_VERSION}")
