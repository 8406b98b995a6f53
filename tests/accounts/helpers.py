"""Shared steps for the two-step login tests: a movable clock and the two login steps by hand."""

from __future__ import annotations

import pytest

from portal.accounts import totp
from portal.accounts.models import User
from portal.db import db
from tests.conftest import TWO_FACTOR_PATH, csrf_from

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self, monkeypatch, start: float = 1_900_000_005.0):
        self.now = start
        monkeypatch.setattr(totp, "now_ts", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def send_password(client, email="staff@example.org", password=PASSWORD, next_url=""):
    page = client.get("/quan-tri/dang-nhap")
    return client.post("/quan-tri/dang-nhap", data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                                    "email": email, "password": password, "next": next_url})


def send_code(client, code: str):
    page = client.get(TWO_FACTOR_PATH)
    assert page.status_code == 200, page.headers.get("Location")
    return client.post(TWO_FACTOR_PATH, data={"csrf_token": csrf_from(page.get_data(as_text=True)), "code": code})


def secret_of(app, user_id: int) -> str:
    with app.app_context():
        return db.session.get(User, user_id).totp_secret


def code_now(app, user_id: int, clock: Clock, steps: int = 0) -> str:
    return totp.code_at(secret_of(app, user_id), clock.now + 30 * steps)


def log_out(client) -> None:
    html = client.get("/quan-tri/bao-mat").get_data(as_text=True)
    client.post("/quan-tri/dang-xuat", data={"csrf_token": csrf_from(html)})
