"""Community teams' group sessions for /thong-ke: national, by province, by commune.

Only counts are read (sessions, residents, residents who finished the quiz), never notes or
who recorded them. The same plain SELECT and Python sums on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.units.models import CENTRAL, COMMUNE, PROVINCE, Unit

from .models import TeamSession, TeamSessionLesson

SEGMENTS = (
    ("finished", "#1d6b32", _l("Finished the quiz")),
    ("not_finished", "#757575", _l("Took part, quiz not finished")),
)


@dataclass
class Teaching:
    sessions: int = 0
    residents: int = 0
    finished: int = 0
    # Two different counts, named apart on every page: a lesson taught in three sessions is three
    # "lesson-sessions" (lượt bài) but one "different lesson" (bài khác nhau).
    lesson_sessions: int = 0
    lesson_ids: set[int] = field(default_factory=set)

    def add(self, residents: int, finished: int, lessons: set[int]) -> None:
        self.sessions += 1
        self.residents += residents
        self.finished += finished
        self.lesson_sessions += len(lessons)
        self.lesson_ids |= lessons

    @property
    def distinct_lessons(self) -> int:
        return len(self.lesson_ids)

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
    """(unit id, province code, residents, finished, {lesson ids}) per session."""
    stmt = (select(TeamSession.id, Unit.id, Unit.province_code, TeamSession.residents, TeamSession.finished_quiz,
                   TeamSessionLesson.lesson_id)
            .join(Unit, TeamSession.unit_id == Unit.id)
            .outerjoin(TeamSessionLesson, TeamSessionLesson.session_id == TeamSession.id).where(*where))
    found: dict[int, tuple] = {}
    for session_id, unit_id, province_code, residents, finished, lesson_id in session.execute(stmt):
        row = found.setdefault(session_id, (unit_id, province_code, residents, finished, set()))
        if lesson_id is not None:
            row[4].add(lesson_id)
    return found.values()


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
