"""A back-channel logout token counts once: its `jti` is stored (hashed with the issuer) in the
database, which every worker and instance share, so a replayed token is refused everywhere."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from flask import current_app, jsonify, request
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.db import db, utcnow

from . import oidc
from .models import UsedLogoutToken


def accept_once(session: Session, issuer: str, claims: dict, skew: int) -> bool:
    """Record the verified token's `jti`; False when it was recorded before (a replay). Commits
    on its own: the record must hold even when what follows fails."""
    session.execute(delete(UsedLogoutToken).where(UsedLogoutToken.expires_at <= utcnow())
                    .execution_options(synchronize_session=False))
    key = hashlib.sha256(f"logout-token\n{issuer}\n{claims['jti']}".encode()).hexdigest()
    until = datetime.fromtimestamp(float(claims["iat"]) + oidc.LOGOUT_TOKEN_MAX_AGE + 2 * skew, UTC)
    session.add(UsedLogoutToken(key=key, expires_at=until))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def verified_claims(client) -> dict | None:
    """The claims of the logout token posted by the provider of `client`, after every check and
    the replay check; None (logged without any claim) when it does not pass."""
    try:
        claims = oidc.verify_logout_token(client, request.form.get("logout_token", ""))
    except oidc.FAILURES as exc:
        current_app.logger.warning("back-channel logout refused: %s", type(exc).__name__)
        return None
    if not accept_once(db.session, issuer_of(client), claims, oidc.skew()):
        current_app.logger.warning("back-channel logout refused: a replayed logout token")
        return None
    return claims


def issuer_of(client) -> str:
    return client.server_metadata["issuer"].rstrip("/")


def answer(ok: bool):
    """What the provider gets back (section 2.8: 200, or 400 with an error)."""
    if ok:
        response = current_app.make_response(("", 200))
    else:
        response = jsonify(error="invalid_request", error_description="logout token refused")
        response.status_code = 400
    response.headers["Cache-Control"] = "no-store"
    return response
