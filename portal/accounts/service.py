"""Account actions. Each public function is one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from portal.db import utcnow
from portal.units.models import COMMUNE, Unit

from . import lockout, sessions
from .audit import audit  # features record their actions through the service: keep it here
from .models import ROLES, TEAM, UNIT_ROLES, User

MIN_PASSWORD = 10
# A valid hash to compare against when the e-mail is unknown, so timing
# does not reveal which addresses have accounts.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


class AccountError(ValueError):
    pass


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise AccountError(f"invalid e-mail: {exc}") from exc


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def create_user(session: Session, email: str, password: str, role: str, unit: Unit | None = None,
                display_name: str = "", actor: User | None = None) -> User:
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if role in UNIT_ROLES and unit is None:
        raise AccountError(f"role {role} needs a committee (--unit CODE)")
    if role == TEAM and unit is not None and unit.level != COMMUNE:
        raise AccountError("a community team member must belong to a commune, ward or special zone")
    if role not in UNIT_ROLES:
        unit = None
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password must have at least {MIN_PASSWORD} characters")
    if session.scalar(select(User).where(func.lower(User.email) == email)):
        raise AccountError(f"an account for {email} already exists")
    user = User(email=email, password_hash=hash_password(password), role=role, unit=unit,
                display_name=display_name or email.split("@")[0])
    session.add(user)
    session.flush()
    audit(session, actor, "user.create", "user", user.id, role=role, unit=unit.code if unit else None)
    session.commit()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The account when the password is right (not yet logged in: see `finish_login`)."""
    try:
        email = normalise_email(email)
    except AccountError:
        check_password_hash(_DUMMY_HASH, password)
        return None
    user = session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None or not user.active or user.sso_only:
        # An account for single sign-on only has no password here (same time as a real check).
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password):
        audit(session, None, "login.failed", "user", user.id)
        session.commit()
        return None
    return user


@dataclass
class PasswordCheck:
    user: User | None = None
    locked_until: datetime | None = None


def check_password(session: Session, email: str, password: str) -> PasswordCheck:
    """The login's first step, with the per-address lockout: each check takes a place first, and a
    locked address is refused before its password is even looked at, whether an account exists
    or not."""
    password_email, email = email, _canonical(email)
    attempt = lockout.take_attempt(session, email)
    if not attempt.allowed:
        check_password_hash(_DUMMY_HASH, password)  # same time as a real check
        return PasswordCheck(locked_until=attempt.locked_until)
    user = authenticate(session, password_email, password)
    if user is not None:
        lockout.give_back(session, email)
        session.commit()
        return PasswordCheck(user=user)
    known = _find(session, email)
    return PasswordCheck(locked_until=lockout.record_failure(session, attempt, email, known))


def take_code_attempt(session: Session, user: User) -> lockout.Attempt:
    """Before a second-step code is checked: a place in the same lockout as the passwords."""
    return lockout.take_attempt(session, user.email)


def wrong_code(session: Session, user: User, attempt: lockout.Attempt) -> datetime | None:
    """A wrong second-step code counts towards the same lockout as a wrong password."""
    audit(session, None, "login.code_failed", "user", user.id)
    return lockout.record_failure(session, attempt, user.email, user)


def finish_login(session: Session, user: User, method: str, *, issuer: str | None = None,
                 external_sid: str | None = None) -> str:
    """Record a complete login (password or single sign-on, and the second step when there is
    one); returns the token of its server-side session, for the cookie. `issuer`/`external_sid`
    name the provider's session, which a back-channel logout ends."""
    lockout.clear(session, user.email)
    user.last_login_at = utcnow()
    token = sessions.open_session(session, user, method, issuer=issuer, external_sid=external_sid)
    audit(session, user, "login", "user", user.id, method=method)
    session.commit()
    return token


def log_out(session: Session, user: User | None, token: object) -> None:
    """End this browser's session on the server, so a copy of its cookie is dead too."""
    if sessions.end_session(session, token, "logout") and user is not None:
        audit(session, user, "logout", "user", user.id)
    session.commit()


def _canonical(email: str) -> str:
    try:
        return normalise_email(email)
    except AccountError:
        return email.strip().lower()


def _find(session: Session, email: str) -> User | None:
    try:
        email = normalise_email(email)
    except AccountError:
        return None
    return session.scalar(select(User).where(func.lower(User.email) == email))


def load_session_user(session: Session, token: str, session_token: object) -> User | None:
    """flask-login loader: `token` is "<id>:<session_version>" and `session_token` the token of the
    server-side session kept beside it; both must still hold."""
    try:
        uid, version = (int(part) for part in token.split(":", 1))
    except ValueError:
        return None
    user = session.get(User, uid)
    if user is None or user.session_version != version or not user.active:
        return None
    if sessions.live_session(session, uid, session_token) is None:
        return None
    return user


def log_out_everywhere(session: Session, user: User) -> None:
    """Every session of this user ends: their server-side records end, and the session version
    they carry no longer matches either."""
    user.session_version += 1
    sessions.end_user_sessions(session, user.id, "everywhere")
    audit(session, user, "logout.everywhere", "user", user.id)
    session.commit()
