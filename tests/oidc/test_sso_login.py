"""Staff single sign-on against the real provider: the whole login, role and committee mapping,
refusals, RP-initiated logout, and nothing changes without OIDC_ISSUER."""

from __future__ import annotations

import requests
from sqlalchemy import select

from portal.accounts.models import AuditEntry, StaffSession, User
from portal.db import db
from tests.oidc.conftest import local_path, provider_login, sso_login

INBOX = "/quan-tri/phan-anh/"


def test_full_login_lands_in_own_committee(sso_app, provider):
    client, browser = sso_app.test_client(), requests.Session()
    answer = sso_login(client, browser, "nguyen-van-a", next_url=INBOX)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:800]
    assert answer.headers["Location"] == INBOX
    assert client.get(INBOX).status_code == 200
    with sso_app.app_context():
        user = db.session.scalar(select(User).where(User.sso_subject == "nguyen-van-a"))
        assert (user.role, user.unit.code, user.sso_issuer, user.sso_only) == ("handler", "11311", provider.issuer, True)
        row = db.session.scalar(select(StaffSession).where(StaffSession.user_id == user.id))
        assert row.method == "sso" and row.external_issuer == provider.issuer and row.external_sid
