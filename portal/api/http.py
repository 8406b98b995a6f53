"""How every API answer travels: JSON with an ETag (304 when unchanged), Cache-Control a city
app's CDN can honour, CORS for GET from any origin, and RFC 9457 problems in Vietnamese or English."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlencode

from flask import current_app, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel
from werkzeug.wrappers import Response

from .schemas import Problem

PROBLEM_TYPE = "/api/v1/problems/"
PROBLEMS = {
    400: (_l("The request is not valid"), _l("A parameter of the request is not valid; see invalid-params.")),
    404: (_l("Not found"), _l("There is nothing public at this address.")),
    405: (_l("Method not allowed"), _l("This API only answers GET, HEAD and OPTIONS requests.")),
    429: (_l("Too many requests"),
          _l("This address has sent too many requests in a short while. Wait for the time in Retry-After.")),
    500: (_l("Server error"), _l("The portal could not answer this request. Please try again in a moment.")),
    503: (_l("Service unavailable"), _l("The portal cannot answer right now. Please try again in a few minutes.")),
}
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, Accept-Language",
    "Access-Control-Expose-Headers": "ETag, Retry-After, Content-Language",
    "Access-Control-Max-Age": "86400",
}


def problem_language() -> str:
    return request.accept_languages.best_match(["vi", "en"]) or "vi"


def problem(status: int, detail: str | None = None, invalid: list[dict] | None = None,
            retry_after: int | None = None) -> Response:
    lang = problem_language()
    title, default = PROBLEMS.get(status, PROBLEMS[500])
    with force_locale(lang):
        body = Problem(type=PROBLEM_TYPE + str(status), title=str(title), status=status,
                       detail=str(detail or default), instance=request.path,
                       invalid_params=invalid)
    response = Response(body.model_dump_json(by_alias=True, exclude_none=True), status=status,
                        mimetype="application/problem+json")
    response.headers["Content-Language"] = lang
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("Accept-Language")
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def json_response(payload: BaseModel | dict, max_age: int | None = None, unversioned: tuple[str, ...] = ()) -> Response:
    """The body, its ETag, and a 304 instead when the client already has it. `unversioned`: top-level
    fields left out of the ETag (a list's `as_of` moves on every request; an older one is still
    a right `since` for a client whose copy did not change)."""
    if isinstance(payload, BaseModel):
        body = payload.model_dump_json(by_alias=True)
        tagged = payload.model_dump_json(by_alias=True, exclude=set(unversioned)) if unversioned else body
    else:
        body = tagged = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    etag = hashlib.blake2b(tagged.encode(), digest_size=12).hexdigest()
    age = current_app.config["API_MAX_AGE"] if max_age is None else max_age
    cache = f"public, max-age={age}, stale-while-revalidate={age * 5}"
    # Flask-Compress suffixes the ETag of a compressed body with ":gzip" or ":br".
    wanted = {tag.split(":", 1)[0] for tag in request.if_none_match.as_set()}
    if etag in wanted or request.if_none_match.star_tag:
        response = Response(status=304)
    else:
        response = Response(body, mimetype="application/json")
    response.set_etag(etag)
    response.headers["Cache-Control"] = cache
    return response


def add_cors(response: Response) -> Response:
    for name, value in CORS.items():
        response.headers[name] = value
    response.headers.pop("Set-Cookie", None)  # nothing of a session ever travels with public data
    return response


def next_url(page: int, per_page: int, total: int) -> str | None:
    if page * per_page >= total:
        return None
    args = request.args.to_dict() | {"page": str(page + 1)}
    return f"{request.path}?{urlencode(args)}"
