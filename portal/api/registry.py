"""Collections that features publish through the API, and the query every list understands."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class ListQuery:
    page: int = 1
    per_page: int = 20
    committee: str = ""  # a committee's code: its own items
    province: str = ""   # a province's code: the province's committee and its communes
    since: datetime | None = None  # only what changed after this moment (UTC)


@dataclass
class Collection:
    name: str                      # the path segment: /api/v1/<name>/
    title: str                     # for the document and the human page
    schema: type[BaseModel]        # one item
    list_items: Callable[[ListQuery], tuple[list[BaseModel], int]]
    get_item: Callable[[int], BaseModel | None]
    filters: tuple[str, ...] = ("committee", "province", "since")
    # SQLAlchemy models whose public rows this collection shows: leaving the public (deleted,
    # unpublished, hidden) is recorded, so `since` can report it. (model, key, was_public, is_public)
    tracked: list[tuple[type, Callable, Callable, Callable]] = field(default_factory=list)


class Registry:
    def __init__(self) -> None:
        self.collections: dict[str, Collection] = {}

    def register(self, collection: Collection) -> None:
        self.collections[collection.name] = collection

    def get(self, name: str) -> Collection | None:
        return self.collections.get(name)

    def ordered(self) -> list[Collection]:
        return [self.collections[k] for k in sorted(self.collections)]


registry = Registry()
