"""Background work: text out of uploaded files, then speech for the summary and for each
page of the reading version. Failures are written where the editor sees them."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, select

from portal.core import media
from portal.db import db
from portal.jobs.queue import jobs

from .models import PUBLISHED, STATE_DONE, STATE_FAILED, Item, ItemFile, PageAudio
from .reading import plain
from .uploads import EXTRACTABLE

log = logging.getLogger(__name__)
# Pages beyond this get no audio (a 3,000-character page speaks for ~3 minutes).
MAX_AUDIO_PAGES = 40


def _after_text_changed(session, item: Item) -> None:
    from portal.search.jobs import refresh

    from .catalog import reading_pages

    item.text_pages = len(reading_pages(session, item))
    session.commit()
    if item.status == PUBLISHED:
        refresh.enqueue("document", str(item.id))
        render_audio.enqueue(item.id)


@jobs.task(retries=1, retry_delay=30)
def extract_file(file_id: int) -> str:
    from .extract import ExtractionError, extract_text

    with db.new_session() as session:
        file = session.get(ItemFile, file_id)
        if file is None:
            return "gone"
        if file.format not in EXTRACTABLE:
            return "nothing to read"
        try:
            text = extract_text(file.format, media.path_of(file.key).read_bytes())
        except (ExtractionError, OSError) as exc:
            file.text = ""
            file.extract_state = STATE_FAILED
            file.extract_error = str(exc)[:500]
            session.commit()
            log.info("extraction of library file %s failed: %s", file_id, exc)
            _after_text_changed(session, file.item)
            return "failed"
        file.text = text
        file.extract_state = STATE_DONE
        file.extract_error = ""
        session.commit()
        _after_text_changed(session, file.item)
        return "done"


@jobs.task(retries=1, retry_delay=10)
def refresh_pages(item_id: int) -> None:
    with db.new_session() as session:
        item = session.get(Item, item_id)
        if item is not None:
            _after_text_changed(session, item)


def _speak(text: str):
    """One speech, made in a child process stopped at SPEECH_TIME_LIMIT seconds."""
    from portal.audio import render_speech_limited

    cfg = current_app.config
    out_dir = Path(cfg["MEDIA_ROOT"]) / "public" / "audio"
    return render_speech_limited(text, out_dir, time_limit=cfg["SPEECH_TIME_LIMIT"],
                                 engine=cfg.get("SPEECH_ENGINE", "espeak"))


# Three attempts, 30 s and 1 min apart; run again when the worker dies mid-render.
@jobs.task(retries=2, retry_delay=30, retry_backoff=2, resumable=True)
def render_audio(item_id: int) -> str:
    """Speech of the title and summary, then of each reading page (cached by text hash,
    so unchanged pages cost nothing when the item is edited)."""
    import hashlib

    from .catalog import reading_pages
    from .service import audio_hash, speech_text

    with db.new_session() as session:
        item = session.get(Item, item_id)
        if item is None or item.status != PUBLISHED:
            return "skipped"
        wanted = audio_hash(item)
        try:
            summary = _speak(speech_text(item))
            pages = reading_pages(session, item)[:MAX_AUDIO_PAGES]
            spoken = [_speak("\n".join(plain(p) for p in page)) for page in pages]
        except Exception as exc:
            session.rollback()
            item = session.get(Item, item_id)
            item.audio_state = STATE_FAILED
            item.audio_error = f"{type(exc).__name__}: {exc}"[:500]
            session.commit()
            log.warning("audio for library item %s failed: %s", item_id, type(exc).__name__)
            raise
        session.refresh(item)
        if audio_hash(item) != wanted:
            return "stale"  # edited meanwhile; that edit queued its own render
        item.audio_opus = f"public/audio/{summary.opus_path.name}"
        item.audio_mp3 = f"public/audio/{summary.mp3_path.name}"
        item.audio_seconds = round(summary.duration, 1)
        item.audio_opus_bytes, item.audio_mp3_bytes = summary.opus_bytes, summary.mp3_bytes
        item.audio_hash = wanted
        item.audio_state = STATE_DONE
        item.audio_error = ""
        session.execute(delete(PageAudio).where(PageAudio.item_id == item.id))
        for number, (page, speech) in enumerate(zip(pages, spoken, strict=True), 1):
            session.add(PageAudio(item_id=item.id, page=number,
                                  text_hash=hashlib.sha256("\n".join(page).encode()).hexdigest(),
                                  audio_opus=f"public/audio/{speech.opus_path.name}",
                                  audio_mp3=f"public/audio/{speech.mp3_path.name}",
                                  audio_seconds=round(speech.duration, 1), audio_opus_bytes=speech.opus_bytes,
                                  audio_mp3_bytes=speech.mp3_bytes))
        session.commit()
        existing = session.scalars(select(PageAudio.page).where(PageAudio.item_id == item.id)).all()
        return f"done ({len(existing)} pages)"
