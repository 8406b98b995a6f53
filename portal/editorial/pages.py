"""Helpers of the editors' pages (bulletins, library, lessons)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, current_app, flash, redirect
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import media
from portal.core.errors import STORAGE_FULL_MESSAGE, STORAGE_MESSAGE
from portal.core.images import ImageError, ProcessedImage, process_image
from portal.db import db
from portal.units.models import Unit
from portal.units.service import get_by_code

from .service import can_edit

MAX_PICTURE = 8 * 1024 * 1024


def editable_or_abort(model: type, item_id: int, unit_of: Callable[[Any], Any] = lambda item: item.unit) -> Any:
    """The row, if the signed-in editor may change it: 404 when there is none, 403 when not theirs."""
    item = db.session.get(model, item_id)
    if item is None:
        abort(404)
    if not can_edit(current_user, unit_of(item)):
        abort(403)
    return item


def button(form, item, act: Callable, done: str, back: str):
    """A button of an editor's page (publish, unpublish, make again): `act` (a service call) on
    the item when the form's token holds, `done` said; then `back` to the editor."""
    if form.validate_on_submit():
        act(db.session, current_user, item)
        flash(done, "success")
    return redirect(back)


def read_picture(field, unreadable: str) -> ProcessedImage | None:
    """The picture sent in `field`, checked and re-encoded (not stored); None when none was
    sent, or when it could not be read (then `field` carries the message)."""
    upload = field.data
    if not (upload and getattr(upload, "filename", "")):
        return None
    data = upload.read(MAX_PICTURE + 1)
    try:
        if len(data) > MAX_PICTURE:
            raise ImageError("too large")
        return process_image(data)
    except ImageError:
        field.errors = [unreadable]
        return None


def storage_failed(field, again: str, render: Callable[[], str], exc: media.StorageError):
    """The disk is full (507) or would not take the files (503): the service rolled everything
    back and removed what it wrote; the form comes back as typed, the files to choose again."""
    current_app.logger.error("upload not stored: %s", exc.strerror or type(exc).__name__)
    field.errors = [str(STORAGE_FULL_MESSAGE if exc.full else STORAGE_MESSAGE), again]
    response = current_app.make_response((render(), 507 if exc.full else 503))
    response.headers["Retry-After"] = "600" if exc.full else "120"
    return response




def committee_of(field) -> Unit | None:
    """The committee whose code the editor typed in `field`, if they may publish for it;
    otherwise None, with the reason added to the field's errors."""
    unit = get_by_code(db.session, (field.data or "").strip())
    if unit is None:
        field.errors = [*field.errors, _("No committee has this code.")]
    elif not can_edit(current_user, unit):
        field.errors = [*field.errors, _("You can only publish for your own committee.")]
        return None
    return unit


def own_committee_code() -> str:
    """What a new item's committee field starts with: the editor's own (the centre's for admins)."""
    return current_user.unit.code if current_user.unit else "TW"
