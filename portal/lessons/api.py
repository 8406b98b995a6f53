"""What digital-skills courses publish through the API (/api/v1/courses/): courses, their
published lessons and steps, and each lesson's quiz WITHOUT its answers (no right choice, no
explanation: the quiz is checked on the site)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.api.content import audio, committee, media, page
from portal.api.registry import Collection, ListQuery, registry
from portal.api.removals import previous
from portal.api.schemas import Audio, CommitteeRef, Media, Schema
from portal.db import db

from .models import PUBLISHED, Course, Lesson, Question


class Picture(Schema):
    webp: Media | None
    jpeg: Media | None
    width: int | None
    height: int | None
    alt: str


class StepOut(Schema):
    number: int
    url: str
    title: str
    text: str
    picture: Picture | None
    audio: Audio | None


class ChoiceOut(Schema):
    id: int
    text: str


class QuestionOut(Schema):
    id: int
    prompt: str
    multiple: bool
    choices: list[ChoiceOut]


class LessonOut(Schema):
    id: int
    slug: str
    url: str
    title: str
    summary: str
    minutes: int
    updated_at: datetime
    steps: list[StepOut]
    quiz: list[QuestionOut]
    quiz_url: str


class CourseOut(Schema):
    id: int
    slug: str
    url: str
    title: str
    summary: str
    committee: CommitteeRef
    updated_at: datetime
    lessons: list[LessonOut]


def _question(q: Question) -> QuestionOut:
    return QuestionOut(id=q.id, prompt=q.prompt, multiple=q.multiple,
                       choices=[ChoiceOut(id=c.id, text=c.text) for c in q.choices])


def _lesson(course: Course, lesson: Lesson) -> LessonOut:
    base = f"/hoc-so/{course.slug}/{lesson.slug}/"
    steps = []
    for n, s in enumerate(lesson.steps, 1):
        picture = Picture(webp=media(s.picture_webp, "image/webp", None),
                          jpeg=media(s.picture_jpeg, "image/jpeg", None),
                          width=s.picture_width, height=s.picture_height, alt=s.picture_alt) \
            if (s.picture_webp or s.picture_jpeg) else None
        steps.append(StepOut(number=n, url=f"{base}{n}", title=s.title, text=s.text, picture=picture, audio=audio(s)))
    return LessonOut(id=lesson.id, slug=lesson.slug, url=base, title=lesson.title, summary=lesson.summary,
                     minutes=lesson.minutes, updated_at=lesson.updated_at, steps=steps,
                     quiz=[_question(q) for q in lesson.questions], quiz_url=f"{base}kiem-tra")


def _out(c: Course) -> CourseOut:
    return CourseOut(id=c.id, slug=c.slug, url=f"/hoc-so/{c.slug}/", title=c.title, summary=c.summary,
                     committee=committee(c.unit), updated_at=c.updated_at,
                     lessons=[_lesson(c, x) for x in c.public_lessons() if x.steps])


def _public(stmt):
    return stmt.where(Course.status == PUBLISHED, Course.lessons.any(Lesson.status == PUBLISHED))


def _list(query: ListQuery):
    stmt = _public(select(Course)).options(
        selectinload(Course.unit), selectinload(Course.lessons).selectinload(Lesson.steps),
        selectinload(Course.lessons).selectinload(Lesson.questions).selectinload(Question.choices))
    changed = select(Lesson.updated_at).where(Lesson.course_id == Course.id).order_by(
        Lesson.updated_at.desc()).limit(1).scalar_subquery()
    rows, total = page(stmt, query, Course.unit_id, (Course.updated_at, changed), (Course.position, Course.id))
    return [_out(c) for c in rows], total


def _get(item_id: int):
    c = db.session.scalar(_public(select(Course).where(Course.id == item_id)))
    return _out(c) if c is not None else None


registry.register(Collection("courses", "digital-skills courses", CourseOut, _list, _get,
                             tracked=[(Course, lambda c: c.id, lambda c: previous(c, "status") == PUBLISHED,
                                       lambda c: c.status == PUBLISHED)]))
