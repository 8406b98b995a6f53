"""Background work for petitions: erasing personal data after the retention period, and
removing the photos of previews that were never sent."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import current_app
from huey import crontab
from sqlalchemy import select

from portal.core.media_sweep import remove_unreferenced
from portal.db import db, utcnow
from portal.jobs.queue import jobs

from .models import Notification, Petition, PetitionPhoto, PetitionRecording
from .photos import AREA, KEPT_SECONDS
from .recordings import AREA as RECORDINGS_AREA
from .recordings import remove_files

# A photo is stored when the resident chooses it (kept_photos.py), before any row points at it;
# one that no row references after this long belongs to a form that was never sent.
ORPHAN_AGE = timedelta(seconds=KEPT_SECONDS)


def erase_personal_data(session, months: int) -> int:
    """Erase contact data (and the unmasked text, and private photos) of petitions closed
    more than `months` ago; the public record (masked wording, answer, dates) stays."""
    cutoff = utcnow() - timedelta(days=months * 30)
    due = session.scalars(select(Petition).where(Petition.closed_at.is_not(None), Petition.closed_at < cutoff,
                                                 Petition.personal_data_erased_at.is_(None))).all()
    media = Path(current_app.config["MEDIA_ROOT"])
    for petition in due:
        petition.name = petition.public_name = petition.phone = petition.email = ""
        petition.hide_name = True
        petition.resident_key = None  # no longer on the resident's own list either
        petition.title, petition.body = petition.public_title, petition.public_body
        for photo in list(petition.photos):
            if not photo.public:
                session.delete(photo)
                # Photos are named by their content: the same picture sent with another petition
                # is the same file, and stays while a row still points at it.
                session.flush()
                if session.scalar(select(PetitionPhoto.id).where(PetitionPhoto.key == photo.key).limit(1)) is None:
                    (media / photo.key).unlink(missing_ok=True)
        for recording in list(petition.recordings):  # a voice is personal data through and through
            remove_files(recording)
            session.delete(recording)
        for note in session.scalars(select(Notification).where(Notification.petition_id == petition.id)):
            note.recipient = ""
        petition.personal_data_erased_at = utcnow()
    session.commit()
    return len(due)


@jobs.periodic(crontab(hour="3", minute="17"))
def nightly_retention() -> int:
    with db.new_session() as session:
        return erase_personal_data(session, current_app.config["PETITION_RETENTION_MONTHS"])


def remove_orphan_photos(session, older_than: timedelta = ORPHAN_AGE) -> int:
    """Remove petition photo files that no row references and that were last written (or
    chosen again, see photos.save_private_photo) more than `older_than` ago: the photos of
    previews never sent, and temporary files a killed process left behind."""
    removed = remove_unreferenced(AREA, older_than.total_seconds(), lambda keys: session.scalars(
        select(PetitionPhoto.key).where(PetitionPhoto.key.in_(keys))))
    session.rollback()  # read only; end the transaction
    return removed


def remove_orphan_recordings(session, older_than: timedelta = ORPHAN_AGE) -> int:
    """Drafts of spoken petitions never sent (with what was typed in them), and recording files
    no row points at (an upload cut off mid-way)."""
    cutoff = utcnow() - older_than
    drafts = session.scalars(select(PetitionRecording).where(PetitionRecording.petition_id.is_(None),
                                                             PetitionRecording.created_at < cutoff)).all()
    for recording in drafts:
        remove_files(recording)
        session.delete(recording)
    session.commit()
    strays = remove_unreferenced(RECORDINGS_AREA, older_than.total_seconds(), lambda keys: session.scalars(
        select(PetitionRecording.key).where(PetitionRecording.key.in_(keys))))
    session.rollback()
    return len(drafts) + strays


@jobs.periodic(crontab(minute="41", hour="*/6"))
def orphan_photo_cleanup() -> int:
    with db.new_session() as session:
        return remove_orphan_photos(session) + remove_orphan_recordings(session)


__all__ = ["PetitionPhoto", "erase_personal_data", "nightly_retention", "orphan_photo_cleanup",
           "remove_orphan_photos", "remove_orphan_recordings"]
