"""Is the index up to date? Compare what it holds with what the features publish.

An update waits in the job queue for a moment after each publish, so a difference is normal
for a few seconds; /healthz reports it (with the counts) so that monitoring can alert when it
lasts, e.g. when the job worker is down. `flask search-rebuild` repairs any difference.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .backend import resolve
from .registry import registry


def check(target) -> dict:
    backend = resolve(target)
    if not backend.exists():
        raise FileNotFoundError("the search index has not been created (flask init)")
    held = backend.counts_by_kind(list(registry.sources))
    total = backend.doc_count()
    expected = {kind: source.expected() for kind, source in registry.sources.items()}
    behind = {k: {"index": held[k], "published": expected[k]} for k in expected if held[k] != expected[k]}
    updated = backend.updated_at()
    return {"documents": total, "stale": bool(behind), "differences": behind, "backend": backend.name,
            "updated": datetime.fromtimestamp(updated, UTC).isoformat(timespec="seconds") if updated else None}
