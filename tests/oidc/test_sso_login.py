"""Staff single sign-on against the real provider: the whole login, role and committee mapping,
refusals, the replayed callback, missing state, PKCE, key rotation, RP-initiated logout, and
nothing changes without OIDC_ISSUER."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests
from sqlalchemy import select

from portal.accounts.models import AuditEntry, StaffSession, User
from portal.db import db
from portal.units.models import Unit
from tests.conftest import TWO_FACTOR_PATH, csrf_from
from tests.oidc.conftest import local_path, provider_login, sso_login

INBOX = "/quan-tri/phan-anh/"


def _user(app, subject: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.sso_subject == subject))
        if user is not None:
            db.session.expunge(user)
        return user


def test_full_login_lands_in_own_committee(sso_app, provider):
    client, browser = sso_app.test_client(), requests.Session()
    answer = sso_login(client, browser, "nguyen-van-a", next_url=INBOX)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:800]
    assert answer.headers["Location"] == INBOX
    assert client.get(INBOX).status_code == 200
    with sso_app.app_context():
        user = db.session.scalar(select(User).where(User.sso_subject == "nguyen-van-a"))
        assert (user.role, user.unit.code, user.sso_issuer, user.sso_only) == ("handler", "11311",
                                                                              provider.issuer, True)
        row = db.session.scalar(select(StaffSession).where(StaffSession.user_id == user.id))
        assert row.method == "sso" and row.external_issuer == provider.issuer and row.external_sid


def test_committee_follows_the_claims_at_every_login(sso_app):
    client = sso_app.test_client()
    assert sso_login(client, requests.Session(), "moved-e").status_code == 302
    with sso_app.app_context():
        user = db.session.scalar(select(User).where(User.sso_subject == "moved-e"))
        user.unit = db.session.scalar(select(Unit).where(Unit.code == "01"))
        db.session.commit()
    again = sso_app.test_client()
    assert sso_login(again, requests.Session(), "moved-e").status_code == 302
    assert _user(sso_app, "moved-e").unit_id is not None
    with sso_app.app_context():
        user = db.session.scalar(select(User).where(User.sso_subject == "moved-e"))
        assert user.unit.code == "11311"
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.sso_update"))


def test_unknown_role_and_committee_are_refused_politely(sso_app):
    for login, words in (("le-van-c", "không cho biết"), ("pham-d", "không biết")):
        client = sso_app.test_client()
        answer = sso_login(client, requests.Session(), login)
        page = answer.get_data(as_text=True)
        assert answer.status_code == 403, page[:500]
        assert "Đăng nhập bằng tài khoản nền tảng không thành công" in page and words in page
        assert client.get(INBOX).status_code == 302  # not logged in
        assert _user(sso_app, login) is None
    with sso_app.app_context():
        reasons = {e.detail["reason"] for e in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "login.sso_refused"))}
    assert reasons == {"role", "unit"}


def test_login_page_offers_the_platform_first(sso_app, client, provider):
    answer = sso_app.test_client().get("/quan-tri/dang-nhap")
    page = answer.get_data(as_text=True)
    # The logout form's redirect goes on to the provider: CSP's form-action lets it (only it).
    assert f"form-action 'self' {provider.issuer};" in answer.headers["Content-Security-Policy"]
    assert "form-action 'self';" in client.get("/quan-tri/dang-nhap").headers["Content-Security-Policy"]
    assert 'id="sso-login"' in page and page.index("sso-login") < page.index('name="password"')
    assert "Đăng nhập bằng Mặt trận số" in page
    # Without OIDC_ISSUER: as before.
    plain = client.get("/quan-tri/dang-nhap").get_data(as_text=True)
    assert "sso-login" not in plain
    assert client.get("/quan-tri/dang-nhap/sso").status_code == 404
    assert client.get("/quan-tri/dang-nhap/sso/callback?code=x&state=y").status_code == 404
    assert client.post("/quan-tri/dang-xuat/sso-backchannel", data={"logout_token": "x"}).status_code == 404


def test_replayed_callback_and_missing_state_are_refused(sso_app):
    client = sso_app.test_client()
    start = client.get("/quan-tri/dang-nhap/sso")
    back = local_path(provider_login(requests.Session(), start.headers["Location"], "nguyen-van-a"))
    assert client.get(back).status_code == 302
    client.post("/quan-tri/dang-xuat", data={"csrf_token": csrf_from(client.get("/quan-tri/").get_data(as_text=True))})
    replay = client.get(back)
    assert replay.status_code == 400 and "không đăng nhập" in replay.get_data(as_text=True)
    # The same answer in another browser (no state in its session) is refused too.
    other = sso_app.test_client()
    start = other.get("/quan-tri/dang-nhap/sso")
    back = provider_login(requests.Session(), start.headers["Location"], "nguyen-van-a")
    query = parse_qs(urlsplit(back).query)
    stranger = sso_app.test_client()
    assert stranger.get(f"/quan-tri/dang-nhap/sso/callback?code={query['code'][0]}").status_code == 400
    assert stranger.get(INBOX).status_code == 302
    with sso_app.app_context():
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "login.sso_failed"))


def test_pkce_mismatch_is_refused_by_the_provider(sso_app):
    client = sso_app.test_client()
    start = client.get("/quan-tri/dang-nhap/sso")
    back = local_path(provider_login(requests.Session(), start.headers["Location"], "nguyen-van-a"))
    with client.session_transaction() as cookie:
        key = next(k for k in cookie if k.startswith("_state_staff_"))
        data = cookie[key]
        data["data"]["code_verifier"] = "x" * 64
        cookie[key] = data
    answer = client.get(back)
    assert answer.status_code == 400
    assert client.get(INBOX).status_code == 302


def test_key_rotation_is_followed(sso_app, provider):
    assert sso_login(sso_app.test_client(), requests.Session(), "nguyen-van-a").status_code == 302
    old = provider.keys[0].kid
    provider.rotate()
    assert provider.keys[0].kid != old
    client = sso_app.test_client()
    answer = sso_login(client, requests.Session(), "nguyen-van-a")
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    assert client.get(INBOX).status_code == 200


def test_logout_ends_the_provider_session_too(sso_app, provider):
    client, browser = sso_app.test_client(), requests.Session()
    assert sso_login(client, browser, "nguyen-van-a").status_code == 302
    token = csrf_from(client.get("/quan-tri/").get_data(as_text=True))
    out = client.post("/quan-tri/dang-xuat", data={"csrf_token": token})
    assert out.status_code == 302
    location = out.headers["Location"]
    assert location.startswith(provider.issuer)
    assert location.startswith(provider.issuer + "/session/end")
    assert "id_token_hint=" in location and "post_logout_redirect_uri=http%3A%2F%2Flocalhost%2F" in location
    assert client.get(INBOX).status_code == 302
    with sso_app.app_context():
        assert db.session.scalar(select(StaffSession)).ended_at is not None


def test_admin_without_a_provider_second_factor_is_asked_for_the_code(sso_app):
    from portal.accounts.models import User as UserModel
    from tests.conftest import enrol_two_factor

    client = sso_app.test_client()
    assert sso_login(client, requests.Session(), "tran-thi-b").status_code == 302  # first login: enrol
    with sso_app.app_context():
        user = db.session.scalar(select(UserModel).where(UserModel.sso_subject == "tran-thi-b"))
        assert user.role == "admin" and user.unit is None
        enrol_two_factor(user)
    again = sso_app.test_client()
    answer = sso_login(again, requests.Session(), "tran-thi-b")
    assert answer.headers["Location"] == TWO_FACTOR_PATH
    assert again.get("/quan-tri/").status_code == 302


def test_a_boosted_logout_is_told_to_navigate_to_the_provider(sso_app, provider):
    # htmx would follow a 302 to another site inside fetch, where CORS stops it.
    client = sso_app.test_client()
    assert sso_login(client, requests.Session(), "nguyen-van-a").status_code == 302
    token = csrf_from(client.get("/quan-tri/").get_data(as_text=True))
    out = client.post("/quan-tri/dang-xuat", data={"csrf_token": token}, headers={"HX-Request": "true"})
    assert out.status_code == 200 and out.headers["HX-Redirect"].startswith(provider.issuer + "/session/end")
    assert client.get(INBOX).status_code == 302
