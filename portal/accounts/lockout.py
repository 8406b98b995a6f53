"""Lockout after repeated failures, per e-mail address: MAX_FAILURES wrong passwords or codes
within WINDOW lock the address for LOCK_FOR. Addresses without an account are counted the same
way, so the lockout never tells whether an account exists. Flask-Limiter's per-network-address
limit comes on top of this.

Every check first takes one of the MAX_FAILURES places of its address, in one conditional UPDATE
committed before the password or code is even looked at. Requests sent at the same moment thus
cannot all be checked before the lock holds (12 at once once got 6 checks): SQLite runs writers
one at a time, and PostgreSQL's UPDATE waits for the row lock and then reads the row again. A
wrong password keeps its place; a right one gives it back."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, delete, literal, or_, update
from sqlalchemy.orm import Session

from portal.db import UTCDateTime

from .audit import audit
from .models import LoginThrottle, User
from .sessions import now

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK_FOR = timedelta(minutes=15)


def key_for(email: str) -> str:
    # Only a hash is stored: people sometimes type a password into the e-mail field.
    return hashlib.sha256(("login:" + email.strip().lower()).encode()).hexdigest()


@dataclass
class Attempt:
    """One password or code check: `allowed` when it got a place, `number` of the places taken
    in the window (this one included), `locked_until` once the last place is taken."""

    allowed: bool
    number: int = 0
    locked_until: datetime | None = None


def _insert_if_missing(session: Session, **values) -> None:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(LoginThrottle).values(**values).on_conflict_do_nothing(index_elements=["key"]))


def take_attempt(session: Session, email: str) -> Attempt:
    """Take a place for one check, or learn that the address is locked (commits either way)."""
    at = now()
    key = key_for(email)
    row = LoginThrottle
    _insert_if_missing(session, key=key, failures=0, window_start=at, locked_until=None)
    # A window that is over (or a lock that has ended) starts again at this attempt.
    over = or_(and_(row.locked_until.is_(None), row.window_start <= at - WINDOW),
               and_(row.locked_until.is_not(None), row.locked_until <= at))
    taken = case((over, 0), else_=row.failures) + 1  # SET sees the row as it was before
    result = session.execute(
        update(row).where(row.key == key, or_(over, and_(row.locked_until.is_(None), row.failures < MAX_FAILURES)))
        .values(failures=taken,
                window_start=case((over, literal(at, UTCDateTime())), else_=row.window_start),
                # The last place starts the lock at once: no later request gets a check meanwhile.
                locked_until=case((taken >= MAX_FAILURES, literal(at + LOCK_FOR, UTCDateTime())),
                                  else_=literal(None, UTCDateTime())))
        .returning(row.failures, row.locked_until)
        .execution_options(synchronize_session=False)).first()
    if result is not None:
        session.commit()
        return Attempt(allowed=True, number=result.failures, locked_until=result.locked_until)
    state = session.get(LoginThrottle, key, populate_existing=True)
    until = state.locked_until if state is not None and state.locked_until is not None else at + LOCK_FOR
    session.commit()
    return Attempt(allowed=False, locked_until=until)


def give_back(session: Session, email: str) -> None:
    """A right password was no failure: its place is free again, and a lock its place started is
    lifted (the caller commits). A right code ends the count instead (`clear`)."""
    row = LoginThrottle
    session.execute(
        update(row).where(row.key == key_for(email), row.failures > 0)
        .values(failures=row.failures - 1,
                locked_until=case((row.failures - 1 >= MAX_FAILURES, row.locked_until),
                                  else_=literal(None, UTCDateTime())))
        .execution_options(synchronize_session=False))


def record_failure(session: Session, attempt: Attempt, email: str, user: User | None) -> datetime | None:
    """The check of `attempt` failed (its place stays taken); commits. Returns the end of the lock
    when this failure completes it."""
    started = None
    if attempt.number >= MAX_FAILURES and attempt.locked_until is not None:
        started = attempt.locked_until
        audit(session, None, "login.locked", "user" if user else "login",
              user.id if user else key_for(email)[:12], until=started.isoformat(timespec="seconds"))
    session.commit()
    return started


def clear(session: Session, email: str) -> None:
    """A successful login starts the count again (the caller commits)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == key_for(email)))


def forget_old(session: Session) -> int:
    """Delete the counters whose window and lock are long over (commits)."""
    at = now()
    done = session.execute(delete(LoginThrottle).where(
        LoginThrottle.window_start < at - WINDOW - LOCK_FOR,
        or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until <= at)))
    session.commit()
    return done.rowcount
