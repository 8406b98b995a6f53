"""The petition form's shared parts: the page, the contact fields a signed-in resident starts
with, and the photos chosen now or carried from the preview (send_routes and voice_routes use them)."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer

from portal.accounts.models import TEAM
from portal.core import residents
from portal.core.images import ImageError, process_image

from .categories import CATEGORY_NAMES
from .forms import MAX_PHOTOS, PetitionForm, normalise_phone
from .photos import MAX_STORED, MAX_UPLOAD, photo_exists, save_private_photo


def _photo_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="petition-photos")


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
        **extra,
    ), status


def _photos(form: PetitionForm) -> list[list] | None:
    """Photos uploaded now, or those carried (signed) from the preview step; None on error."""
    files = [f for f in (form.photos.data or []) if getattr(f, "filename", "")]
    if not files and form.photo_tokens.data:
        try:
            carried = _photo_signer().loads(form.photo_tokens.data)
        except BadSignature:
            return []
        if not all(photo_exists(key) for key, _w, _h in carried):  # a preview left for days: cleaned up
            form.photo_tokens.data = ""
            form.photos.errors = [_("The photos of your earlier check are no longer kept. Please choose them "
                                    "again.")]
            return None
        return carried
    if len(files) > MAX_PHOTOS:
        form.photos.errors = [_("Please send at most %(n)d photos.", n=MAX_PHOTOS)]
        return None
    images = []
    for upload in files:  # every photo is read before any is stored: a bad third one leaves nothing
        data = upload.read(MAX_UPLOAD + 1)
        try:
            if len(data) > MAX_UPLOAD:
                raise ImageError("too large")
            images.append(process_image(data, max_bytes=MAX_STORED, max_width=1280))
        except ImageError:
            form.photos.errors = [
                _(
                    "“%(name)s” could not be read as a photo. Please send JPEG, PNG or WebP photos smaller than 10 MB.",
                    name=upload.filename[-60:],
                )
            ]
            return None
    return [[save_private_photo(image.jpeg), image.width, image.height] for image in images]
