"""Outputs are named after what they are made of: making them again adds no file."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from portal.accounts.models import User
from portal.bulletins import service
from portal.db import db
from portal.media_render.jobs import render
from portal.units.service import get_by_code

from .conftest import run_queue


def _files() -> dict[str, int]:
    root = Path(current_app.config["MEDIA_ROOT"])
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_a_repeat_of_an_unchanged_render_adds_no_file(queued, make_user):
    editor = db.session.get(User, make_user("bientap@example.org", role="editor", unit="31"))
    bulletin = service.save(db.session, editor, service.BulletinData(
        title="Lịch tiêm chủng", summary="", body="Tiêm sáng thứ Bảy.", topic="suc-khoe",
        unit=get_by_code(db.session, "31")))
    service.publish(db.session, editor, bulletin)
    run_queue(queued)
    first = _files()
    db.session.expire_all()
    assert bulletin.media_state == "done" and {bulletin.audio_mp3, bulletin.audio_opus, bulletin.epub} <= set(first)
    service.retry_media(db.session, editor, bulletin)  # the editor's "make it again"
    assert run_queue(queued) == ["portal.media_render.jobs.render"]
    assert render("bulletin", bulletin.id) == "unchanged"  # and once more, directly
    assert _files() == first  # the same files, not even written again
