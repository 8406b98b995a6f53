"""Editors' pages under /quan-tri/hoc-so/: courses and lessons, publishing, ordering, preview."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.models import ADMIN, EDITOR
from portal.core.htmx import render_page
from portal.core.permissions import staff_required
from portal.db import db
from portal.editorial.pages import committee_of, editable_or_abort, own_committee_code

from . import quiz, service
from .forms import ActionForm, CourseForm, LessonForm, QuizForm
from .models import DRAFT, PUBLISHED, Course, Lesson, Question, Step

bp = Blueprint("lessons_staff", __name__, url_prefix="/quan-tri/hoc-so")

PROBLEMS = {
    "no-steps": _l("A published lesson needs at least one step."),
    "question-count": _l("A published lesson needs a quiz of 2 to 5 questions."),
    "publish-a-lesson-first": _l("Publish at least one lesson of the course first."),
    "two-choices": _l("Give at least two answers."),
    "one-right": _l("Mark at least one answer as right."),
    "single-one-right": _l("Only one answer may be right, unless several answers may be right."),
    "explain-each": _l("Explain every answer: why it is right or why it is wrong."),
    "too-many-questions": _l("A quiz has at most 5 questions."),
}


def problem_text(code: str) -> str:
    return str(PROBLEMS.get(code, code))


def _course_of(item) -> Course:
    return item if isinstance(item, Course) else item.course if isinstance(item, Lesson) else item.lesson.course


def get_or_403(model, item_id: int):
    return editable_or_abort(model, item_id, lambda item: _course_of(item).unit)


@bp.route("/")
@staff_required(ADMIN, EDITOR)
def index():
    stmt = select(Course).order_by(Course.position, Course.id)
    if current_user.role != ADMIN:
        stmt = stmt.where(Course.unit_id == current_user.unit_id)
    return render_template("lessons/manage/list.html", courses=db.session.scalars(stmt).all())


def _course_page(form, course, status=200):
    return render_template("lessons/manage/course.html", form=form, course=course, action_form=ActionForm()), status


def _save_course(form: CourseForm, course: Course | None):
    unit = committee_of(form.unit_code)
    if form.errors or unit is None:
        return _course_page(form, course, 400)
    data = service.CourseData(form.title.data, form.summary.data or "", unit, form.position.data or 0)
    course = service.save_course(db.session, current_user, data, course)
    flash(_("Saved."), "success")
    return redirect(url_for(".course", course_id=course.id))


def _course_form(course: Course | None):
    form = CourseForm(obj=course)
    if not form.is_submitted():
        form.unit_code.data = course.unit.code if course else own_committee_code()
    if form.validate_on_submit():
        return _save_course(form, course)
    return _course_page(form, course, 400 if form.is_submitted() else 200)


@bp.route("/khoa/moi", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def new_course():
    return _course_form(None)


@bp.route("/khoa/<int:course_id>", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def course(course_id: int):
    return _course_form(get_or_403(Course, course_id))


def _status_from_form() -> str | None:
    wanted = request.form.get("status")
    return wanted if wanted in (DRAFT, PUBLISHED) and ActionForm().validate_on_submit() else None


def _set_status(found, set_status, back: str):
    """Publish or unpublish a course or a lesson (`set_status` of the service), then go `back`."""
    status = _status_from_form()
    if status is None:
        abort(400)
    try:
        set_status(db.session, current_user, found, status)
        flash(_("Published.") if status == PUBLISHED else _("Unpublished: it is a draft again."), "success")
    except service.ContentError as exc:
        flash(problem_text(str(exc)), "error")
    return redirect(back)


@bp.route("/khoa/<int:course_id>/trang-thai", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def course_status(course_id: int):
    found = get_or_403(Course, course_id)
    return _set_status(found, service.set_course_status, url_for(".course", course_id=found.id))


def _lesson_page(form, course, lesson, status=200):
    problems = [problem_text(p) for p in service.publish_problems(lesson)] if lesson else []
    return render_template("lessons/manage/lesson.html", form=form, course=course, lesson=lesson,
                           problems=problems, action_form=ActionForm()), status


def _lesson_form(course: Course, lesson: Lesson | None):
    form = LessonForm(obj=lesson)
    if form.validate_on_submit():
        data = service.LessonData(form.title.data, form.summary.data or "", form.minutes.data)
        saved = service.save_lesson(db.session, current_user, course, data, lesson)
        flash(_("Saved.") if lesson else _("Saved. Now add its steps and its quiz."), "success")
        return redirect(url_for(".lesson", lesson_id=saved.id))
    return _lesson_page(form, course, lesson, 400 if form.is_submitted() else 200)


@bp.route("/khoa/<int:course_id>/bai/moi", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def new_lesson(course_id: int):
    return _lesson_form(get_or_403(Course, course_id), None)


@bp.route("/bai/<int:lesson_id>", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def lesson(lesson_id: int):
    found = get_or_403(Lesson, lesson_id)
    return _lesson_form(found.course, found)


@bp.route("/bai/<int:lesson_id>/trang-thai", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def lesson_status(lesson_id: int):
    found = get_or_403(Lesson, lesson_id)
    return _set_status(found, service.set_lesson_status, url_for(".lesson", lesson_id=found.id))


@bp.route("/bai/<int:lesson_id>/xem-truoc/<int:number>")
@staff_required(ADMIN, EDITOR)
def preview(lesson_id: int, number: int):
    found = get_or_403(Lesson, lesson_id)
    if not 1 <= number <= len(found.steps):
        abort(404)
    last = number == len(found.steps)
    return render_template(
        "lessons/step.html", lesson=found, step=found.steps[number - 1], number=number, preview=True,
        progress=None, prev_url=url_for(".preview", lesson_id=lesson_id, number=number - 1) if number > 1 else None,
        next_url=url_for(".preview_quiz", lesson_id=lesson_id) if last else
        url_for(".preview", lesson_id=lesson_id, number=number + 1))


@bp.route("/bai/<int:lesson_id>/xem-truoc/kiem-tra", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def preview_quiz(lesson_id: int):
    found = get_or_403(Lesson, lesson_id)
    form = QuizForm()
    result = quiz.check(found, request.form) if form.validate_on_submit() else None
    return render_page("lessons/quiz.html", "lessons/_quiz.html", lesson=found, form=form, result=result, preview=True,
                           field_name=quiz.field_name, action_url=url_for(".preview_quiz", lesson_id=lesson_id))


MOVABLE = {"bai": Lesson, "buoc": Step, "cau-hoi": Question}


@bp.route("/<kind>/<int:item_id>/doi-cho", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def move(kind: str, item_id: int):
    if kind not in MOVABLE:
        abort(404)
    item = get_or_403(MOVABLE[kind], item_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    service.move(db.session, current_user, item, up=request.form.get("len") == "1")
    if isinstance(item, Lesson):
        return redirect(url_for(".course", course_id=item.course_id))
    return redirect(url_for(".lesson", lesson_id=item.lesson_id))


from . import manage_parts  # noqa: E402,F401  (steps and questions on this blueprint)
