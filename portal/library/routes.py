"""Public pages of the library section (/thu-vien/)."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("library", __name__, url_prefix="/thu-vien")


@bp.route("/")
def index():
    return render_template("library/page.html")
