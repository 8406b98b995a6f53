"""Administrators: the staff accounts and their two-step login; reset it for a lost phone."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.core.permissions import staff_required
from portal.db import db

from . import oidc, sso
from .forms import ConfirmForm
from .models import ADMIN, User
from .routes import bp
from .twofactor import reset_by_admin


def _other(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or user.id == current_user.id:
        abort(404)
    return user


@bp.route("/tai-khoan/")
@staff_required(ADMIN)
def people():
    users = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    from .manage import ROLE_NAMES

    return render_template("accounts/people.html", users=users, role_names=ROLE_NAMES)


def _confirmed_action(user: User, act, done: str, template: str, **context):
    """One administrator's action on another account: a confirmation page, then `act` (a service
    call that commits), a message and the list of accounts."""
    form = ConfirmForm()
    if form.validate_on_submit():
        act(db.session, current_user._get_current_object(), user)
        flash(done, "info")
        return redirect(url_for("accounts.people"))
    return render_template(template, user=user, form=form, **context)


@bp.route("/tai-khoan/<int:user_id>/dat-lai-xac-thuc", methods=["GET", "POST"])
@staff_required(ADMIN)
def reset_two_factor(user_id: int):
    user = _other(user_id)
    return _confirmed_action(user, reset_by_admin, _("Two-step login of %(email)s was reset. They set it up again "
                                                     "at their next login.", email=user.email), "accounts/reset.html")


@bp.route("/tai-khoan/<int:user_id>/chi-dang-nhap-nen-tang", methods=["GET", "POST"])
@staff_required(ADMIN)
def switch_to_sso(user_id: int):
    """A local account from now on logs in only through single sign-on."""
    user = _other(user_id)
    if not oidc.enabled() or user.sso_only:
        abort(404)
    return _confirmed_action(user, sso.switch_to_sso, _("%(email)s now logs in only with the platform account.",
                                                        email=user.email), "accounts/sso_confirm.html", action="switch")


@bp.route("/tai-khoan/<int:user_id>/duyet", methods=["GET", "POST"])
@staff_required(ADMIN)
def approve_sso(user_id: int):
    """Let a first single sign-on login in (with OIDC_APPROVE_FIRST_LOGIN)."""
    user = _other(user_id)
    if user.active or not user.sso_subject:
        abort(404)
    return _confirmed_action(user, sso.approve, _("%(email)s can now log in.", email=user.email),
                             "accounts/sso_confirm.html", action="approve")
