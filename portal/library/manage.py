"""Editors' pages under /quan-tri/thu-vien/: items, their files, publishing, categories."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.models import ADMIN, EDITOR
from portal.core import media
from portal.core.format import filesize
from portal.core.permissions import staff_required
from portal.db import db
from portal.editorial.pages import button, committee_of, editable_or_abort, own_committee_code, storage_failed

from . import catalog, service
from .forms import ActionForm, CategoryForm, ItemForm
from .history import describe
from .kinds import KIND_NAMES
from .models import Category, Item, ItemFile, Revision
from .uploads import FORMAT_NAMES, UploadError, inspect

bp = Blueprint("library_staff", __name__, url_prefix="/quan-tri/thu-vien")
MAX_FILES = 10
DEFAULT_MAX_FILE = 20 * 1024 * 1024


def max_file_bytes() -> int:
    return int(current_app.config.get("LIBRARY_MAX_FILE_BYTES") or DEFAULT_MAX_FILE)


def _get(item_id: int) -> Item:
    return editable_or_abort(Item, item_id)


def _category_choices(form) -> None:
    form.category_id.choices = [(0, _("No category"))] + [
        (c.id, ("— " if c.parent_id else "") + c.name) for c in service.categories(db.session)]


@bp.route("/")
@staff_required(ADMIN, EDITOR)
def index():
    stmt = select(Item)
    if current_user.role != ADMIN:
        stmt = stmt.where(Item.unit_id == current_user.unit_id)
    items = db.session.scalars(stmt.order_by(Item.updated_at.desc()).limit(300)).all()
    return render_template("library/manage/list.html", items=items, kinds=KIND_NAMES)


def _form_page(form: ItemForm, item: Item | None, status: int = 200):
    revisions = db.session.scalars(select(Revision).where(Revision.item_id == item.id)
                                   .order_by(Revision.id.desc()).limit(30)).all() if item else []
    return render_template("library/manage/edit.html", form=form, item=item, action_form=ActionForm(),
                           kinds=KIND_NAMES, formats=FORMAT_NAMES, revisions=revisions, describe=describe,
                           max_size=filesize(max_file_bytes())), status


def _upload_message(code: str, name: str) -> str:
    messages = {
        "too-large": _("“%(name)s” is too large: a file can be at most %(max)s.", name=name,
                       max=filesize(max_file_bytes())),
        "unknown": _("“%(name)s” is not a kind of file the library accepts. Please send a PDF, EPUB, Word "
                     "(DOCX), OpenDocument (ODT), MP3, Ogg, JPEG, PNG or WebP file.", name=name),
        "broken": _("“%(name)s” seems damaged and could not be opened. Please check the file and send it "
                    "again.", name=name),
        "bomb": _("“%(name)s” would unpack into far more data than a document needs, so it was refused for "
                  "safety.", name=name),
        "empty": _("“%(name)s” is empty.", name=name),
    }
    return messages[code]


def _read_uploads(form: ItemForm) -> list[service.Upload]:
    uploads = []
    sent = [f for f in request.files.getlist(form.files.name) if f and f.filename]
    if len(sent) > MAX_FILES:
        form.files.errors = [_("Please send at most %(num)d files at a time.", num=MAX_FILES)]
        return []
    errors = []
    limit = max_file_bytes()
    for storage in sent:
        data = storage.read(limit + 1)
        try:
            checked = inspect(data, storage.filename, limit)
        except UploadError as exc:
            from .uploads import safe_label

            errors.append(_upload_message(exc.code, safe_label(storage.filename) or _("the file")))
            continue
        uploads.append(service.Upload(data, checked))
    if errors:
        form.files.errors = [*errors, _("Nothing was saved; please choose the files again.")]
    return uploads


def _storage_failed(form: ItemForm, item: Item | None, exc: media.StorageError):
    return storage_failed(form.files, _("Nothing was saved; please choose the files again."),
                          lambda: _form_page(form, item)[0], exc)


def _save(form: ItemForm, item: Item | None):
    unit = committee_of(form.unit_code)
    uploads = _read_uploads(form)
    if form.errors or unit is None:
        return _form_page(form, item, 400)
    category = db.session.get(Category, form.category_id.data) if form.category_id.data else None
    data = service.ItemData(title=form.title.data, kind=form.kind.data, summary=form.summary.data, unit=unit,
                            issuer=form.issuer.data or "", issued_on=form.issued_on.data, category=category,
                            tags=form.tags.data or "")
    try:
        result = service.save(db.session, current_user, data, item, uploads)
    except media.StorageError as exc:
        return _storage_failed(form, item, exc)
    flash(_("Saved.") if not result.added else
          _("Saved. The text of new documents is being read; this page shows when it is done."), "success")
    return redirect(url_for(".edit", item_id=result.item.id))


@bp.route("/moi", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def new():
    form = ItemForm()
    _category_choices(form)
    if not form.is_submitted():
        form.unit_code.data = own_committee_code()
    if form.validate_on_submit():
        return _save(form, None)
    return _form_page(form, None, 400 if form.is_submitted() else 200)


@bp.route("/<int:item_id>", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def edit(item_id: int):
    item = _get(item_id)
    form = ItemForm(obj=item)
    _category_choices(form)
    if not form.is_submitted():
        form.unit_code.data = item.unit.code
        form.category_id.data = item.category_id or 0
    if form.validate_on_submit():
        return _save(form, item)
    return _form_page(form, item, 400 if form.is_submitted() else 200)


@bp.route("/<int:item_id>/xem-truoc")
@staff_required(ADMIN, EDITOR)
def preview(item_id: int):
    item = _get(item_id)
    return render_template("library/show.html", item=item, kinds=KIND_NAMES, formats=FORMAT_NAMES, preview=True,
                           related=[], page_count=len(catalog.reading_pages(db.session, item)))


def _action(item_id: int, do, message: str):
    item = _get(item_id)
    return button(ActionForm(), item, do, message, url_for(".edit", item_id=item.id))


@bp.route("/<int:item_id>/dang", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def publish(item_id: int):
    return _action(item_id, service.publish, _("Published."))


@bp.route("/<int:item_id>/go", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def unpublish(item_id: int):
    return _action(item_id, service.unpublish, _("Unpublished: the document is a draft again."))


@bp.route("/<int:item_id>/lam-lai", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def retry(item_id: int):
    return _action(item_id, service.retry, _("The text and audio will be made again."))


def _file(item: Item, file_id: int) -> ItemFile:
    file = db.session.get(ItemFile, file_id)
    if file is None or file.item_id != item.id:
        abort(404)
    return file


@bp.route("/<int:item_id>/tep/<int:file_id>/xoa", methods=["POST"])
@staff_required(ADMIN, EDITOR)
def remove_file(item_id: int, file_id: int):
    item = _get(item_id)
    file = _file(item, file_id)
    if ActionForm().validate_on_submit():
        service.remove_file(db.session, current_user, file)
        flash(_("File removed."), "success")
    return redirect(url_for(".edit", item_id=item.id))


@bp.route("/<int:item_id>/tep/<int:file_id>")
@staff_required(ADMIN, EDITOR)
def download(item_id: int, file_id: int):
    item = _get(item_id)
    file = _file(item, file_id)
    return send_file(media.path_of(file.key), mimetype=media.MIMETYPES.get(file.format, "application/octet-stream"),
                     as_attachment=True, download_name=f"{item.slug}-{file.position}.{file.format}",
                     conditional=True, max_age=0)


@bp.route("/danh-muc", methods=["GET", "POST"])
@staff_required(ADMIN, EDITOR)
def categories():
    form = CategoryForm()
    tree = service.categories(db.session)
    form.parent_id.choices = [(0, _("None (a main category)"))] + [(c.id, c.name) for c in tree if not c.parent_id]
    if form.validate_on_submit():
        parent = db.session.get(Category, form.parent_id.data) if form.parent_id.data else None
        service.add_category(db.session, current_user, form.name.data, parent)
        flash(_("Category added."), "success")
        return redirect(url_for(".categories"))
    return render_template("library/manage/categories.html", form=form, tree=tree), \
        400 if form.is_submitted() else 200
