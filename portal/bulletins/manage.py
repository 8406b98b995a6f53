"""Editors' pages under /quan-tri/ban-tin/: write, preview, publish, schedule, unpublish."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from portal.accounts.models import ADMIN, EDITOR
from portal.core import media
from portal.core.htmx import render_page
from portal.core.permissions import staff_required
from portal.db import db
from portal.editorial.pages import button, committee_of, editable_or_abort, own_committee_code, read_picture

from . import service
from .forms import ActionForm, BulletinForm, PublishForm
from .models import MEDIA_WAITING, Bulletin
from .topics import TOPIC_NAMES

bp = Blueprint("bulletins_staff", __name__, url_prefix="/quan-tri/ban-tin")
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
MEDIA_REFRESH = 10  # seconds between checks of the no-JavaScript audio status page


def _get(bulletin_id: int) -> Bulletin:
    return editable_or_abort(Bulletin, bulletin_id)


@bp.route("/")
@staff_required(ADMIN, EDITOR)
def index():
    stmt = service.editable_units_filter(current_user, select(Bulletin))
    items = db.session.scalars(stmt.order_by(Bulletin.updated_at.desc()).limit(200)).all()
    return render_template("bulletins/manage/list.html", items=items, topics=TOPIC_NAMES)


def _form_page(form: BulletinForm, bulletin: Bulletin | None, status: int = 200, kept_cover=None):
    return render_template("bulletins/manage/edit.html", form=form, b=bulletin, publish_form=PublishForm(),
                           action_form=ActionForm(), topics=TOPIC_NAMES, kept_cover=kept_cover), status


def _cover_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="bulletin-cover")


def _new_cover(form: BulletinForm):
    """The picture chosen now, read and resized (not stored yet); None when none or unreadable."""
    return read_picture(form.cover, _("The picture could not be read. Please send a JPEG, PNG or WebP photo "
                                      "smaller than 8 MB."))


def _kept_cover(form: BulletinForm) -> service.Cover | None:
    """The picture chosen before a refused save, carried (signed) in the form, as petition photos are."""
    if not form.cover_token.data:
        return None
    try:
        webp, jpeg, width, height = _cover_signer().loads(form.cover_token.data)
    except (BadSignature, ValueError):
        form.cover_token.data = ""
        return None
    if not (media.path_of(webp).exists() and media.path_of(jpeg).exists()):  # unused for a day: removed
        form.cover_token.data = ""
        form.cover.errors = [_("The picture you chose earlier is no longer kept. Please choose it again.")]
        return None
    return service.Cover(webp, jpeg, width, height)


def _store(processed) -> service.Cover:
    return service.Cover(media.save_public("covers", processed.webp, "webp"),
                         media.save_public("covers", processed.jpeg, "jpg"), processed.width, processed.height)


def _save(form: BulletinForm, bulletin: Bulletin | None):
    form.validate()
    unit = committee_of(form.unit_code)
    processed = _new_cover(form)
    kept = None if processed or form.cover.errors else _kept_cover(form)
    if form.errors or unit is None:
        # The picture is stored now and carried in the form, so the editor need not choose it again.
        if processed:
            kept = _store(processed)
        if kept:  # a day from now at the earliest, jobs.remove_unused_covers removes it if never saved
            for key in (kept.webp, kept.jpeg):
                media.path_of(key).touch()
        form.cover_token.data = _cover_signer().dumps(
            [kept.webp, kept.jpeg, kept.width, kept.height]) if kept else ""
        return _form_page(form, bulletin, 400, kept_cover=kept)
    data = service.BulletinData(title=form.title.data, summary=form.summary.data or "", body=form.body.data,
                                topic=form.topic.data, unit=unit, cover_alt=form.cover_alt.data or "")
    # The cover's files and the bulletin go together: a full disk or a refused commit leaves
    # neither (the 507 page keeps what was typed).
    with media.undo_on_failure():
        cover = _store(processed) if processed else kept
        bulletin = service.save(db.session, current_user, data, bulletin, cover=cover)
    flash(_("Saved."), "success")
    return redirect(url_for(".edit", bulletin_id=bulletin.id))


@bp.route("/moi", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def new():
    form = BulletinForm()
    if form.is_submitted():
        return _save(form, None)  # validates; an error keeps the typed text and the chosen picture
    form.unit_code.data = own_committee_code()
    return _form_page(form, None)


@bp.route("/<int:bulletin_id>", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def edit(bulletin_id: int):
    bulletin = _get(bulletin_id)
    form = BulletinForm(obj=bulletin)
    if form.is_submitted():
        return _save(form, bulletin)
    form.unit_code.data = bulletin.unit.code
    return _form_page(form, bulletin)


@bp.route("/<int:bulletin_id>/xem-truoc")
@staff_required(ADMIN, EDITOR)
def preview(bulletin_id: int):
    bulletin = _get(bulletin_id)
    return render_template("bulletins/show.html", b=bulletin, topics=TOPIC_NAMES, preview=True)


@bp.route("/<int:bulletin_id>/am-thanh")
@staff_required(ADMIN, EDITOR)
def media_status(bulletin_id: int):
    """Whether the audio is ready: htmx polls the block; without JavaScript the page refreshes
    itself (the Refresh header) until it is done, and the editor's form is never reloaded."""
    bulletin = _get(bulletin_id)
    response = render_page("bulletins/manage/media_status.html", "bulletins/manage/_media_block.html",
                           b=bulletin, refresh=MEDIA_REFRESH)
    if bulletin.media_state == MEDIA_WAITING:
        response.headers["Refresh"] = str(MEDIA_REFRESH)
    return response


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


def _button(bulletin_id: int, act, done: str):
    bulletin = _get(bulletin_id)
    return button(ActionForm(), bulletin, act, done, url_for(".edit", bulletin_id=bulletin.id))


@bp.route("/<int:bulletin_id>/go", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def unpublish(bulletin_id: int):
    return _button(bulletin_id, service.unpublish, _("Unpublished: the bulletin is a draft again."))


@bp.route("/<int:bulletin_id>/lam-lai", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def retry(bulletin_id: int):
    return _button(bulletin_id, service.retry_media, _("Audio and e-book will be made again."))


from . import manage_sources  # noqa: E402,F401  (news-source pages on this blueprint)
