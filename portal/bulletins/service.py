"""Bulletin actions. Each public function checks permission and commits once; rendering
media and updating the search index are queued after the commit."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, contains_eager

from portal.accounts.models import ADMIN, User
from portal.accounts.service import audit
from portal.core.format import vietnam_date
from portal.core.markdown import plain_text
from portal.core.slugs import unique_slug
from portal.core.text import clean_line, nfc
from portal.db import utcnow
from portal.editorial.service import PermissionDenied, begin_edit, can_edit, check, queue_search, set_status  # noqa: F401  (for the pages)
from portal.media_render import service as media_render
from portal.units.models import Unit

from .models import DRAFT, PUBLISHED, Bulletin

log = logging.getLogger(__name__)
MEDIA_VERSION = "1"  # bump to re-render every bulletin's audio and EPUB


@dataclass
class BulletinData:
    title: str
    summary: str
    body: str
    topic: str
    unit: Unit
    cover_alt: str = ""


@dataclass
class Cover:
    """A new cover picture, already stored (media keys of both formats)."""
    webp: str
    jpeg: str
    width: int
    height: int


def editable_units_filter(user: User, stmt: Select) -> Select:
    return stmt if user.role == ADMIN else stmt.where(Bulletin.unit_id == user.unit_id)


def speech_text(bulletin: Bulletin) -> str:
    parts = [bulletin.title, bulletin.summary, plain_text(bulletin.body)]
    return "\n".join(p.strip() for p in parts if p and p.strip())


def media_hash(bulletin: Bulletin) -> str:
    return hashlib.sha256(f"{MEDIA_VERSION}\n{speech_text(bulletin)}".encode()).hexdigest()


def save(session: Session, actor: User, data: BulletinData, bulletin: Bulletin | None = None,
         cover: Cover | None = None) -> Bulletin:
    """Create or update a bulletin, with its new cover when one was sent, in one commit (the
    caller stores the cover's files inside media.undo_on_failure, so a failed commit leaves none)."""
    edit = begin_edit(session, actor, data.unit, bulletin, lambda: Bulletin(status=DRAFT, author=actor),
                      ("title", "summary", "body", "topic", "unit_id"))
    bulletin, creating = edit.item, edit.creating
    bulletin.title = clean_line(data.title, 200)
    bulletin.summary = clean_line(data.summary, 300)
    bulletin.body = nfc(data.body).replace("\r\n", "\n").strip()
    bulletin.topic = data.topic
    bulletin.unit = data.unit
    bulletin.cover_alt = clean_line(data.cover_alt, 200)
    if creating or not bulletin.slug:
        with session.no_autoflush:
            bulletin.slug = unique_slug(session, Bulletin, bulletin.title)
    bulletin.updated_at = utcnow()
    session.flush()
    audit(session, actor, "bulletin.create" if creating else "bulletin.update", "bulletin", bulletin.id,
          changed=edit.changed())
    if cover is not None:
        bulletin.cover_webp, bulletin.cover_jpeg = cover.webp, cover.jpeg
        bulletin.cover_width, bulletin.cover_height = cover.width, cover.height
        audit(session, actor, "bulletin.cover", "bulletin", bulletin.id)
    media_render.request(session, "bulletin", bulletin)
    if bulletin.status == PUBLISHED:
        queue_search(session, "bulletin", bulletin.id)
    session.commit()
    return bulletin


def publish(session: Session, actor: User, bulletin: Bulletin, when: datetime | None = None) -> Bulletin:
    """Publish now, or schedule for `when`; the page is public from then on, audio or not."""
    check(actor, bulletin.unit)
    now = utcnow()
    bulletin.publish_at = when if when and when > now else now
    bulletin.first_published_at = bulletin.first_published_at or bulletin.publish_at
    action = "bulletin.schedule" if bulletin.publish_at > now else "bulletin.publish"
    return set_status(session, actor, bulletin, PUBLISHED, now=now, search_kind="bulletin", media_kind="bulletin",
                      note=lambda: audit(session, actor, action, "bulletin", bulletin.id,
                                         at=bulletin.publish_at.isoformat(timespec="minutes")))


def unpublish(session: Session, actor: User, bulletin: Bulletin) -> Bulletin:
    return set_status(session, actor, bulletin, DRAFT, search_kind="bulletin",
                      note=lambda: audit(session, actor, "bulletin.unpublish", "bulletin", bulletin.id))


def retry_media(session: Session, actor: User, bulletin: Bulletin) -> None:
    if not can_edit(actor, bulletin.unit):
        raise PermissionDenied
    audit(session, actor, "bulletin.media.retry", "bulletin", bulletin.id)
    media_render.request(session, "bulletin", bulletin, force=True)
    session.commit()


# -- reading ----------------------------------------------------------------------

def public_filter(stmt: Select, now: datetime | None = None) -> Select:
    return stmt.where(Bulletin.status == PUBLISHED, Bulletin.publish_at <= (now or utcnow()))


def list_public(session: Session, *, province: str = "", unit_code: str = "", topic: str = "",
                page: int = 1, per_page: int = 10) -> tuple[list[Bulletin], int]:
    stmt = public_filter(select(Bulletin)).join(Bulletin.unit)
    if unit_code:
        stmt = stmt.where(Unit.code == unit_code)
    elif province:
        stmt = stmt.where(Unit.province_code == province)
    if topic:
        stmt = stmt.where(Bulletin.topic == topic)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(Bulletin.publish_at.desc(), Bulletin.id.desc())
                           .options(contains_eager(Bulletin.unit))  # already joined: no query per row
                           .limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total


def months_with_bulletins(session: Session, unit: Unit, limit: int = 6) -> list[tuple[int, int]]:
    """(year, month) pairs, newest first, for the committee's monthly EPUB collections; months
    of Vietnam's calendar (a bulletin of 31 December 23:00 is in December, not in UTC's month)."""
    dates = session.scalars(public_filter(select(Bulletin.publish_at)).where(Bulletin.unit_id == unit.id)
                            .order_by(Bulletin.publish_at.desc()).limit(500))
    seen: list[tuple[int, int]] = []
    for moment in dates:
        d = vietnam_date(moment)
        if (d.year, d.month) not in seen:
            seen.append((d.year, d.month))
    return seen[:limit]


def get_public(session: Session, slug: str) -> Bulletin | None:
    return session.scalar(public_filter(select(Bulletin).where(Bulletin.slug == slug)))


# -- news sources -------------------------------------------------------------------

def import_feed(session: Session, source_id: int, timeout: float) -> int:
    """Fetch one source and add its new entries as drafts; returns how many (one commit)."""
    from .models import ImportedItem, NewsSource
    from .news import FeedError, fetch, parse

    source = session.get(NewsSource, source_id)
    if source is None or not source.active:
        return 0
    source.last_checked_at = utcnow()
    try:
        items = parse(fetch(source.url, timeout))
    except FeedError as exc:
        log.warning("news source %s could not be imported: %s", source.id, exc)  # the detail, for operators
        source.last_error = exc.code  # shown to the editor in words (news.describe)
        source.last_imported = 0
        session.commit()
        return 0
    known = set(session.scalars(select(ImportedItem.guid).where(ImportedItem.source_id == source.id)))
    added = 0
    for item in items:
        guid = item.guid[:500]
        if guid in known:
            continue
        known.add(guid)
        # The feed's description becomes the text only: as the summary too, the page would show it
        # twice. The editor writes a summary when reviewing the draft.
        source_line = f"Nguồn: [{source.name}]({item.link})" if item.link.startswith("http") else ""
        body = "\n\n".join(part for part in (item.summary, source_line) if part)
        bulletin = Bulletin(status=DRAFT, title=clean_line(item.title, 200), summary="",
                            body=body, topic=source.topic, unit_id=source.unit_id, source_guid=guid)
        with session.no_autoflush:
            bulletin.slug = unique_slug(session, Bulletin, bulletin.title)
        session.add(bulletin)
        session.flush()
        session.add(ImportedItem(source_id=source.id, guid=guid, bulletin_id=bulletin.id))
        audit(session, None, "bulletin.import", "bulletin", bulletin.id, source=source.id)
        added += 1
    source.last_error = ""
    source.last_imported = added
    session.commit()
    return added
