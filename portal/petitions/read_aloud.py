"""“Nghe lại”: the petition's text, as it stands in the form, read back in the portal's offline voice.

POST /phan-anh/nghe-lai takes the petition form (CSRF checked), speaks its text with espeak-ng
(never an online voice: the words are personal data) and answers with an <audio> player: the
whole form again, as typed, without JavaScript; only the player for htmx. The clip lives under
MEDIA_ROOT/private/nghe-lai/<random token>/, is served only to the session that asked for it and
only for ten minutes, and is then removed (on the next read-aloud and by a job every ten
minutes). Its address names a random token, not the words; nothing here logs the text."""

from __future__ import annotations

import logging
import secrets
import shutil
import time

from flask import Response, abort, make_response, render_template, session
from flask_babel import format_decimal
from flask_babel import gettext as _
from huey import crontab

from portal.core import media, ratelimit
from portal.core.htmx import is_partial_request
from portal.db import db
from portal.jobs.queue import jobs

from .forms import PetitionForm
from .recordings import make_private, own_draft, private_folder
from .routes import bp
from .send_form import _form_page, _photos, _posted_form

log = logging.getLogger(__name__)

AREA = "private/nghe-lai"
MAX_CHARS = 1500
LIFETIME = 10 * 60  # seconds a clip is kept and served
TIME_LIMIT = 60  # seconds espeak-ng may take for 1,500 characters (about 3 s here)
SESSION_KEY = "read_aloud"
KEPT_PER_SESSION = 3
FORMATS = {"opus": "audio/ogg", "mp3": "audio/mpeg"}


def remove_expired(now: float | None = None) -> int:
    """Remove every clip older than LIFETIME; returns how many folders went."""
    root = private_folder(AREA)
    cutoff = (now or time.time()) - LIFETIME
    removed = 0
    for folder in root.iterdir():
        try:
            if folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() else folder.unlink(missing_ok=True)
                removed += 1
        except OSError:  # removed meanwhile by another worker
            continue
    return removed


@jobs.periodic(crontab(minute="*/10"))
def read_aloud_cleanup() -> int:
    return remove_expired()


def _speak(text: str) -> str:
    """Render into a folder of a new token; the token, or "" when the voice failed."""
    from portal.audio import render_speech_limited

    token = secrets.token_hex(16)
    folder = private_folder(f"{AREA}/{token}")
    try:
        speech = render_speech_limited(text, folder, engine="espeak", fallback=None, time_limit=TIME_LIMIT)
    except Exception as exc:  # the voice is a help: say so, keep the form
        log.warning("read-aloud failed: %s", type(exc).__name__)  # never the words
        shutil.rmtree(folder, ignore_errors=True)
        return ""
    for path in folder.iterdir():
        make_private(path)  # the speech pipeline writes public-area files (0644): these are not
    (folder / "clip").write_text(speech.opus_path.stem, encoding="ascii")
    make_private(folder / "clip")
    kept = [entry for entry in session.get(SESSION_KEY, []) if time.time() - entry[1] < LIFETIME]
    session[SESSION_KEY] = [*kept[-(KEPT_PER_SESSION - 1):], [token, time.time()]]
    return token


def _answer(form: PetitionForm, unit, status: int, *, token: str = "", error: str = "", retry_after: int = 0):
    """The player (or the message) alone for htmx, else the whole form with it."""
    recording = own_draft(db.session, form.recording_token.data) if form.recording_token.data else None
    context = {"read_aloud": {"token": token, "error": error}}
    if is_partial_request():
        # htmx 1.9 swaps only 2xx answers: the message is sent as 200, the real status in X-Status.
        response = make_response(render_template("petitions/_read_aloud.html", **context), 200)
        response.headers["X-Status"] = str(status)
        response.vary.add("HX-Request")
    else:
        html, status = _form_page(form, unit, status, voice=recording, **context)
        response = make_response(html, status)
        response.vary.add("HX-Request")
    response.headers["Cache-Control"] = "no-store, private"
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    return response


@bp.route("/nghe-lai", methods=["POST"])
def read_aloud():
    form, unit = _posted_form()
    form.validate()  # the form token is checked before (CSRFProtect: a 400 page that keeps the text)
    for item in form:  # reading aloud checks nothing else: the resident is still writing
        item.errors = []
    if not is_partial_request():  # the plain form sent its photos too: _photos keeps them in the form
        with media.undo_on_failure():
            photos = _photos(form)
        if photos is None:
            return _answer(form, unit, 400, error=_("The text was not read aloud: please look at the photos first."))
    text = " ".join((form.body.data or "").split())
    if not text:
        return _answer(form, unit, 400, error=_("There is no text to read aloud yet. Please write or record it first."))
    if len(text) > MAX_CHARS:
        return _answer(form, unit, 400, error=_(
            "The text is %(count)s characters long: the portal reads aloud at most %(max)s. Please read the rest "
            "on the screen, or shorten the text.", count=format_decimal(len(text)),
            max=format_decimal(MAX_CHARS)))
    reset_at = ratelimit.hit("READ_ALOUD_RATE_LIMIT", "petitions.read_aloud")
    if reset_at is not None:
        seconds = ratelimit.seconds_until(reset_at)
        return _answer(form, unit, 429, retry_after=seconds,
                       error=_("The text has been read aloud many times from your network address.") + " "
                       + ratelimit.wait_sentence(seconds))
    remove_expired()
    token = _speak(text)
    if not token:
        return _answer(form, unit, 503, error=_("The portal's voice could not read the text just now. Your text is "
                                                "kept; please try again in a moment."))
    return _answer(form, unit, 200, token=token)


@bp.route("/nghe-lai/<token>.<ext>")
def read_aloud_clip(token: str, ext: str):
    """The clip, to the session that asked for it, for ten minutes."""
    entry = next((e for e in session.get(SESSION_KEY, []) if e[0] == token), None)
    if entry is None or ext not in FORMATS or time.time() - entry[1] >= LIFETIME:
        abort(404)
    folder = private_folder(AREA) / token
    try:
        stem = (folder / "clip").read_text(encoding="ascii").strip()
        data = (folder / f"{stem}.{ext}").read_bytes()
    except OSError:
        abort(404)
    response = Response(data, mimetype=FORMATS[ext])
    response.headers["Cache-Control"] = "no-store, private"
    return response


__all__ = ["read_aloud", "read_aloud_cleanup", "read_aloud_clip", "remove_expired"]
