"""The petition limit counts new stored petitions only, never stands between a resident and
the receipt of a petition already stored, and its 429 says how long to wait with the text kept.
The same counters across workers are proven in tests/scale/test_shared_limits.py."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.petitions.models import Petition
from tests.conftest import csrf_from
from tests.petitions.test_resident_send import GOOD, _form


@pytest.fixture
def limit(app, monkeypatch):
    def set_limit(name: str, value: str) -> None:
        monkeypatch.setitem(app.config, name, value)

    return set_limit


def _send(client, base: dict, step: str = "gui", **changes):
    return client.post("/phan-anh/gui", data={**base, **GOOD, **changes, "buoc": step})


def _count(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Petition))


def test_a_retried_final_post_gets_its_receipt_whatever_the_limit(client, session, limit):
    limit("PETITION_RATE_LIMIT", "2 per hour")
    first = _form(client)
    receipt = _send(client, first)
    assert receipt.status_code == 303
    assert _send(client, _form(client), title="Cống thoát nước ngõ 7 bị tắc").status_code == 303
    assert _send(client, _form(client), title="Rác thải đổ trộm ở bãi sông").status_code == 429
    # The address is over its limit; the first petition was acknowledged: every retry of its
    # final POST (a lost answer, a double tap) gets the same receipt, never a 429.
    for _ in range(6):
        again = _send(client, first)
        assert again.status_code == 303 and again.headers["Location"] == receipt.headers["Location"]
    assert _count(session) == 2


def test_a_double_tap_counts_once(app, session, limit):
    """The same form sent at once from several connections passes the idempotency check in each;
    one petition is stored, and the others give their count back."""
    import threading

    limit("PETITION_RATE_LIMIT", "3 per hour")
    clients = [app.test_client() for _ in range(2)]
    forms = [_form(c) for c in clients]
    barrier, statuses = threading.Barrier(len(clients)), []

    def tap(client, form):
        barrier.wait()
        statuses.append(_send(client, {**form, "submission_id": forms[0]["submission_id"]}).status_code)

    threads = [threading.Thread(target=tap, args=pair) for pair in zip(clients, forms, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [303] * 2 and _count(session) == 1
    other = clients[0]
    for title in ("Cống thoát nước ngõ 7 bị tắc", "Rác thải đổ trộm ở bãi sông"):  # 2 of 3 left
        assert _send(other, _form(other), title=title).status_code == 303
    assert _count(session) == 3


def test_previews_and_refused_forms_do_not_count(client, session, limit):
    limit("PETITION_RATE_LIMIT", "2 per hour")
    base = _form(client)
    for _ in range(5):
        assert _send(client, base, step="xem-truoc").status_code == 200
    for _ in range(3):  # no phone and no e-mail: refused, stored nothing, counts nothing
        assert _send(client, base, phone="").status_code == 400
    assert _send(client, base).status_code == 303
    assert _send(client, _form(client), title="Cống thoát nước ngõ 7 bị tắc").status_code == 303
    assert _count(session) == 2


def test_the_429_says_how_long_and_keeps_the_petition(client, session, limit):
    limit("PETITION_RATE_LIMIT", "1 per hour")
    assert _send(client, _form(client)).status_code == 303
    typed = {"title": "Trạm bơm thôn Đông hỏng mùa mưa", "body": "Trạm bơm tiêu úng của thôn Đông hỏng "
             "từ tháng trước, ruộng lúa của 40 hộ dân bị ngập, xin xã cho sửa sớm."}
    refused = _send(client, _form(client), **typed)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert 55 * 60 < int(refused.headers["Retry-After"]) <= 3600
    assert "chưa được gửi" in html and "Xin vui lòng chờ khoảng 60 phút nữa rồi thử lại." in html
    assert "vài phút" not in html  # not "a few minutes" for an hour-long window
    assert f'value="{typed["title"]}"' in html and typed["body"] in html  # the form again, as typed
    assert 'name="submission_id"' in html and _count(session) == 1
    # htmx (boosted form): the same page, as 200 so that htmx swaps it in; the status in X-Status.
    boosted = client.post("/phan-anh/gui", data={**_form(client), **GOOD, **typed, "buoc": "gui"},
                          headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert boosted.status_code == 200 and boosted.headers["X-Status"] == "429"
    assert typed["body"] in boosted.get_data(as_text=True)


def test_a_community_team_is_not_limited(client, session, limit, make_user, login):
    limit("PETITION_RATE_LIMIT", "1 per hour")
    make_user("doi@example.org", role="team", unit="11311")
    assert login("doi@example.org").status_code == 302
    for n in range(3):
        assert _send(client, _form(client), title=f"Đèn đường tổ {n + 1} hỏng đã lâu").status_code == 303
    assert _count(session) == 3


def test_other_limits_say_how_long_and_keep_the_text_but_no_secret(client, limit):
    limit("LOGIN_RATE_LIMIT", "2 per minute")
    page = client.get("/quan-tri/dang-nhap").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "email": "cantrai@example.org", "password": "mat-khau-bi-mat-123"}
    statuses = [client.post("/quan-tri/dang-nhap", data=form).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    refused = client.post("/quan-tri/dang-nhap", data=form)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 60
    assert "Xin vui lòng chờ" in html and re.search(r"chờ (một phút|khoảng 1 phút nữa)", html)
    assert 'value="cantrai@example.org"' in html  # kept, to send again
    assert "mat-khau-bi-mat-123" not in html  # a password is never written back into a page


def test_verification_limit_reads_its_configuration(app, client, limit):
    from tests.petitions.test_resident_track import _send as send_petition
    from tests.petitions.test_resident_track import _verify

    code = send_petition(app.test_client())
    limit("VERIFY_RATE_LIMIT", "2 per hour")
    assert [_verify(client, code, "0000").status_code for _ in range(3)][-1] == 429
    html = _verify(client, code, "0000").get_data(as_text=True)
    assert "Xin vui lòng chờ khoảng 60 phút nữa rồi thử lại." in html and "0000" not in html.split("<main")[1]
    assert "vẫn được giữ ở đây" not in html  # the secret is not given back, and nothing else was typed


def test_a_503_keeps_its_own_retry_after(app, client):
    """Flask-Limiter's headers used to replace the 503's "Retry-After: 60" with the limit's
    window (~3599 s): a resident's retry would have been put off for an hour."""
    from tests.core.test_database_down import failing_writes

    with failing_writes(app):
        response = _send(client, _form(client))
    assert response.status_code == 503 and response.headers["Retry-After"] == "60"
    assert "X-RateLimit-Limit" not in response.headers


def test_a_failing_counter_storage_lets_residents_through(client, session, monkeypatch, caplog):
    """Redis unreachable or the counter file's disk full: a warning, not a 500 for every petition
    and login (the database lockouts of logins and petition secrets still hold)."""
    import sqlite3

    from portal.extensions import limiter

    def broken(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(limiter.limiter, "hit", broken)
    assert _send(client, _form(client)).status_code == 303 and _count(session) == 1
    page = client.get("/quan-tri/dang-nhap").get_data(as_text=True)
    wrong = client.post("/quan-tri/dang-nhap", data={"csrf_token": csrf_from(page), "email": "a@example.org",
                                                      "password": "sai mật khẩu"})
    assert wrong.status_code == 400
    assert "rate-limit storage unavailable" in caplog.text
