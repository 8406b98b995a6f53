"""Is the index up to date? Compare what it holds with what the features publish.

An update waits in the job queue for a moment after each publish, so a difference is normal
for a few seconds; /healthz reports it (with the counts) so that monitoring can alert when it
lasts, e.g. when the job worker is down. `flask search-rebuild` repairs any difference.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from whoosh.query import Term

from .index import open_index
from .registry import registry


def check(directory: str | Path) -> dict:
    ix = open_index(directory, create=False)
    with ix.searcher() as searcher:
        # Counted by a search, which skips deleted documents (term statistics do not).
        held = {kind: len(searcher.search(Term("kind", kind), limit=None, scored=False))
                for kind in registry.sources}
        total = searcher.doc_count()
    expected = {kind: source.expected() for kind, source in registry.sources.items()}
    behind = {k: {"index": held[k], "published": expected[k]} for k in expected if held[k] != expected[k]}
    files = list(Path(directory).glob("*.toc")) + list(Path(directory).glob("*.seg"))
    updated = max((f.stat().st_mtime for f in files), default=0)
    return {"documents": total, "stale": bool(behind), "differences": behind,
            "updated": datetime.fromtimestamp(updated, UTC).isoformat(timespec="seconds") if updated else None}
