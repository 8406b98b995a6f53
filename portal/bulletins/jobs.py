"""Background work: speech audio and EPUB for a bulletin, and importing news feeds."""

from __future__ import annotations

import logging

from flask import current_app
from huey import crontab

from portal.core import media
from portal.db import db
from portal.jobs.queue import jobs
from portal.media_render.registry import Epub, Plan, Renderer, declare, put_speech

from .models import PUBLISHED, Bulletin
from .service import media_hash, speech_text

log = logging.getLogger(__name__)


def _plan(_session, bulletin: Bulletin) -> Plan:
    """The EPUB (public as soon as it is made, audio or not), then the speech of the text."""
    from .epub import bulletin_epub

    published = bulletin.publish_at.isoformat() if bulletin.publish_at else ""
    made_of = "\n".join((str(bulletin.id), media_hash(bulletin), bulletin.title, bulletin.unit.committee_name,
                         bulletin.updated_at.isoformat(), published))
    return Plan([("speech", speech_text(bulletin))], epub=Epub(made_of, lambda: bulletin_epub(bulletin)))


def _keep_epub(bulletin: Bulletin, key: str) -> None:
    if bulletin.epub != key:
        bulletin.epub, bulletin.epub_bytes = key, media.size_of(key)


declare(Renderer(
    kind="bulletin", model=Bulletin, fingerprint=lambda _session, b: media_hash(b),
    active=lambda b: b.status == PUBLISHED, plan=_plan, keep_epub=_keep_epub,
    store=lambda _session, b, _plan, outputs: put_speech(b, outputs.speeches["speech"])))


@jobs.task(retries=1, retry_delay=60)
def import_source(source_id: int) -> int:
    from .service import import_feed

    with db.new_session() as session:
        return import_feed(session, source_id, current_app.config["NEWS_FETCH_TIMEOUT"])


@jobs.periodic(crontab(minute="*/30"))
def import_all_sources() -> None:
    from sqlalchemy import select

    from .models import NewsSource

    with db.new_session() as session:
        ids = session.scalars(select(NewsSource.id).where(NewsSource.active.is_(True))).all()
    for source_id in ids:
        import_source.enqueue(source_id)


@jobs.periodic(crontab(minute="*/5"))
def index_scheduled() -> None:
    """Scheduled bulletins become public on their own; add them to the search index then."""
    from datetime import timedelta

    from sqlalchemy import select

    from portal.db import utcnow
    from portal.search.jobs import refresh

    now = utcnow()
    with db.new_session() as session:
        due = session.scalars(select(Bulletin.id).where(
            Bulletin.status == PUBLISHED, Bulletin.publish_at > now - timedelta(minutes=15),
            Bulletin.publish_at <= now)).all()
    for bulletin_id in due:
        refresh.enqueue("bulletin", str(bulletin_id))


# A cover kept for an editor after a refused save is stored before its bulletin: the ones never
# saved are removed once no bulletin uses them and a day has passed (the form then asks again).
UNUSED_COVER_AGE = 24 * 3600


def remove_unused_covers(session, older_than: float = UNUSED_COVER_AGE) -> int:
    from sqlalchemy import or_, select

    from portal.core.media_sweep import remove_unreferenced

    def used(keys: list[str]) -> set[str]:
        rows = session.execute(select(Bulletin.cover_webp, Bulletin.cover_jpeg).where(
            or_(Bulletin.cover_webp.in_(keys), Bulletin.cover_jpeg.in_(keys))))
        return {key for row in rows for key in row}

    removed = remove_unreferenced("public/covers", older_than, used)
    session.rollback()  # read only; end the transaction
    return removed


@jobs.periodic(crontab(minute="47", hour="*/6"))
def unused_cover_cleanup() -> int:
    with db.new_session() as session:
        return remove_unused_covers(session)
