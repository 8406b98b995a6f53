"""Two-step login: the code step, its time limit, replay, recovery codes, enrolment (forced for
administrators, optional for the others), the administrator's reset, session renewal."""

import logging

from sqlalchemy import select

from portal.accounts.models import AuditEntry, RecoveryCode, User
from portal.db import db
from tests.accounts.helpers import clock, code_now, log_out, secret_of, send_code, send_password
from tests.conftest import TWO_FACTOR_PATH, csrf_from

__all__ = ["clock"]


def _actions(session, action):
    session.expire_all()
    return session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_password_alone_does_not_log_an_admin_in(client, make_user, clock, app, session):
    uid = make_user()
    response = send_password(client, next_url="/thong-ke")
    assert response.status_code == 302 and response.headers["Location"] == TWO_FACTOR_PATH
    assert client.get("/quan-tri/").status_code == 302  # half logged in is not logged in
    assert _actions(session, "login") == []
    page = client.get(TWO_FACTOR_PATH)
    html = page.get_data(as_text=True)
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert page.headers["Cache-Control"] == "no-store"
    response = send_code(client, code_now(app, uid, clock))
    assert response.status_code == 302 and response.headers["Location"] == "/thong-ke"
    assert client.get("/quan-tri/").status_code == 200
    assert [entry.detail["method"] for entry in _actions(session, "login")] == ["totp"]


def test_wrong_code_is_refused_politely(client, make_user, clock, app):
    uid = make_user()
    send_password(client)
    right = code_now(app, uid, clock)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = send_code(client, wrong)
    assert response.status_code == 400
    assert "Mã chưa đúng" in response.get_data(as_text=True)
    assert client.get("/quan-tri/").status_code == 302
    far = code_now(app, uid, clock, steps=2)  # a minute ahead: outside ±1 step
    assert send_code(client, far).status_code == 400
    assert send_code(client, code_now(app, uid, clock, steps=-1)).status_code == 302  # 30 s behind: fine


def test_a_code_cannot_be_used_twice(client, app, make_user, clock):
    uid = make_user()
    code = code_now(app, uid, clock)
    send_password(client)
    assert send_code(client, code).status_code == 302
    log_out(client)
    send_password(client)
    response = send_code(client, code)  # same window, same code: a replay
    assert response.status_code == 400
    older = code_now(app, uid, clock, steps=-1)
    assert send_code(client, older).status_code == 400  # older than the one used
    clock.advance(30)
    assert send_code(client, code_now(app, uid, clock)).status_code == 302  # the next code works


def test_half_logged_in_state_expires(client, app, make_user, clock):
    uid = make_user()
    send_password(client)
    clock.advance(301)
    page = client.get(TWO_FACTOR_PATH)
    assert page.status_code == 302 and page.headers["Location"] == "/quan-tri/dang-nhap"
    html = client.get("/quan-tri/dang-nhap").get_data(as_text=True)
    assert "Đã hết thời gian nhập mã" in html
    with client.session_transaction() as state:
        assert "login_pending" not in state
    # Posting the right code after the limit logs nobody in.
    send_password(client)
    clock.advance(299)
    token = csrf_from(client.get(TWO_FACTOR_PATH).get_data(as_text=True))
    clock.advance(2)
    response = client.post(TWO_FACTOR_PATH, data={"csrf_token": token, "code": code_now(app, uid, clock)})
    assert response.status_code == 302 and response.headers["Location"] == "/quan-tri/dang-nhap"
    assert client.get("/quan-tri/").status_code == 302


def test_recovery_codes_work_once(client, app, make_user, clock, session):
    from portal.accounts.twofactor import enrol_directly

    uid = make_user("ed@example.org", role="editor", unit="TW")
    with app.app_context():
        _secret, codes = enrol_directly(db.session, db.session.get(User, uid))
    stored = session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == uid)).all()
    assert len(stored) == 10 and not {c.replace("-", "") for c in codes} & set(stored)
    assert all(c.replace("-", "") not in h for c in codes for h in stored)
    send_password(client, "ed@example.org")
    response = send_code(client, codes[0].lower().replace("-", " "))  # typed loosely
    assert response.status_code == 302 and response.headers["Location"] == "/quan-tri/"
    assert "Số mã dự phòng còn lại: 9" in client.get("/quan-tri/").get_data(as_text=True)
    log_out(client)
    send_password(client, "ed@example.org")
    assert send_code(client, codes[0]).status_code == 400
    assert send_code(client, codes[1]).status_code == 302
    assert len(_actions(session, "2fa.recovery_used")) == 2


