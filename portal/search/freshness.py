"""Is the index up to date? Compare what it holds with what the features publish.

Every change queues an index update, which waits its turn in the job queue: behind ~280 audio
renders after the first start, for minutes. A difference while updates wait is the index being
*behind*, not *stale*: /healthz says `stale` only when the index disagrees with the database
and no update is waiting (the worker lost one, or the index was changed by hand), so that
monitoring can alert on it. `flask search-rebuild` repairs any difference.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from portal.jobs.queue import jobs

from .backend import resolve
from .jobs import rebuild_all, refresh
from .registry import registry

log = logging.getLogger(__name__)


def _updates_waiting() -> int | None:
    try:
        return jobs.waiting(refresh, rebuild_all)
    except Exception as exc:  # the queue is unreachable: the jobs check reports it
        log.warning("search freshness: queue unreadable: %s", type(exc).__name__)
        return None


def check(target) -> dict:
    backend = resolve(target)
    if not backend.exists():
        raise FileNotFoundError("the search index has not been created (flask init)")
    held = backend.counts_by_kind(list(registry.sources))
    total = backend.doc_count()
    expected = {kind: source.expected() for kind, source in registry.sources.items()}
    behind = {k: {"index": held[k], "published": expected[k]} for k in expected if held[k] != expected[k]}
    waiting = _updates_waiting() if behind else 0
    updated = backend.updated_at()
    return {"documents": total, "stale": bool(behind) and not waiting, "differences": behind,
            "updates_waiting": waiting, "backend": backend.name,
            "updated": datetime.fromtimestamp(updated, UTC).isoformat(timespec="seconds") if updated else None}
