"""Lockout per e-mail address: 5 wrong passwords or codes in 15 minutes lock it for 15 minutes,
with the same polite message whether or not the account exists; audited; it ends on its own."""

from sqlalchemy import select

from portal.accounts.models import AuditEntry, LoginThrottle
from tests.accounts.helpers import clock, code_now, send_code, send_password
from tests.conftest import TWO_FACTOR_PATH

__all__ = ["clock"]
LOCKED = "Đã thử không thành công quá nhiều lần với địa chỉ thư điện tử này."


def _message(response) -> str:
    html = response.get_data(as_text=True)
    start = html.index('id="password-error">') + len('id="password-error">')
    return html[start:html.index("</p>", start)].strip()


def test_five_wrong_passwords_lock_the_account_then_it_ends(client, make_user, clock, session):
    make_user("xl@example.org", role="handler", unit="11311")
    statuses = [send_password(client, "xl@example.org", f"wrong {i}").status_code for i in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    locked = send_password(client, "xl@example.org")  # even the right password
    assert locked.status_code == 429 and LOCKED in locked.get_data(as_text=True)
    assert client.get("/quan-tri/").status_code == 302
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "login.locked")).all()
    assert entry.object_type == "user"
    clock.advance(14 * 60)
    assert send_password(client, "xl@example.org").status_code == 429
    clock.advance(61)
    response = send_password(client, "xl@example.org")
    assert response.status_code == 302 and client.get("/quan-tri/").status_code == 200
    session.expire_all()
    assert session.scalars(select(LoginThrottle)).all() == []  # a login starts the count again


def test_failures_spread_over_more_than_15_minutes_do_not_lock(client, make_user, clock):
    make_user("xl@example.org", role="handler", unit="11311")
    for _ in range(4):
        assert send_password(client, "xl@example.org", "wrong").status_code == 400
    clock.advance(15 * 60 + 1)
    assert send_password(client, "xl@example.org", "wrong").status_code == 400
    assert send_password(client, "xl@example.org").status_code == 302


def test_the_message_does_not_tell_whether_the_account_exists(client, make_user, clock, session):
    make_user("xl@example.org", role="handler", unit="11311")
    for _ in range(5):
        known = send_password(client, "xl@example.org", "wrong")
        unknown = send_password(client, "nobody@example.org", "wrong")
        assert known.status_code == unknown.status_code
    assert known.status_code == 429 and _message(known) == _message(unknown) and LOCKED in _message(known)
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "login.locked")).all()
    assert sorted(e.object_type for e in entries) == ["login", "user"]
    assert all("nobody" not in e.object_id + str(e.detail) for e in entries)  # no typed address kept


def test_wrong_codes_count_too(client, app, make_user, clock, session):
    uid = make_user()
    right = code_now(app, uid, clock)
    wrong = f"{(int(right) + 5) % 1_000_000:06d}"
    send_password(client)
    statuses = [send_code(client, wrong).status_code for _ in range(4)]
    assert statuses == [400] * 4
    page = client.get(TWO_FACTOR_PATH)
    from tests.conftest import csrf_from

    last = client.post(TWO_FACTOR_PATH, data={"csrf_token": csrf_from(page.get_data(as_text=True)), "code": wrong})
    assert last.status_code == 302 and last.headers["Location"] == "/quan-tri/dang-nhap"
    assert LOCKED in client.get("/quan-tri/dang-nhap").get_data(as_text=True)
    assert client.get(TWO_FACTOR_PATH).status_code == 302  # the half login is gone
    assert send_password(client).status_code == 429
    assert len(session.scalars(select(AuditEntry).where(AuditEntry.action == "login.code_failed")).all()) == 5
