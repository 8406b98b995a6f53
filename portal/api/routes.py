"""The API's routes: lists and items of every registered collection, committees, search, the
document and the human page. Thin: collections and the search function do the work."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import force_locale
from werkzeug.exceptions import HTTPException

from portal.core.pagecache import limit_hits
from portal.core.ratelimit import hit, seconds_until
from portal.db import db
from portal.extensions import csrf

from . import committees, search
from .http import add_cors, json_response, next_url, problem
from .openapi import document, page_model
from .params import ListParams, parse
from .registry import ListQuery, registry
from .removals import removed_since
from .schemas import Removal

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def _rate_limit():
    """Per address, shared by every worker; a JSON answer the page cache keeps counts on each
    of its hits too (limit_hits)."""
    if request.method not in ("GET", "HEAD"):
        return None
    reset = hit("API_RATE_LIMIT", "api")
    if reset is not None:
        return problem(429, retry_after=seconds_until(reset))
    limit_hits("API_RATE_LIMIT", "api")
    return None


bp.after_request(add_cors)


def _http_error(exc: HTTPException):
    return problem(exc.code or 500)


# By code, as the site's own handlers are (a code's handler wins over a class's in Flask).
for _code in (400, 403, 404, 405, 406, 413, 414, 429, 431, 500, 503):
    bp.register_error_handler(_code, _http_error)
bp.register_error_handler(HTTPException, _http_error)


@bp.errorhandler(Exception)
def _server_error(exc: Exception):
    current_app.logger.exception("API error on %s", request.path)
    return problem(500)


@bp.route("/")
def index():
    return render_template("api/index.html", collections=registry.ordered()), 200, {"Cache-Control": "no-cache"}


@bp.route("/openapi.json")
def openapi():
    return json_response(document(), max_age=3600)


@bp.route("/committees/", strict_slashes=False)
def committee_list():
    return committees.list_view()


@bp.route("/committees/<code>")
def committee_item(code: str):
    return committees.item_view(code)


@bp.route("/search")
def search_view():
    return search.view()


@bp.route("/<name>/", strict_slashes=False)
def collection_list(name: str):
    collection = registry.get(name)
    if collection is None:
        return problem(404)
    params, invalid = parse(ListParams, request.args)
    if params is None:
        return problem(400, invalid=invalid)
    from portal.db import utcnow

    as_of = utcnow()
    query = ListQuery(page=params.page, per_page=params.per_page, committee=(params.committee or "").upper(),
                      province=(params.province or "").upper(), since=params.since)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):  # content speaks the site's language
        items, total = collection.list_items(query)
    removed = []
    if params.since is not None:
        removed = [Removal(id=r.key, removed_at=r.removed_at)
                   for r in removed_since(db.session, name, params.since)]
        present = {getattr(i, "id", None) for i in items}
        removed = [r for r in removed if r.id not in present]
    body = page_model(collection.schema)(items=items, page=params.page, per_page=params.per_page, total=total,
                                         next=next_url(params.page, params.per_page, total), removed=removed,
                                         as_of=as_of)
    return json_response(body, unversioned=("as_of",))


@bp.route("/<name>/<int:item_id>")
def collection_item(name: str, item_id: int):
    collection = registry.get(name)
    if collection is None:
        return problem(404)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        item = collection.get_item(item_id) if item_id < 2**31 else None
    return problem(404) if item is None else json_response(item)


@bp.route("/<path:rest>")
def unknown(rest: str):
    return problem(404)
