"""Public pages of the lessons section (/hoc-so/): courses, one step per page, the quiz.

Progress lives in a signed cookie (see progress.py): these views read it before the request
and write it back after, only when something changed.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.core.htmx import is_partial_request, render_page
from portal.core.http import found_or_404
from portal.db import db

from . import progress as progress_store
from . import public, quiz
from .forms import QuizForm

bp = Blueprint("lessons", __name__, url_prefix="/hoc-so")


@bp.before_request
def _load_progress():
    g.progress, g.progress_refused = progress_store.load(request.cookies.get(progress_store.COOKIE))
    g.progress_dirty = g.progress_refused  # a refused cookie is replaced by an empty one


@bp.after_request
def _store_progress(response):
    if g.get("progress_dirty"):
        progress_store.write_cookie(response, g.progress)
    if request.cookies.get(progress_store.COOKIE) or g.get("progress_dirty"):
        response.headers["Cache-Control"] = "private, no-cache"  # the page shows this phone's progress
    return response


@bp.context_processor
def _progress_context():
    return {"progress_refused": g.get("progress_refused", False)}


def advance(changed: bool) -> None:
    """Mark the cookie for rewriting and copy the progress to the learner code, if any."""
    if changed:
        g.progress_dirty = True
        progress_store.save(db.session, g.progress)


@bp.route("/")
def index():
    return render_template("lessons/page.html", courses=public.courses(db.session), progress=g.progress)


@bp.route("/<course_slug>/")
def course(course_slug: str):
    found = found_or_404(public.course(db.session, course_slug))
    return render_template("lessons/course.html", course=found, progress=g.progress)


def _lesson_or_404(course_slug: str, lesson_slug: str):
    return found_or_404(public.lesson(db.session, course_slug, lesson_slug))


@bp.route("/<course_slug>/<lesson_slug>/")
def lesson(course_slug: str, lesson_slug: str):
    found = _lesson_or_404(course_slug, lesson_slug)
    return render_template("lessons/lesson.html", lesson=found, progress=g.progress)


@bp.route("/<course_slug>/<lesson_slug>/<int:number>")
def step(course_slug: str, lesson_slug: str, number: int):
    found = _lesson_or_404(course_slug, lesson_slug)
    if not 1 <= number <= len(found.steps):
        abort(404)
    # A visitor with no progress yet gets the same page as everybody (no cookie set on a view, so
    # the shared page cache can keep it); "Next" then goes through `next_step`, which records it.
    has_progress = bool(request.cookies.get(progress_store.COOKIE))
    if has_progress:
        advance(g.progress.reach(found.id, number))
    next_url = None if has_progress else url_for(".next_step", course_slug=course_slug, lesson_slug=lesson_slug,
                                                 number=number)
    # ?hinh=1: the step with its picture (asked for; without JavaScript a page, with htmx the
    # picture alone, swapped in place).
    show_picture = request.args.get("hinh") == "1"
    return render_page("lessons/step.html", "lessons/_picture.html" if show_picture else None, lesson=found,
                       step=found.steps[number - 1], number=number, progress=g.progress, show_picture=show_picture,
                       next_url=next_url)


@bp.route("/<course_slug>/<lesson_slug>/<int:number>/tiep-theo")
def next_step(course_slug: str, lesson_slug: str, number: int):
    """"Next" (or "Take the quiz") pressed on step `number`: the progress is kept, then the next page."""
    found = _lesson_or_404(course_slug, lesson_slug)
    if not 1 <= number <= len(found.steps):
        abort(404)
    if number < len(found.steps):
        advance(g.progress.reach(found.id, number + 1))
        return redirect(url_for(".step", course_slug=course_slug, lesson_slug=lesson_slug, number=number + 1), 303)
    advance(g.progress.reach(found.id, number))
    return redirect(url_for(".check", course_slug=course_slug, lesson_slug=lesson_slug), 303)


@bp.route("/<course_slug>/<lesson_slug>/kiem-tra", methods=["GET", "POST"])
def check(course_slug: str, lesson_slug: str):
    found = _lesson_or_404(course_slug, lesson_slug)
    form = QuizForm()
    if g.progress.ensure_seed():
        g.progress_dirty = True
    result, status, message = None, 200, None
    if request.method == "POST":
        if not form.validate_on_submit():
            message, status = _("The form had expired. Please choose your answers again."), 400
        else:
            result = quiz.check(found, request.form)
            if not result.complete:
                message, status = _("Please answer every question, then press “Check my answers”."), 400
            elif result.passed:
                advance(g.progress.pass_quiz(found.id, len(found.steps)))
    if status == 400 and is_partial_request():
        status = 200  # htmx 1.9 swaps only 2xx answers; the message is in the fragment
    done_course = all(g.progress.passed(x.id) for x in found.course.public_lessons())
    return render_page("lessons/quiz.html", "lessons/_quiz.html", status=status, lesson=found, form=form,
                       result=result, message=message, progress=g.progress, field_name=quiz.field_name,
                       choices_of=lambda q: quiz.ordered(q, g.progress.seed), next_lesson=public.next_lesson(found),
                       done_course=done_course)


@bp.route("/<course_slug>/<lesson_slug>/tiep-tuc")
def resume(course_slug: str, lesson_slug: str):
    """The step to continue from: the furthest one reached, or the quiz when all were seen."""
    found = _lesson_or_404(course_slug, lesson_slug)
    reached = g.progress.step(found.id)
    if reached >= len(found.steps):
        return redirect(url_for(".check", course_slug=course_slug, lesson_slug=lesson_slug))
    return redirect(url_for(".step", course_slug=course_slug, lesson_slug=lesson_slug, number=max(1, reached)))


from . import integration, learner_routes  # noqa: E402,F401  (learner-code pages on bp; search and home hooks)
