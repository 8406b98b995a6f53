"""Background work: speech audio and EPUB for a bulletin, and importing news feeds."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from pathlib import Path

from flask import current_app
from huey import crontab

from portal.core import media
from portal.db import db
from portal.jobs import failures
from portal.jobs.queue import current_attempt, jobs

from .models import MEDIA_DONE, MEDIA_FAILED, MEDIA_WAITING, Bulletin
from .service import media_hash, speech_text

log = logging.getLogger(__name__)


def _speak(text: str):
    """The bulletin's speech, made in a child process stopped at SPEECH_TIME_LIMIT seconds."""
    from portal.audio import render_speech_limited

    cfg = current_app.config
    out_dir = Path(cfg["MEDIA_ROOT"]) / "public" / "audio"
    return render_speech_limited(text, out_dir, time_limit=cfg["SPEECH_TIME_LIMIT"],
                                 engine=cfg.get("SPEECH_ENGINE", "espeak"))


def _failed(session, bulletin_id: int, wanted: str, exc: Exception) -> None:
    """Say why where the editor looks: "waiting" while Huey will try again, "failed" after the
    last attempt. The text and e-book stay public either way."""
    session.rollback()
    bulletin = session.get(Bulletin, bulletin_id)
    if bulletin is None or media_hash(bulletin) != wanted:
        return  # edited meanwhile; that edit queued its own render
    attempt = current_attempt()
    bulletin.media_state = MEDIA_WAITING if attempt is not None and not attempt.last else MEDIA_FAILED
    bulletin.media_error = failures.record(exc, attempt)
    session.commit()
    log.warning("media for bulletin %s failed (%s): %s: %s", bulletin_id, bulletin.media_state,
                type(exc).__name__, exc)  # the raw detail here; the editor reads it in words


def _epub(bulletin: Bulletin) -> str:
    """The bulletin's EPUB, named after what it is made of: the zip inside an EPUB carries the
    time it was written, so naming it by its bytes would leave one more file at every attempt."""
    from .epub import bulletin_epub

    published = bulletin.publish_at.isoformat() if bulletin.publish_at else ""
    made_of = "\n".join((str(bulletin.id), media_hash(bulletin), bulletin.title, bulletin.unit.committee_name,
                         bulletin.updated_at.isoformat(), published))
    name = hashlib.sha256(made_of.encode()).hexdigest()[:32]
    key = f"public/epub/{name}.epub"
    if not media.path_of(key).exists():
        media.save_public("epub", bulletin_epub(bulletin), "epub", name=name)
    return key


# Four attempts, 30 s, 1 min and 2 min apart; run again when the worker dies mid-render.
@jobs.task(retries=3, retry_delay=30, retry_backoff=2, resumable=True)
def render_media(bulletin_id: int) -> str:
    """Render the EPUB, then the speech audio, for the bulletin's current text; a later edit
    re-queues it. The EPUB is public as soon as it is made, audio or not."""
    with db.new_session() as session:
        bulletin = session.get(Bulletin, bulletin_id)
        if bulletin is None:
            return "gone"
        wanted = media_hash(bulletin)
        if bulletin.media_text_hash == wanted and bulletin.media_state == MEDIA_DONE:
            return "unchanged"
        try:
            epub_key = _epub(bulletin)
            if bulletin.epub != epub_key:
                bulletin.epub, bulletin.epub_bytes = epub_key, media.size_of(epub_key)
                session.commit()
            speech = _speak(speech_text(bulletin))
        except Exception as exc:
            _failed(session, bulletin_id, wanted, exc)
            raise
        session.refresh(bulletin)
        if media_hash(bulletin) != wanted:
            return "stale"  # edited meanwhile; that edit queued its own render
        bulletin.audio_opus = f"public/audio/{speech.opus_path.name}"
        bulletin.audio_mp3 = f"public/audio/{speech.mp3_path.name}"
        bulletin.audio_seconds = round(speech.duration, 1)
        bulletin.audio_opus_bytes = speech.opus_bytes
        bulletin.audio_mp3_bytes = speech.mp3_bytes
        bulletin.media_text_hash = wanted
        bulletin.media_state = MEDIA_DONE
        bulletin.media_error = ""
        session.commit()
        return "done"


@render_media.on_abandon
def _render_abandoned(bulletin_id: int) -> None:
    """The worker died at every try while rendering: stop, and tell the editor."""
    with db.new_session() as session:
        bulletin = session.get(Bulletin, bulletin_id)
        if bulletin is not None and bulletin.media_state == MEDIA_WAITING:
            bulletin.media_state = MEDIA_FAILED
            bulletin.media_error = failures.record(failures.WorkerLost("the worker died at every try"))
            session.commit()


# No EPUB takes this long to write: an older temporary one was left by a dead worker.
STALE_TEMP_SECONDS = 600


@jobs.on_startup
def sweep_leftovers() -> None:
    """Remove what renders cut off by a dead worker left behind. The voice's child removes its
    own temporary files when its worker dies, but not when both are killed at once (systemd
    stops the worker's whole group): then they go here, or before the next render."""
    import time

    from portal.audio.parts import sweep
    from portal.audio.render import STALE_PART_SECONDS

    public = Path(current_app.config["MEDIA_ROOT"]) / "public"
    if (public / "audio").is_dir():
        sweep(public / "audio", STALE_PART_SECONDS)
    cutoff = time.time() - STALE_TEMP_SECONDS
    for temp in public.glob("epub/.tmp-*"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


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
