"""/phan-anh/tra-cuu: status and history by code; private details after verification;
withdraw or correct within the window; ask once for a review; add one's voice."""

from __future__ import annotations

import secrets

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _

from portal.core import residents
from portal.core.http import found_or_404
from portal.core.ratelimit import configured
from portal.db import db, utcnow
from portal.extensions import limiter

from . import service, verification
from .categories import CATEGORY_NAMES
from .forms import ActionForm, CorrectForm, LookupForm, ReviewForm, VerifyForm
from .routes import bp

SUPPORTER_KEY = "pa_supporter"


def _verified(petition) -> bool:
    if petition.resident_key and petition.resident_key == residents.current_key():
        return True  # sent by the resident signed in now: theirs to see, as after the secret
    return session.get("verified", {}).get(petition.code) == service.verification_token(petition)


def _page(petition, lookup: LookupForm, status: int = 200, **forms):
    verified = petition is not None and _verified(petition)
    events = []
    if petition is not None:
        events = [e for e in petition.events if e.for_resident]
    correct_form = forms.pop("correct_form", None)
    if verified and petition is not None and correct_form is None:
        correct_form = CorrectForm(formdata=None, title=petition.title, body=petition.body)
    return render_template(
        "petitions/track.html",
        p=petition,
        lookup=lookup,
        verified=verified,
        events=events,
        categories=CATEGORY_NAMES,
        verify_form=forms.pop("verify_form", None) or VerifyForm(),
        review_form=forms.pop("review_form", None) or ReviewForm(),
        correct_form=correct_form,
        action_form=ActionForm(),
        can_correct=petition is not None and service.can_correct(petition),
        can_review=petition is not None and service.can_request_review(petition),
        locked_until=verification.locked_until(petition) if petition is not None else None,
        max_tries=verification.MAX_TRIES,
    ), status


def _load(code: str):
    return found_or_404(service.find(db.session, code))


@bp.route("/tra-cuu")
def track():
    lookup = LookupForm(request.args)
    if "ma" not in request.args:
        return _page(None, LookupForm(formdata=None))
    if not lookup.validate():
        return _page(None, lookup, 400)
    petition = service.find(db.session, lookup.ma.data)
    if petition is None:
        lookup.ma.errors = [_("No petition has this code. Please check it: codes look like PA-7K3M-9QXP.")]
        return _page(None, lookup, 404)
    return _page(petition, lookup)


def _locked_message(until) -> str:
    return _("To protect the sender, this petition's private details are locked after %(n)d wrong tries. "
             "Please try again after %(time)s on %(date)s (Vietnam time), or ask the committee for help.",
             n=verification.MAX_TRIES, time=format_datetime(until, "HH:mm"), date=format_datetime(until, "dd/MM/yyyy"))


@bp.route("/tra-cuu/<code>/xac-minh", methods=["POST"])
@limiter.limit(configured("VERIFY_RATE_LIMIT"))
def verify(code: str):
    petition = _load(code)
    form = VerifyForm()
    if not form.validate_on_submit():
        return _again(petition, 400, verify_form=form)
    outcome = verification.check(db.session, petition, form.secret.data)
    if outcome.ok:
        verified = dict(session.get("verified", {}))
        verified[petition.code] = service.verification_token(petition)
        session["verified"] = dict(list(verified.items())[-10:])
        return _to_track(petition)
    if outcome.locked_until is not None:
        form.secret.errors = [_locked_message(outcome.locked_until)]
        page, status = _again(petition, 429, verify_form=form)
        seconds = max(1, int((outcome.locked_until - utcnow()).total_seconds()))
        return page, status, {"Retry-After": str(seconds)}
    form.secret.errors = [_("That does not match what was given with the petition. %(n)d tries left.",
                            n=outcome.tries_left)]
    return _again(petition, 400, verify_form=form)


def _again(petition, status: int, **forms):
    """The tracking page of this petition again, with the forms as they were sent."""
    return _page(petition, LookupForm(formdata=None, ma=petition.code), status, **forms)


def _to_track(petition):
    return redirect(url_for(".track", ma=petition.code), 303)


def _refused(petition, **forms):
    """Correcting or withdrawing is no longer possible: say why, keep what was typed, 409."""
    if service.was_answered(petition):
        flash(_("The committee has already answered this petition, so it can no longer be corrected or "
                "withdrawn: what was answered stays as it was. If you are not satisfied with the answer, "
                "you can ask for a review."), "error")
    else:
        flash(_("The petition can no longer be corrected or withdrawn: it is already being handled."), "error")
    return _again(petition, 409, **forms)


def _verified_petition(code: str):
    """The petition of a resident who proved it is theirs in this browser; else 404 or 403."""
    petition = _load(code)
    if not _verified(petition):
        abort(403)
    return petition


@bp.route("/tra-cuu/<code>/rut", methods=["POST"])
def withdraw(code: str):
    petition = _verified_petition(code)
    if ActionForm().validate_on_submit():
        try:
            service.withdraw(db.session, petition)
            flash(_("Your petition has been withdrawn."), "success")
        except service.NotAllowed:
            return _refused(petition)
    return _to_track(petition)


def _sent(code: str, form_class, name: str, act, done: str, refused):
    """A resident's form about their own petition: the page again with the form (400) when it
    does not validate; else `act(petition, form)` and `done` said, or `refused(petition, form)`
    when the service does not allow it any more."""
    petition = _verified_petition(code)
    form = form_class()
    if not form.validate_on_submit():
        return _again(petition, 400, **{name: form})
    try:
        act(petition, form)
        flash(done, "success")
    except service.NotAllowed:
        return refused(petition, form)
    return _to_track(petition)


@bp.route("/tra-cuu/<code>/sua", methods=["POST"])
def correct(code: str):
    return _sent(code, CorrectForm, "correct_form",
                 lambda p, form: service.correct(db.session, p, form.title.data, form.body.data),
                 _("Your correction has been saved."), lambda p, form: _refused(p, correct_form=form))


def _review_refused(petition, form):
    flash(_("A review can be asked for once, after the answer."), "error")
    return _to_track(petition)


@bp.route("/tra-cuu/<code>/xem-xet-lai", methods=["POST"])
def review(code: str):
    return _sent(code, ReviewForm, "review_form",
                 lambda p, form: service.request_review(db.session, p, form.reason.data),
                 _("Your request for review has been sent."), _review_refused)


@bp.route("/ung-ho/<code>", methods=["POST"])
@limiter.limit(configured("SUPPORT_RATE_LIMIT"))
def support(code: str):
    petition = _load(code)
    if ActionForm().validate_on_submit():
        # A random id for this browser, kept in its signed session (see service.add_support).
        browser_id = session.get(SUPPORTER_KEY) or secrets.token_hex(16)
        session[SUPPORTER_KEY] = browser_id
        try:
            result = service.add_support(db.session, petition, browser_id, request.remote_addr or "")
        except service.NotAllowed:
            abort(404)
        if result == service.SUPPORTED:
            flash(_("Thank you: your voice has been added to this petition."), "success")
        elif result == service.ALREADY:
            flash(_("You already support this petition. Thank you: one voice per person is counted."), "info")
        else:
            flash(_("Someone using the same internet connection added their voice to this petition a few "
                    "minutes ago. If that was not you, please try again in a few minutes."), "info")
    return redirect(url_for(".choose"), 303)
