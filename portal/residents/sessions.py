"""Server-side resident sessions: the Flask session cookie (`portal_session`) keeps only a random
token under RESIDENT_SID; the row behind its hash decides, so signing out (here, or on the
provider through a back-channel logout) ends the session on every worker and instance."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from portal.db import db, utcnow

from .models import ResidentSession

# The key of the token in Flask's session cookie; its presence marks a signed-in resident.
RESIDENT_SID = "resident_sid"
TOUCH_EVERY = timedelta(seconds=60)
CONTACT_CLAIMS = {"name": "name", "email": "email", "phone": "phone_number"}


def _hash(token: str) -> str:
    return hashlib.sha256(("resident-session:" + token).encode()).hexdigest()


def keyed(kind: str, issuer: str, value: str) -> str:
    """A keyed hash (HMAC-SHA256 under SECRET_KEY) of a provider value: the subject, a session
    id. Without the key it cannot be matched to a person, even when `sub` is guessable."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"resident-{kind}\n{issuer}\n{value}".encode(), hashlib.sha256).hexdigest()


def _lifetimes() -> tuple[timedelta, timedelta]:
    cfg = current_app.config
    return timedelta(hours=float(cfg["RESIDENT_SESSION_HOURS"])), \
        timedelta(minutes=float(cfg["RESIDENT_SESSION_IDLE_MINUTES"]))


def contact_from(claims: dict) -> dict:
    """The contact fields a petition form may be filled with, from the provider's claims."""
    contact = {}
    for field, claim in CONTACT_CLAIMS.items():
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            contact[field] = value.strip()[:254]
    return contact


def open_session(session: Session, issuer: str, claims: dict, id_token: str) -> str:
    """Record a resident's sign-in and commit; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    at = utcnow()
    sid = claims.get("sid")
    session.add(ResidentSession(
        token_hash=_hash(token), resident_key=keyed("subject", issuer, claims["sub"]), created_at=at,
        last_seen_at=at, expires_at=at + _lifetimes()[0], contact=contact_from(claims), id_token=id_token,
        external_sid=keyed("sid", issuer, sid) if isinstance(sid, str) and sid else None))
    session.commit()
    return token


def live_session(session: Session, token: object) -> ResidentSession | None:
    if not isinstance(token, str) or not token:
        return None
    row = session.scalar(select(ResidentSession).where(ResidentSession.token_hash == _hash(token)))
    at = utcnow()
    if row is None or row.ended_at is not None or row.expires_at <= at or row.last_seen_at <= at - _lifetimes()[1]:
        return None
    if row.last_seen_at <= at - TOUCH_EVERY:
        with db.new_session() as own:  # its own transaction: a GET never commits the request's
            own.execute(update(ResidentSession).where(ResidentSession.id == row.id).values(last_seen_at=at)
                        .execution_options(synchronize_session=False))
            own.commit()
    return row


def _end(session: Session, *conditions) -> int:
    # Ending forgets the claims and the ID token at once; the row itself goes at the clean-up.
    done = session.execute(update(ResidentSession).where(ResidentSession.ended_at.is_(None), *conditions)
                           .values(ended_at=utcnow(), contact={}, id_token=None)
                           .execution_options(synchronize_session=False))
    session.commit()
    return done.rowcount


def end_session(session: Session, token: object) -> int:
    if not isinstance(token, str) or not token:
        return 0
    return _end(session, ResidentSession.token_hash == _hash(token))


def end_provider_login(session: Session, issuer: str, claims: dict) -> int:
    """A back-channel logout: end the sessions of the provider session `sid` it names, else
    every session of its `sub`."""
    sid, subject = claims.get("sid"), claims.get("sub")
    if isinstance(sid, str) and sid:
        return _end(session, ResidentSession.external_sid == keyed("sid", issuer, sid))
    return _end(session, ResidentSession.resident_key == keyed("subject", issuer, subject))


def remove_dead(session: Session) -> int:
    at = utcnow()
    done = session.execute(delete(ResidentSession).where(or_(
        ResidentSession.ended_at.is_not(None), ResidentSession.expires_at <= at,
        ResidentSession.last_seen_at <= at - _lifetimes()[1])).execution_options(synchronize_session=False))
    session.commit()
    return done.rowcount
