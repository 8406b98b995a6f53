"""Writing the index, whichever backend holds it (see backend.py).

Each function takes a backend, or a directory path meaning a Whoosh index there.
"""

from __future__ import annotations

from .backend import resolve
from .registry import SearchDocument


def ensure(target) -> None:
    resolve(target).ensure()


def upsert(target, docs: list[SearchDocument]) -> None:
    resolve(target).upsert(docs)


def delete(target, doc_ids: list[str]) -> None:
    resolve(target).delete(doc_ids)


def replace_prefix(target, prefix: str, docs: list[SearchDocument]) -> None:
    """Remove every document whose id starts with `prefix`, add `docs`, in one commit."""
    resolve(target).replace_prefix(prefix, docs)


def rebuild(target, docs) -> int:
    """Replace the whole index with `docs`; returns how many were indexed."""
    return resolve(target).rebuild(docs)


def doc_count(target) -> int:
    return resolve(target).doc_count()


def index_exists(target) -> bool:
    return resolve(target).exists()
