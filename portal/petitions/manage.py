"""Handlers' pages under /quan-tri/phan-anh/: inbox, CSV export, bulk actions, a petition's page
with one small form per action, and its photos.

A petition the user may not see answers 404 (its existence is not confirmed); one the user
may only see for oversight answers 403 to every action.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select

from portal.accounts.models import ADMIN, HANDLER, User
from portal.core import media
from portal.core.http import safe_next
from portal.core.permissions import staff_required
from portal.core.text import clean_line
from portal.db import db
from portal.units.service import get_by_code

from . import casework, handling, steps, verification
from .access import InboxFilters, actable_filter, can_act, can_view, inbox_query
from .manage_forms import (
    CATEGORY_NAMES,
    EVENT_LABELS,
    STATUS_NAMES,
    ActionForm,
    AnswerForm,
    BulkForm,
    HideForm,
    MergeForm,
    NoteForm,
    PublicWordingForm,
    RejectForm,
    TransferForm,
    answer_template,
    assign_form,
)
from .masking import mask_personal_data
from .models import Petition, PetitionPhoto
from .photos import private_path
from .public import public_sender

bp = Blueprint("petitions_staff", __name__, url_prefix="/quan-tri/phan-anh")
inbox_required = staff_required(ADMIN, HANDLER)
PER_PAGE = 25
EXPORT_LIMIT = 10000
BULK_LIMIT = 200


@bp.after_request
def _no_store(response: Response) -> Response:
    """Staff pages carry personal data: never kept by a browser or a proxy."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _filters() -> InboxFilters:
    args = request.args
    category = args.get("linh-vuc", "")
    return InboxFilters(status=args.get("trang-thai", ""), category=category if category in CATEGORY_NAMES else "",
                        overdue=args.get("qua-han") == "1", q=clean_line(args.get("q", ""), 100))


