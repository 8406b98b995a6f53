"""Staff actions on petitions. Each public function takes the acting user, checks that they
may act on the petition (else PermissionDenied), checks the state and the input (else
HandlingError, nothing changed), records a PetitionEvent and an audit entry, and commits once.

States: received → in_progress → answered → published. "Publish" on a petition whose sender
did not consent to publication closes it as answered instead (closed_at set, never public).
A transfer moves the petition to another committee and puts it back to received there.
Rejected and merged petitions are closed. Audit entries never copy the texts, only sizes,
codes and ids, so the audit log holds no personal data.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.accounts.service import audit
from portal.db import utcnow
from portal.units.models import Unit

from . import codes
from .access import can_act
from .masking import mask_personal_data
from .models import (
    ANSWERED,
    IN_PROGRESS,
    MERGED,
    OPEN_STATUSES,
    PUBLISHED,
    RECEIVED,
    REJECTED,
    WITHDRAWN,
    Petition,
    PetitionEvent,
)

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


# -- helpers -----------------------------------------------------------------------

def _check(actor: User, petition: Petition) -> None:
    if not can_act(actor, petition):
        raise PermissionDenied


def _require(petition: Petition, *statuses: str) -> None:
    if petition.status not in statuses:
        raise HandlingError(_l("This step is not possible in the petition's present state. "
                               "The page shows its state now."), status=409)


def _require_text(text: str, limit: int, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise HandlingError(_l("Please fill in this field."), field)
    if len(text) > limit:
        raise HandlingError(_l("At most %(max)d characters.", max=limit), field)
    return text


def _event(petition: Petition, actor: User | None, kind: str, note: str = "", for_resident: bool = True,
           **units: Unit) -> None:
    petition.events.append(PetitionEvent(actor=actor, kind=kind, note=note, for_resident=for_resident, **units))
    petition.updated_at = utcnow()


def _audit(session: Session, actor: User, action: str, petition: Petition, **detail) -> None:
    audit(session, actor, f"petition.{action}", "petition", petition.id, code=petition.code, **detail)


def _tell(session: Session, petition: Petition, kind: str) -> None:
    """The resident is told of every change of status, committee or due date (same transaction)."""
    from .notify import queue_messages

    queue_messages(session, petition, kind)


def _reindex(session: Session, petition: Petition) -> None:
    """Public answers are searchable: update the index after the commit (single writer)."""
    from portal.jobs.queue import jobs
    from portal.search.jobs import refresh

    jobs.enqueue_after_commit(session, refresh, "answer", str(petition.id))


# -- the state machine ------------------------------------------------------------

def _accept(session: Session, actor: User, petition: Petition) -> None:
    _require(petition, RECEIVED)
    petition.status = IN_PROGRESS
    _event(petition, actor, "accepted")
    _audit(session, actor, "accept", petition)
    _tell(session, petition, "status")


def accept(session: Session, actor: User, petition: Petition) -> None:
    _check(actor, petition)
    _accept(session, actor, petition)
    session.commit()


def answer(session: Session, actor: User, petition: Petition, text: str) -> None:
    _check(actor, petition)
    _require(petition, RECEIVED, IN_PROGRESS)
    text = _require_text(text, ANSWER_MAX, "answer")
    if petition.answer:  # a review round: the earlier committee's answer is kept in the history
        _event(petition, actor, "earlier_answer", petition.answer, for_resident=False)
    petition.answer = text
    petition.answered_at = utcnow()
    petition.answered_by = actor
    petition.status = ANSWERED
    _event(petition, actor, "answered")
    _audit(session, actor, "answer", petition, length=len(text))
    _tell(session, petition, "answered")
    session.commit()


def publish(session: Session, actor: User, petition: Petition) -> bool:
    """Publish the question and answer; without the sender's consent, close it unpublished.
    Returns True when published."""
    _check(actor, petition)
    _require(petition, ANSWERED)
    if petition.closed_at is not None:
        raise HandlingError(_l("This petition is already closed."), status=409)
    now = utcnow()
    petition.closed_at = now
    if not petition.consent_public:
        _event(petition, actor, "closed")
        _audit(session, actor, "close", petition)
        session.commit()
        return False
    # After a review a later answer is published the same way; it replaces the public copy, and
    # the page's history says the petition went to the other committee and was answered again.
    # The public wording starts as the original with personal data masked, unless staff wrote one.
    petition.public_title = petition.public_title or mask_personal_data(petition.title)[:PUBLIC_TITLE_MAX]
    petition.public_body = petition.public_body or mask_personal_data(petition.body)
    petition.answer = mask_personal_data(petition.answer)  # the answer is public from now on
    petition.public_answer, petition.public_unit = petition.answer, petition.unit
    petition.status = PUBLISHED
    petition.published_at = now
    _event(petition, actor, "published", to_unit=petition.unit)
    _audit(session, actor, "publish", petition)
    _tell(session, petition, "status")
    _reindex(session, petition)
    session.commit()
    return True


def edit_public_wording(session: Session, actor: User, petition: Petition, title: str, body: str,
                        name: str | None = None) -> None:
    """Change what the public sees; the resident's original title, text and name stay as they
    were. `name` is the public "Sent by" line ("" shows none); a name the sender asked to hide
    stays hidden, and None leaves the line unchanged."""
    _check(actor, petition)
    title = _require_text(title, PUBLIC_TITLE_MAX, "public_title")
    body = _require_text(body, PUBLIC_BODY_MAX, "public_body")
    before = (len(petition.public_title), len(petition.public_body), len(petition.public_name))
    petition.public_title, petition.public_body = title, body
    if name is not None and not petition.hide_name:
        petition.public_name = _require_text(name, PUBLIC_NAME_MAX, "public_name") if name.strip() else ""
    _event(petition, actor, "public_wording", for_resident=False)
    _audit(session, actor, "public_wording", petition, title_length=[before[0], len(title)],
           body_length=[before[1], len(body)], name_length=[before[2], len(petition.public_name)])
    _reindex(session, petition)
    session.commit()


def transfer(session: Session, actor: User, petition: Petition, to_unit: Unit | None, reason: str) -> None:
    _check(actor, petition)
    _require(petition, *OPEN_STATUSES)
    if to_unit is None:
        raise HandlingError(_l("No committee has this code."), "unit_code")
    if to_unit.id == petition.unit_id:
        raise HandlingError(_l("The petition is already with this committee."), "unit_code")
    reason = _require_text(reason, REASON_MAX, "transfer_reason")
    from_unit = petition.unit
    petition.unit = to_unit
    petition.status = RECEIVED
    petition.assigned_to = None
    _event(petition, actor, "transferred", reason, from_unit=from_unit, to_unit=to_unit)
    _audit(session, actor, "transfer", petition, from_unit=from_unit.code, to_unit=to_unit.code)
    _tell(session, petition, "transferred")
    session.commit()


def reject(session: Session, actor: User, petition: Petition, reason: str, note: str, private: bool) -> None:
    """Close with a reason. A private reason is kept for staff; the resident then only sees "rejected"."""
    _check(actor, petition)
    _require(petition, *OPEN_STATUSES)
    if reason not in REJECT_REASON_CODES:
        raise HandlingError(_l("Please choose a reason."), "reject_reason")
    note = _require_text(note, REASON_MAX, "reject_note")
    petition.status = REJECTED
    petition.reject_reason = note
    petition.reason_private = private
    petition.closed_at = utcnow()
    # The resident's page shows `reject_reason` unless it is private; the event itself carries
    # no text, and the reason's category is recorded for staff only.
    _event(petition, actor, "rejected")
    _event(petition, actor, f"reason.{reason}", note, for_resident=False)
    _audit(session, actor, "reject", petition, reason=reason, private=private)
    _tell(session, petition, "status")
    session.commit()


def merge(session: Session, actor: User, petition: Petition, target_code: str) -> Petition:
    """Close `petition` as a twin of another petition of the same committee, which gains its supporters."""
    _check(actor, petition)
    _require(petition, *OPEN_STATUSES)
    code = codes.normalize_code(target_code) or (target_code or "").strip().upper()
    target = session.scalar(select(Petition).where(Petition.code == code, Petition.unit_id == petition.unit_id))
    # One message whether the code is unknown or belongs to another committee: nothing leaks.
    if target is None or target.id == petition.id:
        raise HandlingError(_l("No other petition of this committee has this code."), "target_code")
    if target.status in (MERGED, REJECTED, WITHDRAWN):
        raise HandlingError(_l("That petition is closed; choose the petition it was merged into or another one."),
                            "target_code")
    petition.status = MERGED
    petition.merged_into_id = target.id
    petition.closed_at = utcnow()
    petition.assigned_to = None
    target.supporters += 1 + petition.supporters
    _event(petition, actor, "merged", target.code)
    _event(target, actor, "merged_in", petition.code, for_resident=False)
    _audit(session, actor, "merge", petition, into=target.id, into_code=target.code)
    _tell(session, petition, "status")
    session.commit()
    return target


def _assign(session: Session, actor: User, petition: Petition, assignee: User | None) -> None:
    _require(petition, *OPEN_STATUSES, ANSWERED)
    if assignee is not None and not can_act(assignee, petition):
        raise HandlingError(_l("Choose a colleague of this committee."), "assignee")
    if assignee is not None:
        _event(petition, actor, "assigned", assignee.display_name or assignee.email, for_resident=False)
    else:
        _event(petition, actor, "unassigned", for_resident=False)
    petition.assigned_to = assignee
    _audit(session, actor, "assign", petition, assignee=assignee.id if assignee else None)


def assign(session: Session, actor: User, petition: Petition, assignee: User | None) -> None:
    _check(actor, petition)
    _assign(session, actor, petition, assignee)
    session.commit()


def add_note(session: Session, actor: User, petition: Petition, text: str) -> None:
    _check(actor, petition)
    text = _require_text(text, NOTE_MAX, "note")
    _event(petition, actor, "note", text, for_resident=False)
    _audit(session, actor, "note", petition, length=len(text))
    session.commit()


def set_hidden(session: Session, actor: User, petition: Petition, hidden: bool, note: str = "") -> None:
    """Hide a published answer after an abuse report, or show it again."""
    _check(actor, petition)
    if petition.published_at is None:  # published once: public even while a review runs
        _require(petition, PUBLISHED)
    if petition.hidden == hidden:
        raise HandlingError(_l("Nothing to change."), status=409)
    if len(note or "") > REASON_MAX:
        raise HandlingError(_l("At most %(max)d characters.", max=REASON_MAX), "hide_note")
    petition.hidden = hidden
    _event(petition, actor, "hidden" if hidden else "unhidden", (note or "").strip(), for_resident=False)
    _audit(session, actor, "hide" if hidden else "unhide", petition, abuse_reports=petition.abuse_reports)
    _reindex(session, petition)
    session.commit()


def bulk(session: Session, actor: User, action: str, petitions: list[Petition]) -> tuple[int, int]:
    """Accept, or assign to the actor, many petitions at once; those that do not allow it are
    skipped. One commit. Returns (changed, skipped)."""
    if action not in BULK_ACTIONS:
        raise HandlingError(_l("Please choose an action."), "bulk_action")
    done = 0
    for petition in petitions:
        if not can_act(actor, petition):
            continue
        try:
            if action == "accept":
                _accept(session, actor, petition)
            elif petition.assigned_to_id != actor.id:
                _assign(session, actor, petition, actor)
            else:
                continue
        except HandlingError:
            continue
        done += 1
    session.commit()
    return done, len(petitions) - done


def record_export(session: Session, actor: User, rows: int, filters: dict) -> None:
    audit(session, actor, "petition.export", "petition", "", rows=rows, **filters)
    session.commit()
