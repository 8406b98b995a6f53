"""Accounts behind single sign-on: a local account with the same e-mail is not taken over
unless an administrator switched it to the platform login (then its password stops working);
first logins approved by hand when OIDC_APPROVE_FIRST_LOGIN is on."""

from __future__ import annotations

import requests
from sqlalchemy import select

from portal import create_app
from portal.accounts.models import AuditEntry, User
from portal.db import db
from tests.accounts.helpers import PASSWORD, send_code, send_password
from tests.conftest import csrf_from, current_code
from tests.oidc.conftest import sso_login, sso_settings

INBOX = "/quan-tri/phan-anh/"


def test_a_local_account_is_not_taken_over_by_its_email(sso_app, make_user):
    make_user("a@mattran.example.vn", role="handler", unit="11311")
    client = sso_app.test_client()
    answer = sso_login(client, requests.Session(), "nguyen-van-a")
    assert answer.status_code == 403 and "mật khẩu riêng" in answer.get_data(as_text=True)
    with sso_app.app_context():
        user = db.session.scalar(select(User).where(User.email == "a@mattran.example.vn"))
        assert user.sso_subject is None
    assert send_password(sso_app.test_client(), "a@mattran.example.vn").status_code == 302  # still works


def test_switched_to_platform_login_only(sso_app, make_user):
    make_user("a@mattran.example.vn", role="handler", unit="11311")
    boss = make_user("boss@example.org", role="admin")
    with sso_app.app_context():
        target = db.session.scalar(select(User).where(User.email == "a@mattran.example.vn")).id
    admin = sso_app.test_client()
    send_password(admin, "boss@example.org")
    assert send_code(admin, current_code(sso_app, boss)).status_code == 302
    people = admin.get("/quan-tri/tai-khoan/").get_data(as_text=True)
    url = f"/quan-tri/tai-khoan/{target}/chi-dang-nhap-nen-tang"
    assert url in people
    page = admin.get(url)
    assert admin.post(url, data={"csrf_token": csrf_from(page.get_data(as_text=True))}).status_code == 302

    refused = send_password(sso_app.test_client(), "a@mattran.example.vn", PASSWORD)
    assert refused.status_code == 400
    client = sso_app.test_client()
    assert sso_login(client, requests.Session(), "nguyen-van-a").status_code == 302
    assert client.get(INBOX).status_code == 200
    with sso_app.app_context():
        user = db.session.get(User, target)
        assert user.sso_subject == "nguyen-van-a" and user.sso_only
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.sso_link"))


def test_first_logins_wait_for_an_administrator(app, app_config, provider):
    approving = create_app({**app_config, **sso_settings(provider, OIDC_APPROVE_FIRST_LOGIN=True)})
    first = sso_login(approving.test_client(), requests.Session(), "nguyen-van-a")
    assert first.status_code == 403 and "duyệt" in first.get_data(as_text=True)
    again = sso_login(approving.test_client(), requests.Session(), "nguyen-van-a")
    assert again.status_code == 403
    with approving.app_context():
        user = db.session.scalar(select(User).where(User.sso_subject == "nguyen-van-a"))
        assert not user.active
        from portal.accounts.sso import approve

        approve(db.session, None, user)
    client = approving.test_client()
    assert sso_login(client, requests.Session(), "nguyen-van-a").status_code == 302
    assert client.get(INBOX).status_code == 200
