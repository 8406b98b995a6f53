"""What lessons give the rest of the portal: search documents, a home-page section, statistics."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.markdown import plain_text
from portal.db import db
from portal.home.sections import sections
from portal.search.registry import SearchDocument, registry
from portal.stats.registry import sections as stats_sections

from . import public, stats_view
from .models import PUBLISHED, Course, Lesson


def _document(lesson: Lesson) -> SearchDocument:
    """A lesson with the text of all its steps, so a search for a step's words finds the lesson."""
    steps = "\n".join(f"{s.title}\n{plain_text(s.text)}" for s in lesson.steps)
    return SearchDocument(kind="lesson", key=str(lesson.id), title=lesson.title,
                          summary=lesson.summary or lesson.course.title, text=f"{lesson.course.title}\n{steps}",
                          url=f"/hoc-so/{lesson.course.slug}/{lesson.slug}/", unit_code=lesson.course.unit.code,
                          province_code=lesson.course.unit.province_code or "", published=lesson.updated_at)


def _all():
    stmt = select(Lesson).join(Lesson.course).where(Lesson.status == PUBLISHED, Course.status == PUBLISHED)
    for lesson in db.session.scalars(stmt):
        if lesson.steps:
            yield _document(lesson)


def _one(key: str):
    lesson = db.session.get(Lesson, int(key)) if key.isdigit() else None
    return _document(lesson) if lesson is not None and lesson.is_public and lesson.steps else None


def _step_documents(lesson: Lesson) -> list[SearchDocument]:
    """Each step of a public lesson on its own, so the question helper can quote and link the step."""
    return [SearchDocument(kind="step", key=f"{lesson.id}.{n}", title=f"{lesson.title}: {s.title}".rstrip(": "),
                           text=plain_text(s.text), url=f"/hoc-so/{lesson.course.slug}/{lesson.slug}/{n}",
                           unit_code=lesson.course.unit.code, province_code=lesson.course.unit.province_code or "",
                           published=lesson.updated_at)
            for n, s in enumerate(lesson.steps, start=1)]


def _steps_of(lesson_key: str) -> list[SearchDocument]:
    lesson = db.session.get(Lesson, int(lesson_key)) if lesson_key.isdigit() else None
    return _step_documents(lesson) if lesson is not None and lesson.is_public else []


def _all_steps():
    for doc in _all():
        yield from _steps_of(doc.key)


def _one_step(key: str):
    lesson_key, _, number = key.partition(".")
    found = [d for d in _steps_of(lesson_key) if d.key == key] if number.isdigit() else []
    return found[0] if found else None


def _home():
    return render_template("lessons/_home.html", courses=public.courses(db.session)[:4])


registry.register("lesson", lambda: _l("Lessons"), _all, _one)
registry.register("step", lambda: _l("Lesson steps"), _all_steps, _one_step, listed=False, parent="lesson",
                  parts_of=_steps_of)
sections.register(40, _home)
stats_sections.register(20, stats_view.render, stats_view.render)
from . import api  # noqa: E402,F401  (the public API's collection)
