"""HTTP behaviour shared by every page: security headers, revalidation, safe redirects,
absolute links, byte ranges."""

from __future__ import annotations

import hashlib
import re
from typing import TypeVar
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, request, url_for
from flask.sessions import SecureCookieSessionInterface
from werkzeug.routing import IntegerConverter
from werkzeug.sansio.utils import get_current_url, host_is_trusted
from werkzeug.wrappers import Response

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'none'",
    "object-src 'none'",
    "connect-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    # The microphone for this site's own pages only (the record button, static/js/recorder.js):
    # on every page, since a document keeps the policy of its first load and htmx's boosted
    # links swap pages in without a new one. Frames of other sites are refused anyway.
    "Permissions-Policy": "camera=(), microphone=(self), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

T = TypeVar("T")


def found_or_404(value: T | None) -> T:
    """What a route looked up, or the "not found" page when there is no such thing."""
    if value is None:
        abort(404)
    return value


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Only local paths: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target:
        return fallback
    target = target.strip()
    if "\\" in target or any(ord(c) < 32 for c in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


def _security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    # Origins a form may lead to besides this site (a form's redirect counts for CSP's form-action):
    # single sign-on's logout form goes on to the identity provider.
    extra = current_app.config.get("CSP_FORM_ACTION_EXTRA")
    if extra and response.headers.get("Content-Security-Policy") == CSP:
        response.headers["Content-Security-Policy"] = CSP.replace("form-action 'self'",
                                                                  "form-action 'self' " + " ".join(extra))
    return response


def _revalidate_html(response: Response) -> Response:
    """ETag on HTML pages and 304 when unchanged (repeat views cost only headers).

    Runs before Flask-Compress, which suffixes strong ETags with ":br"/":gzip";
    an If-None-Match with either suffix matches the same body.
    """
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or response.mimetype != "text/html"
        or response.is_streamed
        or "Content-Encoding" in response.headers
    ):
        return response
    response.vary.add("Cookie")
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "private, no-cache" if request.cookies.get("portal_session") else "no-cache"
    body = response.get_data()
    etag = hashlib.blake2b(body, digest_size=12).hexdigest()
    response.set_etag(etag)
    wanted = {tag.split(":", 1)[0] for tag in request.if_none_match.as_set()}
    if etag in wanted:
        suffix = next((t.split(":", 1)[1] for t in request.if_none_match.as_set() if ":" in t), None)
        not_modified = Response(status=304)
        for name in ("Cache-Control", "Vary", "Content-Security-Policy"):
            if name in response.headers:
                not_modified.headers[name] = response.headers[name]
        not_modified.set_etag(f"{etag}:{suffix}" if suffix else etag)
        return not_modified
    return response


def _compress_errors(response: Response) -> Response:
    """Flask-Compress only compresses 2xx answers; error pages deserve the same on 2G."""
    if (
        response.status_code < 400
        or response.mimetype != "text/html"
        or response.is_streamed
        or "Content-Encoding" in response.headers
    ):
        return response
    accepted = request.accept_encodings
    body = response.get_data()
    if accepted["br"]:
        import brotli

        response.set_data(brotli.compress(body, quality=5))
        response.headers["Content-Encoding"] = "br"
    elif accepted["gzip"]:
        import gzip

        response.set_data(gzip.compress(body, compresslevel=6))
        response.headers["Content-Encoding"] = "gzip"
    else:
        return response
    response.vary.add("Accept-Encoding")
    return response


class _SessionInterface(SecureCookieSessionInterface):
    """Static files and public media never depend on the session: no `Vary: Cookie`
    (flask-login reads the session on every response), so shared caches can keep them."""

    def save_session(self, app, session, response):
        if request.endpoint in COOKIELESS_ENDPOINTS:
            return None
        return super().save_session(app, session, response)


COOKIELESS_ENDPOINTS = {"assets.static", "media.serve"}


