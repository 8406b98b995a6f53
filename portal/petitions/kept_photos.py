"""The photos a resident chose, kept across every answer of the petition form.

A refused form (a title too short, a missing phone, a recording that failed, the rate limit)
must not drop the photos: each good photo is stored at once in the private area (photos.py,
never served publicly) and the form carries a signed token listing them in a hidden field.
The token is bound to this form (its submission id) and to the browser's session (the secret
behind its CSRF tokens), and is good for KEPT_SECONDS: after that the periodic clean-up
(jobs.remove_orphan_photos) removes the files no petition points at. Files and a signed token,
nothing in memory: any worker or instance takes the next answer."""

from __future__ import annotations

import hashlib
import os

from flask import current_app, session
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from .photos import KEPT_SECONDS, photo_exists

REMOVE = "bo-anh"  # the form's checkboxes that take a kept photo off (their values: photo_id)
NAME_MAX = 60


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="petition-photos-kept")


def _binding(form) -> str:
    secret = session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), "")
    return hashlib.sha256(f"{secret}\0{form.submission_id.data or ''}".encode()).hexdigest()[:24]


def shown_name(filename: str) -> str:
    """The chosen file's own name (no folder a browser may send), short enough for the page."""
    return os.path.basename((filename or "").replace("\\", "/"))[-NAME_MAX:]


def photo_id(photo: list) -> str:
    """The kept photo's name in the form: its content hash (the key's file name)."""
    return photo[0].rsplit("/", 1)[-1].split(".", 1)[0]


def carry(form, photos: list[list]) -> None:
    """Put `photos` ([key, width, height, name] each) in the form's hidden field."""
    form.photo_tokens.data = _signer().dumps({"b": _binding(form), "p": photos}) if photos else ""


def carried(form) -> tuple[list[list], bool]:
    """The photos the form carries, and whether some were no longer kept (too old, or their
    files cleaned up). A forged token, or one of another form or session, carries none."""
    token = form.photo_tokens.data
    if not token:
        return [], False
    try:
        data = _signer().loads(token, max_age=KEPT_SECONDS)
    except SignatureExpired:
        form.photo_tokens.data = ""
        return [], True
    except BadSignature:
        form.photo_tokens.data = ""
        return [], False
    if not isinstance(data, dict) or data.get("b") != _binding(form):
        form.photo_tokens.data = ""
        return [], False
    photos = [list(p) for p in data.get("p", [])]
    if not all(photo_exists(p[0]) for p in photos):
        form.photo_tokens.data = ""
        return [], True
    return photos, False


def for_page(form) -> list[dict]:
    """The kept photos as the form shows them: their names and the value that removes each."""
    photos, _expired = carried(form) if form.photo_tokens.data else ([], False)
    return [{"id": photo_id(p), "name": p[3] if len(p) > 3 and p[3] else f"{i}.jpg"}
            for i, p in enumerate(photos, 1)]
