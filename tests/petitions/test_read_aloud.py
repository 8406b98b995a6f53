"""“Nghe lại”: the text in the petition form read back by the offline voice, with JavaScript off
(the whole form again, as typed, with a player) and with htmx (the player alone); private,
this session's only, ten minutes, never logged with the words; refusals keep the text."""

from __future__ import annotations

import io
import logging
import re
import stat
import time
from pathlib import Path

import pytest

from portal.petitions import read_aloud
from tests.conftest import csrf_from
from tests.petitions.test_spoken_petition import ECHO, form_fields, hidden, textarea, upload
from tests.speech_input.clips import DATA

WORDS = "Đèn đường ở ngõ năm hỏng đã một tháng, xin ủy ban cho sửa giúp bà con."
HTMX = {"HX-Request": "true", "HX-Current-URL": "http://localhost/phan-anh/ghi-am/x"}


@pytest.fixture(autouse=True)
def media_root(app, tmp_path, monkeypatch) -> Path:
    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(tmp_path / "media"))
    return tmp_path / "media"


def typed(client, **changes) -> dict:
    return {**form_fields(client), "category": "ha-tang", "title": "Đèn đường ngõ năm hỏng",
            "body": WORDS, "name": "Nguyễn Văn Ba", "phone": "0912 345 678", **changes}


def clips(media_root: Path) -> list[Path]:
    root = media_root / "private" / "nghe-lai"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def sources(html: str) -> list[str]:
    return re.findall(r'<source src="(/phan-anh/nghe-lai/[0-9a-f]{32}\.(?:opus|mp3))"', html)


def test_the_listen_button_appears_with_the_words_written_down(app, client, monkeypatch):
    assert "nghe-lai" not in client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    monkeypatch.setitem(app.config, "RECOGNIZER", ECHO)
    draft = client.get(upload(client, (DATA / "natural.opus").read_bytes()).headers["Location"])
    html = draft.get_data(as_text=True)
    button = re.search(r'<button[^>]*value="nghe-lai"[^>]*>([^<]*)</button>', html)
    assert button and button.group(1) == "Nghe lại", html
    assert 'formaction="/phan-anh/nghe-lai"' in button.group(0) and 'hx-post="/phan-anh/nghe-lai"' in button.group(0)
    assert "đèn đường" in textarea(html, "body").lower()


def test_without_javascript_the_form_comes_back_as_typed_with_a_player(app, client, media_root, caplog):
    caplog.set_level(logging.DEBUG)
    answer = client.post("/phan-anh/nghe-lai", data={**typed(client), "buoc": "nghe-lai",
                                                     "photos": (io.BytesIO(b""), "")},
                         content_type="multipart/form-data")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store, private"
    assert "<html" in html and textarea(html, "body") == WORDS and 'value="0912 345 678"' in html
    assert 'value="Đèn đường ngõ năm hỏng"' in html
    opus, mp3 = sources(html)
    assert opus.endswith(".opus") and mp3.endswith(".mp3")
    assert '<audio controls preload="none">' in html
    spoken = client.get(opus)
    assert spoken.status_code == 200 and spoken.data[:4] == b"OggS" and spoken.mimetype == "audio/ogg"
    assert spoken.headers["Cache-Control"] == "no-store, private"
    assert client.get(mp3).mimetype == "audio/mpeg"
    # Private: under private/, the portal's alone, named by a random token, not by the words.
    files = clips(media_root)
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert not (media_root / "public").exists() or not any((media_root / "public").rglob("*.opus"))
    assert app.test_client().get(opus).status_code == 404  # another browser
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Đèn đường" not in logged and "ngõ năm" not in logged


def test_with_htmx_only_the_player_comes_back(client):
    answer = client.post("/phan-anh/nghe-lai", data=typed(client), headers=HTMX)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "<html" not in html and "HX-Request" in answer.headers["Vary"]
    assert len(sources(html)) == 2 and "10 phút" in html


def test_the_clip_is_served_ten_minutes_then_removed(client, media_root, monkeypatch):
    html = client.post("/phan-anh/nghe-lai", data=typed(client), headers=HTMX).get_data(as_text=True)
    opus = sources(html)[0]
    assert client.get(opus).status_code == 200
    later = time.time() + read_aloud.LIFETIME + 1
    monkeypatch.setattr(read_aloud.time, "time", lambda: later)
    assert client.get(opus).status_code == 404
    with client.application.app_context():
        assert read_aloud.remove_expired(later) == 1
    assert clips(media_root) == []


@pytest.mark.parametrize("body, status, message", [
    ("", 400, "Chưa có nội dung để đọc lại"),
    ("Chữ " * 400, 400, "tối đa 1.500"),
])
def test_nothing_or_too_much_to_read_keeps_the_text(client, media_root, body, status, message):
    answer = client.post("/phan-anh/nghe-lai", data=typed(client, body=body))
    html = answer.get_data(as_text=True)
    assert answer.status_code == status and message in html, html
    assert textarea(html, "body") == body and clips(media_root) == []


def test_without_the_form_token_nothing_is_read(client, media_root):
    fields = typed(client)
    fields["csrf_token"] = "forged"
    answer = client.post("/phan-anh/nghe-lai", data=fields)
    assert answer.status_code == 400 and "hết hạn" in answer.get_data(as_text=True)  # the portal's expired-form page
    assert clips(media_root) == []
    assert client.post("/phan-anh/nghe-lai", data={**fields, "unit_code": "nowhere"}).status_code == 400


def test_the_rate_limit_says_how_long_to_wait_and_keeps_the_text(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "READ_ALOUD_RATE_LIMIT", "2 per hour")
    for _ in range(2):
        assert client.post("/phan-anh/nghe-lai", data=typed(client), headers=HTMX).status_code == 200
    html_page = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    fields = {**typed(client), "csrf_token": csrf_from(html_page)}
    refused = client.post("/phan-anh/nghe-lai", data=fields)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 60
    assert "vui lòng chờ khoảng" in html and textarea(html, "body") == WORDS
    partial = client.post("/phan-anh/nghe-lai", data=fields, headers=HTMX)
    assert partial.status_code == 200 and partial.headers["X-Status"] == "429" and "role=\"alert\"" in \
        partial.get_data(as_text=True)


def test_a_failing_voice_is_a_polite_503_with_the_text_kept(client, media_root, monkeypatch):
    import portal.audio

    def broken(*args, **kwargs):
        raise portal.audio.SpeechCrashed("espeak stopped")

    monkeypatch.setattr(portal.audio, "render_speech_limited", broken)
    answer = client.post("/phan-anh/nghe-lai", data=typed(client))
    html = answer.get_data(as_text=True)
    assert answer.status_code == 503 and "giọng đọc của cổng" in html.lower() and textarea(html, "body") == WORDS
    assert clips(media_root) == []
    assert hidden(html, "submission_id")
