"""Forget resident sessions that can never count again (and the claims they held)."""

from __future__ import annotations

from huey import crontab

from portal.db import db
from portal.jobs.queue import jobs

from . import sessions


@jobs.periodic(crontab(minute="27"))
def hourly_clean_up() -> int:
    with db.new_session() as session:
        return sessions.remove_dead(session)


__all__ = ["hourly_clean_up"]
