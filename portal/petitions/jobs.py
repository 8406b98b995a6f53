"""Background work for petitions: erasing personal data after the retention period."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import current_app
from huey import crontab
from sqlalchemy import select

from portal.db import db, utcnow
from portal.jobs.queue import jobs

from .models import Notification, Petition, PetitionPhoto


def erase_personal_data(session, months: int) -> int:
    """Erase contact data (and the unmasked text, and private photos) of petitions closed
    more than `months` ago; the public record (masked wording, answer, dates) stays."""
    cutoff = utcnow() - timedelta(days=months * 30)
    due = session.scalars(select(Petition).where(Petition.closed_at.is_not(None), Petition.closed_at < cutoff,
                                                 Petition.personal_data_erased_at.is_(None))).all()
    media = Path(current_app.config["MEDIA_ROOT"])
    for petition in due:
        petition.name = petition.phone = petition.email = ""
        petition.hide_name = True
        petition.title, petition.body = petition.public_title, petition.public_body
        for photo in list(petition.photos):
            if not photo.public:
                (media / photo.key).unlink(missing_ok=True)
                session.delete(photo)
        for note in session.scalars(select(Notification).where(Notification.petition_id == petition.id)):
            note.recipient = ""
        petition.personal_data_erased_at = utcnow()
    session.commit()
    return len(due)


@jobs.periodic(crontab(hour="3", minute="17"))
def nightly_retention() -> int:
    with db.new_session() as session:
        return erase_personal_data(session, current_app.config["PETITION_RETENTION_MONTHS"])


__all__ = ["PetitionPhoto", "erase_personal_data", "nightly_retention"]
