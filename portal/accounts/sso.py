"""Staff accounts behind single sign-on: linked to the provider's issuer + `sub` (never to the
e-mail alone), role and committee taken from the claims at every login, and the back-channel
logout. Each public function is one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.db import utcnow
from portal.units.models import COMMUNE, Unit

from . import sessions
from .models import ROLES, TEAM, UNIT_ROLES, User
from .service import AccountError, audit, normalise_email

# No password can ever match this (it is not a hash werkzeug makes).
NO_PASSWORD = "!sso-only"  # nosec B105 # noqa: S105 (a marker, not a password)


class Refused(Exception):
    """A login the portal will not open; `reason` picks the message shown."""

    def __init__(self, reason: str, **detail) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass
class ClaimNames:
    role: str
    unit: str


def _role_and_unit(session: Session, claims: dict, names: ClaimNames) -> tuple[str, Unit | None]:
    role = claims.get(names.role)
    if isinstance(role, list) and len(role) == 1:
        role = role[0]
    if not isinstance(role, str) or role.strip().lower() not in ROLES:
        raise Refused("role", role=str(role)[:40])
    role = role.strip().lower()
    if role not in UNIT_ROLES:
        return role, None
    code = claims.get(names.unit)
    code = str(code).strip().upper() if isinstance(code, str | int) else ""
    unit = session.scalar(select(Unit).where(Unit.code == code)) if code else None
    if unit is None:
        raise Refused("unit", unit=code[:20])
    if role == TEAM and unit.level != COMMUNE:
        raise Refused("team_unit", unit=code)
    return role, unit


def _refuse(session: Session, reason: str, issuer: str, subject: str, user: User | None = None, **detail) -> Refused:
    audit(session, None, "login.sso_refused", "user", user.id if user else "", reason=reason, issuer=issuer,
          subject=subject[:80], **detail)
    session.commit()
    return Refused(reason, **detail)


def _email(claims: dict) -> str | None:
    try:
        return normalise_email(str(claims.get("email") or ""))
    except AccountError:
        return None


def sign_in(session: Session, issuer: str, claims: dict, names: ClaimNames, *, approve_first: bool) -> User:
    """The account for this provider login, made or updated from the claims; raises Refused
    (after an audit entry) when the portal will not let it in."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise _refuse(session, "claims", issuer, "")
    user = session.scalar(select(User).where(User.sso_issuer == issuer, User.sso_subject == subject))
    if user is None:
        return _first_login(session, issuer, subject, claims, names, approve_first)
    if not user.active:
        raise _refuse(session, "approval" if user.last_login_at is None else "inactive", issuer, subject, user)
    if not approve_first:
        try:
            role, unit = _role_and_unit(session, claims, names)
        except Refused as refused:
            raise _refuse(session, refused.reason, issuer, subject, user, **refused.detail) from None
        if (role, unit) != (user.role, user.unit):
            # Moved to another committee or role on the platform: moved here too.
            audit(session, user, "user.sso_update", "user", user.id, role=role, unit=unit.code if unit else None,
                  was_role=user.role, was_unit=user.unit.code if user.unit else None)
            user.role, user.unit = role, unit
    name = claims.get("name")
    if isinstance(name, str) and name.strip():
        user.display_name = name.strip()[:120]
    return user


def _first_login(session: Session, issuer: str, subject: str, claims: dict, names: ClaimNames,
                 approve_first: bool) -> User:
    try:
        role, unit = _role_and_unit(session, claims, names)
    except Refused as refused:
        raise _refuse(session, refused.reason, issuer, subject, **refused.detail) from None
    email = _email(claims)
    if email is None:
        raise _refuse(session, "claims", issuer, subject)
    local = session.scalar(select(User).where(func.lower(User.email) == email))
    if local is not None:
        # A local account is taken over only when an administrator switched it to single sign-on
        # and the provider vouches for the address; otherwise an e-mail claim would be a key.
        if not (local.sso_only and local.sso_subject is None and claims.get("email_verified") is True):
            raise _refuse(session, "email_taken", issuer, subject, local)
        local.sso_issuer, local.sso_subject = issuer, subject
        audit(session, None, "user.sso_link", "user", local.id, issuer=issuer)
        if not local.active:
            raise _refuse(session, "inactive", issuer, subject, local)
        return sign_in(session, issuer, claims, names, approve_first=approve_first)
    name = claims.get("name") if isinstance(claims.get("name"), str) else ""
    user = User(email=email, password_hash=NO_PASSWORD, role=role, unit=unit, sso_issuer=issuer, sso_subject=subject,
                sso_only=True, display_name=(name or email.split("@")[0]).strip()[:120], active=not approve_first)
    session.add(user)
    session.flush()
    audit(session, None, "user.create_sso", "user", user.id, role=role, unit=unit.code if unit else None,
          issuer=issuer)
    if approve_first:
        raise _refuse(session, "approval", issuer, subject, user)
    return user


def second_factor_used(claims: dict, amr_values: str, acr_values: str) -> bool:
    """Whether the provider says it checked a second factor (the `amr`/`acr` values configured)."""
    amr = claims.get("amr")
    amr = set(amr) if isinstance(amr, list) else set()
    if amr & set(amr_values.split()):
        return True
    return isinstance(claims.get("acr"), str) and claims["acr"] in acr_values.split()


def approve(session: Session, actor: User, user: User) -> None:
    """An administrator lets a first single sign-on login in."""
    user.active = True
    audit(session, actor, "user.sso_approve", "user", user.id)
    session.commit()


def switch_to_sso(session: Session, actor: User | None, user: User) -> None:
    """From now on only single sign-on logs this account in: the password is dropped and its
    sessions end (the next login links it to the provider's account with the same verified e-mail)."""
    user.sso_only = True
    user.password_hash = NO_PASSWORD
    user.session_version += 1
    sessions.end_user_sessions(session, user.id, "sso-only")
    audit(session, actor, "user.sso_only", "user", user.id)
    session.commit()


def back_channel_logout(session: Session, issuer: str, claims: dict) -> int:
    """End the portal sessions of the provider login the logout token names: its `sid`, else
    every session of the account of its `sub`. Shared by every worker and instance (the table)."""
    sid, subject = claims.get("sid"), claims.get("sub")
    ended = 0
    user = None
    if isinstance(subject, str) and subject:
        user = session.scalar(select(User).where(User.sso_issuer == issuer, User.sso_subject == subject))
    if isinstance(sid, str) and sid:
        ended = sessions.end_external_session(session, issuer, sid, "backchannel")
    elif user is not None:
        ended = sessions.end_user_sessions(session, user.id, "backchannel")
    audit(session, user, "logout.backchannel", "user", user.id if user else "", ended=ended, at=utcnow().isoformat())
    session.commit()
    return ended
