"""A resident sends a petition: committee choice, validation, preview, idempotent receipt."""

import io
import re
import threading

import pytest
from PIL import Image
from sqlalchemy import func, select

from portal.petitions.models import Notification, Petition, PetitionPhoto
from tests.conftest import csrf_from

GOOD = {"category": "ha-tang", "title": "Đèn đường ngõ 12 hỏng cả tháng nay",
        "body": "Đèn đường ở ngõ 12 phố Lạch Tray hỏng từ đầu tháng, tối đi lại rất nguy hiểm cho người già.",
        "name": "Nguyễn Thị Lan", "phone": "0912 345 678", "email": "", "consent_public": "y"}


def _form(client, unit="11311"):
    html = client.get(f"/phan-anh/gui?don-vi={unit}").get_data(as_text=True)
    submission = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', html).group(1)
    return {"csrf_token": csrf_from(html), "submission_id": submission, "unit_code": unit}


def _count(session, model=Petition):
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def test_choosing_the_committee_without_javascript(client):
    html = client.get("/phan-anh/gui").get_data(as_text=True)
    assert 'name="cap"' in html and 'name="tinh"' in html
    assert client.get("/phan-anh/gui?cap=tw").headers["Location"].endswith("don-vi=TW")
    assert client.get("/phan-anh/gui?cap=tinh&tinh=31").headers["Location"].endswith("don-vi=31")
    listing = client.get("/phan-anh/gui?cap=xa&tinh=31").get_data(as_text=True)
    assert "Phường Hồng Bàng" in listing and "Phường Lê Chân" in listing
    narrowed = client.get("/phan-anh/gui?cap=xa&tinh=31&q=hong+bang").get_data(as_text=True)
    assert "Phường Hồng Bàng" in narrowed and "Phường Lê Chân" not in narrowed
    fragment = client.get("/phan-anh/gui?cap=xa&tinh=31&q=le+chan", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True) and "Phường Lê Chân" in fragment.get_data(as_text=True)
    form = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    assert "Ủy ban MTTQ Việt Nam phường Hồng Bàng" in form and 'name="title"' in form


def test_preview_then_send_gives_a_receipt_once(client, session):
    base = _form(client)
    preview = client.post("/phan-anh/gui", data={**base, **GOOD, "buoc": "xem-truoc"})
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and 'value="gui"' in html
    assert "[địa chỉ đã ẩn]" in html or "ngõ 12 phố Lạch Tray" not in html.split("xem-truoc")[1].split("<form")[0]
    assert _count(session) == 0
    sent = client.post("/phan-anh/gui", data={**base, **GOOD, "buoc": "gui"})
    assert sent.status_code == 303
    receipt = client.get(sent.headers["Location"]).get_data(as_text=True)
    petition = session.scalar(select(Petition))
    assert petition.code in receipt and petition.due_on.strftime("%d/%m/%Y") in receipt
    assert re.fullmatch(r"PA-[A-Z2-9]{4}-[A-Z2-9]{4}", petition.code)
    assert petition.phone == "0912345678" and petition.unit.code == "11311"
    again = client.post("/phan-anh/gui", data={**base, **GOOD, "buoc": "gui"})
    assert again.headers["Location"] == sent.headers["Location"]
    assert _count(session) == 1
    assert session.scalar(select(Notification.recipient)) == "0912345678"


