"""Light, friendly error pages in the visitor's language."""

from __future__ import annotations

import logging
import traceback

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

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
          _l("You have tried too many times in a short while. Please wait a few minutes and try again.")),
    500: (_l("Something went wrong on our side"),
          _l("We could not finish your request. Nothing you sent is lost; please try again in a moment.")),
    503: (_l("The service is busy"),
          _l("The portal cannot answer right now. Please try again in a few minutes.")),
}
CSRF_MESSAGE = _l("The form has expired or was sent twice. Please open the page again and resend it.")
DATABASE_MESSAGE = _l("The portal cannot reach its database just now, so nothing was saved. "
                      "Please try again in a minute.")
# Fields that are re-sent but not shown back: tokens, hidden ids, the honeypot.
UNSHOWN_FIELDS = {"csrf_token", "submission_id", "unit_code", "photo_tokens", "buoc", "website", "next"}


def render_error(code: int, detail: str | None = None, kept: list[tuple[str, str]] | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    template = "errors/_error.html" if is_partial_request() else "errors/error.html"
    # here_url: the language links come back to the path, never echo the query string.
    response = render_template(template, code=code, title=title, message=detail or message,
                               here_url=request.path, kept=kept or [], unshown=UNSHOWN_FIELDS,
                               files_lost=bool(kept) and any(f.filename for f in request.files.values()))
    return response, code


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

    @app.errorhandler(OperationalError)
    @app.errorhandler(PoolTimeout)
    def database_unavailable(exc: Exception):
        """Database down, unreachable or locked: a light 503 page; what a resident typed into a
        form comes back with it, ready to be sent again (the same submission id, so a petition
        that did go through is not doubled)."""
        from portal.db import db

        try:
            db.session.rollback()
        except Exception:  # noqa: S110 (the connection is already gone; nothing to undo)
            pass
        log.warning("database unavailable on %s %s: %s", request.method, request.path, type(exc).__name__)
        kept = list(request.form.items(multi=True)) if request.method == "POST" else []
        response, code = render_error(503, str(DATABASE_MESSAGE), kept=kept)
        out = app.make_response((response, code))
        out.headers["Retry-After"] = "60"
        return out

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # Log the type, the path and the frames only: query strings, form bodies and
        # exception messages (e.g. SQL parameters) may carry petitioners' personal data.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("unhandled %s on %s %s\n%s", type(exc).__name__, request.method, request.path, frames)
        return render_error(500)
