"""Light, friendly error pages in the visitor's language."""

from __future__ import annotations

import io
import logging
import sqlite3
import traceback

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.wsgi import LimitedStream

from . import media
from .format import filesize
from .htmx import is_partial_request

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("The request could not be understood"),
          _l("Something in what was sent is not right. Please go back, check the form and try again.")),
    403: (_l("You may not open this page"),
          _l("Your account does not have permission for this page. If you think it should, ask your administrator.")),
    404: (_l("Page not found"),
          _l("The page you asked for does not exist or has moved. Try the search box or the links below.")),
    405: (_l("This action is not available here"),
          _l("The page cannot be used this way. Please go back and use the buttons on the page.")),
    413: (_l("What you sent is too large"),
          _l("The file or text is larger than we can accept. Please send a smaller file or shorter text.")),
    429: (_l("Too many attempts"),
          _l("This has been tried too many times from your network address in a short while.")),
    500: (_l("Something went wrong on our side"),
          _l("We could not finish your request. Nothing you sent is lost; please try again in a moment.")),
    503: (_l("The service is busy"),
          _l("The portal cannot answer right now. Please try again in a few minutes.")),
}
CSRF_MESSAGE = _l("The form has expired or was sent twice. Please open the page again and resend it.")
DATABASE_MESSAGE = _l("The portal cannot reach its database just now, so nothing was saved. "
                      "Please try again in a minute.")
STORAGE_FULL_MESSAGE = _l("The portal's storage is full just now, so nothing was saved. Please try again "
                          "later; if it keeps happening, tell the portal's administrator.")
STORAGE_MESSAGE = _l("The portal could not store the file just now, so nothing was saved. Please try again "
                     "in a few minutes.")
TOO_LARGE_MESSAGE = _l("What you sent is %(sent)s, more than the %(max)s the portal accepts at once. Please "
                       "send smaller files, or fewer at a time.")
# 507 Insufficient Storage (RFC 4918): the disk or the portal's quota on it is full.
MESSAGES[507] = (_l("There is no room to save this just now"), STORAGE_FULL_MESSAGE)
# A job's stored failure, as the editor reads it ("Audio failed: ...").
JOB_DISK_FULL = _l("the server's disk is full. Ask the administrator to free some space; the portal tries "
                   "again later, or press the button to make it again.")
# An upload refused for its Content-Length is still read (files thrown away, text fields kept) when
# it is at most this many times the limit, so the visitor gets the page and what they typed.
TOO_LARGE_READ_FACTOR = 2
# Fields that are re-sent but not shown back: tokens, hidden ids, the honeypot.
UNSHOWN_FIELDS = {"csrf_token", "submission_id", "unit_code", "photo_tokens", "buoc", "website", "next"}
# Never written back into a page, not even hidden: passwords, login codes, a petition's secret.
SECRET_FIELDS = {"password", "code", "secret"}


