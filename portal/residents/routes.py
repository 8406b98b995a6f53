"""Residents' sign-in, optional and only when RESIDENT_OIDC_ISSUER is set (every route is a 404
without it): /phan-anh/dang-nhap starts it, the provider sends the browser back to
/phan-anh/dang-nhap/callback, /phan-anh/dang-xuat signs out (at the provider too when it has an
end-session page) and the provider's back-channel logout arrives at /phan-anh/dang-xuat/backchannel.

Nothing here is a staff login: flask-login never sees a resident, so no staff page opens for one.
The provider's identity (`sub`, claims) is never logged, audited or shown."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm

from portal.accounts import logout_tokens, oidc
from portal.core import residents
from portal.core.http import COOKIELESS_ENDPOINTS, absolute_url, safe_next
from portal.db import db
from portal.extensions import csrf, limiter

from . import sessions
from .sessions import RESIDENT_SID

bp = Blueprint("residents", __name__, url_prefix="/phan-anh")
NEXT = "resident_next"
WANTED = tuple(sessions.CONTACT_CLAIMS.values())


def _enabled() -> None:
    if not oidc.enabled(name=oidc.RESIDENT):
        abort(404)


def _limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _current() -> residents.Resident | None:
    if "resident" not in g:
        row = sessions.live_session(db.session, session.get(RESIDENT_SID))
        if row is None and RESIDENT_SID in session:
            session.pop(RESIDENT_SID)  # ended elsewhere (signed out, back-channel, expired)
        g.resident = residents.Resident(key=row.resident_key, **row.contact) if row is not None else None
    return g.resident


@bp.record_once
def _register(state) -> None:
    app = state.app
    app.extensions[residents.EXTENSION] = residents.SignIn(
        enabled=lambda: oidc.enabled(name=oidc.RESIDENT), current=_current)


@bp.after_app_request
def _private_when_signed_in(response):
    # Every page of a signed-in resident may show their petitions or contact details: kept by
    # no cache at all (the portal's page cache is bypassed anyway for a request with a cookie).
    if RESIDENT_SID in session and request.endpoint not in COOKIELESS_ENDPOINTS:
        response.headers["Cache-Control"] = "private, no-store"
        response.vary.add("Cookie")
    return response


def _refused(reason: str, status: int):
    response = current_app.make_response((render_template("residents/refused.html", reason=reason), status))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/dang-nhap")
@limiter.limit(_limit)
def login():
    _enabled()
    target = safe_next(request.args.get("next"), url_for("petitions.mine"))
    if _current() is not None:
        return redirect(target)
    session[NEXT] = target
    try:
        return oidc.client(oidc.RESIDENT).authorize_redirect(absolute_url("residents.callback"))
    except oidc.FAILURES as exc:
        return _failed(exc)


def _failed(exc: Exception):
    from requests import RequestException  # loaded with the sign-in client (oidc): not at start

    error = getattr(exc, "error", None) or type(exc).__name__
    current_app.logger.warning("resident sign-in refused: %s", str(error)[:60])  # a code, never a claim
    if error == "access_denied":
        return _refused("cancelled", 400)
    if isinstance(exc, RequestException):
        return _refused("unreachable", 502)
    return _refused("token", 400)


@bp.route("/dang-nhap/callback", methods=["GET", "POST"])
@limiter.limit(_limit)
@csrf.exempt  # the provider's form_post answer carries `state`, which Authlib checks
def callback():
    _enabled()
    client = oidc.client(oidc.RESIDENT)
    try:
        claims, id_token = oidc.complete_login(client, WANTED)
    except oidc.FAILURES as exc:
        return _failed(exc)
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        return _refused("token", 400)
    target = safe_next(session.pop(NEXT, None), url_for("petitions.mine"))
    sessions.end_session(db.session, session.pop(RESIDENT_SID, None))
    session[RESIDENT_SID] = sessions.open_session(db.session, logout_tokens.issuer_of(client), claims, id_token)
    g.pop("resident", None)
    return redirect(target)


class SignOutForm(FlaskForm):
    pass


@bp.route("/dang-xuat", methods=["POST"])
def logout():
    _enabled()
    provider = None
    if SignOutForm().validate_on_submit():
        row = sessions.live_session(db.session, session.get(RESIDENT_SID))
        if row is not None and row.id_token:
            provider = oidc.logout_url(oidc.client(oidc.RESIDENT), row.id_token, absolute_url("home.index"))
        sessions.end_session(db.session, session.pop(RESIDENT_SID, None))
    # As for staff: a boosted (htmx) request is told to navigate to the provider, not fetch it.
    if provider and request.headers.get("HX-Request"):
        response = current_app.make_response(("", 200))
        response.headers["HX-Redirect"] = provider
        return response
    return redirect(provider or url_for("petitions.index"), 303)


@bp.route("/dang-xuat/backchannel", methods=["POST"])
@csrf.exempt  # called by the provider, server to server; the signed logout token is the proof
def backchannel():
    _enabled()
    client = oidc.client(oidc.RESIDENT)
    claims = logout_tokens.verified_claims(client)
    if claims is not None:
        sessions.end_provider_login(db.session, logout_tokens.issuer_of(client), claims)
    return logout_tokens.answer(claims is not None)
