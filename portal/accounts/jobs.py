"""Background work for staff accounts: forget sessions that can never count again and lockout
counters whose window is long over, so neither table grows with every login or attempt."""

from __future__ import annotations

from huey import crontab

from portal.db import db
from portal.jobs.queue import jobs

from . import lockout, sessions


def clean_up(session) -> tuple[int, int]:
    """(staff sessions removed, lockout counters removed)."""
    return sessions.remove_dead(session), lockout.forget_old(session)


@jobs.periodic(crontab(minute="23"))
def hourly_clean_up() -> tuple[int, int]:
    with db.new_session() as session:
        return clean_up(session)


__all__ = ["clean_up", "hourly_clean_up"]
