"""Background work: speech audio and EPUB for a bulletin, and importing news feeds."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import current_app
from huey import crontab

from portal.core import media
from portal.db import db
from portal.jobs.queue import jobs

from .models import MEDIA_DONE, MEDIA_FAILED, Bulletin

log = logging.getLogger(__name__)


def _speech_options() -> dict:
    cfg = current_app.config
    return {"engine": cfg.get("SPEECH_ENGINE", "espeak")}


@jobs.task(retries=2, retry_delay=30)
def render_media(bulletin_id: int) -> str:
    """Render audio and EPUB for the bulletin's current text; a later edit re-queues it."""
    from portal.audio import render_speech

    from .epub import bulletin_epub
    from .service import media_hash, speech_text

    with db.new_session() as session:
        bulletin = session.get(Bulletin, bulletin_id)
        if bulletin is None:
            return "gone"
        wanted = media_hash(bulletin)
        if bulletin.media_text_hash == wanted and bulletin.media_state == MEDIA_DONE:
            return "unchanged"
        try:
            out_dir = Path(current_app.config["MEDIA_ROOT"]) / "public" / "audio"
            speech = render_speech(speech_text(bulletin), out_dir, **_speech_options())
            epub_key = media.save_public("epub", bulletin_epub(bulletin), "epub")
        except Exception as exc:
            session.rollback()
            bulletin = session.get(Bulletin, bulletin_id)
            bulletin.media_state = MEDIA_FAILED
            bulletin.media_error = f"{type(exc).__name__}: {exc}"[:500]
            session.commit()
            log.warning("media for bulletin %s failed: %s", bulletin_id, type(exc).__name__)
            raise
        session.refresh(bulletin)
        if media_hash(bulletin) != wanted:
            return "stale"  # edited meanwhile; that edit queued its own render
        bulletin.audio_opus = f"public/audio/{speech.opus_path.name}"
        bulletin.audio_mp3 = f"public/audio/{speech.mp3_path.name}"
        bulletin.audio_seconds = round(speech.duration, 1)
        bulletin.audio_opus_bytes = speech.opus_bytes
        bulletin.audio_mp3_bytes = speech.mp3_bytes
        bulletin.epub = epub_key
        bulletin.epub_bytes = media.size_of(epub_key)
        bulletin.media_text_hash = wanted
        bulletin.media_state = MEDIA_DONE
        bulletin.media_error = ""
        session.commit()
        return "done"


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

    from .models import PUBLISHED

    now = utcnow()
    with db.new_session() as session:
        due = session.scalars(select(Bulletin.id).where(
            Bulletin.status == PUBLISHED, Bulletin.publish_at > now - timedelta(minutes=15),
            Bulletin.publish_at <= now)).all()
    for bulletin_id in due:
        refresh.enqueue("bulletin", str(bulletin_id))
