"""Staff login and logout (/quan-tri/dang-nhap, /quan-tri/dang-xuat)."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from portal.core.http import safe_next
from portal.db import db
from portal.extensions import limiter

from .forms import LoginForm, LogoutForm
from .service import authenticate

bp = Blueprint("accounts", __name__, url_prefix="/quan-tri")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


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
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            session.clear()  # a fresh session on login (no fixation)
            login_user(user)
            session.permanent = True
            return redirect(safe_next(form.next.data, url_for("staff.dashboard")))
        form.password.errors = [_("The e-mail or password is not correct.")]
        status = 400
    elif request.method == "POST":
        status = 400
    form.password.data = ""
    return render_template("accounts/login.html", form=form), status


@bp.route("/dang-xuat", methods=["POST"])
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        logout_user()
        session.clear()
    return redirect(url_for("home.index"))
