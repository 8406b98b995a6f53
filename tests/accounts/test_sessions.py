"""Staff sessions end on the server: after logout a copy of the cookie opens nothing; a session has
an absolute end and an idle timeout; the cookie does not slide forward; "log out everywhere" ends
every copy of every session; a "remember me" cookie is no way around any of it."""

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from flask_login.utils import encode_cookie
from sqlalchemy import select

from portal.accounts import jobs, sessions
from portal.accounts.models import LoginThrottle, StaffSession, User
from portal.db import db
from tests.accounts.helpers import clock, log_out, send_password
from tests.conftest import csrf_from

__all__ = ["clock"]
INBOX = "/quan-tri/phan-anh/"
LOGIN_PAGE = "/quan-tri/dang-nhap?next=/quan-tri/phan-anh/"


def _handler(make_user, email="xl@example.org") -> int:
    return make_user(email, role="handler", unit="11311")


def _copy(client) -> str:
    return client.get_cookie("portal_session").value


def test_a_copied_cookie_is_dead_after_logout(app, client, make_user, session):
    uid = _handler(make_user)
    assert send_password(client, "xl@example.org").status_code == 302
    assert client.get(INBOX).status_code == 200
    copied = _copy(client)
    log_out(client)
    assert client.get(INBOX).headers["Location"] == LOGIN_PAGE
    client.set_cookie("portal_session", copied)  # the copy, sent back after logout
    response = client.get(INBOX)
    assert response.status_code == 302 and response.headers["Location"] == LOGIN_PAGE
    other = app.test_client()  # and from another browser
    other.set_cookie("portal_session", copied)
    assert other.get(INBOX).status_code == 302
    [row] = session.scalars(select(StaffSession).where(StaffSession.user_id == uid)).all()
    assert row.ended_at is not None and row.end_reason == "logout" and row.method == "password"


def test_only_a_hash_of_the_token_is_stored(client, make_user, session):
    _handler(make_user)
    send_password(client, "xl@example.org")
    with client.session_transaction() as state:
        token = state[sessions.SESSION_KEY]
    [row] = session.scalars(select(StaffSession)).all()
    assert len(token) >= 40 and token not in row.token_hash and row.token_hash == sessions._hash(token)


def test_the_cookie_does_not_slide_forward(client, make_user):
    _handler(make_user)
    login = send_password(client, "xl@example.org")
    cookie = [c for c in login.headers.getlist("Set-Cookie") if c.startswith("portal_session=")][0]
    expires = parsedate_to_datetime(cookie.split("Expires=", 1)[1].split(";", 1)[0])
    assert abs((expires - datetime.now(UTC)) - timedelta(hours=12)) < timedelta(minutes=5)  # the absolute end
    client.get(INBOX)  # the first page with a form adds its CSRF token to the session
    for _ in range(3):
        response = client.get(INBOX)
        assert response.status_code == 200
        assert not [c for c in response.headers.getlist("Set-Cookie") if c.startswith("portal_session=")]


