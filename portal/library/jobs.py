"""Background work: text out of uploaded files, then speech for the summary and for each
page of the reading version. Failures are written where the editor sees them."""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import delete

from portal.core import media
from portal.db import db
from portal.jobs.queue import jobs
from portal.media_render import service as media_render
from portal.media_render.registry import Outputs, Plan, Renderer, declare, put_speech

from .models import PUBLISHED, STATE_DONE, STATE_FAILED, STATE_WAITING, Item, ItemFile, PageAudio
from .reading import plain
from .uploads import EXTRACTABLE

log = logging.getLogger(__name__)
# Pages beyond this get no audio (a 3,000-character page speaks for ~3 minutes).
MAX_AUDIO_PAGES = 40


def _after_text_changed(session, item: Item) -> None:
    from portal.search.jobs import refresh

    from .catalog import reading_pages

    item.text_pages = len(reading_pages(session, item))
    if item.status == PUBLISHED:
        jobs.enqueue_after_commit(session, refresh, "document", str(item.id))
        media_render.request(session, "library", item)  # folded into a render waiting or running
    session.commit()


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


def _plan(session, item: Item) -> Plan | None:
    """The title and summary, then each reading page; none while a file's text is being read
    (the last extraction asks again), so that a many-file item is spoken once, not per file."""
    from .catalog import reading_pages, speech_text

    if any(file.extract_state == STATE_WAITING for file in item.files):
        return None
    pages = reading_pages(session, item)[:MAX_AUDIO_PAGES]
    speeches = [("summary", speech_text(item))]
    speeches += [(f"page:{number}", "\n".join(plain(p) for p in page)) for number, page in enumerate(pages, 1)]
    return Plan(speeches, extra=pages)


def _store(session, item: Item, plan: Plan, outputs: Outputs) -> None:
    put_speech(item, outputs.speeches["summary"])
    session.execute(delete(PageAudio).where(PageAudio.item_id == item.id))
    for number, page in enumerate(plan.extra, 1):
        audio = PageAudio(item_id=item.id, page=number, text_hash=hashlib.sha256("\n".join(page).encode()).hexdigest())
        put_speech(audio, outputs.speeches[f"page:{number}"])
        session.add(audio)


def _fingerprint(session, item: Item) -> str:
    from .catalog import audio_hash, reading_pages

    pages = "\n\f".join("\n".join(page) for page in reading_pages(session, item)[:MAX_AUDIO_PAGES])
    return hashlib.sha256(f"{audio_hash(item)}\n{pages}".encode()).hexdigest()


declare(Renderer(kind="library", model=Item, fingerprint=_fingerprint, active=lambda item: item.status == PUBLISHED,
                 plan=_plan, store=_store, state="audio_state", error="audio_error", hash="audio_hash"))
