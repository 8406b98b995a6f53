"""Public pages of the library (/thu-vien/): the catalogue, an item, its reading pages, its files."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, send_file

from portal.core import media
from portal.core.htmx import render_page
from portal.core.http import found_or_404
from portal.core.pagecache import count_hit
from portal.db import db
from portal.units.service import get_by_code, provinces

from . import catalog
from .kinds import KIND_NAMES
from .models import ItemFile
from .reading import file_start, heading_like
from .uploads import AUDIO, FORMAT_NAMES

bp = Blueprint("library", __name__, url_prefix="/thu-vien")
PER_PAGE = 10


def _page_arg(limit: int = 1000) -> int:
    return max(1, min(request.args.get("trang", 1, type=int) or 1, limit))


@bp.route("/")
def index():
    kind = request.args.get("loai", "")
    kind = kind if kind in KIND_NAMES else ""
    unit_code = request.args.get("don-vi", "")
    unit = get_by_code(db.session, unit_code) if unit_code else None
    province = request.args.get("tinh", "")
    province = province if province in {p.code for p in provinces(db.session)} else ""
    category = catalog.get_category(db.session, request.args.get("danh-muc", ""))
    order = "read" if request.args.get("xep") == "doc-nhieu" else "new"
    page = _page_arg()
    items, total = catalog.list_public(db.session, kind=kind, unit_code=unit.code if unit else "",
                                       province=province, category=category, page=page, per_page=PER_PAGE,
                                       order=order)
    filtered = bool(kind or unit or province or category or order == "read" or page > 1)
    most_read = [] if filtered else catalog.list_public(db.session, per_page=3, order="read")[0]
    counts = catalog.category_counts(db.session)
    children = catalog.subcategory_counts(db.session, category.parent or category) if category else []
    return render_page("library/page.html", "library/_list.html", items=items, total=total, page=page,
                       pages=max(1, -(-total // PER_PAGE)), kind=kind, unit=unit, category=category, order=order,
                       most_read=most_read, counts=counts, children=children, kinds=KIND_NAMES,
                       formats=FORMAT_NAMES, province=province, provinces=provinces(db.session))


def _public_item(slug: str):
    return found_or_404(catalog.get_public(db.session, slug))


@bp.route("/<slug>")
def show(slug: str):
    item = _public_item(slug)
    count_hit("library.view", item_id=item.id)
    return render_template("library/show.html", item=item, kinds=KIND_NAMES, formats=FORMAT_NAMES,
                           related=catalog.related(db.session, item), page_count=item.text_pages)


@bp.route("/<slug>/doc")
def read(slug: str):
    item = _public_item(slug)
    pages = catalog.reading_pages(db.session, item)
    if not pages:
        abort(404)
    page = request.args.get("trang", 1, type=int) or 0
    if not 1 <= page <= len(pages):
        abort(404)
    return render_template("library/read.html", item=item, paragraphs=pages[page - 1], page=page,
                           pages=len(pages), audio=catalog.page_audio(db.session, item, page),
                           is_heading=heading_like, file_start=file_start)


def _item_file(slug: str, file_id: int) -> tuple:
    item = _public_item(slug)
    file = db.session.get(ItemFile, file_id)
    if file is None or file.item_id != item.id:
        abort(404)
    return item, file


def _send(item, file: ItemFile, attachment: bool):
    """Range requests (resume, seek), ETag and a day of caching; never rendered by the
    browser as a page: a download, or (for audio) a typed inline stream, with nosniff."""
    response = send_file(media.path_of(file.key), mimetype=media.MIMETYPES.get(file.format, "application/octet-stream"),
                         as_attachment=attachment, download_name=f"{item.slug}-{file.position}.{file.format}",
                         conditional=True, etag=file.sha256[:32], max_age=86400)
    response.headers["Accept-Ranges"] = "bytes"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/<slug>/tai/<int:file_id>.<ext>")
def download(slug: str, file_id: int, ext: str):
    item, file = _item_file(slug, file_id)
    if ext != file.format:
        abort(404)
    return _send(item, file, attachment=True)


@bp.route("/<slug>/nghe/<int:file_id>.<ext>")
def listen(slug: str, file_id: int, ext: str):
    item, file = _item_file(slug, file_id)
    if ext != file.format or file.format not in AUDIO:
        abort(404)
    return _send(item, file, attachment=False)


from . import integration, opds  # noqa: E402,F401  (search/home hooks; OPDS routes on bp)