def test_admin_must_enrol_before_anything_else(client, app, make_user, clock, session, caplog):
    caplog.set_level(logging.DEBUG)
    uid = make_user(two_factor=False)
    response = send_password(client, next_url="/quan-tri/phan-anh/")
    assert response.headers["Location"] == "/quan-tri/bao-mat/xac-thuc-hai-buoc"
    enrol = "/quan-tri/bao-mat/xac-thuc-hai-buoc"
    for path in ("/quan-tri/", "/quan-tri/phan-anh/", "/quan-tri/ban-tin/", "/quan-tri/bao-mat",
                 "/quan-tri/tai-khoan/"):
        blocked = client.get(path)
        assert blocked.status_code == 302 and blocked.headers["Location"] == enrol, path
    page = client.get("/quan-tri/bao-mat/xac-thuc-hai-buoc")
    html = page.get_data(as_text=True)
    secret = secret_of(app, uid)
    grouped = " ".join(secret[i:i + 4] for i in range(0, 32, 4))
    assert grouped in html and "otpauth://totp/" in html and "<svg" in html
    assert page.headers["Cache-Control"] == "no-store"
    assert client.get("/quan-tri/bao-mat/xac-thuc-hai-buoc").get_data(as_text=True).count(grouped) == 1  # same key
    token = csrf_from(html)
    from portal.accounts import totp

    wrong = f"{(int(totp.code_at(secret, clock.now)) + 1) % 1_000_000:06d}"
    refused = client.post("/quan-tri/bao-mat/xac-thuc-hai-buoc", data={"csrf_token": token, "code": wrong})
    assert refused.status_code == 400 and client.get("/quan-tri/").status_code == 302
    done = client.post("/quan-tri/bao-mat/xac-thuc-hai-buoc",
                       data={"csrf_token": token, "code": totp.code_at(secret, clock.now)})
    assert done.status_code == 200 and done.headers["Cache-Control"] == "no-store"
    codes = [line for line in done.get_data(as_text=True).split("<code>")[1:]]
    assert len(codes) == 10
    assert 'href="/quan-tri/phan-anh/"' in done.get_data(as_text=True)  # then where they were going
    assert client.get("/quan-tri/").status_code == 200
    assert len(_actions(session, "2fa.enable")) == 1
    assert secret not in caplog.text and all(secret not in str(e.detail) for e in _actions(session, "2fa.enable"))
    log_out(client)
    assert send_password(client).headers["Location"] == TWO_FACTOR_PATH  # from now on, with a code


def test_other_staff_may_turn_it_on_and_off(client, app, make_user, clock):
    from portal.accounts import totp

    uid = make_user("xl@example.org", role="handler", unit="11311")
    assert send_password(client, "xl@example.org").headers["Location"] == "/quan-tri/"  # optional
    html = client.get("/quan-tri/bao-mat").get_data(as_text=True)
    assert "Thiết lập đăng nhập hai bước" in html
    page = client.get("/quan-tri/bao-mat/xac-thuc-hai-buoc").get_data(as_text=True)
    secret = secret_of(app, uid)
    client.post("/quan-tri/bao-mat/xac-thuc-hai-buoc",
                data={"csrf_token": csrf_from(page), "code": totp.code_at(secret, clock.now)})
    html = client.get("/quan-tri/bao-mat").get_data(as_text=True)
    clock.advance(30)
    response = client.post("/quan-tri/bao-mat/tat-xac-thuc",
                           data={"csrf_token": csrf_from(html), "code": totp.code_at(secret, clock.now)})
    assert response.status_code == 302
    assert "Đăng nhập hai bước đã tắt." in client.get("/quan-tri/bao-mat").get_data(as_text=True)
    log_out(client)
    assert send_password(client, "xl@example.org").headers["Location"] == "/quan-tri/"


def test_admin_cannot_turn_it_off(client, app, make_user, login, clock):
    uid = make_user()
    login()
    html = client.get("/quan-tri/bao-mat").get_data(as_text=True)
    assert "tat-xac-thuc" not in html
    clock.advance(30)
    client.post("/quan-tri/bao-mat/tat-xac-thuc",
                data={"csrf_token": csrf_from(html), "code": code_now(app, uid, clock)})
    assert secret_of(app, uid) is not None


def test_new_recovery_codes_replace_the_old(client, app, make_user, clock, session):
    from portal.accounts.twofactor import enrol_directly

    uid = make_user("ed@example.org", role="editor", unit="TW")
    with app.app_context():
        _secret, old = enrol_directly(db.session, db.session.get(User, uid))
    send_password(client, "ed@example.org")
    send_code(client, code_now(app, uid, clock))
    html = client.get("/quan-tri/bao-mat").get_data(as_text=True)
    clock.advance(30)
    response = client.post("/quan-tri/bao-mat/ma-du-phong",
                           data={"csrf_token": csrf_from(html), "code": code_now(app, uid, clock)})
    assert response.status_code == 200 and response.get_data(as_text=True).count("<code>") == 10
    log_out(client)
    send_password(client, "ed@example.org")
    assert send_code(client, old[0]).status_code == 400


