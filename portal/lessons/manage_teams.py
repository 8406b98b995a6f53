"""Community teams' pages under /quan-tri/hoc-so/to-cong-nghe/: group sessions and guided mode."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from sqlalchemy import select

from portal.accounts.models import ADMIN, TEAM
from portal.core.permissions import staff_required
from portal.db import db
from portal.units.service import get_by_code

from . import progress as progress_store
from . import teams
from .forms import ActionForm, GuideForm, TeamSessionForm
from .models import PUBLISHED, Course, Lesson, TeamSession

bp = Blueprint("lessons_team", __name__, url_prefix="/quan-tri/hoc-so/to-cong-nghe")
VN = ZoneInfo("Asia/Ho_Chi_Minh")

SESSION_PROBLEMS = {
    "finished-more-than-residents": ("finished_quiz", _l("It cannot be more than the residents who took part.")),
    "future-date": ("held_on", _l("The date cannot be in the future.")),
    "too-old": ("held_on", _l("Sessions older than a year cannot be recorded here.")),
    "no-lessons": ("lessons", _l("Please tick at least one lesson.")),
}


def _today():
    return datetime.now(VN).date()


def _public_lessons() -> list[Lesson]:
    stmt = (select(Lesson).join(Lesson.course).where(Lesson.status == PUBLISHED, Course.status == PUBLISHED)
            .order_by(Course.position, Course.id, Lesson.position))
    return list(db.session.scalars(stmt))


def _with_lessons(form, field: str, label):
    """`form` with its `field` offering the public lessons, named by `label`; and those lessons."""
    lessons = _public_lessons()
    getattr(form, field).choices = [(x.id, label(x)) for x in lessons]
    return form, lessons


@bp.route("/")
@staff_required(TEAM, ADMIN)
def index():
    items = teams.sessions_for(db.session, current_user)
    # The same two counts as /thong-ke: lessons counted once per session, and different lessons.
    counts = {"lesson_sessions": sum(len(s.lessons) for s in items),
              "lessons": len({x.id for s in items for x in s.lessons})}
    return render_template("lessons/team/list.html", items=items, counts=counts)


@bp.route("/ghi", methods=["GET", "POST"])
@staff_required(TEAM, ADMIN)
def record():
    form, lessons = _with_lessons(TeamSessionForm(), "lessons", lambda x: x.title)
    if not form.is_submitted():
        form.unit_code.data = current_user.unit.code if current_user.unit else ""
        form.held_on.data = _today()
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        unit = get_by_code(db.session, form.unit_code.data.strip())
        if unit is None or not teams.can_record(current_user, unit):
            form.unit_code.errors.append(_("You can record sessions only for your own commune or ward."))
            status = 403 if unit is not None else 400
        else:
            chosen = [x for x in lessons if x.id in set(form.lessons.data)]
            data = teams.SessionData(unit, form.held_on.data, form.place.data, chosen, form.residents.data,
                                     form.finished_quiz.data or 0, form.note.data or "")
            try:
                teams.record(db.session, current_user, data, _today())
                flash(_("The session is recorded. Thank you!"), "success")
                return redirect(url_for(".index"))
            except teams.SessionError as exc:
                name, message = SESSION_PROBLEMS[str(exc)]
                getattr(form, name).errors.append(str(message))
    return render_template("lessons/team/record.html", form=form, lessons=lessons), status


@bp.route("/buoi/<int:item_id>/xoa", methods=["GET", "POST"])
@staff_required(TEAM, ADMIN)
def delete(item_id: int):
    item = db.session.get(TeamSession, item_id)
    if item is None:
        abort(404)
    if not teams.can_record(current_user, item.unit):
        abort(403)
    form = ActionForm()
    if form.validate_on_submit():
        teams.delete(db.session, current_user, item)
        flash(_("Deleted."), "success")
        return redirect(url_for(".index"))
    return render_template("lessons/team/delete.html", item=item, form=form)


@bp.route("/huong-dan", methods=["GET", "POST"])
@staff_required(TEAM, ADMIN)
def guide():
    """On the resident's phone: bind it to their learner code and open the lesson for them."""
    form, lessons = _with_lessons(GuideForm(), "lesson_id", lambda x: f"{x.course.title}: {x.title}")
    if form.validate_on_submit():
        lesson = next(x for x in lessons if x.id == form.lesson_id.data)
        on_phone, _refused = progress_store.load(request.cookies.get(progress_store.COOKIE))
        code = teams.guide(db.session, current_user, form.code.data, on_phone, lesson)
        if code is None:
            form.code.errors.append(_("This code was not found. Please check each letter and number; the code "
                                      "looks like HS-7K3M-9QX."))
        else:
            if form.log_out.data:
                logout_user()
            flash(_("This phone now keeps the lessons of learner code %(code)s. Write the code down for the "
                    "resident.", code=code), "success")
            response = redirect(url_for("lessons.lesson", course_slug=lesson.course.slug, lesson_slug=lesson.slug))
            progress_store.write_cookie(response, on_phone)
            return response
    status = 400 if form.is_submitted() else 200
    return render_template("lessons/team/guide.html", form=form, has_lessons=bool(lessons)), status
