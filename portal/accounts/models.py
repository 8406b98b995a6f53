"""Staff accounts and the audit log."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, utcnow
from portal.units.models import Unit

ADMIN = "admin"
EDITOR = "editor"
HANDLER = "handler"
TEAM = "team"
ROLES = (ADMIN, EDITOR, HANDLER, TEAM)
# Roles that act for one committee (editors publish for theirs); TEAM must be bound to a commune.
UNIT_ROLES = (EDITOR, HANDLER, TEAM)


class User(UserMixin, Base):
    __tablename__ = "users"
    # One account per login of the identity provider: issuer + subject, never the e-mail alone.
    __table_args__ = (UniqueConstraint("sso_issuer", "sso_subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped on password change or "log out everywhere": old sessions stop working.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Two-step login (TOTP). A secret without `totp_enabled_at` is an enrolment not yet confirmed.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last time step accepted: a code of that step or an earlier one is refused (no replay).
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    # Single sign-on (portal/accounts/oidc.py): the provider's issuer and `sub` of this person.
    sso_issuer: Mapped[str | None] = mapped_column(String(255))
    sso_subject: Mapped[str | None] = mapped_column(String(255))
    # Only single sign-on may log this account in: the password here is refused.
    sso_only: Mapped[bool] = mapped_column(default=False, server_default="0")

    unit: Mapped[Unit | None] = relationship()

    @property
    def is_active(self) -> bool:  # flask-login
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    @property
    def two_factor_enabled(self) -> bool:
        return self.totp_enabled_at is not None and bool(self.totp_secret)

    @property
    def two_factor_required(self) -> bool:
        return self.role == ADMIN


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()


class RecoveryCode(Base):
    """One-time codes for a lost phone: only their SHA-256 is kept (they carry 60 random bits)."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginThrottle(Base):
    """Failed logins per e-mail address (hashed), whether an account exists or not, so a lockout
    says nothing about which addresses have accounts."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StaffSession(Base):
    """One staff login, kept on the server: the session cookie carries only a random token whose
    hash is stored here, and a session counts only while its row is live. So logging out ends it
    for every copy of the cookie, on every worker and instance (they share the database).

    `external_issuer`/`external_sid` name the identity provider's session when the login came
    through single sign-on, so a back-channel logout naming that `sid` can end exactly this row."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(20))  # password, totp, recovery, sso, sso-mfa, sso+totp…
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Absolute end, fixed at login; activity never moves it.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_reason: Mapped[str | None] = mapped_column(String(20))
    external_issuer: Mapped[str | None] = mapped_column(String(255))
    external_sid: Mapped[str | None] = mapped_column(String(255), index=True)


class UsedLogoutToken(Base):
    """The `jti` of every back-channel logout token accepted, hashed with its issuer: the same token
    sent again is refused on every worker and instance (they share the table). Kept until the
    token would be refused by its age anyway (oidc.LOGOUT_TOKEN_MAX_AGE)."""

    __tablename__ = "oidc_logout_tokens"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
