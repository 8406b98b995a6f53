"""What bulletins publish through the public API (/api/v1/bulletins/)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.api.content import audio, committee, media, page
from portal.api.registry import Collection, ListQuery, registry
from portal.api.removals import previous
from portal.api.schemas import Audio, CommitteeRef, Media, Schema
from portal.db import db, utcnow

from . import service
from .models import PUBLISHED, Bulletin
from .topics import TOPIC_NAMES


class BulletinOut(Schema):
    id: int
    slug: str
    url: str
    title: str
    summary: str
    body: str  # Markdown, as the editor wrote it
    topic: str
    topic_name: str
    committee: CommitteeRef
    published_at: datetime
    updated_at: datetime
    audio: Audio | None
    epub: Media | None


def _out(b: Bulletin) -> BulletinOut:
    return BulletinOut(id=b.id, slug=b.slug, url=f"/ban-tin/{b.slug}", title=b.title, summary=b.summary, body=b.body,
                       topic=b.topic, topic_name=str(TOPIC_NAMES.get(b.topic, b.topic)), committee=committee(b.unit),
                       published_at=b.publish_at, updated_at=max(b.updated_at, b.publish_at), audio=audio(b),
                       epub=media(b.epub, "application/epub+zip", b.epub_bytes))


def _list(query: ListQuery):
    stmt = service.public_filter(select(Bulletin)).options(selectinload(Bulletin.unit))
    rows, total = page(stmt, query, Bulletin.unit_id, (Bulletin.updated_at, Bulletin.publish_at),
                       (Bulletin.publish_at.desc(), Bulletin.id.desc()))
    return [_out(b) for b in rows], total


def _get(item_id: int):
    b = db.session.get(Bulletin, item_id)
    return _out(b) if b is not None and b.is_public() else None


def _was_public(b: Bulletin) -> bool:
    when = previous(b, "publish_at")
    return previous(b, "status") == PUBLISHED and when is not None and when <= utcnow()


registry.register(Collection("bulletins", "bulletins", BulletinOut, _list, _get,
                             tracked=[(Bulletin, lambda b: b.id, _was_public, lambda b: b.is_public())]))
