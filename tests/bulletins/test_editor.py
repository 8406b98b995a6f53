"""The editor's publishing flow and who may do what."""

import io
import re

from PIL import Image
from sqlalchemy import select

from portal.accounts.models import AuditEntry
from portal.bulletins.models import Bulletin
from tests.conftest import csrf_from

FORM = {"title": "Thông báo lịch tiếp công dân tháng 12", "summary": "Lịch tiếp dân của Ủy ban MTTQ thành phố.",
        "body": "Ủy ban MTTQ thành phố tiếp công dân vào **thứ Năm** hằng tuần.", "topic": "phap-luat",
        "unit_code": "31", "cover_alt": ""}


def _post(client, url, data, **kw):
    token = csrf_from(client.get(url if "dang" not in url else "/quan-tri/ban-tin/moi").get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token}, **kw)


def test_editor_writes_previews_publishes_and_unpublishes(client, editor, login, session):
    login("bientap@example.org")
    response = _post(client, "/quan-tri/ban-tin/moi", FORM)
    assert response.status_code == 302
    b = session.scalar(select(Bulletin))
    assert b.status == "draft" and b.unit.code == "31" and b.slug == "thong-bao-lich-tiep-cong-dan-thang-12"
    assert client.get(f"/ban-tin/{b.slug}").status_code == 404
    preview = client.get(f"/quan-tri/ban-tin/{b.id}/xem-truoc").get_data(as_text=True)
    assert "<strong>thứ Năm</strong>" in preview, preview[preview.find("<main"):][:1500]
    assert "Xem trước" in preview
    edit_page = client.get(f"/quan-tri/ban-tin/{b.id}").get_data(as_text=True)
    client.post(f"/quan-tri/ban-tin/{b.id}/dang", data={"csrf_token": csrf_from(edit_page), "publish_at": ""})
    session.expire_all()
    b = session.get(Bulletin, b.id)
    assert b.status == "published" and b.media_state == "done"
    assert client.get(f"/ban-tin/{b.slug}").status_code == 200
    edit_page = client.get(f"/quan-tri/ban-tin/{b.id}").get_data(as_text=True)
    assert "Đã có bản nghe" in edit_page
    client.post(f"/quan-tri/ban-tin/{b.id}/go", data={"csrf_token": csrf_from(edit_page)})
    assert client.get(f"/ban-tin/{b.slug}").status_code == 404
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "bulletin")
                              .order_by(AuditEntry.id)).all()
    assert actions == ["bulletin.create", "bulletin.publish", "bulletin.unpublish"]


def test_text_change_renders_audio_again(client, editor, login, session):
    login("bientap@example.org")
    _post(client, "/quan-tri/ban-tin/moi", FORM)
    b = session.scalar(select(Bulletin))
    page = client.get(f"/quan-tri/ban-tin/{b.id}").get_data(as_text=True)
    client.post(f"/quan-tri/ban-tin/{b.id}/dang", data={"csrf_token": csrf_from(page)})
    session.expire_all()
    first = session.get(Bulletin, b.id).audio_mp3
    _post(client, f"/quan-tri/ban-tin/{b.id}", {**FORM, "body": FORM["body"] + " Xin cảm ơn bà con."})
    session.expire_all()
    again = session.get(Bulletin, b.id)
    assert again.audio_mp3 != first and again.media_state == "done"


def test_invalid_form_keeps_text_and_explains(client, editor, login, session):
    login("bientap@example.org")
    response = _post(client, "/quan-tri/ban-tin/moi", {**FORM, "title": "", "body": "Nội dung <b>giữ lại</b>"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Vui lòng nhập tiêu đề." in html and "Nội dung &lt;b&gt;giữ lại&lt;/b&gt;" in html
    assert session.scalar(select(Bulletin)) is None


def test_editor_only_publishes_for_own_committee(client, editor, login, session, make_bulletin):
    login("bientap@example.org")
    response = _post(client, "/quan-tri/ban-tin/moi", {**FORM, "unit_code": "40"})
    assert response.status_code == 400
    assert "Bạn chỉ đăng được bài cho Ủy ban của mình." in response.get_data(as_text=True)
    other = make_bulletin(unit="40")
    assert client.get(f"/quan-tri/ban-tin/{other}").status_code == 403
    assert "Bạn chưa có bản tin nào." in client.get("/quan-tri/ban-tin/").get_data(as_text=True)


def test_handler_cannot_open_the_editor(client, make_user, login):
    make_user("xl@example.org", role="handler", unit="11311")
    login("xl@example.org")
    assert client.get("/quan-tri/ban-tin/").status_code == 403


def test_cover_is_resized_and_stripped(client, editor, login, session, app):
    login("bientap@example.org")
    img = Image.new("RGB", (2400, 1600), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = "Nhà ông A, số 5 ngõ 12"  # ImageDescription
    exif[0x010F] = "PhoneMaker"  # Make
    raw = io.BytesIO()
    img.save(raw, "JPEG", exif=exif, quality=95)
    response = _post(client, "/quan-tri/ban-tin/moi", {**FORM, "cover": (io.BytesIO(raw.getvalue()), "anh.jpg"),
                                                        "cover_alt": "Ngày hội"},
                     content_type="multipart/form-data")
    assert response.status_code == 302
    b = session.scalar(select(Bulletin))
    for key in (b.cover_webp, b.cover_jpeg):
        data = client.get(f"/media/{key}").data
        assert 0 < len(data) <= 30_000
        assert not Image.open(io.BytesIO(data)).getexif()
    assert b.cover_width <= 800


def test_a_script_disguised_as_a_picture_is_refused(client, editor, login, session):
    login("bientap@example.org")
    response = _post(client, "/quan-tri/ban-tin/moi",
                     {**FORM, "cover": (io.BytesIO(b"#!/bin/sh\nrm -rf /\n"), "anh.jpg")},
                     content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Không đọc được ảnh" in response.get_data(as_text=True)
    assert re.search(r'value="Thông báo lịch tiếp công dân tháng 12"', response.get_data(as_text=True))
