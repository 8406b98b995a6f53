"""A text longer than a field allows is never cut by the browser (no `maxlength`, which cuts a
pasted text silently when JavaScript is off): the server says how long it is and what fits, with
the numbers written the reader's way (5.000 in Vietnamese), and keeps the text."""

from __future__ import annotations

import html as htmllib
import re

from sqlalchemy import func, select

from portal.petitions.models import Petition
from tests.conftest import csrf_from
from tests.petitions.factories import login_as, make_petition, register_staff_blueprint
from tests.petitions.test_resident_send import GOOD, _form

PASTED = ("Nước thải tràn ra ngõ mỗi khi mưa to. " * 600)[:20_000]


def _fields(page: str) -> list[str]:
    return re.findall(r"<(?:input|textarea)\b[^>]*>", page)


def test_no_petition_field_has_a_maxlength(app, client, make_user):
    pages = {"send": client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)}
    pid = make_petition(app, "11311", phone="0912345678", email="")
    code = _code(app, pid)
    pages["look-up"] = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    _verify(client, code)
    pages["correct"] = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    register_staff_blueprint(app)
    make_user("xl@example.org", role="handler", unit="11311")
    staff, _token = login_as(app, "xl@example.org")
    pages["staff"] = staff.get(f"/quan-tri/phan-anh/{pid}").get_data(as_text=True)
    assert 'name="body"' in pages["send"] and 'action="/phan-anh/tra-cuu/' in pages["correct"]
    assert 'name="answer"' in pages["staff"] and 'name="public_body"' in pages["staff"]
    for name, page in pages.items():
        fields = _fields(page)
        assert fields, name
        cutting = [f for f in fields if "maxlength" in f and 'type="search"' not in f]
        assert not cutting, (name, cutting)


def _code(app, pid: int) -> str:
    from portal.db import db

    with app.app_context():
        return db.session.get(Petition, pid).code


def _verify(client, code: str) -> None:
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    response = client.post(f"/phan-anh/tra-cuu/{code}/xac-minh", data={"csrf_token": csrf_from(page),
                                                                        "secret": "5678"})
    assert response.status_code == 303


def _textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    return htmllib.unescape(match.group(1)).lstrip("\r\n") if match else ""


def test_a_pasted_20000_character_text_is_refused_with_the_limit_and_kept(client, session):
    for step in ("xem-truoc", "gui"):
        response = client.post("/phan-anh/gui", data={**_form(client), **GOOD, "body": PASTED, "buoc": step})
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        error = re.search(r'<p class="error" id="body-error">(.*?)</p>', page, re.S).group(1)
        assert "20.000 ký tự: ô này chỉ nhận tối đa 5.000 ký tự" in error and "giữ nguyên" in error
        assert _textarea(page, "body") == PASTED  # every character kept, none cut
    client.set_cookie("lang", "en")
    page = client.post("/phan-anh/gui", data={**_form(client), **GOOD, "body": PASTED, "buoc": "gui"})
    assert "20,000 characters: at most 5,000 fit here." in page.get_data(as_text=True)
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Petition)) == 0


def test_too_short_and_too_long_titles_say_their_limits_the_vietnamese_way(client):
    short = client.post("/phan-anh/gui", data={**_form(client), **GOOD, "title": "Đèn", "buoc": "gui"})
    assert "Tiêu đề cần từ 10 đến 150 ký tự." in short.get_data(as_text=True)
    title = "Đèn đường hỏng " * 20
    long = client.post("/phan-anh/gui", data={**_form(client), **GOOD, "title": title, "buoc": "gui"})
    page = long.get_data(as_text=True)
    assert long.status_code == 400 and "300 ký tự: ô này chỉ nhận tối đa 150 ký tự" in page
    assert f'value="{title}"' in page


def test_a_long_correction_is_refused_with_the_limit_and_kept(app, client):
    pid = make_petition(app, "11311", phone="0912345678", email="")
    code = _code(app, pid)
    _verify(client, code)
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    response = client.post(f"/phan-anh/tra-cuu/{code}/sua", data={"csrf_token": csrf_from(page),
                                                                   "title": "Đường ngõ 5 bị ngập", "body": PASTED})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "20.000 ký tự: ô này chỉ nhận tối đa 5.000 ký tự" in page and _textarea(page, "body") == PASTED
