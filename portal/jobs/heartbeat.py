"""Worker heartbeat: written on start-up, every minute, and on demand (`flask jobs ping`)."""

from __future__ import annotations

from datetime import timedelta

from huey import crontab
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.db import db, utcnow

from .models import WorkerHeartbeat
from .queue import jobs
from .runs import worker_name

STALE_AFTER = timedelta(minutes=5)


def _record(worker: str) -> None:
    for last_try in (False, True):
        with db.new_session() as session:
            beat = session.scalar(select(WorkerHeartbeat).where(WorkerHeartbeat.worker == worker))
            if beat is None:
                beat = WorkerHeartbeat(worker=worker, beats=0)
                session.add(beat)
            beat.seen_at = utcnow()
            beat.beats += 1
            try:
                session.commit()
                return
            except IntegrityError:
                # Another thread of this worker (each runs the start-up hooks) wrote it first.
                if last_try:
                    raise


@jobs.task(retries=2, retry_delay=5)
def ping(tag: str = "") -> str:
    """A round trip through the queue; the tag lets a caller recognise its own ping."""
    name = f"ping:{tag}" if tag else worker_name()
    _record(name)
    return name


@jobs.periodic(crontab(minute="*"))
def beat() -> None:
    _record(worker_name())


@jobs.on_startup
def started() -> None:
    _record(worker_name())


def worker_status(session) -> dict:
    last = session.scalar(
        select(WorkerHeartbeat).where(WorkerHeartbeat.worker.not_like("ping:%"))
        .order_by(WorkerHeartbeat.seen_at.desc()).limit(1)
    )
    if last is None:
        return {"ok": True, "seen": None, "note": "no worker has reported yet"}
    age = utcnow() - last.seen_at
    return {"ok": age < STALE_AFTER, "seen": last.seen_at.isoformat(timespec="seconds"),
            "age_seconds": int(age.total_seconds())}
