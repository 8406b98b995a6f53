"""Spoken petitions: the recording kept private (like the photos), the draft it belongs to.

The file is judged by its content (portal.speech_input.audio), stored under a random name in
MEDIA_ROOT/private/recordings, never under public/, and served only to the resident's own
session (before sending) or to the staff who act on the petition. Its transcript is read back in
the offline voice only: the words are personal data and are never sent to an online service.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from flask import current_app, session
from sqlalchemy import select

from portal.core.media import private_response
from portal.jobs.queue import jobs
from portal.speech_input import recognizers
from portal.speech_input.audio import MAX_SECONDS, AudioError, copy_upload, probe

from .models import REC_KEPT, REC_WAITING, PetitionRecording

AREA = "private/recordings"
READBACK = f"{AREA}/doc-lai"
MAX_UPLOAD = 20 * 1024 * 1024  # three minutes of 16 kHz WAV is 5.8 MB; phones' formats far less
DRAFT_FIELDS = ("submission_id", "unit_code", "category", "title", "body", "name", "phone", "email", "hide_name",
                "consent_public", "photo_tokens")
SESSION_KEY = "recordings"
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


class RecordingRefused(ValueError):
    """``reason``: "unreadable", "too_long", "empty" or "too_large"."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def media_root() -> Path:
    return Path(current_app.config["MEDIA_ROOT"])


def private_folder(area: str) -> Path:
    """MEDIA_ROOT/`area`, made the portal's alone (0700) like the rest of the private media."""
    folder = media_root() / area
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    for path in (folder, *folder.relative_to(media_root()).parents):
        target = media_root() / path
        if target != media_root():
            os.chmod(target, PRIVATE_FOLDER)
    return folder


def make_private(path: Path) -> None:
    if path.exists():
        os.chmod(path, PRIVATE_FILE)


def recogniser_available() -> bool:
    return recognizers.available(current_app.config.get("RECOGNIZER", ""))


def store_upload(upload) -> tuple[str, str, str, float]:
    """Write the upload under a new token, checked: (token, key, MIME type, seconds).
    Nothing stays on disk when it is refused."""
    token = secrets.token_hex(16)
    folder = private_folder(AREA)
    partial = folder / f".{token}.part"
    try:
        try:
            with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE), "wb") as out:
                copy_upload(upload.stream, out, MAX_UPLOAD)
            recording = probe(partial, MAX_SECONDS)
        except AudioError as exc:
            raise RecordingRefused(exc.reason) from None
        key = f"{AREA}/{token}.{recording.extension}"
        partial.rename(media_root() / key)
    finally:
        partial.unlink(missing_ok=True)
    return token, key, recording.mimetype, recording.seconds


def save_draft(db_session, token: str, key: str, mimetype: str, seconds: float, fields: dict,
               transcribe) -> PetitionRecording:
    """The stored recording and the typed form as a draft, committed; the recogniser's job
    `transcribe` is queued once the row is there (not when no recogniser is installed: the
    recording is kept)."""
    status = REC_WAITING if recogniser_available() else REC_KEPT
    recording = PetitionRecording(token=token, key=key, mimetype=mimetype, seconds=seconds, status=status,
                                  draft=json.dumps({k: fields.get(k) for k in DRAFT_FIELDS}, ensure_ascii=False))
    db_session.add(recording)
    db_session.flush()
    if status == REC_WAITING:
        jobs.enqueue_after_commit(db_session, transcribe, recording.id)
    db_session.commit()
    return recording


def remember(token: str) -> None:
    """Only this browser may see the draft: its session holds the token."""
    session[SESSION_KEY] = [t for t in session.get(SESSION_KEY, []) if t != token][-4:] + [token]


def own_draft(db_session, token: str) -> PetitionRecording | None:
    if token not in session.get(SESSION_KEY, []):
        return None
    return db_session.scalar(select(PetitionRecording).where(PetitionRecording.token == token))


def draft_fields(recording: PetitionRecording) -> dict:
    try:
        return json.loads(recording.draft or "{}")
    except ValueError:
        return {}


def path_of(key: str) -> Path:
    if not key.startswith(f"{AREA}/") or ".." in key:
        raise ValueError("not a petition recording")
    return media_root() / key


def response(key: str, mimetype: str):
    """The recording (or its read-back) itself, for a route that has checked who asks."""
    return private_response(path_of, key, mimetype)


def remove_files(recording: PetitionRecording) -> None:
    """The recording and its read-back (the read-back is named by its words: another draft with
    the same words shares it, and loses nothing but a cached file it renders again)."""
    for key in filter(None, [recording.key, recording.readback_key]):
        try:
            path = path_of(key)
        except ValueError:
            continue
        for sibling in (path, path.with_suffix(".mp3"), path.with_suffix(".json")) if key == recording.readback_key \
                else (path,):
            sibling.unlink(missing_ok=True)
