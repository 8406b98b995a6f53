"""Staff login in one or two steps, and logout (/quan-tri/dang-nhap, /quan-tri/dang-xuat).

After the password, an account with two-step login is only "half logged in": the session holds
who it is and when the password was right, nothing more, for PENDING_SECONDS; the real login
happens after the code. The session is emptied at each step (no fixation)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from portal.core.http import safe_next
from portal.db import db
from portal.extensions import limiter

from . import oidc, totp
from .forms import CodeForm, LoginForm, LogoutForm
from .models import User
from .service import check_password, finish_login, log_out, take_code_attempt, wrong_code
from .sessions import SESSION_KEY
from .twofactor import check_code, recovery_codes_left

bp = Blueprint("accounts", __name__, url_prefix="/quan-tri")

PENDING = "login_pending"
PENDING_SECONDS = 300
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def lock_message(until: datetime) -> str:
    # The same words whether or not the address has an account.
    return _("Too many unsuccessful attempts with this e-mail address. To keep accounts safe, logging in "
             "with it is paused until %(time)s. Please try again then, or ask an administrator for help.",
             time=until.astimezone(LOCAL_TIME).strftime("%H:%M"))


def _start_session(user: User, token: str, *, target: str, keep: dict | None = None) -> str:
    session.clear()  # a fresh session: nothing carried over from before the login
    login_user(user)
    session[SESSION_KEY] = token
    session.update(keep or {})
    # A permanent cookie ends after SESSION_ABSOLUTE_HOURS; it does not slide forward on each
    # response (SESSION_REFRESH_EACH_REQUEST is off), and the server-side record decides anyway.
    session.permanent = True
    if user.two_factor_required and not user.two_factor_enabled and not session.get("sso_mfa"):
        session["after_enrol"] = target
        return url_for("accounts.enrol")
    return target


@bp.route("/dang-nhap", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"), "")
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(form.next.data, url_for("staff.dashboard")))
    status = 200
    if form.validate_on_submit():
        result = check_password(db.session, form.email.data, form.password.data)
        target = safe_next(form.next.data, url_for("staff.dashboard"))
        if result.user is not None:
            user = result.user
            if user.two_factor_enabled:
                session.clear()
                session[PENDING] = {"uid": user.id, "ver": user.session_version, "at": int(totp.now_ts()),
                                    "next": target}
                return redirect(url_for("accounts.login_code"))
            token = finish_login(db.session, user, "password")
            return redirect(_start_session(user, token, target=target))
        if result.locked_until is not None:
            form.password.errors = [lock_message(result.locked_until)]
            status = 429
        else:
            form.password.errors = [_("The e-mail or password is not correct.")]
            status = 400
    elif request.method == "POST":
        status = 400
    form.password.data = ""
    return render_template("accounts/login.html", form=form), status


def _pending_user() -> User | None:
    """The account half logged in by this session, while it is still fresh."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    age = totp.now_ts() - pending.get("at", 0)
    if not 0 <= age <= PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("uid"))
    if user is None or not user.active or user.session_version != pending.get("ver") or not user.two_factor_enabled:
        return None
    return user


@bp.route("/dang-nhap/ma-xac-thuc", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login_code():
    user = _pending_user()
    if user is None:
        if session.pop(PENDING, None) is not None or request.method == "POST":
            flash(_("The time to enter the code has run out. Please log in again."), "error")
        return redirect(url_for("accounts.login"))
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        attempt = take_code_attempt(db.session, user)
        until = attempt.locked_until
        if attempt.allowed:
            method = check_code(db.session, user, form.code.data)
            if method is not None:
                target = session[PENDING]["next"]
                # After single sign-on, the provider's session is the one a back-channel logout names.
                via = session[PENDING].get("sso") or {}
                token = finish_login(db.session, user, f"sso+{method}" if via else method, issuer=via.get("iss"),
                                     external_sid=via.get("sid"))
                destination = _start_session(user, token, target=target,
                                             keep={"sso_id_token": via["id_token"]} if via else None)
                if method == "recovery":
                    flash(_("You logged in with a recovery code; it cannot be used again. Recovery codes left: "
                            "%(count)s.", count=recovery_codes_left(db.session, user)), "info")
                return redirect(destination)
            until = wrong_code(db.session, user, attempt)
        if until is not None:
            session.pop(PENDING, None)
            flash(lock_message(until), "error")
            return redirect(url_for("accounts.login"))
        form.code.errors = [_("The code is not correct. Enter the six digits your app shows now, or one of "
                              "your recovery codes.")]
        status = 400
    elif request.method == "POST":
        status = 400
    form.code.data = ""
    response = current_app.make_response((render_template("accounts/code.html", form=form,
                                                           minutes=PENDING_SECONDS // 60), status))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/dang-xuat", methods=["POST"])
def logout():
    form = LogoutForm()
    provider = None
    if form.validate_on_submit():
        provider = oidc.provider_logout_url()
        log_out(db.session, current_user._get_current_object() if current_user.is_authenticated else None,
                session.get(SESSION_KEY))
        logout_user()
        session.clear()
    # A login through single sign-on also ends at the provider (RP-initiated logout), which then
    # sends the browser back to the home page. A boosted (htmx) request would follow a redirect
    # to another site inside fetch, where CORS stops it: htmx is told to navigate instead.
    if provider and request.headers.get("HX-Request"):
        response = current_app.make_response(("", 200))
        response.headers["HX-Redirect"] = provider
        return response
    return redirect(provider or url_for("home.index"))


# Administrators without two-step login may only finish enrolling (or leave) until they have it.
ENROL_OPEN = {"accounts.enrol", "accounts.logout", "accounts.logout_everywhere", "accounts.login",
              "accounts.login_code", "accounts.sso_login", "accounts.sso_callback", "accounts.sso_backchannel",
              "static"}


@bp.before_app_request
def _administrators_enrol_first():
    if not request.path.startswith(bp.url_prefix + "/") or request.endpoint in ENROL_OPEN:
        return None
    if current_user.is_authenticated and current_user.two_factor_required and not current_user.two_factor_enabled \
            and not session.get("sso_mfa"):  # the provider checked a second factor at this login
        return redirect(url_for("accounts.enrol"))
    return None


from . import people, security, sso_routes  # noqa: E402,F401  (their routes live on this blueprint)
