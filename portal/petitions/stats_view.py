"""The petitions' section of /thong-ke and of each committee's page: figures, SVG charts, tables.

Registered with the statistics pages in `integration`; stats itself never imports petitions.
"""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _

from portal.core.charts import stacked_bars
from portal.db import db
from portal.units.models import Unit

from . import stats
from .categories import CATEGORY_NAMES


def _category_rows(pairs):
    """(label, link, figures) rows for the tables; charts take (label, figures)."""
    return [(str(CATEGORY_NAMES.get(code, code)), None, f) for code, f in pairs]


def _unit_rows(pairs):
    return [(u.name, url_for("stats.committee", code=u.code), f) for u, f in pairs]


def _bars(chart_id: str, title: str, description: str, rows):
    return stacked_bars(chart_id, title, description, [(label, f) for label, _link, f in rows],
                        segments=stats.SEGMENTS, total="received")


def national() -> str:
    overview = stats.national(db.session)
    place_rows = _unit_rows(overview.by_place)
    category_rows = _category_rows(overview.by_category)
    charts = {}
    if overview.total.received:
        charts["places"] = _bars(
            "bieu-do-tinh", _("Petitions by province or city"),
            _("For each province or city (the central committee first), one bar as long as the petitions "
              "received, split into answered on time, answered late, overdue and the rest."), place_rows)
        charts["categories"] = _bars(
            "bieu-do-loai", _("Petitions by subject"),
            _("For each subject, one bar as long as the petitions received, split into answered on time, "
              "answered late, overdue and the rest."), category_rows)
    return render_template("petitions/_stats.html", overview=overview, place_rows=place_rows,
                           category_rows=category_rows, charts=charts)


def committee(unit: Unit) -> str:
    found = stats.committee(db.session, unit)
    category_rows = _category_rows(found.by_category)
    chart = None
    if found.own.received:
        chart = _bars(
            "bieu-do-loai", _("Petitions by subject"),
            _("For each subject, one bar as long as the petitions received by this committee, split into "
              "answered on time, answered late, overdue and the rest."), category_rows)
    columns = [(_("This committee"), found.own)]
    if found.with_communes is not None:
        columns.append((_("With its communes and wards"), found.with_communes))
    return render_template("petitions/_stats_committee.html", unit=unit, found=found, columns=columns,
                           category_rows=category_rows, commune_rows=_unit_rows(found.communes),
                           chart=chart)
