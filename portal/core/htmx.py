"""htmx only enhances: full pages for normal, boosted and history-restore requests."""

from __future__ import annotations

from flask import make_response, render_template, request


def is_partial_request() -> bool:
    """True for an htmx request that wants a fragment, not a whole page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_page(template_name: str, partial: str | None = None, status: int = 200, **context):
    """Render `template_name`, or only `partial` for an htmx fragment request; Vary says so."""
    template = partial if partial and is_partial_request() else template_name
    response = make_response(render_template(template, **context), status)
    if partial:
        response.vary.add("HX-Request")
    return response


def _show_errors_to_boosted_requests(response):
    """htmx 1.9 drops 4xx/5xx answers to boosted links and forms, so a resident would see
    nothing happen after a wrong password or a broken link. For boosted requests only,
    the same full error page is sent as 200 so that htmx swaps it in; the real status
    stays in a header. Plain requests (JavaScript off) keep their 4xx/5xx status."""
    if (
        request.headers.get("HX-Boosted") == "true"
        and response.status_code >= 400
        and response.mimetype == "text/html"
    ):
        response.headers["X-Status"] = str(response.status_code)
        response.status_code = 200
    return response


def init_htmx(app) -> None:
    app.after_request(_show_errors_to_boosted_requests)
