"""Background work: the speech audio of each step of a published lesson."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import current_app

from portal.db import db
from portal.jobs.queue import jobs

from .models import MEDIA_DONE, MEDIA_FAILED, Step

log = logging.getLogger(__name__)


# Three attempts, 30 s and 1 min apart; run again when the worker dies mid-render.
@jobs.task(retries=2, retry_delay=30, retry_backoff=2, resumable=True)
def render_step_audio(step_id: int) -> str:
    """Render Opus + MP3 for the step's current text; an edit meanwhile queues its own render."""
    from portal.audio import render_speech_limited

    from .service import media_hash, speech_text

    with db.new_session() as session:
        step = session.get(Step, step_id)
        if step is None:
            return "gone"
        wanted = media_hash(step)
        if step.media_text_hash == wanted and step.media_state == MEDIA_DONE:
            return "unchanged"
        try:
            cfg = current_app.config
            out_dir = Path(cfg["MEDIA_ROOT"]) / "public" / "audio"
            speech = render_speech_limited(speech_text(step), out_dir, time_limit=cfg["SPEECH_TIME_LIMIT"],
                                           engine=cfg.get("SPEECH_ENGINE", "espeak"))
        except Exception as exc:
            session.rollback()
            step = session.get(Step, step_id)
            step.media_state = MEDIA_FAILED
            step.media_error = f"{type(exc).__name__}: {exc}"[:500]
            session.commit()
            log.warning("audio for lesson step %s failed: %s", step_id, type(exc).__name__)
            raise
        session.refresh(step)
        if media_hash(step) != wanted:
            return "stale"
        step.audio_opus = f"public/audio/{speech.opus_path.name}"
        step.audio_mp3 = f"public/audio/{speech.mp3_path.name}"
        step.audio_seconds = round(speech.duration, 1)
        step.audio_opus_bytes, step.audio_mp3_bytes = speech.opus_bytes, speech.mp3_bytes
        step.media_text_hash, step.media_state, step.media_error = wanted, MEDIA_DONE, ""
        session.commit()
        return "done"