def render_error(code: int, detail: str | None = None, kept: list[tuple[str, str]] | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    template = "errors/_error.html" if is_partial_request() else "errors/error.html"
    # here_url: the language links come back to the path, never echo the query string.
    response = render_template(template, code=code, title=title, message=detail or message,
                               here_url=request.path, kept=kept or [], unshown=UNSHOWN_FIELDS,
                               files_lost=bool(kept) and any(f.filename for f in request.files.values()))
    return response, code


def job_failure(reason: str | None) -> str:
    """A background job's stored failure as the editor should read it: a full disk in plain words
    (the raw error says "[Errno 28] No space left on device"), anything else as it was recorded."""
    text = reason or ""
    if any(mark in text for mark in ("[Errno 28]", "[Errno 122]", "No space left on device", "Disk quota exceeded",
                                     "database or disk is full")):
        return str(JOB_DISK_FULL)
    return text


def database_full(exc: BaseException) -> bool:
    """Whether a database error means its disk is full: SQLite's SQLITE_FULL ("database or disk
    is full") or PostgreSQL's disk_full (SQLSTATE 53100, "could not extend file")."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, sqlite3.Error):
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "database or disk is full" in str(exc):
                return True
        elif getattr(exc, "sqlstate", None) == "53100":  # psycopg.errors.DiskFull
            return True
        exc, seen = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__, seen + 1
    return False


def typed_fields() -> list[tuple[str, str]]:
    """What was typed into the form being posted, to give back on an error page. A form whose
    reading itself failed (the disk filled while an upload was spooled) is not read again."""
    if request.method != "POST":
        return []
    if "form" not in request.__dict__:
        request.__dict__.update(form=MultiDict(), files=MultiDict())
        return []
    return list(request.form.items(multi=True))


class _Discarded(io.BytesIO):
    """Where the files of a refused upload go while its text fields are read: nowhere."""

    def write(self, data) -> int:  # type: ignore[override]
        return len(data)


def _discard_stream(**_kwargs) -> io.BytesIO:
    return _Discarded()


def fields_of_refused_upload() -> list[tuple[str, str]]:
    """The text fields of a multipart form refused for its Content-Length, read while the files
    are thrown away (bounded: at most TOO_LARGE_READ_FACTOR times the limit). Reading the body
    also lets the visitor's browser see the page: a server that answers and closes with the
    body unread may make the browser show "connection reset" instead."""
    limit, length = request.max_content_length, request.content_length
    if (request.method != "POST" or "form" in request.__dict__ or request.mimetype != "multipart/form-data"
            or not limit or not length or length <= limit or length > TOO_LARGE_READ_FACTOR * limit):
        return []
    parser = FormDataParser(stream_factory=_discard_stream, max_form_memory_size=request.max_form_memory_size,
                            max_form_parts=request.max_form_parts)
    try:
        stream = LimitedStream(request.environ["wsgi.input"], length)
        _, form, files = parser.parse(stream, request.mimetype, length, request.mimetype_params)
    except Exception:  # the client went away, or the body is not a form: nothing to keep
        request.__dict__.update(form=MultiDict(), files=MultiDict())
        return []
    request.__dict__.update(form=form, files=files)
    return list(form.items(multi=True))


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return render_error(400, str(CSRF_MESSAGE))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = exc.code or 500
        if code not in MESSAGES:
            return exc
        response, code = render_error(code)
        headers = exc.get_response().headers
        out = app.make_response((response, code))
        for name in ("Retry-After", "Allow"):
            if name in headers:
                out.headers[name] = headers[name]
        return out

    @app.errorhandler(429)
    def too_many(exc: HTTPException):
        """A full rate-limit window: how long to wait, in words, from the window that is full
        (not "a few minutes" for an hour-long one), the same in Retry-After, and what was typed
        kept (secrets left out)."""
        from portal.extensions import limiter

        from .ratelimit import seconds_until, wait_sentence

        breached = limiter.current_limit
        seconds = seconds_until(breached.window.reset_time) if breached is not None and breached.breached else 60
        detail = f"{MESSAGES[429][1]} {wait_sentence(seconds)}"
        kept = [(name, value) for name, value in typed_fields() if name not in SECRET_FIELDS]
        if not any(value and value != "y" and name not in UNSHOWN_FIELDS for name, value in kept):
            kept = []  # nothing typed to give back (a support button, a secret left out)
        response, code = render_error(429, detail, kept=kept)
        out = app.make_response((response, code))
        out.headers["Retry-After"] = str(seconds)
        return out

    @app.errorhandler(OperationalError)
    @app.errorhandler(PoolTimeout)
    def database_unavailable(exc: Exception):
        """Database down, unreachable or locked: a light 503 page; its disk full: the 507 page of a
        full storage. Either way what a resident typed into a form comes back with it, ready to be
        sent again (the same submission id, so a petition that did go through is not doubled)."""
        from portal.db import db

        try:
            db.session.rollback()
        except Exception:  # noqa: S110 (the connection is already gone; nothing to undo)  # nosec B110
            pass
        full = database_full(exc)
        log.warning("database %s on %s %s: %s", "storage full" if full else "unavailable", request.method,
                    request.path, type(exc).__name__)
        kept = list(request.form.items(multi=True)) if request.method == "POST" else []
        if full:
            response, code = render_error(507, None, kept=kept)
        else:
            response, code = render_error(503, str(DATABASE_MESSAGE), kept=kept)
        out = app.make_response((response, code))
        out.headers["Retry-After"] = "600" if full else "60"
        return out

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # Log the type, the path and the frames only: query strings, form bodies and
        # exception messages (e.g. SQL parameters) may carry petitioners' personal data.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("unhandled %s on %s %s\n%s", type(exc).__name__, request.method, request.path, frames)
        return render_error(500)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc: RequestEntityTooLarge):
        """An upload over MAX_CONTENT_LENGTH: a polite 413 with the size allowed, and the text
        fields typed into the form kept when they can be read."""
        kept = fields_of_refused_upload()
        limit, length = request.max_content_length, request.content_length
        detail = str(TOO_LARGE_MESSAGE % {"sent": filesize(length), "max": filesize(limit)}) \
            if limit and length and length > limit else None
        response, code = render_error(413, detail, kept=kept)
        out = app.make_response((response, code))
        out.headers["Connection"] = "close"
        return out

    @app.route("/loi/qua-lon")
    def too_large_page():
        """The 413 page nginx shows for a request body over its client_max_body_size (its
        `error_page 413`, see docs/deploy/nginx.conf): the body never reached the portal, so
        nothing typed can be given back; nginx passes the refused size in X-Refused-Length."""
        limit = app.config.get("MAX_CONTENT_LENGTH")
        sent = request.headers.get("X-Refused-Length", type=int)
        detail = str(TOO_LARGE_MESSAGE % {"sent": filesize(sent), "max": filesize(limit)}) \
            if limit and sent and sent > limit else None
        response, code = render_error(413, detail)
        out = app.make_response((response, code))
        out.headers["Cache-Control"] = "no-store"
        return out

    @app.errorhandler(OSError)
    def storage_failed(exc: OSError):
        """A file could not be written (disk full: 507; any other storage failure: 503). The
        change it belonged to is rolled back, the files it wrote are already removed (see
        media.write_atomic and media.undo_on_failure), and what was typed comes back."""
        if not (isinstance(exc, media.StorageError) or media.is_storage_full(exc)):
            return unexpected(exc)
        from portal.db import db

        try:
            db.session.rollback()
        except Exception:  # noqa: S110 (nothing to undo)  # nosec B110
            pass
        full = media.is_storage_full(exc)
        log.error("storage %s on %s %s: %s", "full" if full else "failure", request.method, request.path,
                  exc.strerror or type(exc).__name__)
        code = 507 if full else 503
        response, code = render_error(code, None if full else str(STORAGE_MESSAGE), kept=typed_fields())
        out = app.make_response((response, code))
        out.headers["Retry-After"] = "600" if full else "120"
        return out

    app.add_template_filter(job_failure, "job_failure")
