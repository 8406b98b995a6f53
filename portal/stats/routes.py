"""/thong-ke: public statistics — the committees, and how their petitions are answered.

Stats is a reporting layer: it reads the petitions' counts (never their wording or
personal data) and draws them; the petitions feature does not import it.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.db import db
from portal.petitions.categories import CATEGORY_NAMES
from portal.units.models import LEVELS, PROVINCE, Unit
from portal.units.service import get_by_code

from . import figures, lesson_view
from .charts import stacked_bars

bp = Blueprint("stats", __name__)


def _category_rows(pairs):
    """(label, link, figures) rows for the tables; charts take (label, figures)."""
    return [(str(CATEGORY_NAMES.get(code, code)), None, f) for code, f in pairs]


def _unit_rows(pairs):
    return [(u.name, url_for("stats.committee", code=u.code), f) for u, f in pairs]


def _bars(rows):
    return [(label, f) for label, _link, f in rows]


@bp.route("/thong-ke")
def index():
    counts = dict(db.session.execute(select(Unit.level, func.count()).group_by(Unit.level)).all())
    units = [(level, counts.get(level, 0)) for level in LEVELS]
    overview = figures.national(db.session)
    place_rows = _unit_rows(overview.by_place)
    category_rows = _category_rows(overview.by_category)
    charts = {}
    if overview.total.received:
        charts["places"] = stacked_bars(
            "bieu-do-tinh", _("Petitions by province or city"),
            _("For each province or city (the central committee first), one bar as long as the petitions "
              "received, split into answered on time, answered late, overdue and the rest."), _bars(place_rows))
        charts["categories"] = stacked_bars(
            "bieu-do-loai", _("Petitions by subject"),
            _("For each subject, one bar as long as the petitions received, split into answered on time, "
              "answered late, overdue and the rest."), _bars(category_rows))
    return render_template("stats/page.html", units=units, total=sum(counts.values()), overview=overview,
                           place_rows=place_rows, category_rows=category_rows, charts=charts,
                           **lesson_view.context())


@bp.route("/thong-ke/<code>")
def committee(code: str):
    unit = get_by_code(db.session, code) if len(code) <= 10 else None
    if unit is None:
        abort(404)
    found = figures.committee(db.session, unit)
    category_rows = _category_rows(found.by_category)
    chart = None
    if found.own.received:
        chart = stacked_bars(
            "bieu-do-loai", _("Petitions by subject"),
            _("For each subject, one bar as long as the petitions received by this committee, split into "
              "answered on time, answered late, overdue and the rest."), _bars(category_rows))
    columns = [(_("This committee"), found.own)]
    if found.with_communes is not None:
        columns.append((_("With its communes and wards"), found.with_communes))
    return render_template("stats/committee.html", unit=unit, found=found, columns=columns,
                           category_rows=category_rows, commune_rows=_unit_rows(found.communes), chart=chart,
                           is_province=unit.level == PROVINCE, **lesson_view.context(unit))
