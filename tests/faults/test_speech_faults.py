"""The voice engine hangs or fails while a bulletin is rendered: the job is stopped at the time
limit, retried with growing delays, and after the last attempt the editor reads why (in
Vietnamese) and can try again; the public page keeps the text and the e-book all along."""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from portal.bulletins.models import Bulletin
from portal.jobs.queue import jobs
from tests.conftest import csrf_from

FAULTS = "tests.faults.engines"
FORM = {"title": "Lịch tiêm chủng mở rộng tháng 12", "summary": "Trạm y tế phường thông báo lịch tiêm.",
        "body": "Trạm y tế tiêm vắc-xin cho trẻ vào sáng thứ Bảy. Bà con mang theo sổ tiêm chủng.",
        "topic": "suc-khoe", "unit_code": "31", "cover_alt": ""}


@pytest.fixture
def editor(make_user):
    return make_user("bientap@example.org", role="editor", unit="31")


@pytest.fixture
def media_root(app, tmp_path, monkeypatch) -> Path:
    """A media folder of this test's own, so "no file left" can be checked exactly."""
    root = tmp_path / "media"
    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(root))
    return root


@pytest.fixture
def queue():
    """Huey in immediate mode keeps retries in memory: start and end with nothing there."""
    jobs.huey.flush()
    yield jobs.huey
    jobs.huey.flush()


def _use_engine(app, monkeypatch, name: str, limit: float = 300) -> None:
    monkeypatch.setitem(app.config, "SPEECH_ENGINE", name)
    monkeypatch.setitem(app.config, "SPEECH_TIME_LIMIT", limit)


def _publish(client, login, session) -> int:
    login("bientap@example.org")
    page = client.get("/quan-tri/ban-tin/moi").get_data(as_text=True)
    assert client.post("/quan-tri/ban-tin/moi", data={**FORM, "csrf_token": csrf_from(page)}).status_code == 302
    bulletin_id = session.scalar(select(Bulletin.id).where(Bulletin.title == FORM["title"]))
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    client.post(f"/quan-tri/ban-tin/{bulletin_id}/dang", data={"csrf_token": csrf_from(page), "publish_at": ""})
    return bulletin_id


def _bulletin(session, bulletin_id: int) -> Bulletin:
    session.expire_all()
    return session.get(Bulletin, bulletin_id)


def _run_retries(queue) -> list[float]:
    """Run every retry Huey has scheduled, at its time; returns how long each one waited."""
    delays = []
    while scheduled := queue.read_schedule(datetime(2100, 1, 1)):
        assert len(scheduled) == 1
        task = scheduled[0]
        delays.append((task.eta - datetime.utcnow()).total_seconds())
        queue.execute(task, timestamp=task.eta)
    return delays


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_hanging_voice_is_stopped_retried_later_and_explained(app, client, editor, login, session, media_root,
                                                                queue, monkeypatch):
    _use_engine(app, monkeypatch, f"{FAULTS}:HangingEngine", limit=1.5)
    started = time.monotonic()
    bulletin_id = _publish(client, login, session)  # the first attempt runs inline (JOBS_IMMEDIATE)
    assert time.monotonic() - started < 30  # the engine sleeps for an hour
    b = _bulletin(session, bulletin_id)
    assert b.media_state == "waiting" and b.audio_mp3 is None
    first = json.loads(b.media_error)
    assert first["code"] == "timeout" and first["seconds"] == 1.5
    assert (first["attempt"], first["attempts"]) == (1, 4) and first["retry_at"]
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    assert "Lần thử gần nhất không thành công: Bộ đọc giọng nói không làm xong trong 1,5 giây." in page
    assert "Lần thử 1/4; cổng sẽ tự thử lại lúc" in page

    # Meanwhile the bulletin is public with its text and e-book, without audio.
    public = client.get(f"/ban-tin/{b.slug}")
    html = public.get_data(as_text=True)
    assert public.status_code == 200 and "Trạm y tế tiêm vắc-xin" in html
    assert "Tải sách điện tử (EPUB," in html and "<audio" not in html and ".mp3" not in html

    started = time.monotonic()
    delays = _run_retries(queue)  # attempts 2, 3 and 4, each stopped at the limit
    assert time.monotonic() - started < 60
    assert [round(d / 10) * 10 for d in delays] == [30, 60, 120], delays
    b = _bulletin(session, bulletin_id)
    assert b.media_state == "failed" and b.audio_mp3 is None
    last = json.loads(b.media_error)
    assert last["code"] == "timeout" and (last["attempt"], last["attempts"]) == (4, 4) and "retry_at" not in last
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    assert ("Không tạo được bản nghe: Bộ đọc giọng nói không làm xong trong 1,5 giây. "
            "Đã không thành công 4 lần liên tiếp.") in page
    assert "Trang công khai vẫn hiện nội dung và sách điện tử" in page
    assert "Tạo lại bản nghe và sách điện tử" in page  # the retry button

    public = client.get(f"/ban-tin/{b.slug}")
    html = public.get_data(as_text=True)
    assert public.status_code == 200 and "Trạm y tế tiêm vắc-xin" in html
    assert "<audio" not in html and ".mp3" not in html and ".opus" not in html
    assert "Bản tin này chưa có bản nghe" in html and "đang được chuẩn bị" not in html  # not promised any more
    epub = client.get(f"/ban-tin/{b.slug}.epub")
    assert epub.status_code == 200 and zipfile.ZipFile(io.BytesIO(epub.data)).testzip() is None
    # Nothing of the killed attempts is left: no audio, no temporary file; only the whole e-book.
    assert _files(media_root) == [b.epub]

    # The editor presses "make it again" once the voice works again.
    _use_engine(app, monkeypatch, "espeak")
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    client.post(f"/quan-tri/ban-tin/{bulletin_id}/lam-lai", data={"csrf_token": csrf_from(page)})
    b = _bulletin(session, bulletin_id)
    assert b.media_state == "done" and b.media_error == "" and b.audio_mp3
    html = client.get(f"/ban-tin/{b.slug}").get_data(as_text=True)
    assert '<audio controls preload="none">' in html and b.audio_mp3.split("/")[-1] in html
    assert "Đã có bản nghe" in client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)


