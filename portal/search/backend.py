"""Which search engine holds the index: Whoosh files (default) or PostgreSQL full-text search.

SEARCH_BACKEND="whoosh" keeps the index in SEARCH_INDEX_DIR: right for a commune on one server,
with the job worker as its single writer. SEARCH_BACKEND="postgresql" keeps it in tables of
the portal's PostgreSQL database (`unaccent` folds the words, đ → d): any number of app
instances and workers write and read it at once, and it is backed up with the database.

Both engines answer the same questions the same way (tests/search runs its corpus on each);
query parsing, snippets and the question helper are shared and live beside this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from flask import current_app

from .found import Filters, Found
from .query import Parsed
from .registry import SearchDocument

BACKENDS = ("whoosh", "postgresql")


class SearchBackend(Protocol):
    name: str

    def ensure(self) -> None: ...                     # create the index if missing
    def exists(self) -> bool: ...
    def upsert(self, docs: list[SearchDocument]) -> None: ...
    def delete(self, doc_ids: list[str]) -> None: ...
    def replace_prefix(self, prefix: str, docs: list[SearchDocument]) -> None: ...
    def rebuild(self, docs) -> int: ...
    def doc_count(self) -> int: ...
    def counts_by_kind(self, kinds) -> dict[str, int]: ...
    def updated_at(self) -> float | None: ...        # POSIX time of the last write
    def generation(self) -> str: ...                 # changes with every write (result cache key)
    def search(self, parsed: Parsed, filters: Filters, page: int, per_page: int, any_word: bool,
               counts: bool = True) -> Found: ...  # counts=False: rows and total only; per_page=0: total only
    def doc_frequencies(self, folded_words: list[str]) -> tuple[int, dict[str, int]]: ...
    def contents(self) -> tuple[str, set[str]]: ...  # every stored value and every indexed word


def from_config(config) -> SearchBackend:
    name = config.get("SEARCH_BACKEND") or "whoosh"
    if name == "postgresql":
        from portal.db import db

        from .postgresql_index import PostgresBackend

        return PostgresBackend(db.engine)
    from .whoosh_index import WhooshBackend

    return WhooshBackend(config["SEARCH_INDEX_DIR"])


def current() -> SearchBackend:
    """The configured backend of the running app."""
    return from_config(current_app.config)


def resolve(target) -> SearchBackend:
    """A backend as given, or a directory path meaning a Whoosh index there (tests, benchmarks)."""
    if isinstance(target, (str, Path)):
        from .whoosh_index import WhooshBackend

        return WhooshBackend(target)
    return target
