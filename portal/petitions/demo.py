"""Demo petitions: sent through the real service (codes, masking, deadlines), then moved
to their demo state and dated back, so every state shows on a fresh install."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.db import utcnow
from portal.units.service import get_by_code

from . import deadlines, service
from .demo_content import PETITIONS
from .masking import mask_personal_data
from .models import Petition, PetitionEvent

NAMESPACE = uuid.UUID("0b0f1d8e-33b6-4a53-8f0e-8a1f6a0c9e21")
TRANSFER_TO = {"31": "11383", "40": "17464"}  # transferred ones go down a level


def seed(session: Session, handler: User | None) -> Iterator[str]:
    made = 0
    originals: dict[str, Petition] = {}
    for i, item in enumerate(PETITIONS):
        submission_id = uuid.uuid5(NAMESPACE, f"demo-{i}").hex
        if session.scalar(select(Petition.id).where(Petition.submission_id == submission_id)):
            continue
        unit = get_by_code(session, item["unit"])
        petition, _created = service.submit(session, service.Submission(
            submission_id=submission_id, unit=unit, category=item["category"], title=item["title"],
            body=item["body"], name=item["name"], phone=item["phone"], email=item["email"],
            hide_name=item["hide_name"], consent_public=item["consent"]))
        _move(session, petition, item, handler, originals)
        originals.setdefault(f"{item['unit']}:{item['category']}", petition)
        made += 1
    session.commit()
    if made:
        yield f"Demo petitions: {made} in every state (answered ones published on /phan-anh/)."


def _move(session: Session, p: Petition, item: dict, handler: User | None, originals: dict) -> None:
    received = utcnow() - timedelta(days=item["days_ago"], hours=3)
    p.created_at = p.updated_at = received
    p.due_on = deadlines.due_date(received, p.unit.level, deadlines.configured())
    for event in p.events:
        event.at = received
    state, actor_id = item["state"], handler.id if handler and handler.unit_id == p.unit_id else None
    answered = received + timedelta(days=max(1, item["days_ago"] // 3))

    def event(kind: str, at, **kw) -> None:
        session.add(PetitionEvent(petition=p, kind=kind, at=at, actor_id=actor_id, **kw))

    if state in ("in_progress", "answered", "published"):
        p.status = "in_progress"
        event("accepted", received + timedelta(hours=20))
    if state in ("answered", "published"):
        p.status, p.answer, p.answered_at, p.answered_by_id = "answered", item["answer"], answered, actor_id
        event("answered", answered)
    if state == "published":
        p.status, p.published_at = "published", answered + timedelta(hours=2)
        p.answer = mask_personal_data(p.answer)
        p.public_answer, p.public_unit = p.answer, p.unit  # what handling.publish copies
        p.closed_at = p.published_at
        event("published", p.published_at, to_unit_id=p.unit_id)
    elif state == "rejected":
        p.status, p.reject_reason, p.closed_at = "rejected", item["answer"], answered
        event("rejected", answered, note=item["answer"])
    elif state == "transferred":
        target = get_by_code(session, TRANSFER_TO.get(p.unit.code, "11311"))
        event("transferred", received + timedelta(days=1), from_unit_id=p.unit_id, to_unit_id=target.id)
        p.unit, p.status = target, "received"
    elif state == "withdrawn":
        p.status, p.closed_at = "withdrawn", received + timedelta(minutes=12)
        event("withdrawn", p.closed_at)
    elif state == "merged":
        target = originals.get(f"{item['unit']}:{item['category']}")
        if target is not None and target.id != p.id:
            p.status, p.merged_into_id, p.closed_at = "merged", target.id, answered
            target.supporters += 1
            event("merged", answered, note=target.code)
