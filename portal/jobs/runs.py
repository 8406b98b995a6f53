"""Resumable jobs: a job cut off by a dead worker runs again.

Huey takes a message off the queue before running it, so a worker that is killed (SIGKILL,
the out-of-memory killer, a power cut) loses the job it was running. For tasks declared with
``@jobs.task(resumable=True)`` the worker keeps a row in ``job_runs`` while the job runs:
Huey's message for it (arguments, retries left), the process running it (``host:pid``), and
``alive_at``, refreshed every `KEEPALIVE_SECONDS` by a thread of that process. The row is
deleted when the run ends, however it ends (a retry is queued by Huey itself).

A run whose process is gone is put back on the queue as the same message, by
`resume_interrupted`, which every worker calls when it starts and once a minute:

* its process was on this machine and no longer exists (found at once, at the next start);
* or its ``alive_at`` is older than `STALE_AFTER` (a worker on another machine that died).

After `MAX_RESUMES` the job is given up: logged, and its ``on_abandon`` handler is called so
the feature can say so where people look. A resumable job must be idempotent: should a live
run be taken for a dead one (its process frozen for minutes), it runs twice.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from huey import crontab
from sqlalchemy import delete, select, update
from sqlalchemy.exc import SQLAlchemyError

from portal.core.processes import pid_alive
from portal.db import db, utcnow

from .models import RUN_REQUEUED, RUN_RUNNING, JobRun

if TYPE_CHECKING:
    from .queue import JobQueue

log = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 20
STALE_AFTER = timedelta(minutes=2)
MAX_RESUMES = 3
# A requeued row whose job never started again (its queue was emptied by hand) is forgotten.
FORGET_REQUEUED_AFTER = timedelta(days=1)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class _Keeper:
    """One thread per process that refreshes ``alive_at`` of the runs this process holds."""

    def __init__(self) -> None:
        self.task_ids: set[str] = set()
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid = 0

    def add(self, task_id: str) -> None:
        with self.lock:
            self.task_ids.add(task_id)
            if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
                self.pid = os.getpid()  # a forked worker process starts its own thread
                self.thread = threading.Thread(target=self._run, name="job-keepalive", daemon=True)
                self.thread.start()

    def discard(self, task_id: str) -> None:
        with self.lock:
            self.task_ids.discard(task_id)

    def holds(self, task_id: str) -> bool:
        with self.lock:
            return task_id in self.task_ids and self.pid == os.getpid()

    def _run(self) -> None:
        while not self.wake.wait(KEEPALIVE_SECONDS):
            with self.lock:
                task_ids = sorted(self.task_ids)
            if not task_ids:
                continue
            try:
                with db.new_session() as session:
                    session.execute(update(JobRun).where(JobRun.task_id.in_(task_ids), JobRun.state == RUN_RUNNING)
                                    .values(alive_at=utcnow()))
                    session.commit()
            except SQLAlchemyError as exc:  # the database is away; the next beat tries again
                log.warning("could not refresh running jobs: %s", type(exc).__name__)


_keeper = _Keeper()


def _begin(queue: JobQueue, task: Any) -> None:
    """Huey's pre-execute hook: record a resumable run before it starts."""
    huey = queue.huey
    if huey is None or huey.immediate or task.name not in queue.resumable:
        return
    message = huey.serialize_task(task)
    now = utcnow()
    with db.new_session() as session:
        run = session.scalar(select(JobRun).where(JobRun.task_id == task.id))
        if run is None:
            run = JobRun(task_id=task.id, name=task.name, resumes=0)
            session.add(run)
        run.message, run.state, run.worker = message, RUN_RUNNING, worker_name()
        run.started_at = run.alive_at = now
        session.commit()
    _keeper.add(task.id)


def _end(queue: JobQueue, task: Any, _value: Any, _exception: Exception | None) -> None:
    """Huey's post-execute hook: the run ended (done, failed, or queued again for a retry)."""
    if task.name not in queue.resumable or queue.huey is None or queue.huey.immediate:
        return
    _keeper.discard(task.id)
    with db.new_session() as session:
        session.execute(delete(JobRun).where(JobRun.task_id == task.id))
        session.commit()


