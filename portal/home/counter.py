"""/dem-ky-tu: the character counter under long text fields, refreshed by htmx as one types.

Nothing is stored or logged; the form posts only the one field (hx-params), so it needs no
CSRF token. Without JavaScript the same counter is rendered with the page after each step.
"""

from __future__ import annotations

import re

from flask import abort, render_template, request

from portal.extensions import csrf, limiter

from .routes import bp

_ID = re.compile(r"^[a-z][a-z0-9_-]{0,40}$")
MAX_COUNTED = 100_000


def _bound(name: str) -> int:
    try:
        value = int(request.args.get(name, ""))
    except ValueError:
        abort(400)
    if not 0 <= value <= MAX_COUNTED:
        abort(400)
    return value


@bp.route("/dem-ky-tu", methods=["POST"])
@csrf.exempt
@limiter.limit("240/minute")
def count_characters():
    target, low, high = request.args.get("id", ""), _bound("min"), _bound("max")
    if not _ID.match(target) or (request.content_length or 0) > 4 * MAX_COUNTED:
        abort(400)
    text = next(iter(request.form.values()), "")
    return render_template("_macros/_count.html", target=target, length=len(text), low=low, high=high)
