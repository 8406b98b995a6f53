"""The petition's state machine, for staff. Each public function takes the acting user, checks
that they may act on the petition and that the step is allowed (see `steps`), records a
PetitionEvent and an audit entry, and commits once.

States: received → in_progress → answered → published. "Publish" on a petition whose sender
did not consent to publication closes it as answered instead (closed_at set, never public).
A transfer moves the petition to another committee and puts it back to received there.
Rejected and merged petitions are closed. Assignment, notes, hiding and bulk actions are in
`casework`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.db import utcnow
from portal.units.models import Unit

from . import codes
from .masking import mask_personal_data
from .models import ANSWERED, IN_PROGRESS, MERGED, OPEN_STATUSES, PUBLISHED, RECEIVED, REJECTED, WITHDRAWN, Petition
from .steps import (
    ANSWER_MAX,
    PUBLIC_BODY_MAX,
    PUBLIC_NAME_MAX,
    PUBLIC_TITLE_MAX,
    REASON_MAX,
    REJECT_REASON_CODES,
    HandlingError,
    audit_step,
    check,
    event,
    reindex,
    require,
    require_text,
    tell,
)


def accept_step(session: Session, actor: User, petition: Petition) -> None:
    """Accepting without the commit: `accept`, and the bulk action of `casework`."""
    require(petition, RECEIVED)
    petition.status = IN_PROGRESS
    event(petition, actor, "accepted")
    audit_step(session, actor, "accept", petition)
    tell(session, petition, "status")


def accept(session: Session, actor: User, petition: Petition) -> None:
    check(actor, petition)
    accept_step(session, actor, petition)
    session.commit()


def answer(session: Session, actor: User, petition: Petition, text: str) -> None:
    check(actor, petition)
    require(petition, RECEIVED, IN_PROGRESS)
    text = require_text(text, ANSWER_MAX, "answer")
    if petition.answer:  # a review round: the earlier committee's answer is kept in the history
        event(petition, actor, "earlier_answer", petition.answer, for_resident=False)
    petition.answer = text
    petition.answered_at = utcnow()
    petition.answered_by = actor
    petition.status = ANSWERED
    event(petition, actor, "answered")
    audit_step(session, actor, "answer", petition, length=len(text))
    tell(session, petition, "answered")
    session.commit()


def publish(session: Session, actor: User, petition: Petition) -> bool:
    """Publish the question and answer; without the sender's consent, close it unpublished.
    Returns True when published."""
    check(actor, petition)
    require(petition, ANSWERED)
    if petition.closed_at is not None:
        raise HandlingError(_l("This petition is already closed."), status=409)
    now = utcnow()
    petition.closed_at = now
    if not petition.consent_public:
        event(petition, actor, "closed")
        audit_step(session, actor, "close", petition)
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
    event(petition, actor, "published", to_unit=petition.unit)
    audit_step(session, actor, "publish", petition)
    tell(session, petition, "status")
    reindex(session, petition)
    session.commit()
    return True


def edit_public_wording(session: Session, actor: User, petition: Petition, title: str, body: str,
                        name: str | None = None) -> None:
    """Change what the public sees; the resident's original title, text and name stay as they
    were. `name` is the public "Sent by" line ("" shows none); a name the sender asked to hide
    stays hidden, and None leaves the line unchanged."""
    check(actor, petition)
    title = require_text(title, PUBLIC_TITLE_MAX, "public_title")
    body = require_text(body, PUBLIC_BODY_MAX, "public_body")
    before = (len(petition.public_title), len(petition.public_body), len(petition.public_name))
    petition.public_title, petition.public_body = title, body
    if name is not None and not petition.hide_name:
        petition.public_name = require_text(name, PUBLIC_NAME_MAX, "public_name") if name.strip() else ""
    event(petition, actor, "public_wording", for_resident=False)
    audit_step(session, actor, "public_wording", petition, title_length=[before[0], len(title)],
           body_length=[before[1], len(body)], name_length=[before[2], len(petition.public_name)])
    reindex(session, petition)
    session.commit()


def transfer(session: Session, actor: User, petition: Petition, to_unit: Unit | None, reason: str) -> None:
    check(actor, petition)
    require(petition, *OPEN_STATUSES)
    if to_unit is None:
        raise HandlingError(_l("No committee has this code."), "unit_code")
    if to_unit.id == petition.unit_id:
        raise HandlingError(_l("The petition is already with this committee."), "unit_code")
    reason = require_text(reason, REASON_MAX, "transfer_reason")
    from_unit = petition.unit
    petition.unit = to_unit
    petition.status = RECEIVED
    petition.assigned_to = None
    event(petition, actor, "transferred", reason, from_unit=from_unit, to_unit=to_unit)
    audit_step(session, actor, "transfer", petition, from_unit=from_unit.code, to_unit=to_unit.code)
    tell(session, petition, "transferred")
    session.commit()


def reject(session: Session, actor: User, petition: Petition, reason: str, note: str, private: bool) -> None:
    """Close with a reason. A private reason is kept for staff; the resident then only sees "rejected"."""
    check(actor, petition)
    require(petition, *OPEN_STATUSES)
    if reason not in REJECT_REASON_CODES:
        raise HandlingError(_l("Please choose a reason."), "reject_reason")
    note = require_text(note, REASON_MAX, "reject_note")
    petition.status = REJECTED
    petition.reject_reason = note
    petition.reason_private = private
    petition.closed_at = utcnow()
    # The resident's page shows `reject_reason` unless it is private; the event itself carries
    # no text, and the reason's category is recorded for staff only.
    event(petition, actor, "rejected")
    event(petition, actor, f"reason.{reason}", note, for_resident=False)
    audit_step(session, actor, "reject", petition, reason=reason, private=private)
    tell(session, petition, "status")
    session.commit()


def merge(session: Session, actor: User, petition: Petition, target_code: str) -> Petition:
    """Close `petition` as a twin of another petition of the same committee, which gains its supporters."""
    check(actor, petition)
    require(petition, *OPEN_STATUSES)
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
    event(petition, actor, "merged", target.code)
    event(target, actor, "merged_in", petition.code, for_resident=False)
    audit_step(session, actor, "merge", petition, into=target.id, into_code=target.code)
    tell(session, petition, "status")
    session.commit()
    return target
