"""What an editor reads: the audio state refreshes itself, messages are Vietnamese and in words,
the committee hint tells the truth and a refused save keeps the chosen picture."""

import io
import re

from PIL import Image
from sqlalchemy import select

from portal.bulletins.models import Bulletin, NewsSource
from portal.db import utcnow
from portal.jobs.failures import record
from portal.units.service import get_by_code
from tests.conftest import csrf_from

FORM = {"title": "Thông báo lịch tiếp công dân", "summary": "Lịch tiếp dân.", "body": "Tiếp dân thứ Năm.",
        "topic": "phap-luat", "unit_code": "31", "cover_alt": ""}


def _waiting(session, bulletin_id):
    b = session.get(Bulletin, bulletin_id)
    b.media_state = "waiting"
    session.commit()


def test_the_audio_state_polls_until_done_and_refreshes_without_js(client, editor, login, session, make_bulletin):
    bulletin_id = make_bulletin()
    login("bientap@example.org")
    _waiting(session, bulletin_id)
    status_url = f"/quan-tri/ban-tin/{bulletin_id}/am-thanh"
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    block = re.search(r'<p id="media-state"[^>]*>', page).group(0)
    assert f'hx-get="{status_url}"' in block and 'hx-trigger="every 5s"' in block
    assert f'<a href="{status_url}">Kiểm tra lại</a>' in page
    full = client.get(status_url)
    assert full.headers["Refresh"] == "10" and "<html" in full.get_data(as_text=True)
    part = client.get(status_url, headers={"HX-Request": "true"})
    assert "<html" not in part.get_data(as_text=True) and "HX-Request" in part.headers["Vary"]
    b = session.get(Bulletin, bulletin_id)
    b.media_state = "done"
    session.commit()
    done = client.get(status_url, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Đã có bản nghe" in done and "hx-trigger" not in done  # polling stops
    assert "Refresh" not in client.get(status_url).headers


def test_a_failed_voice_is_explained_in_vietnamese_words(client, editor, login, session, make_bulletin):
    bulletin_id = make_bulletin()
    b = session.get(Bulletin, bulletin_id)
    b.media_state, b.media_error = "failed", record(RuntimeError("boom: codec went away"))
    session.commit()
    login("bientap@example.org")
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    assert "Đã xảy ra lỗi không lường trước." in page
    assert "RuntimeError" not in page and "codec went away" not in page
    b.media_error = "Traceback: ValueError: plain old English"  # stored before the JSON records
    session.commit()
    page = client.get(f"/quan-tri/ban-tin/{bulletin_id}").get_data(as_text=True)
    assert "plain old English" not in page and "Đã xảy ra lỗi không lường trước." in page


def test_news_import_problems_are_shown_in_vietnamese(client, make_user, login, session):
    make_user("admin@example.org", role="admin")
    for code, name in (("xml", "a"), ("dtd", "b"), ("fetch", "c"), ("format", "d")):
        session.add(NewsSource(name=name, url=f"http://127.0.0.1/{name}", unit=get_by_code(session, "40"),
                               last_error=code, last_checked_at=utcnow()))
    session.commit()
    login("admin@example.org")
    html = client.get("/quan-tri/ban-tin/nguon-tin").get_data(as_text=True)
    for english in ("not valid XML", "DOCTYPE or entity", "are refused", "could not fetch", "neither RSS",
                    ": xml", ": dtd"):
        assert english not in html, english
    assert "không phải là tệp RSS hay Atom đúng chuẩn" in html
    assert "khai báo kiểu tài liệu" in html


def test_hint_tells_an_editor_the_truth_and_a_refused_save_keeps_the_picture(client, make_user, login, session):
    make_user("tw@example.org", role="editor", unit="TW")
    login("tw@example.org")
    page = client.get("/quan-tri/ban-tin/moi").get_data(as_text=True)
    hint = re.search(r'id="unit_code-hint">([^<]*)<', page).group(1)
    assert hint == "Bạn chỉ đăng bài cho Ủy ban của mình: Ủy ban Trung ương MTTQ Việt Nam, mã TW."  # no "tỉnh"
    raw = io.BytesIO()
    Image.new("RGB", (640, 400), (20, 120, 60)).save(raw, "JPEG")
    refused = client.post("/quan-tri/ban-tin/moi", data={**FORM, "csrf_token": csrf_from(page),
                                                          "cover": (io.BytesIO(raw.getvalue()), "anh.jpg")},
                          content_type="multipart/form-data")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Bạn chỉ đăng được bài cho Ủy ban của mình." in html
    assert "Ảnh bạn đã chọn được giữ lại" in html
    token = re.search(r'name="cover_token" type="hidden" value="([^"]+)"', html).group(1)
    again = client.post("/quan-tri/ban-tin/moi", data={**FORM, "unit_code": "TW", "csrf_token": csrf_from(html),
                                                       "cover_token": token}, content_type="multipart/form-data")
    assert again.status_code == 302
    b = session.scalar(select(Bulletin))
    assert b.unit.code == "TW" and b.cover_jpeg and b.cover_webp
    forged = client.post("/quan-tri/ban-tin/moi", data={**FORM, "unit_code": "TW", "title": "Khác",
                                                        "csrf_token": csrf_from(html), "cover_token": "x.y"})
    assert forged.status_code == 302
    assert session.scalar(select(Bulletin).where(Bulletin.title == "Khác")).cover_jpeg is None


def test_covers_of_refused_saves_are_removed_after_a_day(client, make_user, login, session, app):
    import os
    import time

    from portal.bulletins.jobs import remove_unused_covers
    from portal.core import media

    make_user("tw@example.org", role="editor", unit="TW")
    login("tw@example.org")
    page = client.get("/quan-tri/ban-tin/moi").get_data(as_text=True)
    raw = io.BytesIO()
    Image.new("RGB", (640, 400), (200, 120, 60)).save(raw, "JPEG")
    html = client.post("/quan-tri/ban-tin/moi", data={**FORM, "csrf_token": csrf_from(page),
                                                       "cover": (io.BytesIO(raw.getvalue()), "anh.jpg")},
                       content_type="multipart/form-data").get_data(as_text=True)
    token = re.search(r'name="cover_token" type="hidden" value="([^"]+)"', html).group(1)
    client.post("/quan-tri/ban-tin/moi", data={**FORM, "unit_code": "TW", "title": "Dùng ảnh",
                                               "csrf_token": csrf_from(html), "cover_token": token})
    used = session.scalar(select(Bulletin))
    Image.new("RGB", (640, 400), (10, 10, 200)).save(raw := io.BytesIO(), "JPEG")
    html = client.post("/quan-tri/ban-tin/moi", data={**FORM, "csrf_token": csrf_from(page),
                                                       "cover": (io.BytesIO(raw.getvalue()), "anh.jpg")},
                       content_type="multipart/form-data").get_data(as_text=True)
    orphan = re.search(r'name="cover_token" type="hidden" value="([^"]+)"', html).group(1)
    with app.app_context():
        covers = list((media.media_root() / "public" / "covers").iterdir())  # (shared by this session's tests)
        assert len(covers) >= 4
        assert remove_unused_covers(session) == 0  # all younger than a day
        day_old = time.time() - 25 * 3600
        for path in covers:
            os.utime(path, (day_old, day_old))
        assert remove_unused_covers(session) == len(covers) - 2  # all but the saved bulletin's two
        assert media.path_of(used.cover_jpeg).exists() and media.path_of(used.cover_webp).exists()
    again = client.post("/quan-tri/ban-tin/moi", data={**FORM, "unit_code": "TW", "title": "Ảnh đã mất",
                                                       "csrf_token": csrf_from(html), "cover_token": orphan})
    assert again.status_code == 400 and "Ảnh bạn chọn lúc trước không còn được giữ" in again.get_data(as_text=True)
    assert 'value="Ảnh đã mất"' in again.get_data(as_text=True)
