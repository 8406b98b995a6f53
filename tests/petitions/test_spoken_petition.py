"""Speak instead of typing: a recording written down by the job worker, checked, corrected and
sent; without a recogniser it is sent attached. Every refusal keeps what was typed."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.petitions.models import REC_DONE, REC_KEPT, Petition, PetitionRecording
from portal.speech_input.recognizers import VietAsrRecognizer
from tests.conftest import csrf_from
from tests.speech_input.clips import DATA, as_browser_records, mp3_of_seconds, natural_samples

TYPED = {"category": "ha-tang", "title": "", "body": "", "name": "Nguyễn Văn Ba", "phone": "0912 345 678",
         "email": "", "consent_public": "y"}
ECHO = "tests.speech_input.fakes:Echo"


@pytest.fixture(autouse=True)
def media_root(app, tmp_path, monkeypatch) -> Path:
    """A media folder of this test's own, so "no file left" can be checked exactly."""
    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(tmp_path / "media"))
    return tmp_path / "media"


def form_fields(client, unit="11311"):
    html = client.get(f"/phan-anh/gui?don-vi={unit}").get_data(as_text=True)
    submission = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', html).group(1)
    return {"csrf_token": csrf_from(html), "submission_id": submission, "unit_code": unit}


def upload(client, data: bytes, name="ghi-am.bin", **typed):
    import io

    fields = {**form_fields(client), **TYPED, **typed, "buoc": "ghi-am",
              "recording": (io.BytesIO(data), name)}
    return client.post("/phan-anh/gui", data=fields, content_type="multipart/form-data")


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html)
    return match.group(1) if match else ""


def textarea(html: str, name: str) -> str:
    import html as entities

    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', html, re.S)
    return entities.unescape(match.group(1))


def text_input(html: str, name: str) -> str:
    import html as entities

    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return entities.unescape(match.group(1)) if match else ""


def send_back(client, html: str, **changes):
    fields = {"csrf_token": csrf_from(html), "submission_id": hidden(html, "submission_id"),
              "unit_code": hidden(html, "unit_code"), "recording_token": hidden(html, "recording_token"),
              "photo_tokens": hidden(html, "photo_tokens"), **TYPED,
              "title": text_input(html, "title"),
              "body": textarea(html, "body"), **changes}
    return client.post("/phan-anh/gui", data=fields)


def stored_files(app) -> list[Path]:
    root = Path(app.config["MEDIA_ROOT"]) / "private" / "recordings"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_the_form_offers_a_recording_field_that_works_without_javascript(client):
    html = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    field = re.search(r'<input[^>]*name="recording"[^>]*>', html).group(0)
    assert 'type="file"' in field and 'accept="audio/*"' in field and "capture" in field
    assert 'enctype="multipart/form-data"' in html and 'value="ghi-am"' in html
    assert "Nói thay vì gõ" in html


@pytest.mark.skipif(not VietAsrRecognizer.installed(), reason="viet-asr installs only on Linux, CPython 3.11")
def test_a_natural_recording_is_written_down_read_back_corrected_and_sent(app, client, session):
    answer = upload(client, (DATA / "natural.amr").read_bytes(), title="Cây đổ chắn ngõ 7")
    assert answer.status_code == 303
    draft_url = answer.headers["Location"]
    assert re.fullmatch(r"/phan-anh/ghi-am/[0-9a-f]{32}", draft_url)
    page = client.get(draft_url)  # the worker (immediate in the tests) has written it down
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store, private"
    assert "khúc cây" in textarea(html, "body") and 'value="Cây đổ chắn ngõ 7"' in html
    assert 'value="0912 345 678"' in html and "Nguyễn Văn Ba" in html
    token = hidden(html, "recording_token")
    spoken = client.get(f"/phan-anh/ghi-am/{token}/doc-lai.opus")
    assert spoken.status_code == 200 and spoken.data[:4] == b"OggS"
    assert client.get(f"/phan-anh/ghi-am/{token}/doc-lai.mp3").status_code == 200
    assert client.get(f"/phan-anh/ghi-am/{token}/ban-ghi").data[:5] == b"#!AMR"
    stranger = app.test_client()  # the draft belongs to this browser only
    for url in (draft_url, f"{draft_url}/ban-ghi", f"{draft_url}/doc-lai.opus"):
        assert stranger.get(url).status_code == 404

    corrected = "Bạn cầm khúc cây ném vào bãi cỏ ở đằng xa, cây đổ chắn lối đi của ngõ 7 đã ba ngày."
    preview = send_back(client, html, title="Cây đổ chắn ngõ 7", body=corrected, buoc="xem-truoc")
    assert preview.status_code == 200 and "đính kèm, chỉ ủy ban nghe" in preview.get_data(as_text=True).lower()
    sent = send_back(client, preview.get_data(as_text=True), title="Cây đổ chắn ngõ 7", body=corrected, buoc="gui")
    assert sent.status_code == 303 and "/bien-nhan/" in sent.headers["Location"]
    petition = session.scalar(select(Petition))
    assert petition.body == corrected and petition.phone == "0912345678"
    [recording] = petition.recordings
    assert recording.status == REC_DONE and "khúc cây" in recording.transcript and recording.draft == ""
    assert client.get(draft_url).status_code == 404  # sent: the draft page is gone


