"""Background work for spoken petitions: writing the recording down, reading the words back.

The recogniser runs in a time-limited child (portal.speech_input.limited); a crash or a hang is
retried twice, then the draft says it could not be written down, and the recording is still sent
with the petition. A recording that cannot be decoded is not retried. Log lines name the
recording's id and the reason, never its words."""

from __future__ import annotations

import logging

from flask import current_app

from portal.db import db
from portal.jobs.queue import current_attempt, jobs
from portal.speech_input.audio import AudioError
from portal.speech_input.limited import RecognitionTimeout, transcribe_limited
from portal.speech_input.recognizers import RecognizerError
from portal.speech_input.words import spoken_digits

from .models import REC_DONE, REC_FAILED, REC_WAITING, PetitionRecording
from .recordings import READBACK, make_private, path_of, private_folder, remove_files

log = logging.getLogger(__name__)


def _finish(recording_id: int, **changes) -> bool:
    """Store the outcome; False when the recording is gone meanwhile (erased, or a draft removed)."""
    with db.new_session() as session:
        recording = session.get(PetitionRecording, recording_id)
        if recording is None:
            return False
        for name, value in changes.items():
            setattr(recording, name, value)
        session.commit()
        return True


def _read_back(text: str) -> str:
    """The words in the offline voice, in the private area; "" when it cannot be made."""
    from portal.audio import render_speech_limited

    try:
        speech = render_speech_limited(text, private_folder(READBACK), engine="espeak", fallback=None,
                                       time_limit=current_app.config["SPEECH_TIME_LIMIT"])
    except Exception as exc:  # the words are there to read: the voice is a help, not a condition
        log.warning("read-back of recording failed: %s", type(exc).__name__)
        return ""
    for path in (speech.opus_path, speech.mp3_path, speech.opus_path.with_suffix(".json")):
        make_private(path)  # the speech pipeline makes public-area files (0644): these are not
    return f"{READBACK}/{speech.opus_path.name}"


# Three attempts, 10 s and 20 s apart; run again when the worker dies mid-recognition.
@jobs.task(retries=2, retry_delay=10, retry_backoff=2, resumable=True)
def transcribe_recording(recording_id: int) -> str:
    cfg = current_app.config
    with db.new_session() as session:
        recording = session.get(PetitionRecording, recording_id)
        if recording is None or recording.status != REC_WAITING:
            return "gone" if recording is None else "unchanged"
        key = recording.key
        session.rollback()
    try:
        text = transcribe_limited(path_of(key), cfg["RECOGNIZER"], time_limit=cfg["RECOGNIZER_TIME_LIMIT"])
    except AudioError as exc:
        log.info("recording %s cannot be decoded: %s", recording_id, exc.reason)
        _finish(recording_id, status=REC_FAILED, error=exc.reason)
        return exc.reason
    except (RecognizerError, ValueError, OSError) as exc:
        attempt = current_attempt()
        log.warning("recognising recording %s failed: %s", recording_id, type(exc).__name__)
        if attempt is not None and not attempt.last:
            raise
        _finish(recording_id, status=REC_FAILED, error="timeout" if isinstance(exc, RecognitionTimeout) else "crashed")
        return "failed"
    text = spoken_digits(" ".join(text.split()))
    if not text:
        _finish(recording_id, status=REC_FAILED, error="silent")
        return "silent"
    readback = _read_back(text)
    if not _finish(recording_id, status=REC_DONE, transcript=text, readback_key=readback, error=""):
        remove_files(PetitionRecording(key="", readback_key=readback))  # the words spoken: personal too
        return "gone"
    return "done"


@transcribe_recording.on_abandon
def _abandoned(recording_id: int) -> None:
    """The worker died on this recording three times: say so on the draft page."""
    _finish(recording_id, status=REC_FAILED, error="crashed")


__all__ = ["transcribe_recording"]
