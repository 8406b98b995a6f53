"""Messages to residents: written to the outbox table in the same transaction, then sent
by a job over SMTP or an SMS gateway when those are configured. Messages carry the
tracking code, never a link to click."""

from __future__ import annotations

import json
import logging
import smtplib
import urllib.request
from email.message import EmailMessage

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import insert
from sqlalchemy.orm import Session

from portal.db import db, utcnow
from portal.jobs.queue import jobs

from .models import (
    ANSWERED,
    IN_PROGRESS,
    MERGED,
    OPEN_STATUSES,
    PUBLISHED,
    RECEIVED,
    REJECTED,
    WITHDRAWN,
    Notification,
    Petition,
)

log = logging.getLogger(__name__)


def _status_name(status: str) -> str:
    names = {
        RECEIVED: _("Received, waiting to be handled"), IN_PROGRESS: _("Being handled"), ANSWERED: _("Answered"),
        PUBLISHED: _("Answered and published"), REJECTED: _("Not accepted"),
        MERGED: _("Joined with a petition on the same matter"), WITHDRAWN: _("Withdrawn by the sender"),
    }
    return names.get(status, status)


def _texts(petition: Petition, kind: str) -> tuple[str, str]:
    """The message for each change the resident is told of: received, answered, a new status,
    a new committee (transfer), a review (new committee or reopened, new due date)."""
    committee, code = petition.unit.committee_name, petition.code
    due = petition.due_on.strftime("%d/%m/%Y")
    if kind == "received":
        return (
            _("Petition received: %(code)s", code=code),
            _(
                "%(committee)s has received your petition. Your tracking code is %(code)s. "
                "The answer is expected by %(due)s.",
                committee=committee, code=code, due=due,
            ),
        )
    if kind == "transferred":
        return (
            _("Petition %(code)s: passed to another committee", code=code),
            _("Your petition %(code)s has been passed to %(committee)s, which handles it from now on. "
              "The answer is expected by %(due)s.", committee=committee, code=code, due=due),
        )
    if kind == "review":
        return (
            _("Petition %(code)s: review", code=code),
            _("At your request, %(committee)s will look at your petition %(code)s again. "
              "The answer is expected by %(due)s.", committee=committee, code=code, due=due),
        )
    if kind == "status":
        body = _("%(committee)s: your petition %(code)s is now: %(status)s.", committee=committee, code=code,
                 status=_status_name(petition.status))
        if petition.status in OPEN_STATUSES:
            body += " " + _("The answer is expected by %(due)s.", due=due)
        return (_("Petition %(code)s: new status", code=code),
                body + " " + _("Look it up with the code on the portal, under Petitions → Look up."))
    return (
        _("Your petition %(code)s has been answered", code=code),
        _(
            "%(committee)s has answered your petition %(code)s. Look it up with the code on the portal, "
            "under Petitions → Look up.",
            committee=committee, code=code,
        ),
    )


def queue_messages(session: Session, petition: Petition, kind: str) -> None:
    """Add outbox rows for the resident's e-mail and phone (none when we have neither), in the
    session's transaction. `petition` must be stored already (it has its id). One Core INSERT on
    the session's connection, not the ORM: the rows are never read back in this transaction."""
    cfg = current_app.config
    subject, body = _texts(petition, kind)
    targets = []
    if petition.email:
        targets.append(("email" if cfg.get("SMTP_HOST") else "outbox", petition.email))
    if petition.phone:
        targets.append(("sms" if cfg.get("SMS_GATEWAY_URL") else "outbox", petition.phone))
    if targets:
        if petition.id is None:  # added to the session but not yet flushed: its id first
            session.flush()
        session.connection().execute(insert(Notification.__table__), [
            dict(petition_id=petition.id, channel=channel, recipient=recipient, subject=subject, body=body)
            for channel, recipient in targets])
    if any(channel != "outbox" for channel, _r in targets):
        jobs.enqueue_after_commit(session, send_pending)


@jobs.task(retries=3, retry_delay=60)
def send_pending() -> int:
    from sqlalchemy import select

    cfg = current_app.config
    sent = 0
    with db.new_session() as session:
        pending = session.scalars(
            select(Notification).where(Notification.sent_at.is_(None), Notification.channel != "outbox")
        ).all()
        for note in pending:
            try:
                if note.channel == "email":
                    _send_email(cfg, note)
                else:
                    _send_sms(cfg, note)
                note.sent_at, note.error = utcnow(), ""
                sent += 1
            except Exception as exc:  # keep going; the error is shown to staff in the outbox
                note.error = type(exc).__name__
                log.warning("notification %s not sent: %s", note.id, type(exc).__name__)
            session.commit()
    return sent


def _send_email(cfg, note: Notification) -> None:
    message = EmailMessage()
    message["From"] = cfg.get("SMTP_FROM") or "no-reply@localhost"
    message["To"] = note.recipient
    message["Subject"] = note.subject
    message.set_content(note.body)
    with smtplib.SMTP(cfg["SMTP_HOST"], int(cfg.get("SMTP_PORT") or 25), timeout=20) as smtp:
        if cfg.get("SMTP_USER"):
            smtp.starttls()
            smtp.login(cfg["SMTP_USER"], cfg.get("SMTP_PASSWORD", ""))
        smtp.send_message(message)


def _send_sms(cfg, note: Notification) -> None:
    payload = json.dumps({"to": note.recipient, "text": note.body}).encode()
    request = urllib.request.Request(  # noqa: S310 (operator-set URL)
        cfg["SMS_GATEWAY_URL"], data=payload, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (operator-set URL)  # nosec B310
        if response.status >= 300:
            raise OSError(f"gateway answered {response.status}")
