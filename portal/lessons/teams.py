"""Community digital-technology teams: group sessions, and guiding a resident on their phone.

A team member belongs to one commune (enforced when the account is made) and records sessions
for that commune only; administrators may record for any commune.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import ADMIN, TEAM, User
from portal.accounts.service import audit
from portal.core.text import clean_line
from portal.units.models import COMMUNE, Unit

from . import progress as progress_store
from .models import Lesson, TeamSession


class PermissionDenied(Exception):
    pass


class SessionError(ValueError):
    pass


def can_record(user: User, unit: Unit) -> bool:
    if unit.level != COMMUNE:
        return False
    if user.role == ADMIN:
        return True
    return user.role == TEAM and user.unit_id == unit.id


@dataclass
class SessionData:
    unit: Unit
    held_on: date
    place: str
    lessons: list[Lesson]
    residents: int
    finished_quiz: int
    note: str = ""


def problems(data: SessionData, today: date) -> list[str]:
    found = []
    if data.finished_quiz > data.residents:
        found.append("finished-more-than-residents")
    if data.held_on > today:
        found.append("future-date")
    if data.held_on < today - timedelta(days=366):
        found.append("too-old")
    if not data.lessons:
        found.append("no-lessons")
    return found


def record(session: Session, actor: User, data: SessionData, today: date) -> TeamSession:
    if not can_record(actor, data.unit):
        raise PermissionDenied
    found = problems(data, today)
    if found:
        raise SessionError(found[0])
    item = TeamSession(unit=data.unit, held_on=data.held_on, place=clean_line(data.place, 200),
                       residents=data.residents, finished_quiz=data.finished_quiz, note=clean_line(data.note, 500),
                       recorded_by=actor, lessons=list(data.lessons))
    session.add(item)
    session.flush()
    audit(session, actor, "team.session.record", "team_session", item.id, unit=data.unit.code,
          residents=data.residents, finished=data.finished_quiz, lessons=[x.id for x in data.lessons])
    session.commit()
    return item


def delete(session: Session, actor: User, item: TeamSession) -> None:
    if not can_record(actor, item.unit):
        raise PermissionDenied
    audit(session, actor, "team.session.delete", "team_session", item.id, unit=item.unit.code)
    session.delete(item)
    session.commit()


def sessions_for(session: Session, actor: User, limit: int = 100) -> list[TeamSession]:
    stmt = select(TeamSession).order_by(TeamSession.held_on.desc(), TeamSession.id.desc()).limit(limit)
    if actor.role != ADMIN:
        stmt = stmt.where(TeamSession.unit_id == actor.unit_id)
    return list(session.scalars(stmt))


def guide(session: Session, actor: User, typed_code: str | None, on_phone: progress_store.Progress,
          lesson: Lesson) -> str | None:
    """Open a lesson for a resident: bind this phone to their learner code (a new one when none
    is given). Returns the code, or None when the typed code does not exist."""
    if actor.role not in (TEAM, ADMIN):
        raise PermissionDenied
    if typed_code and typed_code.strip():
        learner = progress_store.restore(session, typed_code, on_phone)
        if learner is None:
            return None
    else:
        learner = progress_store.create_learner(session, on_phone, guided_by_unit_id=actor.unit_id)
    audit(session, actor, "lesson.guide", "lesson", lesson.id, learner=learner.id)
    session.commit()
    return learner.code
