"""/hoc-so/da-hoc ("Bài đã học"), learner codes, and the printable completion page."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.core.http import found_or_404
from portal.core.text import clean_line
from portal.db import db
from portal.extensions import limiter

from . import progress as progress_store
from . import public
from .forms import ActionForm, CertificateForm, CodeForm
from .routes import bp

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _done_page(code_form: CodeForm, status: int = 200):
    found = public.lessons_by_id(db.session, g.progress.lessons)
    by_course: dict = {}
    for lesson in sorted(found.values(), key=lambda x: (x.course.position, x.course_id, x.position)):
        by_course.setdefault(lesson.course, []).append(lesson)
    complete = [c for c in by_course if all(g.progress.passed(x.id) for x in c.public_lessons())]
    return render_template("lessons/done.html", by_course=by_course, complete=complete, progress=g.progress,
                           code_form=code_form, action_form=ActionForm()), status


@bp.route("/da-hoc")
def done():
    return _done_page(CodeForm())


@bp.route("/ma-hoc-vien/tao", methods=["POST"])
@limiter.limit("30 per hour", methods=["POST"])
def new_code():
    if not ActionForm().validate_on_submit():
        flash(_("The form had expired. Please try again."), "error")
        return redirect(url_for(".done"))
    if not g.progress.code:
        progress_store.create_learner(db.session, g.progress)
        g.progress_dirty = True
    return redirect(url_for(".done", _anchor="ma"))


@bp.route("/ma-hoc-vien", methods=["POST"])
@limiter.limit("20 per hour", methods=["POST"])
def use_code():
    form = CodeForm()
    if form.validate_on_submit():
        learner = progress_store.restore(db.session, form.code.data, g.progress)
        if learner is not None:
            g.progress_dirty = True
            flash(_("Welcome back. Your lessons from code %(code)s are on this phone now.", code=learner.code),
                  "success")
            return redirect(url_for(".done"))
        form.code.errors.append(_("This code was not found. Please check each letter and number; the code "
                                  "looks like HS-7K3M-9QX."))
    return _done_page(form, 400)


def _course_or_404(course_slug: str):
    return found_or_404(public.course(db.session, course_slug))


@bp.route("/<course_slug>/giay-hoan-thanh", methods=["GET", "POST"])
def certificate(course_slug: str):
    """Nothing typed here is stored: the name is only printed on the page that comes back."""
    found = _course_or_404(course_slug)
    lessons = found.public_lessons()
    missing = [x for x in lessons if not g.progress.passed(x.id)]
    form = CertificateForm()
    if missing:
        return render_template("lessons/certificate.html", course=found, missing=missing, form=form,
                               progress=g.progress)
    if form.validate_on_submit():
        return render_template("lessons/certificate.html", course=found, lessons=lessons, form=form,
                               name=clean_line(form.name.data, 80), printable=True,
                               today=datetime.now(VN).date(), progress=g.progress)
    status = 400 if form.is_submitted() else 200
    return render_template("lessons/certificate.html", course=found, lessons=lessons, form=form,
                           progress=g.progress), status
