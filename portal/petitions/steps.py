"""What every staff action on a petition does, whatever the step: check that the actor may act
on it (else PermissionDenied) and that its state and the input allow the step (else
HandlingError, nothing changed), record a PetitionEvent and an audit entry, tell the resident,
refresh the search index after the commit. The limits of the staff forms live here too.

Audit entries never copy the texts, only sizes, codes and ids, so the audit log holds no
personal data.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.accounts.service import audit
from portal.db import utcnow
from portal.units.models import Unit

from .access import can_act
from .models import OPEN_STATUSES, Petition, PetitionEvent

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
ANSWER_MAX, PUBLIC_TITLE_MAX, PUBLIC_BODY_MAX, REASON_MAX, NOTE_MAX = 8000, 200, 10000, 1000, 2000
PUBLIC_NAME_MAX = 200
REJECT_REASON_CODES = ("outside_competence", "duplicate", "abusive", "other")
BULK_ACTIONS = ("accept", "assign_me")


class PermissionDenied(Exception):
    pass


class HandlingError(ValueError):
    """Refused input or a step the petition's state does not allow; `field` names the form field."""

    def __init__(self, message, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message, self.field, self.status = message, field, status

    def __str__(self) -> str:
        return str(self.message)


def today() -> date:
    return datetime.now(LOCAL).date()


def is_overdue(petition: Petition, on: date | None = None) -> bool:
    return petition.status in OPEN_STATUSES and petition.due_on < (on or today())


def check(actor: User, petition: Petition) -> None:
    if not can_act(actor, petition):
        raise PermissionDenied


def require(petition: Petition, *statuses: str) -> None:
    if petition.status not in statuses:
        raise HandlingError(_l("This step is not possible in the petition's present state. "
                               "The page shows its state now."), status=409)


def require_text(text: str, limit: int, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise HandlingError(_l("Please fill in this field."), field)
    if len(text) > limit:
        raise HandlingError(_l("At most %(max)d characters.", max=limit), field)
    return text


def event(petition: Petition, actor: User | None, kind: str, note: str = "", for_resident: bool = True,
           **units: Unit) -> None:
    petition.events.append(PetitionEvent(actor=actor, kind=kind, note=note, for_resident=for_resident, **units))
    petition.updated_at = utcnow()


def audit_step(session: Session, actor: User, action: str, petition: Petition, **detail) -> None:
    audit(session, actor, f"petition.{action}", "petition", petition.id, code=petition.code, **detail)


def tell(session: Session, petition: Petition, kind: str) -> None:
    """The resident is told of every change of status, committee or due date (same transaction)."""
    from .notify import queue_messages

    queue_messages(session, petition, kind)


def reindex(session: Session, petition: Petition) -> None:
    """Public answers are searchable: update the index after the commit (single writer)."""
    from portal.jobs.queue import jobs
    from portal.search.jobs import refresh

    jobs.enqueue_after_commit(session, refresh, "answer", str(petition.id))
