"""A spoken petition's recording, for the staff who act on the petition (never for oversight
viewers, never public: unlike a photo, a voice is not published with the answer)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal.db import db

from .access import can_act
from .manage import bp, get_petition, inbox_required
from .models import PetitionRecording
from .recordings import response


@bp.route("/<int:petition_id>/ghi-am/<int:recording_id>")
@inbox_required
def recording(petition_id: int, recording_id: int):
    petition = get_petition(petition_id)
    item = db.session.get(PetitionRecording, recording_id)
    if item is None or item.petition_id != petition.id or not can_act(current_user, petition):
        abort(404)
    return response(item.key, item.mimetype)
