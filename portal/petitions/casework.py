"""Staff work on petitions beside the state machine: assigning a colleague, internal notes,
hiding a published answer after an abuse report, bulk actions on the inbox, the record of an
export. The same rules as every step (`steps`): checked, recorded, audited, one commit.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.accounts.service import audit

from . import steps
from .access import can_act
from .handling import accept_step
from .models import ANSWERED, OPEN_STATUSES, PUBLISHED, Petition


def _assign(session: Session, actor: User, petition: Petition, assignee: User | None) -> None:
    steps.require(petition, *OPEN_STATUSES, ANSWERED)
    if assignee is not None and not can_act(assignee, petition):
        raise steps.HandlingError(_l("Choose a colleague of this committee."), "assignee")
    if assignee is not None:
        steps.event(petition, actor, "assigned", assignee.display_name or assignee.email, for_resident=False)
    else:
        steps.event(petition, actor, "unassigned", for_resident=False)
    petition.assigned_to = assignee
    steps.audit_step(session, actor, "assign", petition, assignee=assignee.id if assignee else None)


def assign(session: Session, actor: User, petition: Petition, assignee: User | None) -> None:
    steps.check(actor, petition)
    _assign(session, actor, petition, assignee)
    session.commit()


def add_note(session: Session, actor: User, petition: Petition, text: str) -> None:
    steps.check(actor, petition)
    text = steps.require_text(text, steps.NOTE_MAX, "note")
    steps.event(petition, actor, "note", text, for_resident=False)
    steps.audit_step(session, actor, "note", petition, length=len(text))
    session.commit()


def set_hidden(session: Session, actor: User, petition: Petition, hidden: bool, note: str = "") -> None:
    """Hide a published answer after an abuse report, or show it again."""
    steps.check(actor, petition)
    if petition.published_at is None:  # published once: public even while a review runs
        steps.require(petition, PUBLISHED)
    if petition.hidden == hidden:
        raise steps.HandlingError(_l("Nothing to change."), status=409)
    if len(note or "") > steps.REASON_MAX:
        raise steps.HandlingError(_l("At most %(max)d characters.", max=steps.REASON_MAX), "hide_note")
    petition.hidden = hidden
    steps.event(petition, actor, "hidden" if hidden else "unhidden", (note or "").strip(), for_resident=False)
    steps.audit_step(session, actor, "hide" if hidden else "unhide", petition, abuse_reports=petition.abuse_reports)
    steps.reindex(session, petition)
    session.commit()


def bulk(session: Session, actor: User, action: str, petitions: list[Petition]) -> tuple[int, int]:
    """Accept, or assign to the actor, many petitions at once; those that do not allow it are
    skipped. One commit. Returns (changed, skipped)."""
    if action not in steps.BULK_ACTIONS:
        raise steps.HandlingError(_l("Please choose an action."), "bulk_action")
    done = 0
    for petition in petitions:
        if not can_act(actor, petition):
            continue
        try:
            if action == "accept":
                accept_step(session, actor, petition)
            elif petition.assigned_to_id != actor.id:
                _assign(session, actor, petition, actor)
            else:
                continue
        except steps.HandlingError:
            continue
        done += 1
    session.commit()
    return done, len(petitions) - done


def record_export(session: Session, actor: User, rows: int, filters: dict) -> None:
    audit(session, actor, "petition.export", "petition", "", rows=rows, **filters)
    session.commit()
