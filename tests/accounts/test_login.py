"""Staff accounts: hashing, roles, login, rate limit, safe redirects, logout."""

import pytest
from sqlalchemy import select

from portal.accounts.models import AuditEntry, User
from portal.accounts.service import AccountError, create_user, log_out_everywhere
from portal.units.service import get_by_code
from tests.conftest import csrf_from


def test_password_is_hashed_with_scrypt(session, make_user):
    make_user()
    user = session.scalar(select(User))
    assert user.password_hash.startswith("scrypt:")
    assert "correct horse" not in user.password_hash


@pytest.mark.parametrize("role, unit, message", [
    ("handler", None, "needs a committee"),
    ("editor", None, "needs a committee"),
    ("team", None, "needs a committee"),
    ("team", "31", "must belong to a commune"),
    ("wizard", None, "unknown role"),
])
def test_role_rules(session, role, unit, message):
    with pytest.raises(AccountError, match=message):
        create_user(session, "x@example.org", "long enough password", role,
                    unit=get_by_code(session, unit) if unit else None)


def test_short_password_and_duplicate_refused(session, make_user):
    with pytest.raises(AccountError, match="at least"):
        create_user(session, "y@example.org", "short", "admin")
    make_user("dup@example.org")
    with pytest.raises(AccountError, match="already exists"):
        create_user(session, "DUP@example.org", "long enough password", "admin")


def test_login_and_dashboard_per_role(client, make_user, login):
    make_user("handler@example.org", role="handler", unit="11311")
    response = login("handler@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/quan-tri/"
    html = client.get("/quan-tri/").get_data(as_text=True)
    assert "Cán bộ xử lý phản ánh" in html
    assert "Ủy ban MTTQ Việt Nam phường Hồng Bàng" in html


def test_session_cookie_flags(client, make_user, login):
    make_user()
    response = login()
    cookie = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("portal_session=")][0]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_wrong_password_keeps_email_and_says_why(client, make_user, login, session):
    make_user()
    response = login(password="wrong password!")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Thư điện tử hoặc mật khẩu chưa đúng." in html
    assert 'value="staff@example.org"' in html
    assert "wrong password!" not in html
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "login.failed")) is not None


def test_empty_form_gets_messages(client):
    page = client.get("/quan-tri/dang-nhap")
    response = client.post("/quan-tri/dang-nhap", data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Vui lòng nhập thư điện tử." in html and "Vui lòng nhập mật khẩu." in html


@pytest.mark.parametrize("target, expected", [
    ("/thong-ke", "/thong-ke"),
    ("https://evil.example/", "/quan-tri/"),
    ("//evil.example/x", "/quan-tri/"),
])
def test_next_redirect_is_local_only(make_user, login, target, expected):
    make_user()
    assert login(next_url=target).headers["Location"] == expected


def test_staff_area_requires_login(client):
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/quan-tri/dang-nhap?next=/quan-tri/")


def test_logout_is_a_post(client, make_user, login):
    make_user()
    login()
    assert client.get("/quan-tri/dang-xuat").status_code == 405
    html = client.get("/quan-tri/").get_data(as_text=True)
    response = client.post("/quan-tri/dang-xuat", data={"csrf_token": csrf_from(html)})
    assert response.status_code == 302
    assert client.get("/quan-tri/").status_code == 302


def test_log_out_everywhere_ends_old_sessions(app, client, make_user, login, session):
    uid = make_user()
    login()
    assert client.get("/quan-tri/").status_code == 200
    log_out_everywhere(session, session.get(User, uid))
    assert client.get("/quan-tri/").status_code == 302


def test_login_is_rate_limited(client, make_user, login):
    make_user()
    statuses = [login(password=f"wrong-{i}").status_code for i in range(12)]
    assert statuses[0] == 400
    assert statuses[-1] == 429
    response = login()
    assert response.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in response.get_data(as_text=True)
