"""/phan-anh/gui: choose the committee (two plain steps), write, preview, send; the receipt."""

from __future__ import annotations

import uuid

from flask import make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import media, ratelimit, residents
from portal.core.htmx import render_page
from portal.core.http import found_or_404
from portal.db import db
from portal.units.models import CENTRAL_CODE, COMMUNE
from portal.units.service import communes_of, get_by_code, provinces

from . import service
from .categories import CATEGORY_NAMES
from .forms import PetitionForm, normalise_phone
from .masking import mask_personal_data
from .public import public_sender
from .routes import bp
from .send_form import _contact, _form_page, _is_team, _photos, _posted_form


@bp.route("/gui")
def choose():
    """Step 1: the committee. Plain GET forms; htmx narrows the commune list as one types."""
    unit = get_by_code(db.session, request.args.get("don-vi", "")) if request.args.get("don-vi") else None
    if unit is not None:
        form = PetitionForm(formdata=None, submission_id=uuid.uuid4().hex, unit_code=unit.code, **_contact())
        return _form_page(form, unit)
    level = request.args.get("cap", "")
    province = get_by_code(db.session, request.args.get("tinh", "")) if request.args.get("tinh") else None
    if level == "tw":
        return redirect(url_for(".choose", **{"don-vi": CENTRAL_CODE}))
    if level == "tinh" and province is not None:
        return redirect(url_for(".choose", **{"don-vi": province.code}))
    query = request.args.get("q", "")[:60]
    communes = communes_of(db.session, province.code, query) if level == "xa" and province else []
    return render_page(
        "petitions/choose.html",
        "petitions/_communes.html",
        level=level,
        province=province,
        provinces=provinces(db.session),
        communes=communes,
        query=query,
        missing_province=level in ("tinh", "xa") and province is None and "tinh" in request.args,
    )




def _limited(form: PetitionForm, unit, reset_at: float):
    """The form again, as typed, with how long to wait: status 429, Retry-After to match."""
    seconds = ratelimit.seconds_until(reset_at)
    html, status = _form_page(form, unit, 429, limited=ratelimit.wait_sentence(seconds))
    response = make_response(html, status)
    response.headers["Retry-After"] = str(seconds)
    return response


@bp.route("/gui", methods=["POST"])
def send():
    form, unit = _posted_form()
    step = request.form.get("buoc", "xem-truoc")
    from . import voice_routes  # speak instead of typing (its module imports this one)

    if voice_routes.wants_transcript(step):
        return voice_routes.start(form, unit)
    recording, recording_expired = voice_routes.attached(form)
    # First the idempotency check: a retried final POST of a petition already stored gets its
    # receipt, whatever the rate limit says (the limit runs only before storing a new one).
    sent_before = service.already_sent(db.session, form.submission_id.data) if step == "gui" else None
    if sent_before is not None:
        return _to_receipt(sent_before)
    valid = form.validate()
    if recording_expired:
        voice_routes.expired(form)
        valid = False
    elif not valid and step == "ghi-am":
        voice_routes.missing(form)
    if form.website.data:  # the honeypot: only robots fill it
        form.website.errors = [_("This form could not be sent.")]
        valid = False
    phone = normalise_phone(form.phone.data or "")
    if valid and not (phone or form.email.data or _is_team()):
        form.phone.errors = [_("Please give a phone number or an e-mail, so that you can follow the petition.")]
        valid = False
    # The photos written now and the petition's row go together: when a later photo does not
    # fit on the disk, or the commit fails, the photos already written are removed (the 507 page
    # keeps the typed petition and asks for the photos again). Photos of a preview that is
    # never sent are removed by the periodic clean-up (jobs.remove_orphan_photos).
    # The photos are taken even when the rest of the form is refused: stored privately and
    # carried in the form (kept_photos.py), so the resident never has to choose them again.
    with media.undo_on_failure():
        photos = None if form.website.data else _photos(form)
        if not valid or photos is None:
            return _form_page(form, unit, 400)
        if step != "gui":
            preview = {"title": mask_personal_data(form.title.data), "body": mask_personal_data(form.body.data),
                       "sender": public_sender(form.name.data or "", form.hide_name.data)}
            similar = service.similar_open(db.session, unit, form.title.data)
            return _form_page(form, unit, 200, preview=preview, similar=similar, photo_count=len(photos))
        # Only a new petition about to be stored counts (not previews, refused forms or retries),
        # atomically in the shared storage: N per hour is N across every worker and instance.
        reset_at = None if _is_team() else ratelimit.hit("PETITION_RATE_LIMIT", "petitions.send")
        if reset_at is not None:  # the photos stay carried in the form for the retry
            return _limited(form, unit, reset_at)
        data = service.Submission(
            submission_id=form.submission_id.data or uuid.uuid4().hex,
            unit=unit,
            category=form.category.data,
            title=form.title.data,
            body=form.body.data,
            name=form.name.data or "",
            phone=phone,
            email=form.email.data or "",
            hide_name=form.hide_name.data,
            consent_public=form.consent_public.data,
            photos=[(key, width, height) for key, width, height, *_name in photos],
            submitted_by=current_user if _is_team() else None,
            resident_key=None if _is_team() else residents.current_key(),
            recording_id=recording.id if recording is not None else None,
        )
        petition, created = service.submit(db.session, data, checked=True)  # already_sent above
    if not created and reset_at is None and not _is_team():
        ratelimit.refund("PETITION_RATE_LIMIT", "petitions.send")
    return _to_receipt(petition)


def _to_receipt(petition):
    receipts = [c for c in session.get("receipts", []) if c != petition.code][-9:]
    session["receipts"] = [*receipts, petition.code]
    return redirect(url_for(".receipt", code=petition.code), 303)



@bp.route("/bien-nhan/<code>")
def receipt(code: str):
    petition = found_or_404(service.find(db.session, code))
    if petition.code not in session.get("receipts", []) and not current_user.is_authenticated:
        return redirect(url_for(".track", ma=petition.code))
    return render_template(
        "petitions/receipt.html", p=petition, categories=CATEGORY_NAMES, commune=petition.unit.level == COMMUNE
    )