def test_an_engine_error_is_retried_and_explained(app, client, editor, login, session, media_root, queue,
                                                  monkeypatch):
    _use_engine(app, monkeypatch, f"{FAULTS}:FailingEngine")
    bulletin_id = _publish(client, login, session)
    assert json.loads(_bulletin(session, bulletin_id).media_error)["code"] == "engine"
    assert len(_run_retries(queue)) == 3
    b = _bulletin(session, bulletin_id)
    stored = json.loads(b.media_error)
    assert b.media_state == "failed" and stored["code"] == "engine"
    child_pid = int(stored["detail"].rsplit(" ", 1)[1])
    assert child_pid != os.getpid()  # the engine ran in a child process, not in this one
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    assert "Không tạo được bản nghe: Bộ đọc giọng nói không đọc được văn bản này." in page
    assert "EngineError" not in page and "test engine failed" not in page  # the raw detail is in the log only
    assert client.get(f"/ban-tin/{b.slug}").status_code == 200
    assert _files(media_root) == [b.epub]


def test_a_crashed_voice_engine_is_reported(app, client, editor, login, session, media_root, queue, monkeypatch):
    _use_engine(app, monkeypatch, f"{FAULTS}:DyingEngine")
    bulletin_id = _publish(client, login, session)
    _run_retries(queue)
    b = _bulletin(session, bulletin_id)
    assert b.media_state == "failed" and json.loads(b.media_error)["code"] == "crashed"
    assert "Bộ đọc giọng nói bị dừng đột ngột." in client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(
        as_text=True)


def test_google_unreachable_falls_back_to_the_offline_voice(app, client, editor, login, session, media_root, queue,
                                                           monkeypatch):
    _use_engine(app, monkeypatch, f"{FAULTS}:UnreachableGoogle")
    bulletin_id = _publish(client, login, session)
    b = _bulletin(session, bulletin_id)
    assert b.media_state == "done" and b.audio_mp3 and b.media_error == ""
    meta = json.loads((media_root / b.audio_mp3).with_suffix(".json").read_text())
    assert meta["engine"] == "espeak"
    assert queue.scheduled_count() == 0


def test_the_list_of_bulletins_shows_the_reason_too(app, client, editor, login, session, media_root, queue,
                                                    monkeypatch):
    _use_engine(app, monkeypatch, f"{FAULTS}:FailingEngine")
    bulletin_id = _publish(client, login, session)
    _run_retries(queue)
    listing = client.get("/quan-tri/ban-tin/").get_data(as_text=True)
    assert "Bộ đọc giọng nói không đọc được văn bản này." in listing
    assert session.scalar(select(Bulletin.media_state).where(Bulletin.id == bulletin_id)) == "failed"
