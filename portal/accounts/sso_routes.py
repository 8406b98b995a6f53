"""Staff single sign-on over OpenID Connect: /quan-tri/dang-nhap/sso starts it, the provider sends
the browser back to …/sso/callback, and it calls /quan-tri/dang-xuat/sso-backchannel when the
person logs out on the platform. Every route is a 404 without OIDC_ISSUER."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from portal.core.http import absolute_url, safe_next
from portal.db import db
from portal.extensions import csrf, limiter

from . import logout_tokens, oidc, sso, totp
from .oidc import ID_TOKEN
from .routes import PENDING, _login_limit, _start_session, bp
from .service import audit, finish_login

NEXT = "sso_next"
# Set at login when the provider checked a second factor: the portal's own is not asked for.
PROVIDER_MFA = "sso_mfa"


def _enabled() -> None:
    if not oidc.enabled():
        abort(404)


def _refused(reason: str, status: int):
    response = current_app.make_response((render_template("accounts/sso_refused.html", reason=reason), status))
    response.headers["Cache-Control"] = "no-store"
    return response


def _failed(exc: Exception):
    """The provider's answer did not pass (or the provider could not be reached)."""
    from requests import RequestException  # only with single sign-on on (see oidc.py)

    reason = "unreachable" if isinstance(exc, RequestException) else "token"
    error = getattr(exc, "error", None) or type(exc).__name__
    if error == "access_denied":
        reason = "cancelled"
    db.session.rollback()
    audit(db.session, None, "login.sso_failed", "user", "", error=str(error)[:60])
    db.session.commit()
    current_app.logger.warning("single sign-on refused: %s", str(error)[:60])
    return _refused(reason, 502 if reason == "unreachable" else 400)


@bp.route("/dang-nhap/sso")
@limiter.limit(_login_limit)
def sso_login():
    _enabled()
    target = safe_next(request.args.get("next"), url_for("staff.dashboard"))
    if current_user.is_authenticated:
        return redirect(target)
    session[NEXT] = target
    try:
        return oidc.client().authorize_redirect(absolute_url("accounts.sso_callback"))
    except oidc.FAILURES as exc:
        return _failed(exc)


@bp.route("/dang-nhap/sso/callback", methods=["GET", "POST"])
@limiter.limit(_login_limit)
@csrf.exempt  # the provider's form_post answer carries `state`, which Authlib checks
def sso_callback():
    _enabled()
    client = oidc.client()
    cfg = current_app.config
    try:
        claims, id_token = oidc.complete_login(client, (cfg["OIDC_ROLE_CLAIM"], cfg["OIDC_UNIT_CLAIM"], "email"))
    except oidc.FAILURES as exc:
        return _failed(exc)
    issuer = client.server_metadata["issuer"].rstrip("/")
    names = sso.ClaimNames(role=cfg["OIDC_ROLE_CLAIM"], unit=cfg["OIDC_UNIT_CLAIM"])
    try:
        user = sso.sign_in(db.session, issuer, claims, names, approve_first=cfg["OIDC_APPROVE_FIRST_LOGIN"])
    except sso.Refused as refused:
        return _refused(refused.reason, 403)
    target = safe_next(session.get(NEXT), url_for("staff.dashboard"))
    sid = claims.get("sid") if isinstance(claims.get("sid"), str) else None
    provider_mfa = sso.second_factor_used(claims, cfg["OIDC_SECOND_FACTOR_AMR"], cfg["OIDC_SECOND_FACTOR_ACR"])
    if user.two_factor_required and not provider_mfa and user.two_factor_enabled:
        db.session.commit()  # the role and committee from the claims hold already
        session.clear()
        session[PENDING] = {"uid": user.id, "ver": user.session_version, "at": int(totp.now_ts()), "next": target,
                            "sso": {"iss": issuer, "sid": sid, "id_token": id_token}}
        return redirect(url_for("accounts.login_code"))
    token = finish_login(db.session, user, "sso-mfa" if provider_mfa else "sso", issuer=issuer, external_sid=sid)
    keep = {ID_TOKEN: id_token}
    if provider_mfa:
        keep[PROVIDER_MFA] = True
    return redirect(_start_session(user, token, target=target, keep=keep))


@bp.route("/dang-xuat/sso-backchannel", methods=["POST"])
@csrf.exempt  # called by the provider, server to server; the signed logout token is the proof
def sso_backchannel():
    _enabled()
    client = oidc.client()
    claims = logout_tokens.verified_claims(client)
    if claims is not None:
        sso.back_channel_logout(db.session, logout_tokens.issuer_of(client), claims)
    return logout_tokens.answer(claims is not None)


