"""Speak instead of typing: /phan-anh/gui with a recording, then the draft page /phan-anh/ghi-am/<code>.

Without JavaScript: the form's "Write down my recording" button sends the recording with
whatever was typed; the draft page says the words are being written down and refreshes itself
(meta refresh, and a "Check again" button) until the job worker has the words; then it is the
petition form again, filled with what was typed and the words, the recording attached, with the
words read back in the portal's voice. Every refusal gives the form back as it was typed."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from portal.core import media
from portal.db import db
from portal.speech_input.words import spoken_digits
from portal.units.service import get_by_code

from .forms import TITLE_MAX, PetitionForm
from .models import REC_WAITING, PetitionRecording
from .recordings import (
    DRAFT_FIELDS,
    RecordingRefused,
    draft_fields,
    own_draft,
    remember,
    response,
    save_draft,
    store_upload,
)
from .routes import bp
from .send_form import _form_page, _photos

WAIT_SECONDS = 5
REFUSALS = {
    "unreadable": _l("This file could not be read as a recording. Please record again, or choose a recording "
                     "made by a phone (AMR, M4A, MP3, Opus or WAV)."),
    "empty": _l("This recording holds no sound. Please record again."),
    "too_long": _l("This recording is longer than 3 minutes. Please record a shorter one, or type the "
                   "petition."),
    "too_large": _l("This file is too large for a recording of 3 minutes. Please record again."),
    "missing": _l("Please record or choose a recording first."),
    "expired": _l("Your recording is no longer kept (it was made more than a day ago). Please record again."),
}
DEFAULT_TITLE = _l("Petition by voice")
DEFAULT_BODY = _l("Petition by voice: please listen to the recording sent with it.")


def _no_store(html: str, status: int = 200) -> Response:
    response = Response(html, status)
    response.headers["Cache-Control"] = "no-store, private"
    return response


def start(form: PetitionForm, unit) -> tuple[str, int] | Response:
    """The "write down my recording" button: store the recording (and any photos) with the
    typed form as a draft, queue the recogniser, and send the resident to the draft page."""
    form.validate()
    if form.csrf_token.errors or form.website.data:
        return _form_page(form, unit, 400)
    for item in form:  # nothing typed is required yet: only the recording
        item.errors = []
    upload = request.files[form.recording.name]
    with media.undo_on_failure():
        photos = _photos(form)
        if photos is None:
            return _form_page(form, unit, 400)
        try:
            token, key, mimetype, seconds = store_upload(upload)
        except RecordingRefused as refused:
            form.recording.errors = [str(REFUSALS[refused.reason])]  # the photos stay carried
            return _form_page(form, unit, 400)
        fields = {name: form[name].data for name in DRAFT_FIELDS}  # photo_tokens: the kept photos
        from .voice_jobs import transcribe_recording  # the job's module imports recordings, not this one

        save_draft(db.session, token, key, mimetype, seconds, fields, transcribe_recording)
    remember(token)

    return redirect(url_for(".draft", token=token), 303)


def _title_from(words: str) -> str:
    """A first title from the first words, for the resident to correct."""
    title = words.split(".")[0].strip()
    if len(title) > TITLE_MAX - 20:
        title = title[:TITLE_MAX - 20].rsplit(" ", 1)[0] + "…"
    return title[:1].upper() + title[1:]


def draft_form(recording: PetitionRecording) -> PetitionForm:
    data = draft_fields(recording)
    words = spoken_digits(recording.transcript)
    if words:
        typed = (data.get("body") or "").strip()
        data["body"] = f"{typed}\n\n{words}" if typed else words[:1].upper() + words[1:]
        data["title"] = data.get("title") or _title_from(words)
    data["recording_token"] = recording.token
    return PetitionForm(formdata=None, data={k: v for k, v in data.items() if v is not None})


@bp.route("/ghi-am/<token>")
def draft(token: str):
    recording = own_draft(db.session, token)
    if recording is None or recording.petition_id is not None:
        abort(404)
    unit = get_by_code(db.session, draft_fields(recording).get("unit_code") or "")
    if unit is None:
        abort(404)
    if recording.status == REC_WAITING and not request.args.get("khong-cho"):  # "do not wait": the form now
        return _no_store(render_template("petitions/recording_wait.html", recording=recording, unit=unit,
                                         wait=WAIT_SECONDS))
    html, status = _form_page(draft_form(recording), unit, 200, voice=recording)
    return _no_store(html, status)


def wants_transcript(step: str) -> bool:
    """A recording chosen, whichever button sent it. The "write down" button without one (or the
    phone's Go key in a text field, which presses the form's first button) is the normal check."""
    upload = request.files.get("recording")
    return bool(upload is not None and upload.filename)


def attached(form: PetitionForm) -> tuple[PetitionRecording | None, bool]:
    """The draft's recording carried by the form, and whether it was there but is no longer
    kept. With a recording, an empty title or text gets a default: the staff will listen."""
    token = form.recording_token.data or ""
    if not token:
        return None, False
    recording = own_draft(db.session, token)
    if recording is None or recording.petition_id is not None:
        form.recording_token.data = ""
        return None, True
    if not (form.title.data or "").strip():
        form.title.data = str(DEFAULT_TITLE)
    if not (form.body.data or "").strip():
        form.body.data = str(DEFAULT_BODY)
    return recording, False


def expired(form: PetitionForm) -> None:
    form.recording.errors = [str(REFUSALS["expired"])]


def missing(form: PetitionForm) -> None:
    form.recording.errors = [str(REFUSALS["missing"])]


@bp.route("/ghi-am/<token>/ban-ghi")
def own_recording(token: str):
    """The resident's own recording, to this browser only."""
    recording = own_draft(db.session, token)
    if recording is None:
        abort(404)
    return response(recording.key, recording.mimetype)


@bp.route("/ghi-am/<token>/doc-lai.<ext>")
def read_back(token: str, ext: str):
    recording = own_draft(db.session, token)
    if recording is None or not recording.readback_key or ext not in ("opus", "mp3"):
        abort(404)
    key = recording.readback_key.rsplit(".", 1)[0] + f".{ext}"
    return response(key, "audio/ogg" if ext == "opus" else "audio/mpeg")


__all__ = ["attached", "draft", "expired", "missing", "start", "wants_transcript"]
