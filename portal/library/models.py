"""Library items, their files (with the text extracted from them), categories, the audio of
the summary and of each reading page, and the edit history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.db import Base, UTCDateTime, utcnow
from portal.media_render.models import MEDIA_DONE, MEDIA_FAILED, MEDIA_NONE, MEDIA_WAITING, AudioColumns
from portal.units.models import Unit

DRAFT = "draft"
PUBLISHED = "published"

# Background work states (text extraction per file, audio per item), shown to the editor.
STATE_NONE, STATE_WAITING, STATE_DONE, STATE_FAILED = MEDIA_NONE, MEDIA_WAITING, MEDIA_DONE, MEDIA_FAILED


class Category(Base):
    """A node of the category tree (a category and its sub-categories)."""

    __tablename__ = "library_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("library_categories.id"))
    position: Mapped[int] = mapped_column(default=0)

    parent: Mapped[Category | None] = relationship(remote_side=[id])

    @property
    def full_name(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent else self.name


class Item(AudioColumns, Base):
    __tablename__ = "library_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(12))
    issuer: Mapped[str] = mapped_column(String(200), default="")  # issuing body or author
    issued_on: Mapped[date | None] = mapped_column(Date)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("library_categories.id"))
    tags: Mapped[str] = mapped_column(String(300), default="")  # comma-separated, NFC
    summary: Mapped[str] = mapped_column(Text, default="")  # plain-language explanation
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    views: Mapped[int] = mapped_column(default=0)
    text_pages: Mapped[int] = mapped_column(default=0)  # pages of the reading version

    # Speech of the title and summary (the pages' audio is in PageAudio).
    audio_state: Mapped[str] = mapped_column(String(10), default=STATE_NONE)
    audio_error: Mapped[str] = mapped_column(String(500), default="")
    audio_hash: Mapped[str] = mapped_column(String(64), default="")

    unit: Mapped[Unit] = relationship()
    category: Mapped[Category | None] = relationship()
    author: Mapped[User | None] = relationship()
    files: Mapped[list[ItemFile]] = relationship(order_by="ItemFile.position, ItemFile.id",
                                                 cascade="all, delete-orphan", back_populates="item")

    __table_args__ = (Index("ix_library_items_public", "status", "published_at"),)

    def is_public(self) -> bool:
        return self.status == PUBLISHED

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (s.strip() for s in self.tags.split(",")) if t]


class ItemFile(Base):
    """One uploaded file, stored under a generated name; `text` is what extraction found."""

    __tablename__ = "library_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(200))
    format: Mapped[str] = mapped_column(String(8))
    bytes: Mapped[int] = mapped_column()
    label: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    extract_state: Mapped[str] = mapped_column(String(10), default=STATE_NONE)
    extract_error: Mapped[str] = mapped_column(String(500), default="")

    item: Mapped[Item] = relationship(back_populates="files")


class PageAudio(Base):
    """Speech for one page of an item's reading version."""

    __tablename__ = "library_page_audio"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id", ondelete="CASCADE"))
    page: Mapped[int] = mapped_column()
    text_hash: Mapped[str] = mapped_column(String(64))
    audio_opus: Mapped[str] = mapped_column(String(200))
    audio_mp3: Mapped[str] = mapped_column(String(200))
    audio_seconds: Mapped[float] = mapped_column()
    audio_opus_bytes: Mapped[int] = mapped_column()
    audio_mp3_bytes: Mapped[int] = mapped_column()

    __table_args__ = (UniqueConstraint("item_id", "page"),)


class Revision(Base):
    """Edit history: who changed what, with the title and summary as they were saved."""

    __tablename__ = "library_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(30))
    changed: Mapped[str] = mapped_column(String(300), default="")
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()
