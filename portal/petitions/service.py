"""Residents' petition actions: send (idempotent), follow, verify, withdraw or correct,
ask for review, add one's voice. Each public function commits once."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient_to_detached

from portal.accounts.models import User
from portal.core.text import clean_line, fold, nfc
from portal.db import utcnow
from portal.units.models import CENTRAL, Unit

from . import codes, deadlines, notify
from .masking import mask_name, mask_personal_data
from .models import (
    ANSWERED,
    IN_PROGRESS,
    OPEN_STATUSES,
    PUBLISHED,
    RECEIVED,
    WITHDRAWN,
    Petition,
    PetitionEvent,
    PetitionPhoto,
    PetitionRecording,
    PetitionSupport,
)


@dataclass
class Submission:
    submission_id: str
    unit: Unit
    category: str
    title: str
    body: str
    name: str = ""
    phone: str = ""
    email: str = ""
    hide_name: bool = False
    consent_public: bool = False
    photos: list[tuple[str, int, int]] = field(default_factory=list)  # saved private photos: key, w, h
    submitted_by: User | None = None
    resident_key: str | None = None  # a signed-in resident's (core/residents.py)
    recording_id: int | None = None  # a spoken petition's recording (still a draft: no petition yet)


class NotAllowed(Exception):
    pass


def _clean_body(text: str) -> str:
    return nfc(text or "").replace("\r\n", "\n").strip()


def already_sent(session: Session, submission_id: str | None) -> Petition | None:
    """The petition stored from this form before (a retried final POST), if any."""
    if not submission_id:
        return None
    return session.scalar(select(Petition).where(Petition.submission_id == submission_id))


def submit(session: Session, data: Submission, checked: bool = False) -> tuple[Petition, bool]:
    """Store the petition once; the same `submission_id` again returns the first one. `checked`:
    the caller has just asked `already_sent` (the unique submission id still catches a race)."""
    existing = None if checked else already_sent(session, data.submission_id)
    if existing is not None:
        return existing, False
    now = utcnow()
    title, body = clean_line(data.title, 200), _clean_body(data.body)
    name = clean_line(data.name, 120)
    hide_name = data.hide_name or not name
    fields = dict(
        submission_id=data.submission_id, unit_id=data.unit.id, category=data.category, title=title, body=body,
        public_title=mask_personal_data(title), public_body=mask_personal_data(body), name=name,
        public_name="" if hide_name else mask_name(name), phone=data.phone, email=(data.email or "").strip().lower(),
        hide_name=hide_name, consent_public=data.consent_public, status=RECEIVED,
        submitted_by_id=data.submitted_by.id if data.submitted_by else None, resident_key=data.resident_key,
        created_at=now, updated_at=now, due_on=deadlines.due_date(now, data.unit.level, deadlines.configured()),
    )
    for _attempt in range(5):
        try:
            petition = _store(session, data, dict(fields, code=codes.new_code()))
            session.commit()
            return petition, True
        except IntegrityError:
            session.rollback()
            existing = session.scalar(select(Petition).where(Petition.submission_id == data.submission_id))
            if existing is not None:  # the same form arrived twice at once: one petition
                return existing, False
            # else: a tracking-code collision; try another code
    raise RuntimeError("could not allocate a tracking code")


_INSERT_PETITION = insert(Petition.__table__).returning(Petition.__table__.c.id)


def _store(session: Session, data: Submission, fields: dict) -> Petition:
    """The petition's rows, as Core INSERTs on the session's connection, in its transaction: no
    unit of work and no ORM statement (submit() 0.9 ms of CPU instead of 1.5 with ORM bulk
    INSERTs, 2.3 with the unit of work). The petition handed back is the ORM object of the row
    just stored, made from what was inserted (make_transient_to_detached: clean, nothing to
    flush; what was not inserted loads on first use). Statements on the connection reach none of
    the session's hooks, so the page cache stays as it is, as it must for a new petition: it shows
    on no public page until an answer is published (nor do its event, photos, recording or
    messages)."""
    connection = session.connection()
    petition_id = connection.execute(_INSERT_PETITION, fields).scalar_one()
    connection.execute(insert(PetitionEvent.__table__), dict(petition_id=petition_id, kind="received",
                                                           to_unit_id=data.unit.id,
                                                           note="team" if data.submitted_by else ""))
    if data.photos:
        connection.execute(insert(PetitionPhoto.__table__), [dict(petition_id=petition_id, key=key, width=width,
                                                                   height=height)
                                                              for key, width, height in data.photos])
    if data.recording_id:  # a spoken petition: what was typed now lives in the petition
        recordings = PetitionRecording.__table__
        connection.execute(update(recordings)
                           .where(recordings.c.id == data.recording_id, recordings.c.petition_id.is_(None))
                           .values(petition_id=petition_id, draft=""))
    petition = Petition(id=petition_id, **fields)
    make_transient_to_detached(petition)
    session.add(petition)  # persistent and unchanged: the unit of work has nothing to write
    notify.queue_messages(session, petition, "received")
    return petition


def find(session: Session, typed_code: str) -> Petition | None:
    code = codes.normalize_code(typed_code or "")
    return session.scalar(select(Petition).where(Petition.code == code)) if code else None


def verify(petition: Petition, secret: str) -> bool:
    """The last 4 digits of the phone, or the whole e-mail, unlock the private details."""
    secret = (secret or "").strip().lower()
    candidates = []
    if petition.phone and len(petition.phone) >= 4:
        candidates.append(petition.phone[-4:])
    if petition.email:
        candidates.append(petition.email.lower())
    return bool(secret) and any(hmac.compare_digest(secret.encode(), c.encode()) for c in candidates)


def verification_token(petition: Petition) -> str:
    """Kept in the signed session once verified; changes when the contact data does."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{petition.id}:{petition.phone}:{petition.email}".encode(), hashlib.sha256).hexdigest()[:32]


