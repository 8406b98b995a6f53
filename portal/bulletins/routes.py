"""Public pages of the bulletins section (/ban-tin/)."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("bulletins", __name__, url_prefix="/ban-tin")


@bp.route("/")
def index():
    return render_template("bulletins/page.html")
