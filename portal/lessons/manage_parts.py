"""Editors' pages for the parts of a lesson: steps (text, picture, audio) and quiz questions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import ADMIN, EDITOR
from portal.core import media
from portal.core.images import ProcessedImage
from portal.core.permissions import staff_required
from portal.db import db
from portal.editorial.pages import read_picture, storage_failed

from . import questions, service
from .forms import ActionForm, QuestionForm, StepForm
from .manage import bp, get_or_403, problem_text
from .models import Lesson, Question, Step


def _step_page(form, lesson, step, status=200):
    return render_template("lessons/manage/step.html", form=form, lesson=lesson, step=step,
                           action_form=ActionForm()), status


def _picture(form: StepForm) -> ProcessedImage | None:
    """The uploaded picture, checked and re-encoded; stored only once the whole form is valid."""
    return read_picture(form.picture, _("The picture could not be read. Please send a JPEG, PNG or WebP picture "
                                        "smaller than 8 MB."))


def _store(processed: ProcessedImage) -> service.Picture:
    return service.Picture(media.save_public("lessons", processed.webp, "webp"),
                           media.save_public("lessons", processed.jpeg, "jpg"), processed.width, processed.height)


def _save_step(form: StepForm, lesson: Lesson, step: Step | None):
    processed = _picture(form)
    has_picture = processed is not None or (step is not None and step.picture_jpeg)
    if has_picture and not (form.picture_alt.data or "").strip():
        form.picture_alt.errors.append(_("Please describe the picture for people who cannot see it."))
    if form.errors:
        return _step_page(form, lesson, step, 400)
    try:
        # The picture's files are removed again if they or the step cannot be saved.
        with media.undo_on_failure():
            picture = _store(processed) if processed is not None else None
            step = service.save_step(db.session, current_user, lesson, form.title.data, form.text.data,
                                     form.picture_alt.data or "", picture, step)
    except media.StorageError as exc:
        db.session.rollback()
        return storage_failed(form.picture, _("Nothing was saved; please choose the picture again."),
                              lambda: _step_page(form, lesson, step)[0], exc)
    flash(_("Saved."), "success")
    return redirect(url_for(".lesson", lesson_id=lesson.id, _anchor="buoc"))


@bp.route("/bai/<int:lesson_id>/buoc/moi", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def new_step(lesson_id: int):
    lesson = get_or_403(Lesson, lesson_id)
    form = StepForm()
    if form.validate_on_submit():
        return _save_step(form, lesson, None)
    return _step_page(form, lesson, None, 400 if form.is_submitted() else 200)


@bp.route("/buoc/<int:step_id>", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def step(step_id: int):
    found = get_or_403(Step, step_id)
    form = StepForm(obj=found)
    if form.validate_on_submit():
        return _save_step(form, found.lesson, found)
    return _step_page(form, found.lesson, found, 400 if form.is_submitted() else 200)


@bp.route("/buoc/<int:step_id>/lam-lai", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def retry_audio(step_id: int):
    found = get_or_403(Step, step_id)
    if ActionForm().validate_on_submit():
        service.retry_audio(db.session, current_user, found)
        flash(_("The audio will be made again."), "success")
    return redirect(url_for(".step", step_id=found.id))


KINDS = {"buoc": Step, "cau-hoi": Question}


@bp.route("/<kind>/<int:item_id>/xoa", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def delete(kind: str, item_id: int):
    """A confirmation page (GET), then the deletion (POST)."""
    if kind not in KINDS:
        abort(404)
    item = get_or_403(KINDS[kind], item_id)
    lesson = item.lesson
    form = ActionForm()
    if form.validate_on_submit():
        try:
            (service.delete_step if kind == "buoc" else questions.delete_question)(db.session, current_user, item)
            flash(_("Deleted."), "success")
        except service.ContentError as exc:
            flash(problem_text(str(exc)), "error")
        return redirect(url_for(".lesson", lesson_id=lesson.id))
    label = item.title if kind == "buoc" else item.prompt
    return render_template("lessons/manage/delete.html", label=label, lesson=lesson, form=form)


def _question_page(form, lesson, question, status=200):
    return render_template("lessons/manage/question.html", form=form, lesson=lesson, question=question), status


def _question_data(form: QuestionForm) -> questions.QuestionData:
    return questions.QuestionData(form.prompt.data, bool(form.multiple.data), [
        questions.ChoiceData(c.form.text.data or "", bool(c.form.correct.data), c.form.explanation.data or "")
        for c in form.choices])


def _save_question(form: QuestionForm, lesson: Lesson, question: Question | None):
    try:
        question = questions.save_question(db.session, current_user, lesson, _question_data(form), question)
    except service.ContentError as exc:
        form.form_errors.append(problem_text(str(exc)))
        return _question_page(form, lesson, question, 400)
    flash(_("Saved."), "success")
    return redirect(url_for(".lesson", lesson_id=lesson.id, _anchor="cau-hoi"))


@bp.route("/bai/<int:lesson_id>/cau-hoi/moi", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def new_question(lesson_id: int):
    lesson = get_or_403(Lesson, lesson_id)
    form = QuestionForm()
    if form.validate_on_submit():
        return _save_question(form, lesson, None)
    return _question_page(form, lesson, None, 400 if form.is_submitted() else 200)


@bp.route("/cau-hoi/<int:question_id>", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def question(question_id: int):
    found = get_or_403(Question, question_id)
    form = QuestionForm()
    if not form.is_submitted():
        form.prompt.data, form.multiple.data = found.prompt, found.multiple
        for entry, choice in zip(form.choices, found.choices, strict=False):
            entry.form.text.data, entry.form.correct.data = choice.text, choice.correct
            entry.form.explanation.data = choice.explanation
    if form.validate_on_submit():
        return _save_question(form, found.lesson, found)
    return _question_page(form, found.lesson, found, 400 if form.is_submitted() else 200)