def was_answered(petition: Petition) -> bool:
    """A committee has answered (or published, or a review was asked for): what it answered
    must stay as it was, so the resident can no longer rewrite or withdraw the petition, even
    when a review puts it back to "received" within the correction window."""
    return any(x is not None for x in (petition.answered_at, petition.published_at, petition.review_requested_at))


def can_correct(petition: Petition) -> bool:
    window = timedelta(minutes=current_app.config["PETITION_CORRECTION_MINUTES"])
    return petition.status == RECEIVED and not was_answered(petition) and utcnow() - petition.created_at <= window


def withdraw(session: Session, petition: Petition) -> None:
    if not can_correct(petition):
        raise NotAllowed
    petition.status, petition.closed_at, petition.updated_at = WITHDRAWN, utcnow(), utcnow()
    session.add(PetitionEvent(petition=petition, kind="withdrawn"))
    notify.queue_messages(session, petition, "status")
    session.commit()


def correct(session: Session, petition: Petition, title: str, body: str) -> None:
    if not can_correct(petition):
        raise NotAllowed
    petition.title, petition.body = clean_line(title, 200), _clean_body(body)
    petition.public_title = mask_personal_data(petition.title)
    petition.public_body = mask_personal_data(petition.body)
    petition.updated_at = utcnow()
    session.add(PetitionEvent(petition=petition, kind="corrected"))
    session.commit()


def can_request_review(petition: Petition) -> bool:
    return petition.status in (ANSWERED, PUBLISHED) and petition.review_requested_at is None


def request_review(session: Session, petition: Petition, reason: str) -> None:
    """Once per petition: escalate to the committee above, or reopen at the central level."""
    if not can_request_review(petition):
        raise NotAllowed
    now = utcnow()
    petition.review_requested_at, petition.review_reason = now, _clean_body(reason)[:2000]
    parent = petition.unit.parent
    event = PetitionEvent(petition=petition, kind="review", note=petition.review_reason, from_unit_id=petition.unit_id)
    if petition.unit.level != CENTRAL and parent is not None:
        petition.unit = parent
        petition.status = RECEIVED
        event.to_unit_id = parent.id
    else:
        petition.status = IN_PROGRESS
    # The review is a new round with its own deadline; the petition is open again, so the
    # committee can answer and publish once more. A published answer stays public meanwhile
    # (`public_answer` is untouched).
    petition.due_on = deadlines.due_date(now, petition.unit.level, deadlines.configured())
    petition.closed_at = None
    petition.updated_at = now
    session.add(event)
    notify.queue_messages(session, petition, "review")
    session.commit()


