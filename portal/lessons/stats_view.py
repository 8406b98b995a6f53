"""The lessons' section of /thong-ke: the community teams' group sessions, a chart, table rows.

Registered with the statistics pages in `integration`; stats itself never imports lessons.
"""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _

from portal.core.charts import stacked_bars
from portal.db import db
from portal.units.models import CENTRAL, Unit

from . import stats


def render(unit: Unit | None = None) -> str:
    found = stats.national(db.session) if unit is None else stats.committee(db.session, unit)
    rows = [(u.name, url_for("stats.committee", code=u.code), t) for u, t in found.places]
    chart = None
    if rows:
        by_province = unit is None or unit.level == CENTRAL
        chart = stacked_bars(
            "bieu-do-hoc-so", _("Residents taught by province or city") if by_province
            else _("Residents taught by commune or ward"),
            _("For each place, one bar as long as the residents who took part in the community teams' group "
              "sessions, split into those who finished the quiz and the others."),
            [(label, t) for label, _link, t in rows], segments=stats.SEGMENTS, total="residents")
    return render_template("lessons/_stats.html", teaching=found.total, teaching_rows=rows,
                           teaching_chart=chart)
