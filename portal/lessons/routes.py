"""Public pages of the lessons section (/hoc-so/)."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("lessons", __name__, url_prefix="/hoc-so")


@bp.route("/")
def index():
    return render_template("lessons/page.html")
