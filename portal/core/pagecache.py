"""Rendered public pages and the public API's JSON, for anonymous visitors, shared by every worker
and instance.

A WSGI layer in front of the app answers a GET from the cache when the request carries no cookie
but the language and text-size choices, and the page was stored under the current content
generation. The key holds everything a page depends on: path, query, host and scheme, language,
text size, full page or htmx fragment, and the Accept-Encoding the body was compressed for.

The app alone decides what may be stored (`_mark`): a 200 HTML answer (or JSON, under /api/:
never a problem+json error nor a 429) to such a request, with no
form token, no session, nobody logged in, not a staff page, not `private`/`no-store`, setting no
cookie, varying on nothing outside the key. Every commit that writes a table holding public
content bumps the generation (SQLAlchemy session events, so services need no code for it): the
next request of every worker reads the new generation and renders afresh. A page whose content
changes with time alone (a bulletin scheduled for later, the date at midnight) expires then.
A route whose rate limit must count every request (`limit_hits`, the API) has the same limit hit
on each cache hit (core/ratelimit.py, same keys and storage); over it, the app answers its 429.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import Flask, current_app, g, request, session
from sqlalchemy.orm import Session
from werkzeug.middleware.proxy_fix import ProxyFix

from .pagecache_generation import COUNTER, PRIVATE_TABLES, bump, watch_commits  # noqa: F401  (the API)
from .pagecache_store import make_store, pack, unpack

log = logging.getLogger(__name__)

# Cookies that only choose how a public page looks; any other cookie (a session, lesson progress,
# supports remembered) means the page may be the visitor's own, so it is neither read nor stored.
KEY_COOKIES = ("lang", "chu")
VARY_IN_KEY = {"cookie", "accept-encoding", "hx-request", "hx-boosted", "hx-history-restore-request"}
SKIPPED_PREFIXES = ("/quan-tri", "/static/", "/media/", "/healthz")
STORED_TYPES = {"text/html": "/", "application/json": "/api/"}  # mimetype -> the paths it is kept for
NEVER_BLUEPRINTS = {"stats", "accounts", "staff"}  # counts that change by the hour; logins
TTL_SECONDS = 600
NGINX_SECONDS = 1  # nginx may keep a shareable page this long, no longer (X-Accel-Expires)
MARK, UNTIL, HOOK = "X-Page-Cache-Store", "X-Page-Cache-Until", "X-Page-Cache-Hook"
LIMIT = "X-Page-Cache-Limit"
_INTERNAL = {MARK.lower(), UNTIL.lower(), HOOK.lower(), LIMIT.lower()}

_change_times: list[Callable[[Session], datetime | None]] = []
_hit_hooks: dict[str, Callable[..., None]] = {}


def changes_at(fn: Callable[[Session], datetime | None]) -> Callable:
    """Register `fn(session)`: the next moment public pages change with no commit (scheduling)."""
    _change_times.append(fn)
    return fn


def on_hit(name: str) -> Callable:
    """Register what must still happen when a page is served from the cache (a view counter)."""
    def decorator(fn: Callable[..., None]) -> Callable[..., None]:
        _hit_hooks[name] = fn
        return fn
    return decorator


def count_hit(name: str, **args) -> None:
    """From a view: run hook `name` with `args` now, and again on each hit of this page."""
    g.page_cache_hook = [name, args]
    _hit_hooks[name](**args)


def limit_hits(config_name: str, scope: str) -> None:
    """From a view that has hit `ratelimit.hit(config_name, scope)`: each hit of this answer from
    the cache counts against the same limit, for the address that sent it."""
    g.page_cache_limit = [config_name, scope]


def no_page_cache() -> None:
    """From a view: this answer is never stored."""
    g.page_cache_off = True


def _cookies(environ: dict) -> dict | None:
    """The key cookies, or None when any other cookie is present."""
    header = environ.get("HTTP_COOKIE", "")
    found: dict[str, str] = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if not name:
            continue
        if name not in KEY_COOKIES:
            return None
        found[name] = value
    return found


def _eligible(environ: dict) -> dict | None:
    if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO", "").startswith(SKIPPED_PREFIXES):
        return None
    return _cookies(environ)


def _key(environ: dict, cookies: dict) -> str:
    parts = [environ.get(name, "") for name in (
        "wsgi.url_scheme", "HTTP_HOST", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "SCRIPT_NAME",
        "PATH_INFO", "QUERY_STRING", "HTTP_ACCEPT_ENCODING", "HTTP_HX_REQUEST", "HTTP_HX_BOOSTED",
        "HTTP_HX_HISTORY_RESTORE_REQUEST")]
    parts += [cookies.get(name, "") for name in KEY_COOKIES]
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()


def _remote_addr(environ: dict, _start_response=None) -> str:
    return environ.get("REMOTE_ADDR") or "127.0.0.1"  # as Flask-Limiter's get_remote_address


def _etag_bases(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/").strip('"').split(":", 1)[0] for tag in header.split(",")}


class PageCache:
    """The WSGI layer: answers hits, stores what the app marked, strips the marks."""

    def __init__(self, app: Flask, wsgi_app, store) -> None:
        self.app, self.wsgi_app, self.store = app, wsgi_app, store
        proxies = int(app.config.get("PROXY_COUNT") or 0)  # the app's ProxyFix runs after this layer
        self.address = ProxyFix(_remote_addr, x_for=proxies, x_proto=1) if proxies else _remote_addr

    def __call__(self, environ, start_response):
        cookies = _eligible(environ) if self.app.config["PAGE_CACHE"] else None
        if cookies is None:
            return self.wsgi_app(environ, start_response)
        key = _key(environ, cookies)
        try:
            blob = self.store.get(key)
            generation = None if blob else self.store.generation()
        except Exception:  # noqa: BLE001 (the cache down must never take the pages down)
            log.warning("page cache unavailable", exc_info=True)
            return self.wsgi_app(environ, start_response)
        if blob:
            return self._hit(environ, start_response, blob)
        return self._miss(environ, start_response, key, generation)

    def _hit(self, environ, start_response, blob: bytes):
        entry, body = unpack(blob)
        if entry.get("limit") and not self._within_limits(environ, *entry["limit"]):
            return self.wsgi_app(environ, start_response)  # the app answers its 429 problem
        if entry.get("hook"):
            name, args = entry["hook"]
            with self.app.app_context():
                _hit_hooks[name](**args)
        headers = [tuple(h) for h in entry["headers"]] + [("X-Page-Cache", "hit")]
        etag = next((v for n, v in headers if n.lower() == "etag"), None)
        wanted = environ.get("HTTP_IF_NONE_MATCH")
        if etag and wanted and _etag_bases(etag) & _etag_bases(wanted):
            dropped = {"content-length", "content-type", "content-encoding", "x-accel-expires"}  # as the app's 304
            start_response("304 NOT MODIFIED", [(n, v) for n, v in headers if n.lower() not in dropped])
            return [b""]
        start_response(entry["status"], headers)
        return [body]

    def _within_limits(self, environ, config_name: str, scope: str) -> bool:
        from .ratelimit import hit_address

        address = self.address(dict(environ), None)
        with self.app.app_context():
            return hit_address(address, config_name, scope) is None

    def _miss(self, environ, start_response, key: str, generation: int):
        seen: dict = {}

        def capture(status, headers, exc_info=None):
            found = {n.lower(): v for n, v in headers}
            kept = [(n, v) for n, v in headers if n.lower() not in _INTERNAL]
            if MARK.lower() in found and self._storable(status, found):
                # nginx's micro-cache (docs/deploy/nginx.conf) keeps what is kept here, but for
                # what a rate limit counts on each hit (nginx would answer uncounted).
                if LIMIT.lower() not in found:
                    kept.append(("X-Accel-Expires", str(NGINX_SECONDS)))
                seen.update(status=status, headers=kept, found=found)
            return start_response(status, kept, exc_info) if exc_info else start_response(status, kept)

        result = self.wsgi_app(environ, capture)
        if not seen:
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        found = seen["found"]
        entry = {"status": seen["status"], "headers": seen["headers"],
                 "hook": json.loads(found[HOOK.lower()]) if HOOK.lower() in found else None,
                 "limit": json.loads(found[LIMIT.lower()]) if LIMIT.lower() in found else None}
        try:
            self.store.put(key, generation, float(found[UNTIL.lower()]), pack(entry, body))
        except Exception:  # noqa: BLE001
            log.warning("page cache unavailable", exc_info=True)
        return [body]

    @staticmethod
    def _storable(status: str, headers: dict) -> bool:
        control = {part.strip().split("=")[0].lower() for part in headers.get("cache-control", "").split(",")}
        vary = {part.strip().lower() for part in headers.get("vary", "").split(",") if part.strip()}
        return (status.startswith("200 ") and "set-cookie" not in headers and not control & {"private", "no-store"}
                and vary <= VARY_IN_KEY)


def _mark(response):
    """Say which answers the WSGI layer may keep, and until when."""
    if (
        not current_app.config["PAGE_CACHE"]
        or response.status_code != 200
        or not request.path.startswith(STORED_TYPES.get(response.mimetype or "", "\0"))
        or response.is_streamed
        or _eligible(request.environ) is None
        or request.blueprint in NEVER_BLUEPRINTS
        or current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token") in g
        or g.get("page_cache_off")
        or session.modified
        or dict(session)
        or getattr(g.get("_login_user"), "is_authenticated", False)
    ):
        return response
    response.headers[MARK] = "1"
    response.headers[UNTIL] = str(_until())
    if g.get("page_cache_limit"):
        response.headers[LIMIT] = json.dumps(g.page_cache_limit)
    if g.get("page_cache_hook"):
        response.headers[HOOK] = json.dumps(g.page_cache_hook)
    return response


def _until() -> float:
    """Now plus the TTL, or sooner: the next scheduled change, the next midnight in Vietnam."""
    from portal.db import db

    from .format import VIETNAM

    now = datetime.now(VIETNAM)
    moments = [now + timedelta(seconds=TTL_SECONDS),
               (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)]
    for fn in _change_times:
        moment = fn(db.session)
        if moment is not None:
            moments.append(moment)
    return min(m.timestamp() for m in moments)


def init_page_cache(app: Flask) -> None:
    """After db.init_app and init_http: binds the store to this app's engine, wraps wsgi_app."""
    from portal.db import db

    store = make_store(app.config)
    if store is None:
        app.config["PAGE_CACHE"] = False
        return
    watch_commits(db.engine, store)
    app.after_request(_mark)
    app.wsgi_app = PageCache(app, app.wsgi_app, store)
    app.extensions["page_cache"] = store