def test_admin_resets_another_users_two_factor_audited(app, make_user, clock, session):
    from portal.accounts.twofactor import enrol_directly

    admin_id = make_user("admin@example.org")
    ed_id = make_user("ed@example.org", role="editor", unit="TW")
    with app.app_context():
        enrol_directly(db.session, db.session.get(User, ed_id))
    editor = app.test_client()
    send_password(editor, "ed@example.org")
    send_code(editor, code_now(app, ed_id, clock))
    assert editor.get("/quan-tri/").status_code == 200
    # An editor may not see the accounts page.
    assert editor.get("/quan-tri/tai-khoan/").status_code == 403
    admin = app.test_client()
    send_password(admin, "admin@example.org")
    send_code(admin, code_now(app, admin_id, clock))
    listing = admin.get("/quan-tri/tai-khoan/").get_data(as_text=True)
    assert "ed@example.org" in listing and f"/quan-tri/tai-khoan/{ed_id}/dat-lai-xac-thuc" in listing
    assert f"/quan-tri/tai-khoan/{admin_id}/dat-lai-xac-thuc" not in listing
    assert admin.get(f"/quan-tri/tai-khoan/{admin_id}/dat-lai-xac-thuc").status_code == 404  # not oneself
    confirm = admin.get(f"/quan-tri/tai-khoan/{ed_id}/dat-lai-xac-thuc")
    assert confirm.status_code == 200 and _actions(session, "2fa.reset") == []  # a GET changes nothing
    response = admin.post(f"/quan-tri/tai-khoan/{ed_id}/dat-lai-xac-thuc",
                          data={"csrf_token": csrf_from(confirm.get_data(as_text=True))})
    assert response.status_code == 302
    [entry] = _actions(session, "2fa.reset")
    assert entry.actor_id == admin_id and entry.object_id == str(ed_id) and entry.detail["was_enabled"] is True
    user = session.get(User, ed_id)
    assert user.totp_secret is None and not user.two_factor_enabled
    assert session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == ed_id)).all() == []
    assert editor.get("/quan-tri/").status_code == 302  # their sessions ended
    fresh = app.test_client()
    assert send_password(fresh, "ed@example.org").headers["Location"] == "/quan-tri/"


def test_session_is_renewed_at_each_step(client, app, make_user, clock):
    uid = make_user()
    client.get("/quan-tri/dang-nhap")
    with client.session_transaction() as state:
        state["planted"] = "by an attacker"
        planted_cookie = client.get_cookie("portal_session").value
    send_password(client)
    with client.session_transaction() as state:
        assert "planted" not in state and set(state) <= {"login_pending", "csrf_token", "_permanent"}
        assert "_user_id" not in state
        pending_cookie = client.get_cookie("portal_session").value
    send_code(client, code_now(app, uid, clock))
    with client.session_transaction() as state:
        assert "planted" not in state and "login_pending" not in state and "_user_id" in state
    after = client.get_cookie("portal_session").value
    assert len({planted_cookie, pending_cookie, after}) == 3
    # Neither cookie from before the login opens the staff area.
    for old in (planted_cookie, pending_cookie):
        other = app.test_client()
        other.set_cookie("portal_session", old)
        assert other.get("/quan-tri/").status_code == 302


def test_session_is_renewed_without_two_factor(client, make_user, login):
    make_user("xl@example.org", role="handler", unit="11311")
    client.get("/quan-tri/dang-nhap")
    with client.session_transaction() as state:
        state["planted"] = "x"
    login("xl@example.org")
    with client.session_transaction() as state:
        assert "planted" not in state and "_user_id" in state


def test_log_out_everywhere_button(app, make_user, login, client, session):
    make_user("xl@example.org", role="handler", unit="11311")
    login("xl@example.org")
    other = app.test_client()
    send_password(other, "xl@example.org")
    assert other.get("/quan-tri/").status_code == 200
    html = client.get("/quan-tri/bao-mat").get_data(as_text=True)
    response = client.post("/quan-tri/dang-xuat-moi-noi", data={"csrf_token": csrf_from(html)})
    assert response.status_code == 302 and response.headers["Location"] == "/quan-tri/dang-nhap"
    assert client.get("/quan-tri/").status_code == 302 and other.get("/quan-tri/").status_code == 302
    assert len(_actions(session, "logout.everywhere")) == 1
    assert send_password(client, "xl@example.org").status_code == 302 and client.get("/quan-tri/").status_code == 200


def test_demo_admin_is_enrolled_and_its_key_listed(app, session):
    from portal.jobs.queue import jobs

    runner = app.test_cli_runner()
    jobs.huey.immediate = False
    try:
        output = runner.invoke(args=["seed-demo"]).output
    finally:
        jobs.huey.flush()
        jobs.huey.immediate = True
    admin = session.scalar(select(User).where(User.email == "admin@example.org"))
    assert admin.two_factor_enabled
    grouped = " ".join(admin.totp_secret[i:i + 4] for i in range(0, 32, 4))
    assert grouped in output
    assert grouped in runner.invoke(args=["demo-logins"]).output
    assert session.scalar(select(User).where(User.email == "bientap@example.org")).totp_secret is None
