"""HTTP behaviour shared by every page: security headers, revalidation, safe redirects."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
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
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


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


def init_http(app: Flask) -> None:
    """Call after Flask-Compress is bound: after_request hooks run in reverse order."""
    from .htmx import init_htmx

    app.session_interface = _SessionInterface()
    app.before_request(_refuse_nul_characters)
    app.after_request(_compress_errors)
    app.after_request(_revalidate_html)
    init_htmx(app)
    app.after_request(_security_headers)