def test_a_session_ends_after_its_absolute_lifetime_however_busy(client, make_user, clock, app):
    _handler(make_user)
    assert app.config.get("SESSION_ABSOLUTE_HOURS", 12) == 12  # the default
    send_password(client, "xl@example.org")
    for _ in range(11 * 60 // 30 + 1):  # a request every 30 minutes, for 11 hours 30 minutes
        assert client.get(INBOX).status_code == 200
        clock.advance(30 * 60)
    clock.advance(29 * 60)
    assert client.get(INBOX).status_code == 200  # 11 h 59 min
    clock.advance(61)
    assert client.get(INBOX).headers["Location"] == LOGIN_PAGE


def test_an_idle_session_ends(client, make_user, clock, app):
    _handler(make_user)
    idle = app.config.get("SESSION_IDLE_MINUTES", 120)
    assert idle == 120
    send_password(client, "xl@example.org")
    clock.advance((idle - 1) * 60)
    assert client.get(INBOX).status_code == 200  # activity moves the idle timeout on
    clock.advance((idle - 1) * 60)
    assert client.get(INBOX).status_code == 200
    clock.advance((idle + 1) * 60)
    assert client.get(INBOX).status_code == 302


def test_log_out_everywhere_ends_every_copy_of_every_session(app, client, make_user, session):
    uid = _handler(make_user)
    send_password(client, "xl@example.org")
    laptop = app.test_client()
    send_password(laptop, "xl@example.org")
    copies = [_copy(client), _copy(laptop)]
    assert laptop.get(INBOX).status_code == 200
    html = client.get("/quan-tri/bao-mat").get_data(as_text=True)
    client.post("/quan-tri/dang-xuat-moi-noi", data={"csrf_token": csrf_from(html)})
    assert laptop.get(INBOX).status_code == 302
    for copied in copies:
        browser = app.test_client()
        browser.set_cookie("portal_session", copied)
        assert browser.get(INBOX).status_code == 302
    rows = session.scalars(select(StaffSession).where(StaffSession.user_id == uid)).all()
    assert len(rows) == 2 and {row.end_reason for row in rows} == {"everywhere"}
    assert session.get(User, uid).session_version == 2
    assert send_password(app.test_client(), "xl@example.org").status_code == 302  # a new login works


def test_a_remember_me_cookie_opens_nothing(app, client, make_user):
    uid = _handler(make_user)
    with app.app_context():
        user_id = db.session.get(User, uid).get_id()
    with app.test_request_context():
        remember = encode_cookie(user_id)  # what flask-login would have set with remember=True
    stranger = app.test_client()
    stranger.set_cookie("remember_token", remember)
    assert stranger.get(INBOX).status_code == 302
    send_password(client, "xl@example.org")
    copied = _copy(client)
    log_out(client)
    client.set_cookie("portal_session", copied)
    client.set_cookie("remember_token", remember)
    assert client.get(INBOX).status_code == 302


def test_clean_up_removes_dead_sessions_and_old_counters(app, make_user, clock):
    uid = _handler(make_user)
    with app.app_context():
        s = db.session
        user = s.get(User, uid)
        tokens = {name: sessions.open_session(s, user, "password") for name in ("live", "ended", "old", "older")}
        s.commit()
        sessions.end_session(s, tokens["ended"])
        s.commit()
        clock.advance(60 * 60)
        fresh = sessions.open_session(s, user, "password", issuer="https://sso.example", external_sid="abc")
        s.commit()
        # A back-channel logout names the provider's session: only that one ends.
        assert sessions.end_external_session(s, "https://sso.example", "abc", "sso") == 1
        assert sessions.end_external_session(s, "https://other.example", "abc", "sso") == 0
        s.commit()
        assert sessions.live_session(s, uid, fresh) is None
        assert sessions.live_session(s, uid, tokens["live"]) is not None  # seen now: idle timer moved
        s.add(LoginThrottle(key="x" * 64, failures=3, window_start=sessions.now() - timedelta(hours=1)))
        s.commit()
        clock.advance(100 * 60)  # "old" and "older" were last seen 160 minutes ago: idle
        s.add(LoginThrottle(key="y" * 64, failures=3, window_start=sessions.now()))
        s.commit()
        assert jobs.hourly_clean_up() == (4, 1)  # the periodic task, as the worker runs it
        s.expire_all()
        [left] = s.scalars(select(StaffSession)).all()
        assert left.token_hash == sessions._hash(tokens["live"])
        assert [row.key for row in s.scalars(select(LoginThrottle))] == ["y" * 64]


def test_the_lifetimes_are_settings(client, make_user, clock, app, monkeypatch, tmp_path):
    from portal.config import load_config

    monkeypatch.setenv("SESSION_ABSOLUTE_HOURS", "2")
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "30")
    cfg = load_config({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert (cfg["SESSION_ABSOLUTE_HOURS"], cfg["SESSION_IDLE_MINUTES"]) == (2, 30)
    assert cfg["PERMANENT_SESSION_LIFETIME"] == 2 * 3600 and cfg["SESSION_REFRESH_EACH_REQUEST"] is False
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "0")
    with pytest.raises(ValueError, match="SESSION_IDLE_MINUTES"):
        load_config({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})

    monkeypatch.setitem(app.config, "SESSION_ABSOLUTE_HOURS", 1)
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 20)
    _handler(make_user)
    send_password(client, "xl@example.org")
    for _ in range(3):
        clock.advance(19 * 60)
        assert client.get(INBOX).status_code == 200
    clock.advance(19 * 60)  # 76 minutes after the login
    assert client.get(INBOX).status_code == 302


def test_a_reset_of_two_step_login_ends_the_sessions_on_the_server(app, client, make_user, session):
    from portal.accounts.twofactor import reset_by_admin

    admin = make_user("admin@example.org")
    editor = make_user("ed@example.org", role="editor", unit="11311", two_factor=False)
    send_password(client, "ed@example.org")
    assert client.get("/quan-tri/").status_code == 200
    reset_by_admin(session, session.get(User, admin), session.get(User, editor))
    assert client.get("/quan-tri/").status_code == 302
    [row] = session.scalars(select(StaffSession).where(StaffSession.user_id == editor)).all()
    assert row.end_reason == "2fa_reset"
