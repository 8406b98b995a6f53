"""The worker's heartbeat, so /healthz can tell a dead worker from a quiet one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, UTCDateTime, utcnow


class WorkerHeartbeat(Base):
    __tablename__ = "worker_heartbeats"

    id: Mapped[int] = mapped_column(primary_key=True)
    worker: Mapped[str] = mapped_column(String(120), unique=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    beats: Mapped[int] = mapped_column(default=0)
