"""Home page, the language and text-size switches (plain links: no JavaScript needed)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request

from portal.core.http import safe_next
from portal.core.i18n import LANG_COOKIE, SIZE_COOKIE

from .sections import sections

bp = Blueprint("home", __name__)
YEAR = 365 * 24 * 3600


@bp.route("/")
def index():
    return render_template("home/page.html", sections=sections.render_all())


def _remember(cookie: str, value: str):
    response = redirect(safe_next(request.args.get("next"), "/"))
    response.set_cookie(cookie, value, max_age=YEAR, samesite="Lax", httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


@bp.route("/ngon-ngu/<code>")
def language(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    return _remember(LANG_COOKIE, code)


@bp.route("/co-chu/<size>")
def text_size(size: str):
    if size not in ("lon", "thuong"):
        abort(404)
    return _remember(SIZE_COOKIE, size)


from . import counter, health  # noqa: E402,F401  (registers /dem-ky-tu and /healthz on bp)
