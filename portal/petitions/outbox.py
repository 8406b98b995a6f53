"""/quan-tri/phan-anh/hop-thu-di: the notification outbox, for administrators.

Every message to a resident is written here first (and stays here when no SMTP server or SMS
gateway is configured), so an administrator can see what was sent, what waits and what failed.
The recipient is masked (09••••••78, l•••@e•••.vn): the page is for checking the delivery,
not for reading residents' contact data; the messages themselves carry only the committee,
the tracking code, a status and a date.
"""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import ADMIN
from portal.core.permissions import staff_required
from portal.db import db

from .manage import bp
from .models import Notification

PER_PAGE = 50
MASK = "••••"


def mask_recipient(recipient: str) -> str:
    """Enough to tell two messages apart, not enough to reach the person."""
    recipient = (recipient or "").strip()
    if "@" in recipient:
        local, _at, domain = recipient.rpartition("@")
        name, dot, tld = domain.rpartition(".")
        masked_domain = f"{(name or tld)[:1]}{MASK}{dot}{tld}" if name else f"{domain[:1]}{MASK}"
        return f"{local[:1]}{MASK}@{masked_domain}"
    if len(recipient) >= 8:
        return f"{recipient[:2]}{'•' * (len(recipient) - 4)}{recipient[-2:]}"
    return MASK


@bp.route("/hop-thu-di")
@staff_required(ADMIN)
def outbox():
    total = db.session.scalar(select(func.count()).select_from(Notification)) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = max(1, min(request.args.get("trang", 1, type=int) or 1, pages))
    rows = db.session.scalars(
        select(Notification).options(selectinload(Notification.petition))
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    return render_template("petitions/manage/outbox.html", rows=rows, total=total, page=page, pages=pages,
                           mask=mask_recipient)
