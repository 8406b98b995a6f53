"""Index maintenance through the job queue: the worker is the index's single writer."""

from __future__ import annotations

from flask import current_app

from portal.jobs.queue import jobs

from . import index
from .registry import registry


@jobs.task(retries=3, retry_delay=10)
def refresh(kind: str, key: str) -> str:
    """Re-read one document from its feature and update or remove it in the index."""
    directory = current_app.config["SEARCH_INDEX_DIR"]
    source = registry.sources.get(kind)
    doc = source.fetch(key) if source else None
    if doc is None:
        index.delete(directory, [f"{kind}:{key}"])
    else:
        index.upsert(directory, [doc])
    for part in registry.parts(kind):  # e.g. a lesson's steps: all replaced (or removed) with it
        index.replace_prefix(directory, f"{part.kind}:{key}.", list(part.parts_of(key)) if doc else [])
    return "updated" if doc is not None else "deleted"


@jobs.task(retries=1, retry_delay=30)
def rebuild_all() -> int:
    return index.rebuild(current_app.config["SEARCH_INDEX_DIR"], registry.all_documents())