def _gone(run: JobRun, now: datetime, host: str) -> bool:
    """Is the process that was running ``run`` dead?"""
    if run.alive_at < now - STALE_AFTER:
        return True
    run_host, _, pid = run.worker.rpartition(":")
    if run_host != host or not pid.isdigit():
        return False
    if int(pid) == os.getpid():  # this process, or an earlier one with the same pid (containers)
        return not _keeper.holds(run.task_id)
    return not pid_alive(int(pid))


def _abandon(queue: JobQueue, run: JobRun) -> None:
    log.error("job %s (%s) gave up after its worker died %s times", run.task_id, run.name, run.resumes)
    task = queue.task_named(run.name)
    if task is None or task.abandon_handler is None:
        return
    assert queue.huey is not None
    job = queue.huey.deserialize_task(run.message)
    try:
        task.abandon_handler(*job.args, **job.kwargs)
    except Exception:
        log.exception("on_abandon handler of %s failed", run.name)


def resume_interrupted(queue: JobQueue, now: datetime | None = None) -> list[str]:
    """Put back on the queue the runs whose worker died; returns their task ids."""
    huey = queue.huey
    if huey is None or huey.immediate:
        return []
    now = now or utcnow()
    host = socket.gethostname()
    resumed: list[str] = []
    with db.new_session() as session:
        session.execute(delete(JobRun).where(JobRun.state == RUN_REQUEUED,
                                             JobRun.started_at < now - FORGET_REQUEUED_AFTER))
        session.commit()
        runs = session.scalars(select(JobRun).where(JobRun.state == RUN_RUNNING).order_by(JobRun.id)).all()
        for run in runs:
            if not _gone(run, now, host):
                continue
            worker, alive_at = run.worker, run.alive_at
            # Claim it: another worker starting at the same moment must not queue it twice.
            claimed = session.execute(
                update(JobRun).where(JobRun.id == run.id, JobRun.state == RUN_RUNNING,
                                     JobRun.worker == worker, JobRun.alive_at == alive_at)
                .values(state=RUN_REQUEUED, worker="", started_at=now, resumes=JobRun.resumes + 1)
            ).rowcount
            session.commit()
            if not claimed:
                continue
            session.refresh(run)
            if run.resumes > MAX_RESUMES:
                session.delete(run)
                session.commit()
                _abandon(queue, run)
                continue
            try:
                huey.storage.enqueue(run.message, huey.deserialize_task(run.message).priority)
            except Exception:
                # The queue is unreachable: leave the run as it was, for the next look.
                log.exception("could not put job %s back on the queue", run.task_id)
                session.execute(update(JobRun).where(JobRun.id == run.id).values(
                    state=RUN_RUNNING, worker=worker, alive_at=alive_at, resumes=JobRun.resumes - 1))
                session.commit()
                continue
            log.warning("job %s (%s) was cut off by a dead worker; queued again (%s of %s)",
                        run.task_id, run.name, run.resumes, MAX_RESUMES)
            resumed.append(run.task_id)
    return resumed


def install(queue: JobQueue) -> None:
    """Hook the run records into Huey; called by `JobQueue.init_app`."""
    huey = queue.huey
    assert huey is not None
    huey.pre_execute(name=f"{__name__}.begin")(lambda task: _begin(queue, task))
    huey.post_execute(name=f"{__name__}.end")(lambda task, value, exc: _end(queue, task, value, exc))

    def resume() -> None:
        resume_interrupted(queue)

    resume.__name__ = resume.__qualname__ = "resume_interrupted"
    huey.on_startup(name=f"{__name__}.resume_at_start")(queue.in_app(resume))
    huey.periodic_task(crontab(minute="*"), name=f"{__name__}.resume_interrupted")(queue.in_app(resume))
