"""Lockout after repeated failures, per e-mail address: MAX_FAILURES wrong passwords or codes
within WINDOW lock the address for LOCK_FOR. Addresses without an account are counted the same
way, so the lockout never tells whether an account exists. Flask-Limiter's per-network-address
limit comes on top of this."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import totp
from .models import LoginThrottle, User

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK_FOR = timedelta(minutes=15)


def now() -> datetime:
    return datetime.fromtimestamp(totp.now_ts(), UTC)


def key_for(email: str) -> str:
    # Only a hash is stored: people sometimes type a password into the e-mail field.
    return hashlib.sha256(("login:" + email.strip().lower()).encode()).hexdigest()


def locked_until(session: Session, email: str) -> datetime | None:
    row = session.get(LoginThrottle, key_for(email))
    if row is not None and row.locked_until is not None and row.locked_until > now():
        return row.locked_until
    return None


def record_failure(session: Session, email: str, user: User | None) -> datetime | None:
    """Count one failure (and commit); returns the end of the lock when this one starts it."""
    from .service import audit

    at = now()
    key = key_for(email)
    for _attempt in range(2):
        row = session.get(LoginThrottle, key, with_for_update=True)
        if row is None:
            row = LoginThrottle(key=key, failures=0, window_start=at)
            session.add(row)
        if row.window_start <= at - WINDOW or (row.locked_until is not None and row.locked_until <= at):
            row.failures, row.window_start, row.locked_until = 0, at, None
        row.failures += 1
        started = None
        if row.failures >= MAX_FAILURES and row.locked_until is None:
            row.locked_until = started = at + LOCK_FOR
            audit(session, None, "login.locked", "user" if user else "login",
                  user.id if user else key[:12], until=started.isoformat(timespec="seconds"))
        # Forget old counters as we go, so addresses tried once do not pile up.
        session.execute(delete(LoginThrottle).where(LoginThrottle.window_start < at - WINDOW - LOCK_FOR,
                                                    LoginThrottle.key != key))
        try:
            session.commit()
            return started
        except IntegrityError:  # another request inserted the same address first
            session.rollback()
    return None


def clear(session: Session, email: str) -> None:
    """A successful login starts the count again (the caller commits)."""
    row = session.get(LoginThrottle, key_for(email))
    if row is not None:
        session.delete(row)

