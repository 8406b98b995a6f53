"""Editors' pages under /quan-tri/ban-tin/: write, preview, publish, schedule, unpublish."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.models import ADMIN, EDITOR
from portal.core import media
from portal.core.images import ImageError, process_image
from portal.core.permissions import staff_required
from portal.db import db
from portal.units.service import get_by_code

from . import service
from .forms import ActionForm, BulletinForm, PublishForm
from .models import Bulletin
from .topics import TOPIC_NAMES

bp = Blueprint("bulletins_staff", __name__, url_prefix="/quan-tri/ban-tin")
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_COVER = 8 * 1024 * 1024


def _get(bulletin_id: int) -> Bulletin:
    bulletin = db.session.get(Bulletin, bulletin_id)
    if bulletin is None:
        abort(404)
    if not service.can_edit(current_user, bulletin.unit):
        abort(403)
    return bulletin


@bp.route("/")
@staff_required(ADMIN, EDITOR)
def index():
    stmt = service.editable_units_filter(current_user, select(Bulletin))
    items = db.session.scalars(stmt.order_by(Bulletin.updated_at.desc()).limit(200)).all()
    return render_template("bulletins/manage/list.html", items=items, topics=TOPIC_NAMES)


def _form_page(form: BulletinForm, bulletin: Bulletin | None, status: int = 200):
    return render_template("bulletins/manage/edit.html", form=form, b=bulletin, publish_form=PublishForm(),
                           action_form=ActionForm(), topics=TOPIC_NAMES), status


def _save(form: BulletinForm, bulletin: Bulletin | None):
    unit = get_by_code(db.session, (form.unit_code.data or "").strip())
    if unit is None:
        form.unit_code.errors.append(_("No committee has this code."))
    elif not service.can_edit(current_user, unit):
        form.unit_code.errors.append(_("You can only publish for your own committee."))
    cover = form.cover.data
    processed = None
    if cover and getattr(cover, "filename", ""):
        data = cover.read(MAX_COVER + 1)
        try:
            if len(data) > MAX_COVER:
                raise ImageError("too large")
            processed = process_image(data)
        except ImageError:
            form.cover.errors = [_("The picture could not be read. Please send a JPEG, PNG or WebP photo "
                                   "smaller than 8 MB.")]
    if form.errors or unit is None or not service.can_edit(current_user, unit):
        return _form_page(form, bulletin, 400)
    data = service.BulletinData(title=form.title.data, summary=form.summary.data or "", body=form.body.data,
                                topic=form.topic.data, unit=unit, cover_alt=form.cover_alt.data or "")
    # The cover's files and the bulletin go together: a full disk or a refused commit leaves
    # neither (the 507 page keeps what was typed).
    with media.undo_on_failure():
        cover = service.Cover(media.save_public("covers", processed.webp, "webp"),
                              media.save_public("covers", processed.jpeg, "jpg"),
                              processed.width, processed.height) if processed else None
        bulletin = service.save(db.session, current_user, data, bulletin, cover=cover)
    flash(_("Saved."), "success")
    return redirect(url_for(".edit", bulletin_id=bulletin.id))


@bp.route("/moi", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def new():
    form = BulletinForm()
    if not form.is_submitted():
        form.unit_code.data = current_user.unit.code if current_user.unit else "TW"
    if form.validate_on_submit():
        return _save(form, None)
    return _form_page(form, None, 400 if form.is_submitted() else 200)


@bp.route("/<int:bulletin_id>", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def edit(bulletin_id: int):
    bulletin = _get(bulletin_id)
    form = BulletinForm(obj=bulletin)
    if not form.is_submitted():
        form.unit_code.data = bulletin.unit.code
    if form.validate_on_submit():
        return _save(form, bulletin)
    return _form_page(form, bulletin, 400 if form.is_submitted() else 200)


@bp.route("/<int:bulletin_id>/xem-truoc")
@staff_required(ADMIN, EDITOR)
def preview(bulletin_id: int):
    bulletin = _get(bulletin_id)
    return render_template("bulletins/show.html", b=bulletin, topics=TOPIC_NAMES, preview=True)


@bp.route("/<int:bulletin_id>/dang", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def publish(bulletin_id: int):
    bulletin = _get(bulletin_id)
    form = PublishForm()
    if not form.validate_on_submit():
        flash(_("Please give a valid date and time, or leave it empty to publish now."), "error")
        return redirect(url_for(".edit", bulletin_id=bulletin.id))
    when = form.publish_at.data.replace(tzinfo=LOCAL) if form.publish_at.data else None
    service.publish(db.session, current_user, bulletin, when)
    flash(_("Scheduled.") if bulletin.publish_at and when and bulletin.publish_at == when else _("Published."),
          "success")
    return redirect(url_for(".edit", bulletin_id=bulletin.id))


@bp.route("/<int:bulletin_id>/go", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def unpublish(bulletin_id: int):
    bulletin = _get(bulletin_id)
    if ActionForm().validate_on_submit():
        service.unpublish(db.session, current_user, bulletin)
        flash(_("Unpublished: the bulletin is a draft again."), "success")
    return redirect(url_for(".edit", bulletin_id=bulletin.id))


@bp.route("/<int:bulletin_id>/lam-lai", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def retry(bulletin_id: int):
    bulletin = _get(bulletin_id)
    if ActionForm().validate_on_submit():
        service.retry_media(db.session, current_user, bulletin)
        flash(_("Audio and e-book will be made again."), "success")
    return redirect(url_for(".edit", bulletin_id=bulletin.id))


from . import manage_sources  # noqa: E402,F401  (news-source pages on this blueprint)
