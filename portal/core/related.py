"""Links between features by URL, so no feature imports another.

A feature registers a resolver for its URL prefix (the library for "/thu-vien/"); any text
that links there (a bulletin's or a lesson's Markdown) gets a "related" box listing what the
links point to, with what the resolver says about each (e.g. "PDF, 2,4 MB"):

    {% from "_macros/related.html" import related %}{{ related(bulletin.body) }}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str
    note: str = ""


@dataclass
class RelatedRegistry:
    resolvers: dict[str, Callable[[list[str]], list[RelatedLink]]] = field(default_factory=dict)

    def register(self, prefix: str, resolve: Callable[[list[str]], list[RelatedLink]]) -> None:
        """`resolve` gets the slugs linked under `prefix`, in order, and returns what exists."""
        self.resolvers[prefix] = resolve

    def find(self, text: str | None, limit: int = 8) -> list[RelatedLink]:
        links: list[RelatedLink] = []
        for prefix, resolve in self.resolvers.items():
            pattern = re.compile(r"(?:https?://[^/\s)]+)?" + re.escape(prefix)
                                 + r"([a-z0-9][a-z0-9-]{0,119})(?![a-z0-9/-])")
            slugs = list(dict.fromkeys(pattern.findall(text or "")))[:limit]
            if slugs:
                links += resolve(slugs)
        return links[:limit]


related = RelatedRegistry()
