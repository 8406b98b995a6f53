"""The render job of every feature's media, and the sweep of what killed renders left."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
from pathlib import Path

from flask import current_app
from huey import crontab

from portal.core import media
from portal.db import db
from portal.jobs import failures
from portal.jobs.queue import current_attempt, jobs

from . import ledger, natural, registry
from .models import MEDIA_DONE, MEDIA_FAILED, MEDIA_WAITING

log = logging.getLogger(__name__)


def speak(text: str):
    """One speech, made in a child process stopped at SPEECH_TIME_LIMIT seconds; named after
    its text, voice and settings, so an unchanged text costs nothing and adds no file."""
    from portal.audio import render_speech_limited

    cfg = current_app.config
    out_dir = Path(cfg["MEDIA_ROOT"]) / "public" / "audio"
    engine = cfg.get("SPEECH_ENGINE") or natural.AUTO
    if engine == natural.AUTO:
        return natural.speak(text, out_dir, cfg["SPEECH_TIME_LIMIT"])
    return render_speech_limited(text, out_dir, time_limit=cfg["SPEECH_TIME_LIMIT"], engine=engine)


def store_epub(epub: registry.Epub) -> str:
    name = hashlib.sha256(epub.made_of.encode()).hexdigest()[:32]
    key = f"public/epub/{name}.epub"
    if not media.path_of(key).exists():
        media.save_public("epub", epub.build(), "epub", name=name)
    return key


def _last_attempt() -> bool:
    attempt = current_attempt()
    return attempt is None or attempt.last


def _failed(session, renderer: registry.Renderer, item_id: int, wanted: str, exc: Exception) -> None:
    """Say why where the editor looks: "waiting" while another attempt will follow, "failed"
    after the last. The text (and the e-book) stay public either way."""
    session.rollback()
    attempt, last = current_attempt(), _last_attempt()
    item = session.get(renderer.model, item_id)
    if item is None or renderer.fingerprint(session, item) != wanted:
        return  # changed meanwhile: its request is folded into this job
    setattr(item, renderer.state, MEDIA_FAILED if last else MEDIA_WAITING)
    setattr(item, renderer.error, failures.record(exc, attempt))
    session.commit()
    log.warning("media of %s %s failed (%s): %s: %s", renderer.kind, item_id, getattr(item, renderer.state),
                type(exc).__name__, exc)  # the raw detail here; the editor reads it in words


def _round(session, renderer: registry.Renderer, item_id: int) -> str:
    item = session.get(renderer.model, item_id)
    if item is None:
        return "gone"
    plan = renderer.plan(session, item) if renderer.active(item) else None
    if plan is None:
        return "skipped"
    wanted = renderer.fingerprint(session, item)
    if getattr(item, renderer.hash) == wanted and getattr(item, renderer.state) == MEDIA_DONE:
        return "unchanged"
    outputs = registry.Outputs()
    try:
        if plan.epub is not None:
            outputs.epub = store_epub(plan.epub)
            if renderer.keep_epub is not None:
                renderer.keep_epub(item, outputs.epub)
                session.commit()
        for slot, text in plan.speeches:
            outputs.speeches[slot] = speak(text)
    except Exception as exc:
        _failed(session, renderer, item_id, wanted, exc)
        raise
    session.refresh(item)
    if renderer.fingerprint(session, item) != wanted:
        return "stale"  # changed meanwhile; its request is folded into this job
    renderer.store(session, item, plan, outputs)
    natural.record(session, renderer.kind, item_id, outputs.speeches.values())
    setattr(item, renderer.hash, wanted)
    setattr(item, renderer.state, MEDIA_DONE)
    setattr(item, renderer.error, "")
    session.commit()
    return "done"


# Four attempts, 30 s, 1 min and 2 min apart; run again when the worker dies mid-render.
@jobs.task(retries=3, retry_delay=30, retry_backoff=2, resumable=True)
def render(kind: str, item_id: int) -> str:
    """Render the item's media for what it holds now, and again while requests came meanwhile
    (they were folded into this job rather than queued beside it)."""
    renderer = registry.get(kind)
    with db.new_session() as session:
        while True:
            generation = ledger.begin(session, kind, item_id)
            try:
                result = _round(session, renderer, item_id)
            except Exception:
                if _last_attempt() and not ledger.finish(session, kind, item_id, generation):
                    render.enqueue(kind, item_id)  # a change came while it failed: a job of its own
                raise
            if result == "gone":
                ledger.release(session, kind, item_id)
                return result
            if ledger.finish(session, kind, item_id, generation):
                return result


@render.on_abandon
def _abandoned(kind: str, item_id: int) -> None:
    """The worker died at every try while rendering: stop, and tell the editor."""
    renderer = registry.get(kind)
    with db.new_session() as session:
        item = session.get(renderer.model, item_id)
        if item is not None and getattr(item, renderer.state) == MEDIA_WAITING:
            setattr(item, renderer.state, MEDIA_FAILED)
            setattr(item, renderer.error, failures.record(failures.WorkerLost("the worker died at every try")))
            session.commit()
        ledger.release(session, kind, item_id)


# Items made again with the natural voice at each run, every 5 minutes: at most 240 an hour
# (each a few sentences to a few pages), so that the queue keeps room for new content.
RENEW_AT_ONCE = 20


@jobs.periodic(crontab(minute="*/5"))
def renew_offline_speech() -> int:
    """What the offline voice spoke while the natural one was down, spoken again by the natural
    one once it answers: through the same coalesced render (one job per item, folded into one
    that waits or runs), the audio staying public meanwhile. Returns how many were queued."""
    if (current_app.config.get("SPEECH_ENGINE") or natural.AUTO) != natural.AUTO:
        return 0
    with db.new_session() as session:
        due = natural.fallen_back(session, RENEW_AT_ONCE)
        session.rollback()
        if not due or not natural.probe():
            return 0
        queued = 0
        for kind, item_id in due:
            renderer = registry.known(kind)
            item = renderer and session.get(renderer.model, item_id)
            if item is None or not renderer.active(item):
                natural.forget(session, kind, item_id)
                continue
            setattr(item, renderer.hash, "")  # made again, though its text did not change
            session.flush()
            if ledger.claim(session, kind, item_id):
                jobs.enqueue_after_commit(session, render, kind, item_id)
            queued += 1
        session.commit()
    return queued


# No EPUB takes this long to write: an older temporary one was left by a dead worker.
STALE_TEMP_SECONDS = 600


@jobs.on_startup
def sweep_leftovers() -> None:
    """Remove what renders cut off by a dead worker left behind. The voice's child removes its
    own temporary files when its worker dies, but not when both are killed at once (systemd
    stops the worker's whole group): then they go here, or before the next render."""
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
