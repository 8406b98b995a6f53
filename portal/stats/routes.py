"""/thong-ke: public statistics. The feature counts arrive with their features."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from portal.db import db
from portal.units.models import LEVELS, Unit

bp = Blueprint("stats", __name__)


@bp.route("/thong-ke")
def index():
    counts = dict(db.session.execute(select(Unit.level, func.count()).group_by(Unit.level)).all())
    units = [(level, counts.get(level, 0)) for level in LEVELS]
    return render_template("stats/page.html", units=units, total=sum(counts.values()))
