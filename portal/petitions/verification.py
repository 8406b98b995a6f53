"""The look-up secret: the last 4 digits of the phone (10,000 possibilities) or the e-mail.

A per-address limit alone cannot protect it (several addresses, several workers), so every
try is counted on the petition itself, in the database: `MAX_TRIES` wrong tries lock the
petition's private details for `LOCK_MINUTES`, the right secret included, until the lock ends
or a handler lifts it. The try is reserved by one conditional UPDATE *before* the secret is
compared, and the row stays locked until the commit, so tries sent at the same moment from
any number of workers or instances are checked at most `MAX_TRIES` times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, literal, or_, update
from sqlalchemy.orm import Session

from portal.db import UTCDateTime, utcnow

from . import service, steps
from .models import Petition, PetitionEvent

MAX_TRIES = 5
LOCK_MINUTES = 60


@dataclass(frozen=True)
class Outcome:
    ok: bool
    locked_until: datetime | None = None  # set when refused because of the lock
    tries_left: int = MAX_TRIES


def _not_locked(now: datetime):
    return or_(Petition.verify_locked_until.is_(None), Petition.verify_locked_until <= now)


def check(session: Session, petition: Petition, secret: str) -> Outcome:
    """Count one try, then compare the secret; one commit."""
    now = utcnow()
    lock_end = literal(now + timedelta(minutes=LOCK_MINUTES), UTCDateTime())
    expired = Petition.verify_locked_until.is_not(None) & (Petition.verify_locked_until <= now)
    # After a lock has run out the count starts again from this try.
    tries = case((expired, 1), else_=Petition.verify_failures + 1)
    reserved = session.execute(
        update(Petition)
        .where(Petition.id == petition.id, _not_locked(now))
        .values(verify_failures=tries,
                verify_locked_until=case((tries >= MAX_TRIES, lock_end), else_=None))
        .returning(Petition.verify_failures, Petition.verify_locked_until)
        .execution_options(synchronize_session=False)
    ).first()
    if reserved is None:  # locked: the secret is not even compared
        session.rollback()
        session.refresh(petition)
        return Outcome(False, petition.verify_locked_until, 0)
    count, locked_until = reserved
    if service.verify(petition, secret):
        session.execute(update(Petition).where(Petition.id == petition.id)
                        .values(verify_failures=0, verify_locked_until=None)
                        .execution_options(synchronize_session=False))
        session.commit()
        session.refresh(petition)
        return Outcome(True)
    if locked_until is not None:
        # Staff see on the petition's page when (and how often) someone was locked out.
        session.add(PetitionEvent(petition_id=petition.id, kind="verify_locked", note=str(count),
                                  for_resident=False))
    session.commit()
    session.refresh(petition)
    return Outcome(False, locked_until, max(0, MAX_TRIES - count))


def locked_until(petition: Petition, now: datetime | None = None) -> datetime | None:
    until = petition.verify_locked_until
    return until if until is not None and until > (now or utcnow()) else None


def lift(session: Session, actor, petition: Petition) -> None:
    """A handler lifts the lock (the resident called the committee, say); audited; one commit."""
    steps.check(actor, petition)
    if locked_until(petition) is None and not petition.verify_failures:
        raise steps.HandlingError(_l("Nothing to change."), status=409)
    tries = petition.verify_failures
    petition.verify_failures, petition.verify_locked_until = 0, None
    steps.event(petition, actor, "verify_unlocked", for_resident=False)
    steps.audit_step(session, actor, "verify_unlock", petition, tries=tries)
    session.commit()
