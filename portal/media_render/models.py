"""The ledger of renders: one row per item, so that requests coalesce across workers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, UTCDateTime

# The states an editor sees, stored in the feature's own state column.
MEDIA_NONE = "none"
MEDIA_WAITING = "waiting"
MEDIA_DONE = "done"
MEDIA_FAILED = "failed"


class AudioColumns:
    """The speech of an item: Opus first, MP3 for older phones (columns shared by the features)."""

    audio_opus: Mapped[str | None] = mapped_column(String(200))
    audio_mp3: Mapped[str | None] = mapped_column(String(200))
    audio_seconds: Mapped[float | None] = mapped_column()
    audio_opus_bytes: Mapped[int | None] = mapped_column()
    audio_mp3_bytes: Mapped[int | None] = mapped_column()


class RenderedColumns(AudioColumns):
    """The speech of an item a job renders whenever its text changes, and where that render stands:
    the state the editor sees, why it failed, the hash of the text last rendered."""

    media_state: Mapped[str] = mapped_column(String(10), default=MEDIA_NONE)
    media_error: Mapped[str] = mapped_column(String(500), default="")
    media_text_hash: Mapped[str] = mapped_column(String(64), default="")


class MediaRender(Base):
    """Every request bumps `generation`; `queued` says a render job waits or runs for the item.
    A request that finds it set adds nothing to the queue: the job renders again before it ends
    if the generation moved while it ran."""

    __tablename__ = "media_renders"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int] = mapped_column()
    generation: Mapped[int] = mapped_column(default=0)
    queued: Mapped[bool] = mapped_column(default=False)
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Which voice made the item's speech last ("gtts", "espeak", "mixed" when its texts differ,
    # None before any), and whether the offline voice spoke because the natural one was down:
    # those are made again once it answers (`natural.fallen_back`).
    voice: Mapped[str | None] = mapped_column(String(40))
    fell_back: Mapped[bool] = mapped_column(default=False, server_default=false())

    __table_args__ = (UniqueConstraint("kind", "item_id"), Index("ix_media_renders_fell_back", "fell_back"))


class VoiceOutage(Base):
    """An online voice that stopped answering, for every worker and instance: nobody asks it
    before `retry_at`; each failure in a row doubles the wait (`natural.wait_after`)."""

    __tablename__ = "voice_outages"

    engine: Mapped[str] = mapped_column(String(40), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(300), default="")
