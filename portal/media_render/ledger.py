"""Coalescing: one render job per item, however many requests, on every worker and instance.

The row of `models.MediaRender` is the only shared state, changed by conditional UPDATEs: on
PostgreSQL the first UPDATE locks the row until its transaction ends, and a second one then
re-reads it (READ COMMITTED), so of two requests at once only one takes the queue slot; on
SQLite writes are serialised anyway.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from portal.db import utcnow

from .models import MediaRender

# A slot taken longer ago than this, by a job never started (the queue was down when it was
# put there, or emptied by hand), is taken again. Running jobs refresh it at each round.
LOST_AFTER = timedelta(hours=12)
_t = MediaRender.__table__


def _row(kind: str, item_id: int):
    return (_t.c.kind == kind) & (_t.c.item_id == item_id)


def _ensure_row(session: Session, kind: str, item_id: int) -> None:
    """The item's row, written if missing; INSERT … ON CONFLICT DO NOTHING, not a savepoint:
    releasing one runs the after-commit hooks (the jobs queued so far) before the real commit."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(_t).values(kind=kind, item_id=item_id, generation=0, queued=False)
                    .on_conflict_do_nothing(index_elements=["kind", "item_id"]))


def claim(session: Session, kind: str, item_id: int) -> bool:
    """Count one more request for the item, in the caller's transaction. True: the caller
    queues the render job (after its commit); False: a job waits or runs and will take it."""
    _ensure_row(session, kind, item_id)
    now = utcnow()
    free = or_(_t.c.queued.is_(False), _t.c.queued_at.is_(None), _t.c.queued_at < now - LOST_AFTER)
    if session.execute(update(_t).where(_row(kind, item_id), free).values(
            generation=_t.c.generation + 1, queued=True, queued_at=now)).rowcount:
        return True
    session.execute(update(_t).where(_row(kind, item_id)).values(generation=_t.c.generation + 1))
    return False


def begin(session: Session, kind: str, item_id: int) -> int:
    """A job starts a round: returns the generation it renders (and commits). A job queued
    without a request (by hand) finds its row made here."""
    _ensure_row(session, kind, item_id)
    session.execute(update(_t).where(_row(kind, item_id)).values(queued=True, queued_at=utcnow()))
    generation = session.scalar(select(_t.c.generation).where(_row(kind, item_id))) or 0
    session.commit()
    return generation


def finish(session: Session, kind: str, item_id: int, generation: int) -> bool:
    """Give the slot back if no request came since `generation`; False: go round again."""
    released = session.execute(update(_t).where(_row(kind, item_id), _t.c.generation == generation)
                               .values(queued=False, queued_at=None)).rowcount
    session.commit()
    return bool(released)


def release(session: Session, kind: str, item_id: int) -> None:
    """The job gives up (its item is gone, or its worker always died)."""
    session.execute(update(_t).where(_row(kind, item_id)).values(queued=False, queued_at=None))
    session.commit()
