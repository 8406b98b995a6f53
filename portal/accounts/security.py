"""A staff member's own security page (/quan-tri/bao-mat): two-step login, recovery codes,
log out everywhere."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from portal.core.permissions import staff_required
from portal.db import db

from . import totp
from .forms import CodeForm, ConfirmForm
from .routes import bp
from .service import log_out_everywhere
from .twofactor import confirm_enrolment, disable, recovery_codes_left, regenerate_recovery_codes, start_enrolment


def _private(html: str, status: int = 200):
    """Pages with a secret on them are never stored by a browser or a proxy."""
    from flask import make_response

    response = make_response(html, status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _me():
    return current_user._get_current_object()


@bp.route("/bao-mat")
@staff_required()
def security():
    user = _me()
    return _private(render_template(
        "accounts/security.html", user=user, code_form=CodeForm(), confirm_form=ConfirmForm(),
        codes_left=recovery_codes_left(db.session, user) if user.two_factor_enabled else 0))


@bp.route("/bao-mat/xac-thuc-hai-buoc", methods=["GET", "POST"])
@staff_required()
def enrol():
    user = _me()
    if user.two_factor_enabled:
        return redirect(url_for("accounts.security"))
    secret = start_enrolment(db.session, user)
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        codes = confirm_enrolment(db.session, user, form.code.data)
        if codes is not None:
            target = session.pop("after_enrol", None) or url_for("accounts.security")
            return _private(render_template("accounts/recovery_codes.html", codes=codes, target=target, new=True))
        form.code.errors = [_("The code is not correct. Check that the key was typed without mistakes and "
                              "that the phone's clock is right, then enter the code shown now.")]
        status = 400
    form.code.data = ""
    uri = totp.provisioning_uri(secret, user.email)
    return _private(render_template("accounts/enrol.html", form=form, secret=totp.grouped(secret), uri=uri,
                                    qr=totp.qr_svg(uri), required=user.two_factor_required), status)


@bp.route("/bao-mat/ma-du-phong", methods=["POST"])
@staff_required()
def new_recovery_codes():
    form = CodeForm()
    if form.validate_on_submit():
        codes = regenerate_recovery_codes(db.session, _me(), form.code.data)
        if codes is not None:
            return _private(render_template("accounts/recovery_codes.html", codes=codes,
                                            target=url_for("accounts.security"), new=False))
    flash(_("The code is not correct; nothing was changed."), "error")
    return redirect(url_for("accounts.security"))


@bp.route("/bao-mat/tat-xac-thuc", methods=["POST"])
@staff_required()
def disable_two_factor():
    user = _me()
    form = CodeForm()
    if user.two_factor_required:
        flash(_("Administrators must keep two-step login on."), "error")
    elif form.validate_on_submit() and disable(db.session, user, form.code.data):
        flash(_("Two-step login is off."), "info")
    else:
        flash(_("The code is not correct; nothing was changed."), "error")
    return redirect(url_for("accounts.security"))


@bp.route("/dang-xuat-moi-noi", methods=["POST"])
@staff_required()
def logout_everywhere():
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("accounts.security"))
    log_out_everywhere(db.session, _me())
    logout_user()
    session.clear()
    flash(_("You are logged out on every device. Log in again to continue."), "info")
    return redirect(url_for("accounts.login"))
