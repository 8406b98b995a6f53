"""/tim-kiem: one search box over everything."""

from __future__ import annotations

from flask import Blueprint, current_app, request
from markupsafe import Markup

from portal.core.htmx import render_page
from portal.core.text import clean_line

from . import index
from .registry import registry

bp = Blueprint("search", __name__)

MAX_QUERY = 200


@bp.route("/tim-kiem")
def results():
    query = clean_line(request.args.get("q", ""), MAX_QUERY)
    kind = request.args.get("loai", "")
    if kind not in registry.sources:
        kind = ""
    page = request.args.get("trang", 1, type=int) or 1
    page = min(max(page, 1), 100)
    hits, total = [], 0
    if query:
        hits, total = index.search(current_app.config["SEARCH_INDEX_DIR"], query, kind or None, page)
        for hit in hits:
            hit.snippet = Markup(hit.snippet)  # noqa: S704 (Whoosh escapes the text; tested)
    kinds = [(s.kind, s.label()) for s in registry.sources.values()]
    return render_page("search/page.html", "search/_results.html", query=query, hits=hits,
                       total=total, page=page, kind=kind, kinds=kinds)
