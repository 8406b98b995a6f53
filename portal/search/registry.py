"""What the index holds. Features register a source; the index never imports a feature."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from portal.db import db


@dataclass(frozen=True)
class SearchDocument:
    kind: str           # "bulletin", "document", "lesson", "answer"
    key: str            # unique within the kind
    title: str
    text: str
    url: str
    summary: str = ""
    unit_code: str = ""
    province_code: str = ""
    published: datetime | None = None

    @property
    def doc_id(self) -> str:
        return f"{self.kind}:{self.key}"


def public_document(model: type, key: str, document: Callable[[Any], SearchDocument]) -> SearchDocument | None:
    """A `fetch` for rows keyed by their id: the document of the row, None (remove it) when the
    row is gone or not public (`row.is_public()`)."""
    row = db.session.get(model, int(key)) if key.isdigit() else None
    return document(row) if row is not None and row.is_public() else None


@dataclass
class Source:
    kind: str
    label: Callable[[], str]  # lazily translated name of the kind
    documents: Callable[[], Iterable[SearchDocument]]  # everything public, for rebuilds
    fetch: Callable[[str], SearchDocument | None]      # one document by key; None = remove it
    count: Callable[[], int] | None = None             # how many are public (cheaper than documents)
    listed: bool = True  # False: indexed for the question helper, not listed among search results
    # Parts of another kind's documents (a lesson's steps): keyed "<parent key>.<n>", refreshed
    # together with their parent by `parts_of(parent key)`.
    parent: str = ""
    parts_of: Callable[[str], Iterable[SearchDocument]] | None = None
    # The address of the reading page of a document (by its URL) that holds a passage, or "".
    locate: Callable[[str, str], str] | None = None

    def expected(self) -> int:
        return self.count() if self.count else sum(1 for _ in self.documents())


@dataclass
class Registry:
    sources: dict[str, Source] = field(default_factory=dict)

    def register(self, kind: str, label: Callable[[], str],
                 documents: Callable[[], Iterable[SearchDocument]],
                 fetch: Callable[[str], SearchDocument | None], count: Callable[[], int] | None = None,
                 listed: bool = True, parent: str = "",
                 parts_of: Callable[[str], Iterable[SearchDocument]] | None = None,
                 locate: Callable[[str, str], str] | None = None) -> None:
        self.sources[kind] = Source(kind, label, documents, fetch, count, listed, parent, parts_of, locate)

    def parts(self, kind: str) -> list[Source]:
        return [s for s in self.sources.values() if s.parent == kind and s.parts_of is not None]

    def unlisted(self) -> list[str]:
        return [kind for kind, source in self.sources.items() if not source.listed]

    def all_documents(self) -> Iterable[SearchDocument]:
        for source in self.sources.values():
            yield from source.documents()


registry = Registry()
