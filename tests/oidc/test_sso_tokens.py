"""Forged answers against the callback and the back-channel logout: tokens signed with the
provider's own key (so only the one thing under test is wrong) or with another key. The token
endpoint's answer is replaced for these tests; every check on it is the portal's real code."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests
from joserfc import jwt
from sqlalchemy import select

from portal.accounts.models import AuditEntry, StaffSession, User
from portal.db import db
from tests.conftest import csrf_from
from tests.oidc.conftest import CLIENT_ID, new_key, sso_login

INBOX = "/quan-tri/phan-anh/"
EVENT = {"http://schemas.openid.net/event/backchannel-logout": {}}


def _claims(provider, nonce: str, **changes) -> dict:
    now = int(time.time())
    claims = {"iss": provider.issuer, "aud": CLIENT_ID, "sub": "nguyen-van-a", "iat": now, "exp": now + 300,
              "nonce": nonce, "sid": uuid.uuid4().hex, "email": "a@mattran.example.vn", "email_verified": True,
              "role": "handler", "unit": "11311"}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _sign(provider, claims: dict, key=None, alg="RS256") -> str:
    key = key or provider.keys[0]
    return jwt.encode({"alg": alg, "kid": provider.keys[0].kid}, claims, key)


def _forged_callback(sso_app, monkeypatch, make_token):
    """Start a login, then answer the callback with the forged ID token `make_token(nonce)`."""
    client = sso_app.test_client()
    start = client.get("/quan-tri/dang-nhap/sso")
    assert start.status_code == 302
    with client.session_transaction() as cookie:
        key = next(k for k in cookie if k.startswith("_state_staff_"))
        state, nonce = key.removeprefix("_state_staff_"), cookie[key]["data"]["nonce"]
    registry = sso_app.extensions["authlib.integrations.flask_client"]
    monkeypatch.setattr(registry.create_client("staff"), "fetch_access_token",
                        lambda **kw: {"access_token": "at", "token_type": "Bearer", "id_token": make_token(nonce)})
    return client, client.get(f"/quan-tri/dang-nhap/sso/callback?code=forged&state={state}")


def test_a_well_formed_token_passes(sso_app, provider, monkeypatch):
    # The control: the same forging with nothing wrong logs in (so each refusal below is its cause).
    client, answer = _forged_callback(sso_app, monkeypatch, lambda n: _sign(provider, _claims(provider, n)))
    assert answer.status_code == 302 and client.get(INBOX).status_code == 200


def _hs256_with_public_key(provider, claims):
    """The classic confusion: HMAC keyed with the provider's public key, which anyone has."""
    # Signed by hand: joserfc itself refuses to use a public key as an HMAC secret.
    signing_input = f"{_part({'alg': 'HS256', 'kid': provider.keys[0].kid})}.{_part(claims)}"
    mac = hmac.new(provider.keys[0].as_pem(private=False), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def _part(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _alg_none(claims):
    return f"{_part({'alg': 'none'})}.{_part(claims)}."


FORGERIES = {
    "wrong signature": lambda p, n: _sign(p, _claims(p, n), key=new_key()),
    "wrong audience": lambda p, n: _sign(p, _claims(p, n, aud="another-app")),
    "wrong issuer": lambda p, n: _sign(p, _claims(p, n, iss="http://127.0.0.1:1")),
    "expired": lambda p, n: _sign(p, _claims(p, n, iat=int(time.time()) - 3600, exp=int(time.time()) - 600)),
    "issued in the future": lambda p, n: _sign(p, _claims(p, n, iat=int(time.time()) + 3600)),
    "replayed nonce": lambda p, n: _sign(p, _claims(p, "nonce-of-an-earlier-login")),
    "no nonce": lambda p, n: _sign(p, _claims(p, None)),
    "alg none": lambda p, n: _alg_none(_claims(p, n)),
    "HS256 keyed with the public key": lambda p, n: _hs256_with_public_key(p, _claims(p, n)),
}


@pytest.mark.parametrize("case", FORGERIES)
def test_forged_id_tokens_are_refused(sso_app, provider, monkeypatch, case):
    client, answer = _forged_callback(sso_app, monkeypatch, lambda n: FORGERIES[case](provider, n))
    assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
    assert "không đăng nhập" in answer.get_data(as_text=True)
    assert client.get(INBOX).status_code == 302
    with sso_app.app_context():
        assert db.session.scalar(select(User).where(User.sso_subject == "nguyen-van-a")) is None
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "login.sso_failed"))


def test_admin_skips_the_portal_code_when_the_provider_used_a_second_factor(sso_app, provider, monkeypatch):
    def token(nonce):
        return _sign(provider, _claims(provider, nonce, sub="tran-thi-b", email="b@mattran.example.vn", role="admin",
                                       unit="TW", amr=["pwd", "otp"]))

    client, answer = _forged_callback(sso_app, monkeypatch, token)
    assert answer.headers["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/tai-khoan/").status_code == 200  # not sent to enrol
    with sso_app.app_context():
        assert db.session.scalar(select(StaffSession)).method == "sso-mfa"


