"""Who may read and act on a petition in the staff area: nobody outside its committee reads
its private data or changes it by guessing URLs or ids; the levels above read it, read-only."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.accounts.models import AuditEntry
from portal.petitions.models import Petition, PetitionEvent, PetitionPhoto
from tests.petitions.factories import login_as, make_petition, register_staff_blueprint

# Unit codes: 11311 Phường Hồng Bàng and 11560 Phường Thuỷ Nguyên (Hải Phòng, 31); 17329 Xã Anh Sơn (Nghệ An, 40).
HOME = "11311"
SECRETS = ("Nguyễn Thị Lan", "0912345678", "0912 345 678", "lan.nguyen@example.vn")


@pytest.fixture(autouse=True)
def _staff_routes(app):
    register_staff_blueprint(app)


def _photo(app, petition_id, session):
    key = "private/petitions/0123456789abcdef.jpg"
    path = Path(app.config["MEDIA_ROOT"]) / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    photo = PetitionPhoto(petition_id=petition_id, key=key, width=10, height=10)
    session.add(photo)
    session.commit()
    return photo.id


def _actions(target_code):
    return {
        "nhan": {}, "tra-loi": {"answer": "Đã sửa xong đường."}, "cong-bo": {}, "hien": {}, "an": {},
        "loi-van": {"public_title": "Tiêu đề", "public_body": "Nội dung"},
        "chuyen": {"unit_code": "40", "transfer_reason": "Không thuộc thẩm quyền"},
        "tu-choi": {"reject_reason": "other", "reject_note": "Không rõ"},
        "gop": {"target_code": target_code}, "giao": {"assignee": "0"}, "ghi-chu": {"note": "ghi chú"},
    }


OUTSIDERS = [
    pytest.param(None, None, 302, id="anonymous"),
    pytest.param("editor", HOME, 403, id="editor-of-the-same-commune"),
    pytest.param("team", HOME, 403, id="team-member-of-the-same-commune"),
    pytest.param("handler", "11560", 404, id="handler-of-another-commune-same-province"),
    pytest.param("handler", "17329", 404, id="handler-of-a-commune-of-another-province"),
    pytest.param("handler", "40", 404, id="handler-of-another-province"),
]


@pytest.mark.parametrize(("role", "unit", "expected"), OUTSIDERS)
def test_outsiders_neither_read_nor_act(app, make_user, session, role, unit, expected):
    petition_id = make_petition(app, HOME)
    twin_id = make_petition(app, HOME, title="Ngập nước ngõ 5")
    photo_id = _photo(app, petition_id, session)
    email = f"{role}@example.org" if role else None
    if role:
        make_user(email, role=role, unit=unit)
    client, token = login_as(app, email)
    code = session.get(Petition, petition_id).code
    twin_code = session.get(Petition, twin_id).code

    for url in (f"/quan-tri/phan-anh/{petition_id}", f"/quan-tri/phan-anh/{petition_id}?mau=dat-dai",
                f"/quan-tri/phan-anh/{petition_id}/anh/{photo_id}"):
        response = client.get(url)
        assert response.status_code == expected, url
        assert not any(s in response.get_data(as_text=True) for s in SECRETS)
    for rule, data in _actions(twin_code).items():
        response = client.post(f"/quan-tri/phan-anh/{petition_id}/{rule}", data={**data, "csrf_token": token})
        assert response.status_code == expected, rule
        if expected == 302:
            assert "/quan-tri/dang-nhap" in response.headers["Location"]
    for url in ("/quan-tri/phan-anh/", f"/quan-tri/phan-anh/?q={code}", "/quan-tri/phan-anh/xuat.csv"):
        response = client.get(url)
        assert response.status_code == {None: 302, "handler": 200}.get(role, 403)
        if response.status_code != 302:  # (a redirect to the login page repeats the URL asked for)
            text = response.get_data(as_text=True)
            assert f"/quan-tri/phan-anh/{petition_id}\"" not in text and "Đường ngõ 5" not in text
    client.post("/quan-tri/phan-anh/hang-loat", data={"csrf_token": token, "bulk_action": "accept",
                                                      "chon": [str(petition_id)]})

    session.expire_all()
    petition = session.get(Petition, petition_id)
    assert (petition.status, petition.unit.code, petition.assigned_to_id) == ("received", HOME, None)
    assert session.scalar(select(func.count()).select_from(PetitionEvent)) == 2  # the two "received"
    assert not session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "petition",
                                                               AuditEntry.action != "petition.export")).all()


@pytest.mark.parametrize("unit", ["31", "TW"], ids=["province-handler", "central-handler"])
def test_the_levels_above_read_without_contact_data_and_cannot_act(app, make_user, session, unit):
    petition_id = make_petition(app, HOME)
    photo_id = _photo(app, petition_id, session)
    make_user("tren@example.org", role="handler", unit=unit)
    client, token = login_as(app, "tren@example.org")
    code = session.get(Petition, petition_id).code

    page = client.get(f"/quan-tri/phan-anh/{petition_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert code in html and "Đường ngõ 5 bị ngập sau mưa" in html and "Nước ngập sâu" in html
    assert not any(s in html for s in SECRETS), "contact data, or a phone typed into the text, leaked"
    assert 'action="/quan-tri/phan-anh/' not in html  # no action forms at all
    assert client.get(f"/quan-tri/phan-anh/{petition_id}/anh/{photo_id}").status_code == 404

    inbox = client.get("/quan-tri/phan-anh/").get_data(as_text=True)
    assert code in inbox and f'name="chon" value="{petition_id}"' not in inbox
    csv_text = client.get("/quan-tri/phan-anh/xuat.csv").get_data(as_text=True)
    assert code in csv_text and not any(s in csv_text for s in SECRETS)

    for rule, data in _actions("PA-XXX").items():
        response = client.post(f"/quan-tri/phan-anh/{petition_id}/{rule}", data={**data, "csrf_token": token})
        assert response.status_code == 403, rule
    client.post("/quan-tri/phan-anh/hang-loat", data={"csrf_token": token, "bulk_action": "assign_me",
                                                      "chon": [str(petition_id)]})
    session.expire_all()
    petition = session.get(Petition, petition_id)
    assert (petition.status, petition.assigned_to_id, len(petition.events)) == ("received", None, 1)


def test_province_handler_does_not_see_another_province(app, make_user, session):
    other = make_petition(app, "17329")
    make_user("hp@example.org", role="handler", unit="31")
    client, _token = login_as(app, "hp@example.org")
    assert client.get(f"/quan-tri/phan-anh/{other}").status_code == 404
    assert session.get(Petition, other).code not in client.get("/quan-tri/phan-anh/").get_data(as_text=True)


@pytest.mark.parametrize(("role", "unit"), [("handler", HOME), ("admin", None)], ids=["own-handler", "admin"])
def test_own_handler_and_admin_read_contact_data_and_act(app, make_user, session, role, unit):
    petition_id = make_petition(app, HOME)
    photo_id = _photo(app, petition_id, session)
    make_user("me@example.org", role=role, unit=unit)
    client, token = login_as(app, "me@example.org")
    html = client.get(f"/quan-tri/phan-anh/{petition_id}").get_data(as_text=True)
    assert all(s in html for s in ("Nguyễn Thị Lan", "0912345678", "lan.nguyen@example.vn", "0912 345 678"))
    photo = client.get(f"/quan-tri/phan-anh/{petition_id}/anh/{photo_id}")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    assert "no-store" in photo.headers["Cache-Control"]
    assert client.post(f"/quan-tri/phan-anh/{petition_id}/nhan", data={"csrf_token": token}).status_code == 302
    session.expire_all()
    assert session.get(Petition, petition_id).status == "in_progress"


def test_unknown_id_is_404(app, make_user):
    make_user("me@example.org", role="admin")
    client, token = login_as(app, "me@example.org")
    assert client.get("/quan-tri/phan-anh/999999").status_code == 404
    assert client.post("/quan-tri/phan-anh/999999/nhan", data={"csrf_token": token}).status_code == 404
