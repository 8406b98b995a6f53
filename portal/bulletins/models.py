"""Bulletins, their rendered media, and the news sources they can be imported from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.db import Base, UTCDateTime, utcnow
from portal.media_render.models import MEDIA_DONE, MEDIA_FAILED, MEDIA_NONE, MEDIA_WAITING, RenderedColumns  # noqa: F401  (the states, for the feature's code)
from portal.units.models import Unit

DRAFT = "draft"
PUBLISHED = "published"

TOPICS = ("hoat-dong", "an-sinh", "phap-luat", "chuyen-doi-so", "suc-khoe", "thien-tai")


class Bulletin(RenderedColumns, Base):
    __tablename__ = "bulletins"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str] = mapped_column(String(30))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    # Public once status is published and publish_at has passed (scheduling).
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    source_guid: Mapped[str | None] = mapped_column(String(500))

    cover_webp: Mapped[str | None] = mapped_column(String(200))
    cover_jpeg: Mapped[str | None] = mapped_column(String(200))
    cover_width: Mapped[int | None] = mapped_column()
    cover_height: Mapped[int | None] = mapped_column()
    cover_alt: Mapped[str] = mapped_column(String(200), default="")

    # The EPUB, rendered with the speech (RenderedColumns) whenever the text changes.
    epub: Mapped[str | None] = mapped_column(String(200))
    epub_bytes: Mapped[int | None] = mapped_column()

    unit: Mapped[Unit] = relationship()
    author: Mapped[User | None] = relationship()

    __table_args__ = (Index("ix_bulletins_public", "status", "publish_at"),)

    def is_public(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.status == PUBLISHED and self.publish_at is not None and self.publish_at <= now


class NewsSource(Base):
    """An RSS/Atom feed whose new items become draft bulletins for an editor to review."""

    __tablename__ = "news_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    topic: Mapped[str] = mapped_column(String(30), default="hoat-dong")
    active: Mapped[bool] = mapped_column(default=True)
    last_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    last_imported: Mapped[int] = mapped_column(default=0)

    unit: Mapped[Unit] = relationship()


class ImportedItem(Base):
    """Which feed entries were already turned into drafts (never imported twice)."""

    __tablename__ = "news_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("news_sources.id", ondelete="CASCADE"))
    guid: Mapped[str] = mapped_column(String(500))
    bulletin_id: Mapped[int | None] = mapped_column(ForeignKey("bulletins.id", ondelete="SET NULL"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("source_id", "guid"),)