def _logged_in(sso_app):
    client = sso_app.test_client()
    assert sso_login(client, requests.Session(), "nguyen-van-a").status_code == 302
    with sso_app.app_context():
        row = db.session.scalar(select(StaffSession))
        return client, row.external_sid


def _logout_token(provider, **changes) -> dict:
    claims = {"iss": provider.issuer, "aud": CLIENT_ID, "iat": int(time.time()), "jti": uuid.uuid4().hex,
              "events": EVENT, "sub": "nguyen-van-a"}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def test_back_channel_logout_by_sid_ends_the_session(sso_app, provider):
    client, sid = _logged_in(sso_app)
    other = sso_app.test_client()
    answer = other.post("/quan-tri/dang-xuat/sso-backchannel",
                        data={"logout_token": _sign(provider, _logout_token(provider, sid=sid, sub=None))})
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    assert client.get(INBOX).status_code == 302


def test_back_channel_logout_by_sub_ends_every_session(sso_app, provider):
    first, _ = _logged_in(sso_app)
    second, _ = _logged_in(sso_app)
    token = _sign(provider, _logout_token(provider))
    assert sso_app.test_client().post("/quan-tri/dang-xuat/sso-backchannel",
                                      data={"logout_token": token}).status_code == 200
    assert first.get(INBOX).status_code == 302 and second.get(INBOX).status_code == 302


BAD_LOGOUT = {
    "wrong signature": lambda p, sid: _sign(p, _logout_token(p, sid=sid), key=new_key()),
    "wrong audience": lambda p, sid: _sign(p, _logout_token(p, sid=sid, aud="another-app")),
    "wrong issuer": lambda p, sid: _sign(p, _logout_token(p, sid=sid, iss="http://127.0.0.1:1")),
    "no event": lambda p, sid: _sign(p, _logout_token(p, sid=sid, events=None)),
    "with a nonce": lambda p, sid: _sign(p, _logout_token(p, sid=sid, nonce="n")),
    "no jti": lambda p, sid: _sign(p, _logout_token(p, sid=sid, jti=None)),
    "no iat": lambda p, sid: _sign(p, _logout_token(p, sid=sid, iat=None)),
    "neither sid nor sub": lambda p, sid: _sign(p, _logout_token(p, sub=None)),
    "alg none": lambda p, sid: _alg_none(_logout_token(p, sid=sid)),
}


@pytest.mark.parametrize("case", BAD_LOGOUT)
def test_bad_logout_tokens_end_nothing(sso_app, provider, case):
    client, sid = _logged_in(sso_app)
    answer = sso_app.test_client().post("/quan-tri/dang-xuat/sso-backchannel",
                                        data={"logout_token": BAD_LOGOUT[case](provider, sid)})
    assert answer.status_code == 400 and answer.get_json()["error"] == "invalid_request"
    assert client.get(INBOX).status_code == 200


def test_logout_form_without_csrf_is_still_refused(sso_app):
    client, _ = _logged_in(sso_app)
    token = csrf_from(client.get("/quan-tri/").get_data(as_text=True))
    assert token
    assert client.post("/quan-tri/dang-xuat", data={}).status_code in (302, 400)
    assert client.get(INBOX).status_code == 200


def test_a_replayed_logout_token_is_refused(sso_app, provider):
    # The first delivery ends the session; the same token again (its jti is kept in the database,
    # which every worker and instance share) is refused and ends nothing, not even a newer login.
    client, sid = _logged_in(sso_app)
    token = _sign(provider, _logout_token(provider, sid=sid))
    post = sso_app.test_client().post
    assert post("/quan-tri/dang-xuat/sso-backchannel", data={"logout_token": token}).status_code == 200
    assert client.get(INBOX).status_code == 302
    again, _ = _logged_in(sso_app)
    replay = post("/quan-tri/dang-xuat/sso-backchannel", data={"logout_token": token})
    assert replay.status_code == 400 and replay.get_json()["error"] == "invalid_request"
    assert again.get(INBOX).status_code == 200
    by_sub = _sign(provider, _logout_token(provider))
    assert post("/quan-tri/dang-xuat/sso-backchannel", data={"logout_token": by_sub}).status_code == 200
    assert post("/quan-tri/dang-xuat/sso-backchannel", data={"logout_token": by_sub}).status_code == 400


def test_an_old_logout_token_is_refused(sso_app, provider):
    # Older than the time its jti is kept: refused by its age.
    client, sid = _logged_in(sso_app)
    token = _sign(provider, _logout_token(provider, sid=sid, iat=int(time.time()) - 3600))
    assert sso_app.test_client().post("/quan-tri/dang-xuat/sso-backchannel",
                                      data={"logout_token": token}).status_code == 400
    assert client.get(INBOX).status_code == 200