def test_the_same_form_sent_at_once_from_several_connections_is_stored_once(app, session):
    clients = [app.test_client() for _ in range(6)]
    forms = [_form(c) for c in clients]
    submission = forms[0]["submission_id"]
    barrier = threading.Barrier(len(clients))
    results = []

    def send(client, form):
        barrier.wait()
        r = client.post("/phan-anh/gui", data={**form, **GOOD, "submission_id": submission, "buoc": "gui"})
        results.append((r.status_code, r.headers.get("Location")))

    threads = [threading.Thread(target=send, args=(c, f)) for c, f in zip(clients, forms, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [s for s, _ in results] == [303] * len(clients)
    assert len({loc for _, loc in results}) == 1
    assert _count(session) == 1


def test_bad_input_is_explained_and_kept(client, session):
    base = _form(client)
    cases = [
        ({"title": "", "body": ""}, "Vui lòng"),
        ({"phone": "12345"}, "số điện thoại"),
        ({"phone": "", "email": ""}, "thư điện tử"),
        ({"body": "x" * 5001}, "5000"),
        ({"email": "not-an-email"}, "thư điện tử"),
    ]
    for change, expected in cases:
        response = client.post("/phan-anh/gui", data={**base, **GOOD, **change, "buoc": "gui"})
        html = response.get_data(as_text=True)
        assert response.status_code == 400, change
        assert expected in html, (change, expected)
    hostile = {"title": "<script>alert(1)</script> đèn hỏng", "body": "'; DROP TABLE petitions; -- " * 3}
    response = client.post("/phan-anh/gui", data={**base, **GOOD, **hostile, "buoc": "xem-truoc"})
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; đèn hỏng" in html
    assert _count(session) == 0


def test_honeypot_stores_nothing(client, session):
    response = client.post("/phan-anh/gui", data={**_form(client), **GOOD, "website": "http://spam", "buoc": "gui"})
    assert response.status_code == 400 and _count(session) == 0


def test_photos_are_resized_stripped_private_and_carried_from_preview(app, client, session):
    img = Image.new("RGB", (3000, 2000), (120, 160, 90))
    exif = Image.Exif()
    exif[0x010E] = "Nhà số 5 ngõ 12"
    raw = io.BytesIO()
    img.save(raw, "JPEG", quality=95, exif=exif)
    base = _form(client)
    preview = client.post("/phan-anh/gui", data={**base, **GOOD, "buoc": "xem-truoc",
                                                 "photos": [(io.BytesIO(raw.getvalue()), "anh.jpg")]},
                          content_type="multipart/form-data")
    tokens = re.search(r'name="photo_tokens" type="hidden" value="([^"]+)"', preview.get_data(as_text=True)).group(1)
    client.post("/phan-anh/gui", data={**base, **GOOD, "buoc": "gui", "photo_tokens": tokens})
    photo = session.scalar(select(PetitionPhoto))
    from pathlib import Path

    data = (Path(app.config["MEDIA_ROOT"]) / photo.key).read_bytes()
    assert len(data) <= 100_000 and not Image.open(io.BytesIO(data)).getexif()
    assert photo.key.startswith("private/") and client.get(f"/media/{photo.key}").status_code == 404
    forged = client.post("/phan-anh/gui", data={**_form(client), **GOOD, "buoc": "gui", "photo_tokens": "x.y"})
    assert forged.status_code == 303  # a forged token carries no photo
    assert _count(session, PetitionPhoto) == 1


def test_a_script_disguised_as_a_photo_is_refused(client, session):
    response = client.post("/phan-anh/gui", data={**_form(client), **GOOD, "buoc": "xem-truoc",
                                                  "photos": [(io.BytesIO(b"<?php system($_GET['c']); ?>"), "a.jpg")]},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "a.jpg" in response.get_data(as_text=True)


def test_team_member_sends_for_a_resident_without_phone(client, make_user, login, session):
    make_user("to@example.org", role="team", unit="11311")
    login("to@example.org")
    base = _form(client)
    sent = client.post("/phan-anh/gui", data={**base, **GOOD, "phone": "", "name": "", "buoc": "gui"})
    assert sent.status_code == 303
    petition = session.scalar(select(Petition))
    assert petition.submitted_by.email == "to@example.org" and petition.hide_name
    assert "to" in client.get(sent.headers["Location"]).get_data(as_text=True)


def test_the_text_has_a_counter_with_and_without_javascript(client):
    html = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    assert 'id="body-count"' in html and "tối đa 5.000 ký tự" in html
    assert 'hx-params="body"' in html and "/dem-ky-tu?" in html
    base = _form(client)
    too_long = client.post("/phan-anh/gui", data={**base, **GOOD, "body": "x" * 5012, "buoc": "xem-truoc"})
    page = too_long.get_data(as_text=True)
    assert too_long.status_code == 400 and "5.012 ký tự: thừa 12" in page and "x" * 5012 in page
    counted = client.post("/dem-ky-tu?id=body-count&min=30&max=5000", data={"body": "Đèn đường hỏng"},
                          headers={"HX-Request": "true"})
    fragment = counted.get_data(as_text=True)
    assert counted.status_code == 200 and "<html" not in fragment
    assert 'id="body-count"' in fragment and "14 ký tự: cần ít nhất 30" in fragment
    assert client.post("/dem-ky-tu?id=<x>&min=30&max=5000", data={"body": "a"}).status_code == 400
    assert client.post("/dem-ky-tu?id=body-count&min=a&max=5000", data={"body": "a"}).status_code == 400


def test_deadlines_per_level_come_from_the_configuration(app, client, session):
    from datetime import UTC, datetime

    from portal.config import _deadlines
    from portal.petitions import deadlines

    assert _deadlines("central=20, province=12,commune=7") == {"central": 20, "province": 12, "commune": 7}
    for bad in ("central=15", "central=0,province=1,commune=1", "central=x,province=1,commune=1"):
        with pytest.raises(ValueError):
            _deadlines(bad)
    saved = app.config["PETITION_DEADLINES"]
    app.config["PETITION_DEADLINES"] = {"central": 15, "province": 15, "commune": 3}
    try:
        base = _form(client)
        sent = client.post("/phan-anh/gui", data={**base, **GOOD, "buoc": "gui"})
        assert sent.status_code == 303
        petition = session.scalar(select(Petition))
        now = datetime.now(UTC)
        assert petition.due_on == deadlines.due_date(now, "commune", {"commune": 3})
        assert petition.due_on < deadlines.due_date(now, "commune")  # sooner than the default 10 days
    finally:
        app.config["PETITION_DEADLINES"] = saved
