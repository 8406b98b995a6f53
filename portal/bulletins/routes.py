"""Public bulletin pages: list, page, EPUB downloads."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, send_file

from portal.core import media
from portal.core.htmx import render_page
from portal.core.http import found_or_404
from portal.db import db
from portal.units.service import get_by_code, provinces

from . import service
from .topics import TOPIC_NAMES

bp = Blueprint("bulletins", __name__, url_prefix="/ban-tin")
PER_PAGE = 10


@bp.route("/")
def index():
    province = request.args.get("tinh", "")
    unit_code = request.args.get("don-vi", "")
    topic = request.args.get("chu-de", "")
    if topic not in TOPIC_NAMES:
        topic = ""
    unit = get_by_code(db.session, unit_code) if unit_code else None
    page = max(1, min(request.args.get("trang", 1, type=int) or 1, 1000))
    items, total = service.list_public(db.session, province=province, unit_code=unit.code if unit else "",
                                       topic=topic, page=page, per_page=PER_PAGE)
    months = service.months_with_bulletins(db.session, unit) if unit else []
    return render_page("bulletins/page.html", "bulletins/_list.html", items=items, total=total, page=page,
                       months=months,
                       pages=max(1, -(-total // PER_PAGE)), province=province, unit=unit, topic=topic,
                       provinces=provinces(db.session), topics=TOPIC_NAMES)


@bp.route("/<slug>")
def show(slug: str):
    bulletin = found_or_404(service.get_public(db.session, slug))
    return render_template("bulletins/show.html", b=bulletin, topics=TOPIC_NAMES)


@bp.route("/<slug>.epub")
def epub(slug: str):
    bulletin = service.get_public(db.session, slug)
    if bulletin is None or not bulletin.epub:
        abort(404)
    return send_file(media.path_of(bulletin.epub), mimetype="application/epub+zip", as_attachment=True,
                     download_name=f"{bulletin.slug}.epub", conditional=True, max_age=3600)


from . import feeds, integration  # noqa: E402,F401  (feed routes on bp; search and home hooks)