@bp.route("/")
@inbox_required
def index():
    filters = _filters()
    today = steps.today()
    stmt = inbox_query(current_user, filters, today)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = max(1, min(request.args.get("trang", 1, type=int) or 1, pages))
    rows = db.session.scalars(stmt.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return render_template("petitions/manage/inbox.html", rows=rows, total=total, page=page, pages=pages,
                           filters=filters, today=today, bulk_form=BulkForm(), statuses=STATUS_NAMES,
                           categories=CATEGORY_NAMES, mask=mask_personal_data,
                           can_act=lambda p: can_act(current_user, p))


def _csv_cell(value: object) -> str:
    """Text as a spreadsheet shows it, never as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _local_date(moment) -> str:
    return moment.astimezone(steps.LOCAL).date().isoformat() if moment else ""


@bp.route("/xuat.csv")
@inbox_required
def export():
    """The filtered inbox as CSV, without the senders' names, phones or e-mails."""
    filters = _filters()
    today = steps.today()
    rows = db.session.scalars(inbox_query(current_user, filters, today).limit(EXPORT_LIMIT)).all()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Code"), _("Committee code"), _("Committee"), _("Category"), _("Status"), _("Title"),
                     _("Received on"), _("Due on"), _("Overdue"), _("Answered on"), _("Assigned to"),
                     _("Supporters")])
    for p in rows:
        title = p.title if can_act(current_user, p) else mask_personal_data(p.title)
        assignee = (p.assigned_to.display_name or p.assigned_to.email) if p.assigned_to else ""
        writer.writerow([_csv_cell(v) for v in (
            p.code, p.unit.code, p.unit.committee_name, CATEGORY_NAMES.get(p.category, p.category),
            STATUS_NAMES.get(p.status, p.status), title, _local_date(p.created_at), p.due_on.isoformat(),
            _("yes") if steps.is_overdue(p, today) else "", _local_date(p.answered_at), assignee, p.supporters)])
    casework.record_export(db.session, current_user, len(rows), filters.audit_detail())
    # The BOM makes Excel read the file as UTF-8, so Vietnamese shows correctly.
    return Response(("\ufeff" + out.getvalue()).encode("utf-8"), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="phan-anh-{today:%Y%m%d}.csv"'})


@bp.route("/hang-loat", methods=["POST"])
@inbox_required
def bulk():
    form = BulkForm()
    back = safe_next(request.form.get("next"), url_for(".index"))
    if not back.startswith(url_for(".index")):
        back = url_for(".index")
    ids = set(request.form.getlist("chon", type=int)[:BULK_LIMIT])
    if not form.validate_on_submit():
        flash(_("Please choose an action."), "error")
    elif not ids:
        flash(_("Please tick at least one petition."), "error")
    else:
        stmt = actable_filter(current_user, select(Petition).where(Petition.id.in_(ids))).order_by(Petition.id)
        petitions = list(db.session.scalars(stmt))
        done, skipped = casework.bulk(db.session, current_user, form.bulk_action.data, petitions)
        flash(_("%(done)d petition(s) changed, %(skipped)d left as they were (not allowed or not possible in "
                "their state).", done=done, skipped=skipped + len(ids) - len(petitions)),
              "success" if done else "error")
    return redirect(back)


def get_petition(petition_id: int, act: bool = False) -> Petition:
    petition = db.session.get(Petition, petition_id)
    if petition is None or not can_view(current_user, petition):
        abort(404)
    if act and not can_act(current_user, petition):
        abort(403)
    return petition


@bp.route("/<int:petition_id>/anh/<int:photo_id>")
@inbox_required
def photo(petition_id: int, photo_id: int):
    """A photo sent with the petition: for those who act on it; oversight only sees published ones."""
    petition = get_petition(petition_id)
    item = db.session.get(PetitionPhoto, photo_id)
    if item is None or item.petition_id != petition.id or not (item.public or can_act(current_user, petition)):
        abort(404)
    ext = item.key.rsplit(".", 1)[-1]
    return media.private_response(private_path, item.key, media.MIMETYPES.get(ext, "application/octet-stream"))


def _detail_forms(petition: Petition) -> dict:
    fresh = {"formdata": None}  # only the failed form, if any, shows what was sent
    wording = {"public_title": petition.public_title or mask_personal_data(petition.title)[:steps.PUBLIC_TITLE_MAX],
               "public_body": petition.public_body or mask_personal_data(petition.body),
               "public_name": public_sender(petition.public_name, petition.hide_name)}  # as the public reads it
    template = request.args.get("mau", "")
    answer = ({"answer": answer_template(template, petition.unit.committee_name, petition.code)}
              if template in CATEGORY_NAMES else {})
    return {"action": ActionForm(**fresh), "answer": AnswerForm(**fresh, data=answer),
            "wording": PublicWordingForm(**fresh, data=wording), "transfer": TransferForm(**fresh),
            "reject": RejectForm(**fresh), "merge": MergeForm(**fresh), "note": NoteForm(**fresh),
            "assign": assign_form(db.session, petition, **fresh, data={"assignee": petition.assigned_to_id or 0}),
            "hide": HideForm(**fresh)}


def _render_detail(petition: Petition, failed: tuple[str, FlaskForm] | None = None, status: int = 200):
    act = can_act(current_user, petition)
    forms = _detail_forms(petition)
    if failed:
        forms[failed[0]] = failed[1]
    merged_into = db.session.get(Petition, petition.merged_into_id) if petition.merged_into_id else None
    return render_template(
        "petitions/manage/detail.html", p=petition, act=act, forms=forms, error_form=failed[1] if failed else None,
        today=steps.today(), merged_into=merged_into, locked_until=verification.locked_until(petition),
        statuses=STATUS_NAMES, categories=CATEGORY_NAMES,
        event_labels=EVENT_LABELS, mask=mask_personal_data, photos=[ph for ph in petition.photos if act or ph.public],
        recordings=petition.recordings if act else [],
        # Oversight viewers read the text as the public would: personal data typed into it is masked.
        title=petition.title if act else mask_personal_data(petition.title),
        body=petition.body if act else mask_personal_data(petition.body)), status


@bp.route("/<int:petition_id>")
@inbox_required
def detail(petition_id: int):
    return _render_detail(get_petition(petition_id))


def _action(rule: str, endpoint: str, form_key: str, make_form: Callable[[Petition], FlaskForm],
            run: Callable[[Petition, FlaskForm], str | None], done: str | None = None) -> None:
    """A POST route for one action: validate, run the service function, flash what it returns
    (or `done`), redirect (PRG). Refused input shows the petition's page again with the error,
    with nothing changed."""

    def view(petition_id: int):
        petition = get_petition(petition_id, act=True)
        form = make_form(petition)
        if not form.validate_on_submit():
            return _render_detail(petition, (form_key, form), 400)
        try:
            message = run(petition, form)
        except steps.PermissionDenied:
            abort(403)
        except steps.HandlingError as exc:
            db.session.rollback()
            target = form[exc.field].errors if exc.field and exc.field in form else form.form_errors
            target.append(str(exc))
            return _render_detail(petition, (form_key, form), exc.status)
        flash(message or str(done), "success")
        if can_view(current_user, petition):  # not after a transfer out of the user's sight
            return redirect(url_for(".detail", petition_id=petition.id))
        return redirect(url_for(".index"))

    view.__name__ = endpoint
    bp.add_url_rule(f"/<int:petition_id>/{rule}", endpoint, inbox_required(view), methods=["POST"])


def _publish(p: Petition, f: FlaskForm) -> str:
    if handling.publish(db.session, current_user, p):
        return _("Published: the question and answer are on the public page.")
    return _("Closed without publishing: the sender did not agree to publication.")


def _wording(p: Petition, f: FlaskForm) -> None:
    # The name field is absent when the sender hid the name: nothing sent, nothing changed.
    name = f.public_name.data if "public_name" in request.form else None
    handling.edit_public_wording(db.session, current_user, p, f.public_title.data, f.public_body.data, name)


def _transfer(p: Petition, f: FlaskForm) -> str:
    unit = get_by_code(db.session, f.unit_code.data.upper())
    handling.transfer(db.session, current_user, p, unit, f.transfer_reason.data)
    return _("Transferred to %(name)s.", name=unit.committee_name)


def _merge(p: Petition, f: FlaskForm) -> str:
    return _("Merged into %(code)s.", code=handling.merge(db.session, current_user, p, f.target_code.data).code)


def _assign(p: Petition, f: FlaskForm) -> None:
    assignee = db.session.get(User, f.assignee.data) if f.assignee.data else None
    casework.assign(db.session, current_user, p, assignee)


_action("nhan", "accept", "action", lambda p: ActionForm(),
        lambda p, f: handling.accept(db.session, current_user, p), _l("Accepted: the petition is being handled."))
_action("tra-loi", "answer", "answer", lambda p: AnswerForm(),
        lambda p, f: handling.answer(db.session, current_user, p, f.answer.data),
        _l("Answer saved. Publish it, or close the petition, when it is ready."))
_action("cong-bo", "publish", "action", lambda p: ActionForm(), _publish)
_action("loi-van", "wording", "wording", lambda p: PublicWordingForm(), _wording, _l("Public wording saved."))
_action("chuyen", "transfer", "transfer", lambda p: TransferForm(), _transfer)
_action("tu-choi", "reject", "reject", lambda p: RejectForm(),
        lambda p, f: handling.reject(db.session, current_user, p, f.reject_reason.data, f.reject_note.data,
                                     f.reason_private.data), _l("Rejected."))
_action("gop", "merge", "merge", lambda p: MergeForm(), _merge)
_action("giao", "assign", "assign", lambda p: assign_form(db.session, p), _assign, _l("Assignment saved."))
_action("ghi-chu", "note", "note", lambda p: NoteForm(),
        lambda p, f: casework.add_note(db.session, current_user, p, f.note.data), _l("Note added."))
_action("an", "hide", "hide", lambda p: HideForm(),
        lambda p, f: casework.set_hidden(db.session, current_user, p, True, f.hide_note.data),
        _l("The public answer is hidden."))
_action("mo-khoa", "unlock", "action", lambda p: ActionForm(),
        lambda p, f: verification.lift(db.session, current_user, p),
        _l("The look-up lock is lifted: the sender can confirm the petition again."))
_action("hien", "unhide", "action", lambda p: ActionForm(),
        lambda p, f: casework.set_hidden(db.session, current_user, p, False), _l("The public answer is shown again."))


from . import manage_recordings, outbox  # noqa: E402,F401  (recordings; the outbox page: on this blueprint)
