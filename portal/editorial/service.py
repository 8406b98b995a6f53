"""Who may edit, and changing the state of published content, for the features' services."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from portal.accounts.models import ADMIN, EDITOR, User
from portal.db import utcnow
from portal.jobs.queue import jobs
from portal.media_render import service as media_render
from portal.units.models import Unit

DRAFT, PUBLISHED = "draft", "published"


class PermissionDenied(Exception):
    """The acting user may not change this committee's content."""


def can_edit(user: User, unit: Unit) -> bool:
    """Administrators everywhere; editors for their own committee."""
    if user.role == ADMIN:
        return True
    return user.role == EDITOR and user.unit_id is not None and user.unit_id == unit.id


def check(user: User, unit: Unit) -> None:
    if not can_edit(user, unit):
        raise PermissionDenied


@dataclass
class Edit:
    """An item being saved: whether it is new, and its fields as they were (for the audit)."""

    item: Any
    creating: bool
    before: dict[str, Any]

    def changed(self) -> list[str]:
        return sorted(k for k, v in self.before.items() if v != getattr(self.item, k))


def begin_edit(session: Session, actor: User, unit: Unit, item: Any, new: Callable[[], Any],
               fields: Iterable[str]) -> Edit:
    """Check that `actor` may put content under `unit` (and may change `item`); a new row from
    `new()` when there is no item yet."""
    check(actor, unit)
    if item is not None:
        check(actor, item.unit)
    creating = item is None
    if creating:
        item = new()
        session.add(item)
    return Edit(item, creating, {k: getattr(item, k) for k in fields})


def queue_search(session: Session, kind: str, item_id: int) -> None:
    from portal.search.jobs import refresh

    jobs.enqueue_after_commit(session, refresh, kind, str(item_id))


def set_status(session: Session, actor: User, item: Any, status: str, *, note: Callable[[], None],
               search_kind: str, media_kind: str = "", now: datetime | None = None) -> Any:
    """Publish or unpublish `item` (its own dates set by the caller): `note` writes the audit or
    history entry; the media are asked for when published, the index refreshed; one commit."""
    check(actor, item.unit)
    item.status = status
    item.updated_at = now or utcnow()
    note()
    if status == PUBLISHED and media_kind:
        media_render.request(session, media_kind, item)
    queue_search(session, search_kind, item.id)
    session.commit()
    return item
