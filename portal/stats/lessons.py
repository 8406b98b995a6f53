"""Community teams' group sessions for /thong-ke: national, by province, by commune.

Only counts are read (sessions, residents, residents who finished the quiz), never notes or
who recorded them. The same plain SELECT and Python sums on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.lessons.models import TeamSession, TeamSessionLesson
from portal.units.models import CENTRAL, COMMUNE, PROVINCE, Unit

SEGMENTS = (
    ("finished", "#1d6b32", _l("Finished the quiz")),
    ("not_finished", "#757575", _l("Took part, quiz not finished")),
)


@dataclass
class Teaching:
    sessions: int = 0
    residents: int = 0
    finished: int = 0
    lessons_taught: int = 0

    def add(self, residents: int, finished: int, lessons: int) -> None:
        self.sessions += 1
        self.residents += residents
        self.finished += finished
        self.lessons_taught += lessons

    @property
    def not_finished(self) -> int:
        return self.residents - self.finished

    @property
    def finished_share(self) -> float | None:
        return self.finished / self.residents if self.residents else None


@dataclass
class LessonFigures:
    total: Teaching
    places: list[tuple[Unit, Teaching]] = field(default_factory=list)  # provinces, or a province's communes


def _rows(session: Session, *where):
    lessons = (select(TeamSessionLesson.session_id, func.count().label("n"))
               .group_by(TeamSessionLesson.session_id).subquery())
    stmt = (select(Unit.id, Unit.province_code, TeamSession.residents, TeamSession.finished_quiz,
                   func.coalesce(lessons.c.n, 0))
            .join(Unit, TeamSession.unit_id == Unit.id)
            .outerjoin(lessons, lessons.c.session_id == TeamSession.id).where(*where))
    return session.execute(stmt)


def _sorted(session: Session, found: dict, *where) -> list[tuple[Unit, Teaching]]:
    units = session.scalars(select(Unit).where(*where)).all()
    return sorted(((u, found[key]) for u in units for key in [u.code if u.level == PROVINCE else u.id]
                   if key in found), key=lambda pair: (-pair[1].residents, pair[0].sort_key))


def national(session: Session) -> LessonFigures:
    total, provinces = Teaching(), {}
    for _uid, province_code, residents, finished, lessons in _rows(session):
        total.add(residents, finished, lessons)
        provinces.setdefault(province_code, Teaching()).add(residents, finished, lessons)
    places = _sorted(session, provinces, Unit.level == PROVINCE, Unit.code.in_(list(provinces)))
    return LessonFigures(total, places)


def committee(session: Session, unit: Unit) -> LessonFigures:
    """A commune: its own sessions. A province: the sum over its communes, commune by commune."""
    if unit.level == CENTRAL:
        return national(session)
    if unit.level == COMMUNE:
        total = Teaching()
        for _uid, _p, residents, finished, lessons in _rows(session, TeamSession.unit_id == unit.id):
            total.add(residents, finished, lessons)
        return LessonFigures(total)
    total, communes = Teaching(), {}
    for uid, _p, residents, finished, lessons in _rows(session, Unit.province_code == unit.province_code,
                                                       Unit.level == COMMUNE):
        total.add(residents, finished, lessons)
        communes.setdefault(uid, Teaching()).add(residents, finished, lessons)
    return LessonFigures(total, _sorted(session, communes, Unit.id.in_(list(communes))))
