"""Reading published courses and lessons."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .models import PUBLISHED, Course, Lesson


def courses(session: Session) -> list[Course]:
    stmt = (select(Course).where(Course.status == PUBLISHED).options(selectinload(Course.lessons))
            .order_by(Course.position, Course.id))
    return [c for c in session.scalars(stmt) if c.public_lessons()]


def course(session: Session, slug: str) -> Course | None:
    found = session.scalar(select(Course).where(Course.slug == slug, Course.status == PUBLISHED))
    return found if found is not None and found.public_lessons() else None


def lesson(session: Session, course_slug: str, lesson_slug: str) -> Lesson | None:
    found = session.scalar(select(Lesson).join(Lesson.course).where(
        Lesson.slug == lesson_slug, Course.slug == course_slug, Lesson.status == PUBLISHED,
        Course.status == PUBLISHED))
    return found if found is not None and found.steps else None


def lessons_by_id(session: Session, ids) -> dict[int, Lesson]:
    ids = list(ids)[:500]
    if not ids:
        return {}
    stmt = select(Lesson).join(Lesson.course).where(Lesson.id.in_(ids), Lesson.status == PUBLISHED,
                                                    Course.status == PUBLISHED)
    return {lesson.id: lesson for lesson in session.scalars(stmt)}


def next_lesson(lesson: Lesson) -> Lesson | None:
    following = [x for x in lesson.course.public_lessons() if x.position > lesson.position]
    return following[0] if following else None