def _refuse_nul_characters() -> None:
    """A NUL character is never meant in an address or a form, and PostgreSQL refuses it in any
    string (a 500 deep in a query): answer 400 up front, on every database alike."""
    from flask import abort

    if "\x00" in request.path or any("\x00" in v for v in request.args.values()):
        abort(400)
    if request.method == "POST" and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data") \
            and any("\x00" in v for v in request.form.values()):
        abort(400)


def absolute_url(endpoint: str, **values) -> str:
    """An absolute link for feeds, podcasts and catalogs that readers keep and follow later.

    Built from PUBLIC_URL; only when it is unset from the request (its Host header, which any
    client chooses), and then the answer is marked so that no shared cache keeps it."""
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base + url_for(endpoint, **values)
    g.links_from_host = True
    return url_for(endpoint, _external=True, **values)


def absolute_request_url() -> str:
    """This request's own address (a feed's rel="self"), on PUBLIC_URL when it is set."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        g.links_from_host = True
        return request.url
    scheme, netloc = base.split("://", 1)
    return get_current_url(scheme, netloc, request.root_path, request.path, request.query_string)


def _no_shared_cache_for_host_links(response: Response) -> Response:
    """Links taken from a Host header must not reach other readers through a shared cache
    (nginx, a carrier's proxy): one request with `Host: evil.example` would poison them."""
    if g.get("links_from_host"):
        kept = [part.strip() for part in response.headers.get("Cache-Control", "").split(",")
                if part.strip() and part.strip().split("=")[0].lower() not in ("public", "private", "s-maxage")]
        response.headers["Cache-Control"] = ", ".join(["private", *kept])
    return response


def _refuse_unknown_hosts() -> None:
    """With ALLOWED_HOSTS (by default when PUBLIC_URL is set), a request naming another host
    gets 400 (a port is ignored; ".example.vn" allows every sub-domain)."""
    allowed = current_app.config.get("ALLOWED_HOSTS")
    host = (request.environ.get("HTTP_HOST") or request.environ.get("SERVER_NAME") or "").lower()
    if allowed and not host_is_trusted(host, allowed):  # host names are case-blind
        from flask import abort

        abort(400)


_RANGE_SPEC = re.compile(r"(\d+)-(\d*)|-(\d+)")


def _several_ranges(header: str) -> bool:
    """Whether `header` is a well-formed byte-range set (RFC 9110 §14.1.2) of more than one range,
    in any order, overlapping or suffix ones included (werkzeug's parser accepts fewer)."""
    unit, _, ranges = header.partition("=")
    if unit.strip().lower() != "bytes":
        return False
    specs = [spec.strip() for spec in ranges.split(",") if spec.strip()]
    for spec in specs:
        match = _RANGE_SPEC.fullmatch(spec)
        if match is None or (match[2] and int(match[1]) > int(match[2])):
            return False
    return len(specs) > 1


def _ignore_several_ranges() -> None:
    """`Range: bytes=0-0,100-199` (several ranges): werkzeug only serves one and answers 416;
    HTTP lets a server ignore Range instead, so the whole file comes back with 200. One range
    still gets 206, an unsatisfiable or malformed one still 416."""
    header = request.environ.get("HTTP_RANGE")
    if header and _several_ranges(header):
        del request.environ["HTTP_RANGE"]


class _RowNumber(IntegerConverter):
    """`<int:…>` in an address: at most what a database row id can hold (SQLite raises
    OverflowError past 2**63 - 1, a 500); a larger number matches no route, so 404."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,  # noqa: A002
                 signed: bool = False) -> None:
        super().__init__(url_map, fixed_digits, min, 2**63 - 1 if max is None else max, signed)


def init_http(app: Flask) -> None:
    """Call after Flask-Compress is bound: after_request hooks run in reverse order."""
    from .htmx import init_htmx

    app.session_interface = _SessionInterface()
    app.url_map.converters["int"] = _RowNumber  # before any blueprint adds its rules
    app.before_request(_refuse_unknown_hosts)
    app.before_request(_refuse_nul_characters)
    app.before_request(_ignore_several_ranges)
    app.after_request(_no_shared_cache_for_host_links)
    app.after_request(_compress_errors)
    app.after_request(_revalidate_html)
    init_htmx(app)
    app.after_request(_security_headers)
