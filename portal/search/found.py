"""What a search backend answers: the rows found, the counts, and the filters asked for.

Shared by the Whoosh and PostgreSQL backends and by the callers that choose between them
(backend.py), so the backends need not import the module that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    """One matching document, as stored."""
    kind: str
    title: str
    url: str
    score: float
    unit_code: str = ""
    summary: str = ""
    text: str = ""  # the whole text (snippets are cut from it)


@dataclass
class Found:
    rows: list[Row] = field(default_factory=list)          # the page asked for
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # the same query, every kind
    suggestion: str = ""                                  # "did you mean", with diacritics
    every: int = 0                                        # how many pages hold every word


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    province: str = ""
    unit: str = ""
    hidden: tuple[str, ...] = ()  # kinds left out unless `kind` asks for one
