"""Worker heartbeat: /healthz tells a busy worker from a dead one.

Each consumer process beats from a thread of its own, started when its first worker thread
starts (`jobs.on_startup`), every `WORKER_BEAT_SECONDS`. The beat is not a queued task: a
queue holding hours of audio renders (the first start queues ~280) must never delay it, or a
healthy, busy worker would look dead and an orchestrator would restart it. The beat stops only
when the process does, so "no beat for `WORKER_STALE_SECONDS`" means no consumer is alive.
`ping` (`flask jobs-ping`) is the other check: a round trip through the queue itself.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from portal.db import db, utcnow

from .models import RUN_RUNNING, JobRun, WorkerHeartbeat
from .queue import jobs
from .runs import worker_name

log = logging.getLogger(__name__)


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
                # Another process wrote a first beat under this name at the same moment.
                if last_try:
                    raise


@jobs.task(retries=2, retry_delay=5)
def ping(tag: str = "") -> str:
    """A round trip through the queue; the tag lets a caller recognise its own ping."""
    name = f"ping:{tag}" if tag else worker_name()
    _record(name)
    return name


class _Beater:
    """The one beating thread of a consumer process (each worker thread runs the start-up
    hooks, and a forked worker process needs a thread of its own)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.pid = 0

    def start(self, every: float) -> None:
        with self.lock:
            if self.thread is not None and self.thread.is_alive() and self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self.thread = threading.Thread(target=self._run, args=(worker_name(), every),
                                           name="worker-heartbeat", daemon=True)
            self.thread.start()

    @staticmethod
    def _run(name: str, every: float) -> None:
        stop = threading.Event()  # never set: the thread ends with its process
        while True:
            try:
                _record(name)
            except SQLAlchemyError as exc:  # the database is away for a moment; beat again later
                log.warning("worker heartbeat not written: %s", type(exc).__name__)
            except Exception:  # never let the thread die while its process lives: it would look dead
                log.exception("worker heartbeat failed")
            if stop.wait(every):
                return


_beater = _Beater()


@jobs.on_startup
def started() -> None:
    _beater.start(float(current_app.config["WORKER_BEAT_SECONDS"]))


def worker_status(session) -> dict:
    """Down: no consumer beat for `WORKER_STALE_SECONDS`. Up: "busy" while jobs wait or run."""
    stale_after = timedelta(seconds=float(current_app.config["WORKER_STALE_SECONDS"]))
    beats = WorkerHeartbeat.worker.not_like("ping:%")
    last = session.scalar(select(WorkerHeartbeat).where(beats).order_by(WorkerHeartbeat.seen_at.desc()).limit(1))
    if last is None:
        return {"ok": True, "state": "not started", "seen": None, "note": "no worker has reported yet"}
    now = utcnow()
    age = now - last.seen_at
    status = {"seen": last.seen_at.isoformat(timespec="seconds"), "age_seconds": int(age.total_seconds()),
              "stale_after_seconds": int(stale_after.total_seconds())}
    if age >= stale_after:
        return {"ok": False, "state": "down", **status}
    alive = session.scalar(select(func.count()).select_from(WorkerHeartbeat)
                           .where(beats, WorkerHeartbeat.seen_at > now - stale_after))
    # The resumable jobs (the audio renders, the long ones) record their runs; others do not.
    running = session.scalar(select(func.count()).select_from(JobRun).where(JobRun.state == RUN_RUNNING))
    return {"ok": True, "state": "up", "processes": alive, "renders_running": running, **status}
