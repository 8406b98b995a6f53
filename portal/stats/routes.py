"""/thong-ke: public statistics — the committees, and the figures each feature registers.

Stats is a reporting layer that imports no feature: petitions and lessons register their
sections in `registry` (counts only, never wording or personal data), as they do for search
and the home page.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from portal.core.http import found_or_404
from portal.db import db
from portal.units.models import LEVELS, Unit
from portal.units.service import get_by_code

from .registry import sections

bp = Blueprint("stats", __name__)


@bp.route("/thong-ke")
def index():
    counts = dict(db.session.execute(select(Unit.level, func.count()).group_by(Unit.level)).all())
    units = [(level, counts.get(level, 0)) for level in LEVELS]
    return render_template("stats/page.html", units=units, total=sum(counts.values()),
                           sections=sections.render_national())


@bp.route("/thong-ke/<code>")
def committee(code: str):
    unit = found_or_404(get_by_code(db.session, code) if len(code) <= 10 else None)
    return render_template("stats/committee.html", unit=unit, sections=sections.render_committee(unit))
