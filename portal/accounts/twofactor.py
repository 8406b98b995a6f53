"""Two-step login for staff: enrolment, codes at login, recovery codes, admin reset.
Each public function is one transaction. Secrets and codes are never logged or audited."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from portal.db import utcnow

from . import totp
from .models import RecoveryCode, User
from .service import audit
from .sessions import end_user_sessions

RECOVERY_CODES = 10
# No 0/O, 1/I/L: read aloud or copied from paper without doubt. 12 of 32 signs = 60 random bits.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_RECOVERY_LENGTH = 12


class TwoFactorError(ValueError):
    pass


def _hash_recovery(code: str) -> str:
    return hashlib.sha256(("recovery:" + code).encode()).hexdigest()


def _normalise_recovery(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def start_enrolment(session: Session, user: User) -> str:
    """The secret to show; the same one until confirmed, so reloading the page does not undo a scan."""
    if user.two_factor_enabled:
        raise TwoFactorError("two-step login is already on")
    if not user.totp_secret:
        user.totp_secret = totp.generate_secret()
        user.totp_last_step = None
        session.commit()
    return user.totp_secret


def _new_recovery_codes(session: Session, user: User) -> list[str]:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(_RECOVERY_LENGTH)) for _ in range(RECOVERY_CODES)]
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash_recovery(code)) for code in codes)
    return ["-".join(code[i:i + 4] for i in range(0, _RECOVERY_LENGTH, 4)) for code in codes]


def _accept_step(session: Session, user: User, code: str) -> bool:
    """Check a TOTP code and record its step in one conditional UPDATE, so two requests
    racing with the same code cannot both pass."""
    step = totp.matching_step(user.totp_secret or "", code, user.totp_last_step)
    if step is None:
        return False
    done = session.execute(
        update(User).where(User.id == user.id,
                           or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step).execution_options(synchronize_session=False))
    user.totp_last_step = step
    return done.rowcount == 1


def confirm_enrolment(session: Session, user: User, code: str) -> list[str] | None:
    """Turn two-step login on when `code` is right; returns the recovery codes (shown once)."""
    if user.two_factor_enabled or not user.totp_secret:
        raise TwoFactorError("no enrolment in progress")
    if not _accept_step(session, user, code):
        session.rollback()
        return None
    user.totp_enabled_at = utcnow()
    codes = _new_recovery_codes(session, user)
    audit(session, user, "2fa.enable", "user", user.id)
    session.commit()
    return codes


def enrol_directly(session: Session, user: User) -> tuple[str, list[str]]:
    """Set-up done by the operator (the demo administrator): the key is printed, not scanned."""
    secret = start_enrolment(session, user)
    user.totp_enabled_at = utcnow()
    codes = _new_recovery_codes(session, user)
    audit(session, None, "2fa.enable", "user", user.id, by="operator")
    session.commit()
    return secret, codes


def check_code(session: Session, user: User, code: str) -> str | None:
    """A login's second step: "totp" or "recovery" when `code` is right (and now spent), else None.
    The caller records the failure or the login."""
    if not user.two_factor_enabled:
        return None
    if _accept_step(session, user, code):
        session.commit()
        return "totp"
    recovery = _normalise_recovery(code)
    if len(recovery) == _RECOVERY_LENGTH:
        row = session.scalar(select(RecoveryCode).where(RecoveryCode.user_id == user.id,
                                                        RecoveryCode.code_hash == _hash_recovery(recovery),
                                                        RecoveryCode.used_at.is_(None)))
        if row is not None:
            spent = session.execute(
                update(RecoveryCode).where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None))
                .values(used_at=utcnow()).execution_options(synchronize_session=False))
            if spent.rowcount == 1:
                audit(session, user, "2fa.recovery_used", "user", user.id, left=recovery_codes_left(session, user) - 1)
                session.commit()
                return "recovery"
    session.rollback()
    return None


def recovery_codes_left(session: Session, user: User) -> int:
    return len(session.scalars(select(RecoveryCode.id).where(RecoveryCode.user_id == user.id,
                                                             RecoveryCode.used_at.is_(None))).all())


def regenerate_recovery_codes(session: Session, user: User, code: str) -> list[str] | None:
    """New recovery codes (the old ones stop working), confirmed with a current code."""
    if not user.two_factor_enabled or not _accept_step(session, user, code):
        session.rollback()
        return None
    codes = _new_recovery_codes(session, user)
    audit(session, user, "2fa.recovery_regenerated", "user", user.id)
    session.commit()
    return codes


def _clear(session: Session, user: User) -> None:
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def disable(session: Session, user: User, code: str) -> bool:
    """Staff for whom it is optional may turn it off with a current code; administrators may not."""
    if user.two_factor_required:
        raise TwoFactorError("two-step login is required for administrators")
    if not user.two_factor_enabled or not _accept_step(session, user, code):
        session.rollback()
        return False
    _clear(session, user)
    audit(session, user, "2fa.disable", "user", user.id)
    session.commit()
    return True


def cancel_enrolment(session: Session, user: User) -> None:
    if not user.two_factor_enabled and user.totp_secret:
        user.totp_secret = None
        session.commit()


def reset_by_admin(session: Session, actor: User, target: User) -> None:
    """An administrator clears another person's two-step login (a lost phone): their sessions end,
    and they enrol again at their next login (administrators must)."""
    if actor.role != "admin":
        raise TwoFactorError("only administrators may reset two-step login")
    if actor.id == target.id:
        raise TwoFactorError("administrators cannot reset their own two-step login")
    was_on = target.two_factor_enabled
    _clear(session, target)
    target.session_version += 1
    end_user_sessions(session, target.id, "2fa_reset")
    audit(session, actor, "2fa.reset", "user", target.id, email=target.email, was_enabled=was_on)
    session.commit()
