"""Public pages of the petitions section (/phan-anh/)."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("petitions", __name__, url_prefix="/phan-anh")


@bp.route("/")
def index():
    return render_template("petitions/page.html")
