"""/phan-anh/cua-toi ("Phản ánh của tôi"): every petition the signed-in resident sent, on one
page. Only when residents may sign in (else 404); without a sign-in, a page that offers it."""

from __future__ import annotations

from flask import abort, make_response, render_template

from portal.core import residents
from portal.db import db

from . import service
from .categories import CATEGORY_NAMES
from .routes import bp


@bp.route("/cua-toi")
def mine():
    if not residents.enabled():
        abort(404)
    resident = residents.current()
    petitions = service.of_resident(db.session, resident.key) if resident is not None else []
    response = make_response(render_template("petitions/mine.html", petitions=petitions, categories=CATEGORY_NAMES))
    response.headers["Cache-Control"] = "private, no-store"
    return response
