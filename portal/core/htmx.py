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
