"""Petition figures for /thong-ke (drawn by `stats_view`): received, answered, on time, overdue, median days to answer.

Plain SELECTs of a few columns and the arithmetic in Python, so the same code gives the same
figures on SQLite and PostgreSQL (no dialect-specific date functions). Only counts leave this
module: no title, text, name or contact detail is ever read here.

Each petition falls in exactly one group, so the chart's segments add up to "received":
open (received, in progress) → overdue or not yet due; otherwise answered → on time or late;
otherwise closed without an answer (transferred, rejected, merged). Withdrawn ones are not counted.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.units.models import CENTRAL, CENTRAL_CODE, COMMUNE, PROVINCE, Unit

from .models import CATEGORIES, OPEN_STATUSES, WITHDRAWN, Petition

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# The chart's segments: (attribute of Figures, colour, legend), adding up to "received".
SEGMENTS = (
    ("on_time", "#1d6b32", _l("Answered on time")),
    ("late", "#b35c00", _l("Answered late")),
    ("overdue", "#a3121a", _l("Overdue, not answered")),
    ("rest", "#757575", _l("Not yet due, or closed")),
)


def today_vn() -> date:
    return datetime.now(VN).date()


@dataclass
class Figures:
    received: int = 0
    answered: int = 0
    on_time: int = 0
    overdue: int = 0
    open: int = 0
    days: list[float] = field(default_factory=list, repr=False)  # days to answer, one per answered petition

    def add(self, status: str, created_at: datetime, answered_at: datetime | None, due_on: date,
            today: date) -> None:
        self.received += 1
        if status in OPEN_STATUSES:
            self.open += 1
            if due_on < today:
                self.overdue += 1
        elif answered_at is not None:
            self.answered += 1
            # The same rule as Petition.answered_on_time(): the answer's date in Vietnam.
            if answered_at.astimezone(VN).date() <= due_on:
                self.on_time += 1
            self.days.append(max(0.0, (answered_at - created_at).total_seconds() / 86400))

    def merge(self, other: Figures) -> Figures:
        return Figures(self.received + other.received, self.answered + other.answered,
                       self.on_time + other.on_time, self.overdue + other.overdue, self.open + other.open,
                       self.days + other.days)

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def rest(self) -> int:
        """Open but not yet due, or closed without an answer."""
        return self.received - self.answered - self.overdue

    @property
    def median_days(self) -> float | None:
        return round(statistics.median(self.days), 1) if self.days else None

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.answered if self.answered else None


_COLUMNS = (Petition.category, Petition.status, Petition.created_at, Petition.answered_at, Petition.due_on)


def _rows(session: Session, *where):
    return session.execute(select(*_COLUMNS).where(Petition.status != WITHDRAWN, *where))


@dataclass
class Overview:
    total: Figures
    by_category: list[tuple[str, Figures]]
    by_place: list[tuple[Unit, Figures]]  # the central committee, then provinces (with their communes)


def _by_category(found: dict[str, Figures]) -> list[tuple[str, Figures]]:
    return [(code, found.get(code, Figures())) for code in CATEGORIES]


def national(session: Session, today: date | None = None) -> Overview:
    today = today or today_vn()
    total, places, categories = Figures(), {}, {}
    for province_code, level, category, status, created, answered, due in _national_rows(session):
        key = CENTRAL_CODE if level == CENTRAL else province_code
        for figures in (total, places.setdefault(key, Figures()), categories.setdefault(category, Figures())):
            figures.add(status, created, answered, due, today)
    units = session.scalars(select(Unit).where(Unit.code.in_(list(places)), Unit.level.in_((CENTRAL, PROVINCE))))
    ordered = sorted(units, key=lambda u: (u.level != CENTRAL, u.sort_key))
    return Overview(total, _by_category(categories), [(u, places[u.code]) for u in ordered])


def _national_rows(session: Session):
    stmt = (select(Unit.province_code, Unit.level, *_COLUMNS).join(Unit, Petition.unit_id == Unit.id)
            .where(Petition.status != WITHDRAWN))
    return session.execute(stmt)


@dataclass
class CommitteeFigures:
    own: Figures
    by_category: list[tuple[str, Figures]]
    with_communes: Figures | None = None  # provinces only: the committee and every commune in it
    communes: list[tuple[Unit, Figures]] = field(default_factory=list)


def committee(session: Session, unit: Unit, today: date | None = None) -> CommitteeFigures:
    today = today or today_vn()
    own, categories = Figures(), {}
    for category, status, created, answered, due in _rows(session, Petition.unit_id == unit.id):
        own.add(status, created, answered, due, today)
        categories.setdefault(category, Figures()).add(status, created, answered, due, today)
    result = CommitteeFigures(own, _by_category(categories))
    if unit.level == PROVINCE:
        below: dict[int, Figures] = {}
        for unit_id, _category, status, created, answered, due in _commune_rows(session, unit):
            below.setdefault(unit_id, Figures()).add(status, created, answered, due, today)
        combined = own
        for figures in below.values():
            combined = combined.merge(figures)
        result.with_communes = combined
        units = {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_(list(below))))}
        result.communes = sorted(((units[i], f) for i, f in below.items()),
                                 key=lambda pair: (-pair[1].received, pair[0].sort_key))
    return result


def _commune_rows(session: Session, province: Unit):
    stmt = (select(Petition.unit_id, *_COLUMNS).join(Unit, Petition.unit_id == Unit.id)
            .where(Petition.status != WITHDRAWN, Unit.level == COMMUNE,
                   Unit.province_code == province.province_code))
    return session.execute(stmt)
