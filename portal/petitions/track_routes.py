"""/phan-anh/tra-cuu: status and history by code; private details after verification;
withdraw or correct within the window; ask once for a review; add one's voice."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from portal.core.ratelimit import configured
from portal.db import db
from portal.extensions import limiter

from . import service
from .categories import CATEGORY_NAMES
from .forms import ActionForm, CorrectForm, LookupForm, ReviewForm, VerifyForm
from .routes import bp


def _verified(petition) -> bool:
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
    ), status


def _load(code: str):
    petition = service.find(db.session, code)
    if petition is None:
        abort(404)
    return petition


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


@bp.route("/tra-cuu/<code>/xac-minh", methods=["POST"])
@limiter.limit(configured("VERIFY_RATE_LIMIT"))
def verify(code: str):
    petition = _load(code)
    form = VerifyForm()
    if form.validate_on_submit() and service.verify(petition, form.secret.data):
        verified = dict(session.get("verified", {}))
        verified[petition.code] = service.verification_token(petition)
        session["verified"] = dict(list(verified.items())[-10:])
        return redirect(url_for(".track", ma=petition.code), 303)
    if form.secret.data:
        form.secret.errors = [_("That does not match what was given with the petition.")]
    return _page(petition, LookupForm(formdata=None, ma=petition.code), 400, verify_form=form)


def _verified_or_403(petition) -> None:
    if not _verified(petition):
        abort(403)


@bp.route("/tra-cuu/<code>/rut", methods=["POST"])
def withdraw(code: str):
    petition = _load(code)
    _verified_or_403(petition)
    if ActionForm().validate_on_submit():
        try:
            service.withdraw(db.session, petition)
            flash(_("Your petition has been withdrawn."), "success")
        except service.NotAllowed:
            flash(_("The petition can no longer be withdrawn: it is already being handled."), "error")
    return redirect(url_for(".track", ma=petition.code), 303)


@bp.route("/tra-cuu/<code>/sua", methods=["POST"])
def correct(code: str):
    petition = _load(code)
    _verified_or_403(petition)
    form = CorrectForm()
    if not form.validate_on_submit():
        return _page(petition, LookupForm(formdata=None, ma=petition.code), 400, correct_form=form)
    try:
        service.correct(db.session, petition, form.title.data, form.body.data)
        flash(_("Your correction has been saved."), "success")
    except service.NotAllowed:
        flash(_("The petition can no longer be corrected: it is already being handled."), "error")
    return redirect(url_for(".track", ma=petition.code), 303)


@bp.route("/tra-cuu/<code>/xem-xet-lai", methods=["POST"])
def review(code: str):
    petition = _load(code)
    _verified_or_403(petition)
    form = ReviewForm()
    if not form.validate_on_submit():
        return _page(petition, LookupForm(formdata=None, ma=petition.code), 400, review_form=form)
    try:
        service.request_review(db.session, petition, form.reason.data)
        flash(_("Your request for review has been sent."), "success")
    except service.NotAllowed:
        flash(_("A review can be asked for once, after the answer."), "error")
    return redirect(url_for(".track", ma=petition.code), 303)


@bp.route("/ung-ho/<code>", methods=["POST"])
@limiter.limit(configured("SUPPORT_RATE_LIMIT"))
def support(code: str):
    petition = _load(code)
    if ActionForm().validate_on_submit():
        try:
            service.add_support(db.session, petition)
            flash(_("Thank you: your voice has been added to this petition."), "success")
        except service.NotAllowed:
            abort(404)
    return redirect(url_for(".choose"), 303)
