"""Asking for a render, from a feature's service, inside its transaction (it commits)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from portal.jobs.queue import jobs

from . import ledger, registry
from .models import MEDIA_WAITING


def request(session: Session, kind: str, item: Any, *, force: bool = False) -> bool:
    """The item changed: render its media unless they already are what it holds (or it is not
    to have any). Marks it waiting; queues one job after the commit unless one waits or runs
    for the item already, which then renders the latest text. True when a render is due."""
    renderer = registry.get(kind)
    if not renderer.active(item):
        return False
    if force:
        setattr(item, renderer.hash, "")
    elif getattr(item, renderer.hash) == renderer.fingerprint(session, item):
        return False
    setattr(item, renderer.state, MEDIA_WAITING)
    setattr(item, renderer.error, "")
    session.flush()
    if ledger.claim(session, kind, item.id):
        from .jobs import render

        jobs.enqueue_after_commit(session, render, kind, item.id)
    return True
