"""The worker's heartbeat, so /healthz can tell a dead worker from a quiet one; and the runs of
resumable jobs, so a job cut off by a dead worker runs again (see `portal.jobs.runs`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, UTCDateTime, utcnow

RUN_RUNNING = "running"
RUN_REQUEUED = "requeued"  # put back on the queue after its worker died; not started again yet


class WorkerHeartbeat(Base):
    __tablename__ = "worker_heartbeats"

    id: Mapped[int] = mapped_column(primary_key=True)
    worker: Mapped[str] = mapped_column(String(120), unique=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    beats: Mapped[int] = mapped_column(default=0)


class JobRun(Base):
    """A resumable job being run by a worker: recorded when it starts, deleted when it ends."""

    __tablename__ = "job_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Huey's own message for the job (arguments, retries left), put back on the queue as it is.
    message: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(10), default=RUN_RUNNING)
    worker: Mapped[str] = mapped_column(String(120), default="")  # host:pid of the process running it
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    alive_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # refreshed while it runs
    resumes: Mapped[int] = mapped_column(default=0)
