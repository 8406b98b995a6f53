"""Index maintenance through the job queue: the worker is the index's single writer."""

from __future__ import annotations

from portal.core.pagecache import bump
from portal.jobs.queue import jobs

from .backend import current
from .registry import registry


@jobs.task(retries=3, retry_delay=10)
def refresh(kind: str, key: str) -> str:
    """Re-read one document from its feature and update or remove it in the index."""
    backend = current()
    source = registry.sources.get(kind)
    doc = source.fetch(key) if source else None
    if doc is None:
        backend.delete([f"{kind}:{key}"])
    else:
        backend.upsert([doc])
    for part in registry.parts(kind):  # e.g. a lesson's steps: all replaced (or removed) with it
        backend.replace_prefix(f"{part.kind}:{key}.", list(part.parts_of(key)) if doc else [])
    bump()  # search results and lists changed with no commit of the portal's: no page is kept
    return "updated" if doc is not None else "deleted"


@jobs.task(retries=1, retry_delay=30)
def rebuild_all() -> int:
    count = current().rebuild(registry.all_documents())
    bump()
    return count
