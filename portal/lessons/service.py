"""Editors' actions on courses, lessons, steps and quiz questions.

Each public function checks permission, writes an audit entry and commits once; audio
rendering and search indexing are queued after the commit. A course belongs to one
committee and only that committee's editors (and administrators) may change it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.accounts.service import audit
from portal.core.markdown import plain_text
from portal.core.slugs import unique_slug
from portal.core.text import clean_line, nfc
from portal.db import utcnow
from portal.editorial.service import PermissionDenied, can_edit, check  # noqa: F401  (for the pages)
from portal.jobs.queue import jobs
from portal.media_render import service as media_render
from portal.units.models import Unit

from .models import DRAFT, PUBLISHED, Course, Lesson, Question, Step

MEDIA_VERSION = "1"
MIN_QUESTIONS, MAX_QUESTIONS = 2, 5
MAX_CHOICES = 4


class ContentError(ValueError):
    """A rule of the content was broken; the message is shown to the editor."""


def speech_text(step: Step) -> str:
    return "\n".join(p for p in (step.title.strip(), plain_text(step.text).strip()) if p)


def media_hash(step: Step) -> str:
    return hashlib.sha256(f"{MEDIA_VERSION}\n{speech_text(step)}".encode()).hexdigest()


def _queue_audio(session: Session, lesson: Lesson) -> None:
    """Audio is made for the steps of published lessons whose text changed."""
    session.flush()
    for step in lesson.steps:
        media_render.request(session, "step", step)


def _queue_search(session: Session, lessons: list[Lesson]) -> None:
    from portal.search.jobs import refresh

    for lesson in lessons:
        jobs.enqueue_after_commit(session, refresh, "lesson", str(lesson.id))


def touch(lesson: Lesson) -> None:
    lesson.updated_at = lesson.course.updated_at = utcnow()


# -- courses ----------------------------------------------------------------------

@dataclass
class CourseData:
    title: str
    summary: str
    unit: Unit
    position: int = 0


def save_course(session: Session, actor: User, data: CourseData, course: Course | None = None) -> Course:
    check(actor, data.unit)
    if course is not None:
        check(actor, course.unit)
    creating = course is None
    if creating:
        course = Course(status=DRAFT)
        session.add(course)
    course.title = clean_line(data.title, 200)
    course.summary = clean_line(data.summary, 400)
    course.unit = data.unit
    course.position = data.position
    course.updated_at = utcnow()
    with session.no_autoflush:
        if creating:
            course.slug = unique_slug(session, Course, course.title)
    session.flush()
    audit(session, actor, "course.create" if creating else "course.update", "course", course.id)
    _queue_search(session, course.lessons)
    session.commit()
    return course


def set_course_status(session: Session, actor: User, course: Course, status: str) -> None:
    check(actor, course.unit)
    if status == PUBLISHED and not course.public_lessons():
        raise ContentError("publish-a-lesson-first")
    course.status = status
    course.updated_at = utcnow()
    audit(session, actor, f"course.{'publish' if status == PUBLISHED else 'unpublish'}", "course", course.id)
    for lesson in course.lessons:
        _queue_audio(session, lesson)
    _queue_search(session, course.lessons)
    session.commit()


# -- lessons ----------------------------------------------------------------------

@dataclass
class LessonData:
    title: str
    summary: str
    minutes: int


def save_lesson(session: Session, actor: User, course: Course, data: LessonData,
                lesson: Lesson | None = None) -> Lesson:
    check(actor, course.unit)
    creating = lesson is None
    if creating:
        lesson = Lesson(status=DRAFT, course=course, position=len(course.lessons) + 1)
        session.add(lesson)
    lesson.title = clean_line(data.title, 200)
    lesson.summary = clean_line(data.summary, 400)
    lesson.minutes = max(1, min(int(data.minutes), 120))
    with session.no_autoflush:
        if creating:
            lesson.slug = unique_slug(session, Lesson, lesson.title)
    touch(lesson)
    session.flush()
    audit(session, actor, "lesson.create" if creating else "lesson.update", "lesson", lesson.id)
    _queue_search(session, [lesson])
    session.commit()
    return lesson


def publish_problems(lesson: Lesson) -> list[str]:
    """What stops a lesson from being published (codes the editor page translates)."""
    problems = []
    if not lesson.steps:
        problems.append("no-steps")
    if not MIN_QUESTIONS <= len(lesson.questions) <= MAX_QUESTIONS:
        problems.append("question-count")
    return problems


def set_lesson_status(session: Session, actor: User, lesson: Lesson, status: str) -> None:
    check(actor, lesson.course.unit)
    if status == PUBLISHED and publish_problems(lesson):
        raise ContentError(publish_problems(lesson)[0])
    lesson.status = status
    touch(lesson)
    audit(session, actor, f"lesson.{'publish' if status == PUBLISHED else 'unpublish'}", "lesson", lesson.id)
    _queue_audio(session, lesson)
    _queue_search(session, [lesson])
    session.commit()


# -- steps ------------------------------------------------------------------------

@dataclass
class Picture:
    webp: str
    jpeg: str
    width: int
    height: int


def save_step(session: Session, actor: User, lesson: Lesson, title: str, text: str, picture_alt: str,
              picture: Picture | None = None, step: Step | None = None) -> Step:
    check(actor, lesson.course.unit)
    creating = step is None
    if creating:
        step = Step(lesson=lesson, position=len(lesson.steps) + 1)
        session.add(step)
    step.title = clean_line(title, 200)
    step.text = nfc(text).replace("\r\n", "\n").strip()[:3000]
    step.picture_alt = clean_line(picture_alt, 300)
    if picture is not None:
        step.picture_webp, step.picture_jpeg = picture.webp, picture.jpeg
        step.picture_width, step.picture_height = picture.width, picture.height
    touch(lesson)
    session.flush()
    audit(session, actor, "lesson.step.create" if creating else "lesson.step.update", "lesson", lesson.id,
          step=step.id)
    _queue_audio(session, lesson)
    _queue_search(session, [lesson])
    session.commit()
    return step


def delete_step(session: Session, actor: User, step: Step) -> None:
    lesson = step.lesson
    check(actor, lesson.course.unit)
    if lesson.status == PUBLISHED and len(lesson.steps) <= 1:
        raise ContentError("no-steps")
    lesson.steps.remove(step)
    renumber(lesson.steps)
    touch(lesson)
    audit(session, actor, "lesson.step.delete", "lesson", lesson.id, step=step.id)
    _queue_search(session, [lesson])
    session.commit()


def retry_audio(session: Session, actor: User, step: Step) -> None:
    check(actor, step.lesson.course.unit)
    audit(session, actor, "lesson.step.audio.retry", "lesson", step.lesson_id, step=step.id)
    media_render.request(session, "step", step, force=True)
    session.commit()


# -- ordering ---------------------------------------------------------------------

def renumber(items) -> None:
    for n, item in enumerate(items, start=1):
        item.position = n


def move(session: Session, actor: User, item: Lesson | Step | Question, up: bool) -> None:
    """Swap an item with its neighbour in its course or lesson."""
    if isinstance(item, Lesson):
        unit, siblings, lesson = item.course.unit, list(item.course.lessons), item
    else:
        unit, lesson = item.lesson.course.unit, item.lesson
        siblings = list(lesson.steps if isinstance(item, Step) else lesson.questions)
    check(actor, unit)
    i = siblings.index(item)
    j = i - 1 if up else i + 1
    if 0 <= j < len(siblings):
        siblings[i], siblings[j] = siblings[j], siblings[i]
        renumber(siblings)
        touch(lesson)
        audit(session, actor, "lesson.reorder", type(item).__name__.lower(), item.id, up=up)
        session.commit()