def similar_open(session: Session, unit: Unit, title: str, limit: int = 3) -> list[Petition]:
    """Open, consented petitions to the same committee sharing words with `title`."""
    words = {w for w in fold(title).split() if len(w) >= 3}
    if not words:
        return []
    candidates = session.scalars(
        select(Petition)
        .where(
            Petition.unit_id == unit.id,
            Petition.status.in_(OPEN_STATUSES),
            Petition.consent_public.is_(True),
            Petition.hidden.is_(False),
        )
        .order_by(Petition.created_at.desc())
        .limit(200)
    )
    scored = []
    for p in candidates:
        overlap = len(words & set(fold(p.public_title).split()))
        if overlap >= max(2, len(words) // 3):
            scored.append((overlap, p))
    return [p for _score, p in sorted(scored, key=lambda x: -x[0])[:limit]]


# One resident, one support. Two keys are stored with each support (HMACs, so no address or
# cookie is kept in clear), and a unique index refuses either one a second time, even when
# presses arrive at the same moment on several workers:
#  - the browser's own random id, kept in its signed session: the same browser counts once;
#  - the network address within a SUPPORT_SLOT_MINUTES slot: clearing cookies and pressing
#    again from the same place does not count again at once. The address is not remembered
#    for good, because a commune office, a school or a carrier NAT puts a whole village behind
#    one address: each of them can still add their voice, one every few minutes. The slot
#    matches the route's "20 per hour" per address, so it takes nothing more from a shared
#    address than that limit already does, but holds across workers and instances.
SUPPORT_SLOT_MINUTES = 3
SUPPORTED, ALREADY, SAME_PLACE = "supported", "already", "same_place"


def _support_key(kind: str, value: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return f"{kind}:" + hmac.new(key, f"support:{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:64]


def add_support(session: Session, petition: Petition, browser_id: str, address: str) -> str:
    """Count one resident's support; SUPPORTED, or ALREADY / SAME_PLACE when it was not counted."""
    if petition.status not in OPEN_STATUSES or not petition.consent_public:
        raise NotAllowed
    slot = int(utcnow().timestamp() // (SUPPORT_SLOT_MINUTES * 60))
    browser_key = _support_key("b", browser_id)
    try:
        session.add(PetitionSupport(petition_id=petition.id, key=browser_key))
        session.add(PetitionSupport(petition_id=petition.id, key=_support_key("a", f"{address}|{slot}")))
        session.flush()  # the unique keys refuse a second support here, before it is counted
        session.execute(update(Petition).where(Petition.id == petition.id)
                        .values(supporters=Petition.supporters + 1).execution_options(synchronize_session=False))
        session.add(PetitionEvent(petition_id=petition.id, kind="support", for_resident=False))
        session.commit()
    except IntegrityError:
        session.rollback()
        known = session.scalar(select(PetitionSupport.id).where(PetitionSupport.petition_id == petition.id,
                                                                PetitionSupport.key == browser_key))
        return ALREADY if known is not None else SAME_PLACE
    return SUPPORTED


def count_for_unit(session: Session, unit: Unit) -> int:
    return session.scalar(select(func.count()).select_from(Petition).where(Petition.unit_id == unit.id)) or 0


def of_resident(session: Session, resident_key: str) -> list[Petition]:
    """Every petition a signed-in resident sent (core/residents.py's key), newest first."""
    return list(session.scalars(select(Petition).where(Petition.resident_key == resident_key)
                                .order_by(Petition.created_at.desc(), Petition.id.desc())))