def test_without_a_recogniser_the_recording_is_sent_attached(app, client, session, monkeypatch):
    monkeypatch.setitem(app.config, "RECOGNIZER", "none")
    answer = upload(client, (DATA / "natural.opus").read_bytes())
    html = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "không chép được lời" in html.lower() or "chưa chép được" in html.lower() or "không thể chép" in html.lower()
    sent = send_back(client, html, buoc="gui")
    assert sent.status_code == 303
    petition = session.scalar(select(Petition))
    assert petition.title == "Phản ánh bằng lời nói" and "nghe bản ghi" in petition.body
    assert [r.status for r in petition.recordings] == [REC_KEPT]


@pytest.fixture
def queue():
    """Huey in immediate mode keeps retries in memory: start and end with nothing there."""
    from portal.jobs.queue import jobs

    jobs.huey.flush()
    yield jobs.huey
    jobs.huey.flush()


def run_retries(queue) -> int:
    runs = 0
    while scheduled := queue.read_schedule(datetime(2100, 1, 1)):
        for task in scheduled:
            queue.execute(task, timestamp=task.eta)
            runs += 1
    return runs


@pytest.mark.parametrize(("recognizer", "limit"), [("tests.speech_input.fakes:Crashing", 30),
                                                   ("tests.speech_input.fakes:Hanging", 2)])
def test_a_recogniser_that_crashes_or_hangs_loses_nothing(app, client, session, monkeypatch, queue, recognizer,
                                                          limit):
    monkeypatch.setitem(app.config, "RECOGNIZER", recognizer)
    monkeypatch.setitem(app.config, "RECOGNIZER_TIME_LIMIT", limit)
    answer = upload(client, (DATA / "natural.opus").read_bytes(), title="Cây đổ chắn ngõ 7")
    waiting = client.get(answer.headers["Location"])  # the first attempt failed: a retry is due
    assert 'http-equiv="refresh"' in waiting.get_data(as_text=True)
    assert "Đang chép lời" in waiting.get_data(as_text=True)
    assert "khong-cho=1" in waiting.get_data(as_text=True)  # or not wait: the form, the recording attached
    impatient = client.get(answer.headers["Location"] + "?khong-cho=1").get_data(as_text=True)
    assert "Chưa có lời chép" in impatient and 'value="Cây đổ chắn ngõ 7"' in impatient
    assert hidden(impatient, "recording_token")
    assert run_retries(queue) == 2  # three attempts in all
    html = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "không chép được lời ghi âm" in html.lower()
    assert 'value="Cây đổ chắn ngõ 7"' in html and 'value="0912 345 678"' in html
    assert send_back(client, html, title="Cây đổ chắn ngõ 7", buoc="gui").status_code == 303
    assert len(session.scalar(select(Petition)).recordings) == 1


@pytest.mark.parametrize(("data", "message"), [
    (b"this is a text file, not a recording" * 10, "Không đọc được tệp này"),
    (b"RIFF\x10\x00\x00\x00WAVEfmt " + b"\xff" * 300, "Không đọc được tệp này"),
    (mp3_of_seconds(3 * 3600), "dài hơn 3 phút"),
])
def test_unusable_recordings_are_refused_with_the_text_kept(app, client, session, data, message):
    answer = upload(client, data, name="ghi-am.mp3", title="Cây đổ chắn ngõ 7", body="Đã ba ngày rồi.")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400 and message in html
    assert 'value="Cây đổ chắn ngõ 7"' in html and "Đã ba ngày rồi." in html and 'value="0912 345 678"' in html
    assert session.scalar(select(func.count()).select_from(PetitionRecording)) == 0
    assert stored_files(app) == []


def test_a_spoken_phone_number_is_masked_like_a_typed_one(app, client, session, monkeypatch):
    monkeypatch.setitem(app.config, "RECOGNIZER", ECHO)
    monkeypatch.setenv("ECHO_TEXT", "đèn đường ngõ năm hỏng một tháng gọi tôi số không chín một hai ba "
                                    "bốn năm sáu bảy tám")
    html = client.get(upload(client, (DATA / "natural.opus").read_bytes()).headers["Location"]).get_data(as_text=True)
    assert "0912345678" in textarea(html, "body")  # the resident sees digits, and may remove them
    preview = send_back(client, html, title="Đèn đường ngõ 5 hỏng", buoc="xem-truoc").get_data(as_text=True)
    public_part = preview.split("Nếu được công khai")[1].split("<form")[0]
    assert "0912345678" not in public_part and "số điện thoại đã ẩn" in public_part
    send_back(client, html, title="Đèn đường ngõ 5 hỏng", buoc="gui")
    petition = session.scalar(select(Petition))
    assert "0912345678" not in petition.public_body


def test_a_browser_webm_without_a_stated_length_shows_its_real_length(app, client, session, monkeypatch):
    """Chrome's MediaRecorder states no duration: the draft page once said "1 giây" for any length."""
    monkeypatch.setitem(app.config, "RECOGNIZER", ECHO)
    samples, rate = natural_samples()
    answer = upload(client, as_browser_records(samples, rate, "webm", repeat=3), name="ghi-am.webm")
    assert answer.status_code == 303
    [recording] = session.scalars(select(PetitionRecording)).all()
    assert recording.seconds == pytest.approx(3 * samples.size / rate, abs=0.3) and recording.mimetype == "audio/webm"
    assert "Đã đính kèm bản ghi âm (14 giây)" in client.get(answer.headers["Location"]).get_data(as_text=True)
    too_long = upload(client, as_browser_records(samples, rate, "webm", repeat=41), name="ghi-am.webm",
                      title="Cây đổ chắn ngõ 7")
    assert too_long.status_code == 400 and "dài hơn 3 phút" in too_long.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(PetitionRecording)) == 1
