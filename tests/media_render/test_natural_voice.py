"""A bulletin spoken offline while Google's natural voice was down is spoken again with the
natural voice once it answers, through the same coalesced render; the editor reads which voice.

Google is the loopback fake of `tests.audio.loopback_google` (SPEECH_NATURAL_URL).
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from portal.accounts.models import User
from portal.bulletins import service
from portal.bulletins.models import Bulletin
from portal.db import db, utcnow
from portal.jobs.queue import jobs
from portal.media_render import jobs as render_jobs
from portal.media_render import natural
from portal.media_render.models import MediaRender, VoiceOutage
from portal.units.service import get_by_code
from tests.audio.loopback_google import LoopbackGoogle

from .conftest import renders_waiting, run_queue

OFFLINE_NOTE = "giọng máy ngoại tuyến, vì giọng tự nhiên không trả lời"
NATURAL_NOTE = "Giọng đọc: giọng tự nhiên (Google)."


@pytest.fixture
def google(queued, monkeypatch):
    """The queue's app speaking with ``auto``; Google played on a loopback port, down at first."""
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with LoopbackGoogle() as fake:
        fake.behaviour = "error"
        for key, value in (("SPEECH_ENGINE", "auto"), ("SPEECH_NATURAL_URL", fake.url),
                           ("SPEECH_NATURAL_TIMEOUT", 2.0), ("SPEECH_TIME_LIMIT", 120)):
            monkeypatch.setitem(jobs.app.config, key, value)
        yield fake


def _data(body: str) -> service.BulletinData:
    return service.BulletinData(title="Lịch họp tổ dân phố", summary="Họp tháng Mười Hai.", body=body,
                                topic="hoat-dong", unit=get_by_code(db.session, "31"))


def _publish(editor_id: int, body: str = "Họp lúc 19 giờ.") -> Bulletin:
    editor = db.session.get(User, editor_id)
    return service.publish(db.session, editor, service.save(db.session, editor, _data(body)))


def _ledger(bulletin_id: int) -> MediaRender:
    db.session.expire_all()
    return db.session.scalar(select(MediaRender).where(MediaRender.kind == "bulletin",
                                                       MediaRender.item_id == bulletin_id))


def _outage_over() -> None:
    with db.new_session() as session:
        session.execute(update(VoiceOutage).values(retry_at=utcnow() - timedelta(seconds=1)))
        session.commit()


def test_a_bulletin_spoken_offline_in_an_outage_is_spoken_naturally_when_google_is_back(
        app, queued, google, make_user, login, client):
    editor_id = make_user("bientap@example.org", role="editor", unit="31")
    bulletin = _publish(editor_id)
    bulletin_id = bulletin.id
    run_queue(queued)
    db.session.expire_all()
    offline_mp3 = bulletin.audio_mp3
    assert bulletin.media_state == "done" and offline_mp3 and google.asked == ["Lịch họp tổ dân phố"]
    row = _ledger(bulletin_id)
    assert (row.voice, row.fell_back) == ("espeak", True)
    login("bientap@example.org")
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    assert OFFLINE_NOTE in page

    google.behaviour = "speak"  # back; but the outage's five minutes are not over
    with jobs.app.app_context():
        assert render_jobs.renew_offline_speech() == 0
    assert renders_waiting(queued) == 0 and len(google.asked) == 1

    _outage_over()
    with jobs.app.app_context():
        assert render_jobs.renew_offline_speech() == 1  # asked Google once (the probe), then queued
    assert google.asked[1] == natural.PROBE_TEXT and renders_waiting(queued) == 1
    db.session.expire_all()
    assert bulletin.media_state == "done" and bulletin.audio_mp3 == offline_mp3  # still public meanwhile
    with jobs.app.app_context():
        assert render_jobs.renew_offline_speech() == 0  # its render waits: not queued twice
    editor = db.session.get(User, editor_id)
    service.save(db.session, editor, _data("Họp lúc 20 giờ."), bulletin)  # an edit meanwhile folds in
    assert renders_waiting(queued) == 1

    run_queue(queued)
    db.session.expire_all()
    assert bulletin.media_state == "done" and bulletin.audio_mp3 != offline_mp3
    assert "Họp lúc hai mươi giờ." in google.asked
    row = _ledger(bulletin_id)
    assert (row.voice, row.fell_back) == ("gtts", False)
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    assert NATURAL_NOTE in page and OFFLINE_NOTE not in page
    with jobs.app.app_context():
        assert render_jobs.renew_offline_speech() == 0


def test_at_most_twenty_items_are_made_again_at_a_time(app, queued, google, make_user, monkeypatch):
    said = []

    def offline(text, out_dir, **options):  # the voice as during an outage, without the waiting
        said.append(options.get("try_primary"))
        name = f"{len(said):032d}"
        return SimpleNamespace(opus_path=out_dir / f"{name}.opus", mp3_path=out_dir / f"{name}.mp3", duration=1.0,
                               opus_bytes=100, mp3_bytes=200, engine="espeak", fell_back=True, cached=False,
                               fallback_reason="down")

    monkeypatch.setattr("portal.audio.render_speech_limited", offline)
    editor_id = make_user("bientap@example.org", role="editor", unit="31")
    ids = [_publish(editor_id, f"Thông báo số {n}.").id for n in range(25)]
    run_queue(queued, limit=200)
    assert said[0] is True and set(said[1:]) == {False}  # after the first failure nobody asked Google
    with db.new_session() as session:
        assert session.get(VoiceOutage, "gtts").failures == 1
    google.behaviour = "speak"
    _outage_over()
    with jobs.app.app_context():
        assert render_jobs.renew_offline_speech() == 20
    assert renders_waiting(queued) == 20
    rows = db.session.scalars(select(MediaRender).where(MediaRender.item_id.in_(ids))).all()
    assert sum(row.queued for row in rows) == 20 and all(row.fell_back for row in rows)
    db.session.execute(update(Bulletin).where(Bulletin.id == ids[-1]).values(status="draft"))
    db.session.commit()
    with jobs.app.app_context():
        assert render_jobs.renew_offline_speech() == 4  # the unpublished one is let go
    assert not _ledger(ids[-1]).fell_back


def test_with_the_offline_voice_only_nothing_is_made_again(app, queued, google, make_user, monkeypatch):
    monkeypatch.setitem(jobs.app.config, "SPEECH_ENGINE", "espeak")
    editor_id = make_user("bientap@example.org", role="editor", unit="31")
    bulletin_id = _publish(editor_id).id
    run_queue(queued)
    row = _ledger(bulletin_id)
    assert (row.voice, row.fell_back) == ("espeak", False) and google.asked == []
    with jobs.app.app_context():
        assert render_jobs.renew_offline_speech() == 0
