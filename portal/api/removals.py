"""Tombstones: what left the public (deleted, unpublished, hidden), so that a city app syncing
with `since` can remove it too. Recorded at flush time for the models that collections track,
so no feature's service has to remember to call anything."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, event, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.db import Base, UTCDateTime, utcnow

from .registry import registry


class Removal(Base):
    __tablename__ = "api_removals"

    id: Mapped[int] = mapped_column(primary_key=True)
    collection: Mapped[str] = mapped_column(String(40))
    key: Mapped[int] = mapped_column()
    removed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_api_removals_since", "collection", "removed_at"),)


def previous(obj, attr: str):
    """The value an attribute had when loaded (before this flush's change)."""
    history = inspect(obj).attrs[attr].history
    if history.deleted:
        return history.deleted[0]
    return getattr(obj, attr)


def _watch(session: Session, _context, _instances) -> None:
    found = []
    for collection in registry.collections.values():
        for model, key, was_public, is_public in collection.tracked:
            for obj in session.deleted:
                if isinstance(obj, model) and was_public(obj):
                    found.append((collection.name, key(obj)))
            for obj in session.dirty:
                if isinstance(obj, model) and session.is_modified(obj) and was_public(obj) and not is_public(obj):
                    found.append((collection.name, key(obj)))
    for name, key in dict.fromkeys(found):
        if key is not None:
            session.add(Removal(collection=name, key=key))


def removed_since(session: Session, collection: str, since: datetime, limit: int = 1000) -> list[Removal]:
    stmt = (select(Removal).where(Removal.collection == collection, Removal.removed_at > since)
            .order_by(Removal.removed_at, Removal.id).limit(limit))
    return list(session.scalars(stmt))


event.listen(Session, "before_flush", _watch)
