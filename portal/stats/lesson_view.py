"""What /thong-ke pages show about the community teams' lessons: figures, a chart, table rows."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from portal.db import db
from portal.units.models import CENTRAL, COMMUNE, Unit

from . import lessons
from .charts import stacked_bars


def context(unit: Unit | None = None) -> dict:
    found = lessons.national(db.session) if unit is None else lessons.committee(db.session, unit)
    rows = [(u.name, url_for("stats.committee", code=u.code), t) for u, t in found.places]
    chart = None
    if rows:
        by_province = unit is None or unit.level == CENTRAL
        chart = stacked_bars(
            "bieu-do-hoc-so", _("Residents taught by province or city") if by_province
            else _("Residents taught by commune or ward"),
            _("For each place, one bar as long as the residents who took part in the community teams' group "
              "sessions, split into those who finished the quiz and the others."),
            [(label, t) for label, _link, t in rows], segments=lessons.SEGMENTS, total="residents")
    return {"teaching": found.total, "teaching_rows": rows, "teaching_chart": chart,
            "teaching_level": unit.level if unit is not None else CENTRAL, "teaching_commune": COMMUNE}
