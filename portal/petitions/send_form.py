"""The petition form's shared parts: the page, the contact fields a signed-in resident starts
with, and the photos chosen now or kept from an earlier answer (send_routes and voice_routes use them)."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import TEAM
from portal.core import residents
from portal.core.images import ImageError, process_image
from portal.db import db
from portal.units.service import get_by_code

from . import kept_photos
from .categories import CATEGORY_NAMES
from .forms import MAX_PHOTOS, PetitionForm, normalise_phone
from .photos import MAX_STORED, MAX_UPLOAD, save_private_photo


def _posted_form() -> tuple[PetitionForm, object]:
    """The posted form and its committee; a committee code that names none is a 400 (no form of
    ours sends one: the code comes from the chooser's own list)."""
    form = PetitionForm()
    unit = get_by_code(db.session, form.unit_code.data or "")
    if unit is None:
        abort(400)
    return form, unit


def _is_team() -> bool:
    return current_user.is_authenticated and current_user.role == TEAM


def _contact() -> dict:
    """A signed-in resident's name, phone and e-mail from their account, to start the form with
    (they may change them; nothing is filled for anyone else)."""
    resident = None if _is_team() else residents.current()
    if resident is None:
        return {}
    return {"name": resident.name, "phone": normalise_phone(resident.phone) or resident.phone, "email": resident.email}


def _form_page(form: PetitionForm, unit, status: int = 200, **extra):
    return render_template(
        "petitions/form.html",
        form=form,
        unit=unit,
        categories=CATEGORY_NAMES,
        team=_is_team(),
        max_photos=MAX_PHOTOS,
        kept_photos=kept_photos.for_page(form),
        **extra,
    ), status


def _photos(form: PetitionForm) -> list[list] | None:
    """The petition's photos: those the form kept from its earlier answers (less any the resident
    took off) and those chosen now. Every good photo is stored privately at once and carried in
    the form (kept_photos.py), so that a form refused for any other reason keeps them. None when
    a photo could not be taken (the message is next to the field; the kept ones stay kept)."""
    kept, expired = kept_photos.carried(form)
    removed = set(request.form.getlist(kept_photos.REMOVE))
    kept = [p for p in kept if kept_photos.photo_id(p) not in removed]
    files = [f for f in (form.photos.data or []) if getattr(f, "filename", "")]
    refused = None
    if expired:
        refused = _("The photos of your earlier check are no longer kept. Please choose them again.")
    if len(kept) + len(files) > MAX_PHOTOS:
        form.photos.errors = [_("Please send at most %(n)d photos.", n=MAX_PHOTOS), _choose_again()]
        kept_photos.carry(form, kept)
        return None
    images = []
    for upload in files:  # every photo is read before any is stored: a bad third one stores none
        data = upload.read(MAX_UPLOAD + 1)
        try:
            if len(data) > MAX_UPLOAD:
                raise ImageError("too large")
            images.append((process_image(data, max_bytes=MAX_STORED, max_width=1280), upload.filename))
        except ImageError:
            form.photos.errors = [
                _(
                    "“%(name)s” could not be read as a photo. Please send JPEG, PNG or WebP photos smaller than 10 MB.",
                    name=upload.filename[-60:],
                ),
                _choose_again(),
            ]
            kept_photos.carry(form, kept)
            return None
    photos = kept + [[save_private_photo(image.jpeg), image.width, image.height, kept_photos.shown_name(name)]
                     for image, name in images]
    kept_photos.carry(form, photos)
    if refused:
        form.photos.errors = [refused]
        return None
    return photos


def _choose_again() -> str:
    return _("Photos and files must be chosen again.")
