"""Residents' petition pages: send (/phan-anh/gui) and follow (/phan-anh/tra-cuu)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("petitions", __name__, url_prefix="/phan-anh")


@bp.context_processor
def _limits() -> dict:
    from .forms import BODY_MAX, BODY_MIN

    return {"body_min": BODY_MIN, "body_max": BODY_MAX}


@bp.context_processor
def _resident() -> dict:
    # The sign-in offer (or the signed-in resident's links) on the petition pages.
    from portal.core import residents

    return {"resident_sign_in": residents.enabled(), "resident": residents.current()}


# The routes and jobs:
from . import answers, jobs, mine_routes, read_aloud, send_routes, track_routes, voice_jobs, voice_routes  # noqa: E402,F401
