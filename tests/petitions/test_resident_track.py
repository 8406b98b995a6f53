"""Following a petition by code; private details only after verification."""

from datetime import timedelta

from sqlalchemy import select

from portal.db import utcnow
from portal.petitions.models import ANSWERED, Petition
from tests.conftest import csrf_from
from tests.petitions.test_resident_send import GOOD, _form


def _send(client, **change):
    base = _form(client)
    response = client.post("/phan-anh/gui", data={**base, **GOOD, **change, "buoc": "gui"})
    return response.headers["Location"].rsplit("/", 1)[1]


def _verify(client, code, secret="5678"):
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    return client.post(f"/phan-anh/tra-cuu/{code}/xac-minh", data={"csrf_token": csrf_from(page), "secret": secret})


def test_code_alone_shows_status_not_private_details(app, session):
    code = _send(app.test_client())
    stranger = app.test_client()
    html = stranger.get(f"/phan-anh/tra-cuu?ma={code.lower().replace('-', ' ')}").get_data(as_text=True)
    assert code in html and "Hồng Bàng" in html
    assert f'<span class="nowrap">{code}</span>' in html  # a code never breaks at its dashes, even in a sentence
    for private in ("0912345678", "Nguyễn Thị Lan", "Lạch Tray", GOOD["title"]):
        assert private not in html
    assert stranger.get("/phan-anh/tra-cuu?ma=PA-2222-2222").status_code == 404
    assert stranger.get(f"/phan-anh/bien-nhan/{code}").status_code == 302  # not their receipt


def test_verification_unlocks_details_and_correction(app, session):
    client = app.test_client()
    code = _send(client)
    other = app.test_client()
    assert _verify(other, code, "0000").status_code == 400
    assert _verify(other, code, "5678").status_code == 303
    html = other.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    assert "0912345678" in html and GOOD["title"] in html
    page = other.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    other.post(f"/phan-anh/tra-cuu/{code}/sua", data={
        "csrf_token": csrf_from(page), "title": "Đèn đường ngõ 12 vẫn hỏng",
        "body": GOOD["body"] + " Mong được sửa sớm, xin gọi 0987654321."})
    petition = session.scalar(select(Petition))
    assert petition.title == "Đèn đường ngõ 12 vẫn hỏng"
    assert "0987654321" not in petition.public_body
    assert app.test_client().post(f"/phan-anh/tra-cuu/{code}/rut", data={}).status_code in (400, 403)


def test_withdraw_only_within_the_window(app, session, monkeypatch):
    client = app.test_client()
    code = _send(client)
    _verify(client, code)
    petition = session.scalar(select(Petition))
    petition.created_at = utcnow() - timedelta(minutes=31)
    session.commit()
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    assert "/rut" not in page
    token = csrf_from(client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True))
    client.post(f"/phan-anh/tra-cuu/{code}/rut", data={"csrf_token": token})
    session.expire_all()
    assert session.scalar(select(Petition.status)) == "received"
    petition = session.scalar(select(Petition))
    petition.created_at = utcnow()
    session.commit()
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    client.post(f"/phan-anh/tra-cuu/{code}/rut", data={"csrf_token": csrf_from(page)})
    session.expire_all()
    assert session.scalar(select(Petition.status)) == "withdrawn"


def test_review_once_escalates_to_the_committee_above(app, session):
    client = app.test_client()
    code = _send(client)
    petition = session.scalar(select(Petition))
    petition.status, petition.answer, petition.answered_at = ANSWERED, "Đã báo điện lực sửa.", utcnow()
    session.commit()
    _verify(client, code)
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    short = client.post(f"/phan-anh/tra-cuu/{code}/xem-xet-lai", data={"csrf_token": csrf_from(page), "reason": "x"})
    assert short.status_code == 400
    client.post(f"/phan-anh/tra-cuu/{code}/xem-xet-lai",
                data={"csrf_token": csrf_from(page), "reason": "Đèn vẫn chưa được sửa sau hai tuần."})
    session.expire_all()
    petition = session.scalar(select(Petition))
    assert petition.unit.code == "31" and petition.status == "received" and petition.review_requested_at
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    assert "thành phố Hải Phòng" in page and 'xem-xet-lai"' not in page
