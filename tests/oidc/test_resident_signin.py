"""Residents' optional sign-in against the real provider (its citizen-account client): each
resident sees only their own petitions on "Phản ánh của tôi", the form starts with their contact
details, a resident is never staff, signing out (here and by back-channel) ends the session on
the server, and without RESIDENT_OIDC_* the routes are 404 and the petition pages unchanged."""

from __future__ import annotations

import re
import time
import uuid
from html import unescape

import requests
from joserfc import jwt
from sqlalchemy import select

from portal.db import db
from portal.petitions.models import Petition
from portal.residents.models import ResidentSession
from tests.conftest import csrf_from
from tests.oidc.conftest import RESIDENT_CLIENT_ID, resident_login
from tests.petitions.test_resident_send import _form

MINE = "/phan-anh/cua-toi"
EVENT = {"http://schemas.openid.net/event/backchannel-logout": {}}


def signed_in(app, login: str):
    client = app.test_client()
    answer = resident_login(client, requests.Session(), login)
    assert answer.status_code == 302 and answer.headers["Location"] == MINE, answer.get_data(as_text=True)[:500]
    return client


def field_value(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    found = re.search(r'value="([^"]*)"', tag)
    return unescape(found.group(1)) if found else ""


def send(client, title: str, **contact) -> str:
    html = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    data = {**_form(client), "category": "ha-tang", "title": title, "buoc": "gui",
            "body": "Đèn đường trong ngõ đã hỏng cả tháng nay, buổi tối rất tối và nguy hiểm.",
            **{name: field_value(html, name) for name in ("name", "phone", "email")}, **contact}
    sent = client.post("/phan-anh/gui", data=data)
    assert sent.status_code == 303, sent.get_data(as_text=True)[:2000]
    return sent.headers["Location"].rsplit("/", 1)[1]


def test_each_resident_sees_only_their_own_petitions(resident_app):
    hoa, binh, stranger = signed_in(resident_app, "cu-dan-hoa"), signed_in(resident_app, "cu-dan-binh"), \
        resident_app.test_client()
    hoa_codes = [send(hoa, "Đèn đường ngõ 5 hỏng"), send(hoa, "Cống ngõ 5 bị tắc")]
    binh_code = send(binh, "Rác để đầu ngõ 9")
    stranger_code = send(stranger, "Vỉa hè phố Lạch Tray vỡ", phone="0905 111 222")

    page = hoa.get(MINE)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    text = page.get_data(as_text=True)
    assert "Phản ánh của tôi" in text and all(code in text for code in hoa_codes)
    assert binh_code not in text and stranger_code not in text
    text = binh.get(MINE).get_data(as_text=True)
    assert binh_code in text and not any(code in text for code in [*hoa_codes, stranger_code])

    anonymous = resident_app.test_client().get(MINE)
    text = anonymous.get_data(as_text=True)
    assert anonymous.status_code == 200 and "Đăng nhập bằng VNeID" in text and "/phan-anh/dang-nhap" in text
    assert not any(code in text for code in [*hoa_codes, binh_code, stranger_code])

    with resident_app.app_context():
        rows = {p.code: p.resident_key for p in db.session.scalars(select(Petition))}
    assert rows[stranger_code] is None and rows[hoa_codes[0]] == rows[hoa_codes[1]] != rows[binh_code]
    assert re.fullmatch(r"[0-9a-f]{64}", rows[binh_code]) and "cu-dan" not in rows[binh_code]

    # The owner follows the petition without the phone-number secret; a stranger still needs it.
    assert "Thông tin riêng của bạn" in hoa.get(f"/phan-anh/tra-cuu?ma={hoa_codes[0]}").get_data(as_text=True)
    assert "Thông tin riêng của bạn" not in binh.get(f"/phan-anh/tra-cuu?ma={hoa_codes[0]}").get_data(as_text=True)


def test_the_form_starts_with_the_contact_details_from_the_account(resident_app):
    hoa = signed_in(resident_app, "cu-dan-hoa")
    form = hoa.get("/phan-anh/gui?don-vi=11311")
    html = form.get_data(as_text=True)
    assert form.headers["Cache-Control"] == "private, no-store"
    assert (field_value(html, "name"), field_value(html, "phone"), field_value(html, "email")) == \
        ("Đỗ Thị Hoa", "0912345678", "hoa.cudan@example.vn")
    assert "có thể sửa" in html
    # Editable: what the resident types instead is what is stored.
    code = send(hoa, "Đèn đường ngõ 7 hỏng", name="Hoa", phone="", email="hoa.khac@example.vn")
    with resident_app.app_context():
        petition = db.session.scalar(select(Petition).where(Petition.code == code))
        assert (petition.name, petition.phone, petition.email) == ("Hoa", "", "hoa.khac@example.vn")
    # Nobody else's form is filled.
    html = resident_app.test_client().get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    assert field_value(html, "name") == "" and "Đỗ Thị Hoa" not in html


def test_a_resident_is_never_staff(resident_app):
    hoa = signed_in(resident_app, "cu-dan-hoa")
    for path in ("/quan-tri/", "/quan-tri/phan-anh/", "/quan-tri/tai-khoan/"):
        answer = hoa.get(path)
        assert answer.status_code == 302 and "/quan-tri/dang-nhap" in answer.headers["Location"], path


def test_signing_out_ends_the_session_on_the_server_and_at_the_provider(resident_app, provider):
    hoa = signed_in(resident_app, "cu-dan-hoa")
    send(hoa, "Đèn đường ngõ 5 hỏng")
    copied = hoa.get_cookie("portal_session").value
    page = hoa.get(MINE).get_data(as_text=True)
    answer = hoa.post("/phan-anh/dang-xuat", data={"csrf_token": csrf_from(page)})
    assert answer.status_code == 303 and answer.headers["Location"].startswith(provider.issuer)
    assert "id_token_hint=" in answer.headers["Location"]
    assert "Đăng nhập bằng VNeID" in hoa.get(MINE).get_data(as_text=True)
    thief = resident_app.test_client()
    thief.set_cookie("portal_session", copied)
    assert "PA-" not in thief.get(MINE).get_data(as_text=True)
    with resident_app.app_context():
        row = db.session.scalar(select(ResidentSession))
        assert row.ended_at is not None and row.contact == {} and row.id_token is None


def _logout_token(provider, **changes) -> str:
    claims = {"iss": provider.issuer, "aud": RESIDENT_CLIENT_ID, "iat": int(time.time()), "jti": uuid.uuid4().hex,
              "events": EVENT, "sub": "cu-dan-hoa", **changes}
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode({"alg": "RS256", "kid": provider.keys[0].kid}, claims, provider.keys[0])


def test_back_channel_logout_ends_the_residents_sessions_once(resident_app, provider):
    first, second, other = (signed_in(resident_app, "cu-dan-hoa"), signed_in(resident_app, "cu-dan-hoa"),
                            signed_in(resident_app, "cu-dan-binh"))
    token = _logout_token(provider)
    post = resident_app.test_client().post
    assert post("/phan-anh/dang-xuat/backchannel", data={"logout_token": token}).status_code == 200
    for client in (first, second):
        assert "Đăng nhập bằng VNeID" in client.get(MINE).get_data(as_text=True)
    assert "Đăng xuất" in other.get(MINE).get_data(as_text=True)
    # The same token again is refused (its jti is kept in the database, shared by every worker).
    again = post("/phan-anh/dang-xuat/backchannel", data={"logout_token": token})
    assert again.status_code == 400 and again.get_json()["error"] == "invalid_request"
    # A token for the staff client is not one for residents.
    staff = _logout_token(provider, aud="cong-mat-tran", sub="cu-dan-binh")
    assert post("/phan-anh/dang-xuat/backchannel", data={"logout_token": staff}).status_code == 400
    assert "Đăng xuất" in other.get(MINE).get_data(as_text=True)


def test_without_the_settings_nothing_changes(client):
    for path in ("/phan-anh/dang-nhap", "/phan-anh/dang-nhap/callback", MINE):
        assert client.get(path).status_code == 404, path
    for path in ("/phan-anh/dang-xuat", "/phan-anh/dang-xuat/backchannel"):
        assert client.post(path).status_code in (400, 404), path
    for path in ("/phan-anh/", "/phan-anh/gui", "/phan-anh/gui?don-vi=11311", "/phan-anh/tra-cuu"):
        html = client.get(path).get_data(as_text=True)
        assert "/phan-anh/dang-nhap" not in html and "resident-login" not in html, path
    send(client, "Đèn đường ngõ 5 hỏng", phone="0905 111 222")  # sending works as before
