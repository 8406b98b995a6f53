"""Server-side staff sessions. A login adds a `StaffSession` row; the cookie (signed by Flask)
keeps only its random token, and flask-login's loader accepts the cookie only while that row is
live: not ended, before its absolute end, and seen within the idle timeout. Logging out ends the
row, so a copied cookie is dead everywhere at once, whatever worker or instance it is sent to.

Times come from `totp.now_ts()`, the accounts clock the tests move."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from portal.db import db

from . import totp
from .models import StaffSession, User

# The key under which the token is kept in Flask's session cookie.
SESSION_KEY = "staff_sid"
# `last_seen_at` is written at most this often, not on every request.
TOUCH_EVERY = timedelta(seconds=60)


def now() -> datetime:
    return datetime.fromtimestamp(totp.now_ts(), UTC)


def _hash(token: str) -> str:
    return hashlib.sha256(("staff-session:" + token).encode()).hexdigest()


def absolute_lifetime() -> timedelta:
    return timedelta(hours=float(current_app.config["SESSION_ABSOLUTE_HOURS"]))


def idle_timeout() -> timedelta:
    return timedelta(minutes=float(current_app.config["SESSION_IDLE_MINUTES"]))


def open_session(session: Session, user: User, method: str, *, issuer: str | None = None,
                 external_sid: str | None = None) -> str:
    """Add the record of a complete login (the caller commits); returns the token for the cookie.
    Only its hash is stored, so a copy of the table opens no session."""
    token = secrets.token_urlsafe(32)
    at = now()
    session.add(StaffSession(token_hash=_hash(token), user_id=user.id, method=method, created_at=at,
                             last_seen_at=at, expires_at=at + absolute_lifetime(), external_issuer=issuer,
                             external_sid=external_sid))
    return token


def live_session(session: Session, user_id: int, token: object) -> StaffSession | None:
    """The live record behind `token` for this user, else None; notes the activity."""
    if not isinstance(token, str) or not token:
        return None
    row = session.scalar(select(StaffSession).where(StaffSession.token_hash == _hash(token)))
    at = now()
    if (row is None or row.user_id != user_id or row.ended_at is not None or row.expires_at <= at
            or row.last_seen_at <= at - idle_timeout()):
        return None
    if row.last_seen_at <= at - TOUCH_EVERY:
        _touch(row.id, at)
    return row


def _touch(row_id: int, at: datetime) -> None:
    # Its own short transaction: the loader runs inside a request whose own transaction is the
    # route's to commit or roll back (a GET never commits).
    with db.new_session() as own:
        own.execute(update(StaffSession)
                    .where(StaffSession.id == row_id, StaffSession.ended_at.is_(None),
                           StaffSession.last_seen_at < at)
                    .values(last_seen_at=at).execution_options(synchronize_session=False))
        own.commit()


def _end(session: Session, reason: str, *conditions) -> int:
    done = session.execute(update(StaffSession).where(StaffSession.ended_at.is_(None), *conditions)
                           .values(ended_at=now(), end_reason=reason)
                           .execution_options(synchronize_session=False))
    return done.rowcount


def end_session(session: Session, token: object, reason: str = "logout") -> int:
    """End the session behind `token` (the caller commits)."""
    if not isinstance(token, str) or not token:
        return 0
    return _end(session, reason, StaffSession.token_hash == _hash(token))


def end_user_sessions(session: Session, user_id: int, reason: str) -> int:
    """End every session of one account (the caller commits)."""
    return _end(session, reason, StaffSession.user_id == user_id)


def end_external_session(session: Session, issuer: str, external_sid: str, reason: str) -> int:
    """End the sessions opened through the provider session `external_sid` of `issuer` (the
    caller commits): what an OpenID Connect back-channel logout naming a `sid` needs."""
    return _end(session, reason, StaffSession.external_issuer == issuer, StaffSession.external_sid == external_sid)


def remove_dead(session: Session) -> int:
    """Delete the rows that can never count again: ended, past their end, or idle too long."""
    at = now()
    done = session.execute(delete(StaffSession).where(or_(
        StaffSession.ended_at.is_not(None), StaffSession.expires_at <= at,
        StaffSession.last_seen_at <= at - idle_timeout()))
        .execution_options(synchronize_session=False))
    session.commit()
    return done.rowcount
