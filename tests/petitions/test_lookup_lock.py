"""The 4-digit look-up secret: wrong tries are counted on the petition, whatever the address or
the worker; 5 lock it for an hour (the right digits too), and the handler sees and lifts it."""

import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from portal.accounts.models import AuditEntry
from portal.db import utcnow
from portal.petitions.models import Petition
from tests.conftest import csrf_from
from tests.petitions.factories import login_as, make_petition, register_staff_blueprint

HOME = "11311"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _staff_routes(app):
    register_staff_blueprint(app)


def _try(app, code, secret, address):
    """One try from a fresh browser at `address`: nothing ties it to the other tries but the petition."""
    client = app.test_client()
    env = {"REMOTE_ADDR": address}
    page = client.get(f"/phan-anh/tra-cuu?ma={code}", environ_base=env).get_data(as_text=True)
    response = client.post(f"/phan-anh/tra-cuu/{code}/xac-minh", data={"csrf_token": csrf_from(page),
                                                                       "secret": secret}, environ_base=env)
    return client, response


def _row(session, pid):
    session.expire_all()
    return session.get(Petition, pid)


def test_five_wrong_tries_from_five_addresses_lock_the_petition_for_an_hour(app, session):
    pid = make_petition(app, HOME)  # phone 0912345678: the secret is 5678
    code = session.get(Petition, pid).code
    for n in range(5):
        _client, response = _try(app, code, f"{1000 + n}", f"10.0.{n}.1")
        if n < 4:
            assert response.status_code == 400, n
            assert f"Còn {4 - n} lần thử" in response.get_data(as_text=True)
        else:  # the fifth wrong try locks: its answer already says until when
            assert response.status_code == 429 and "bị khóa" in response.get_data(as_text=True)
    until = _row(session, pid).verify_locked_until
    assert until is not None and timedelta(minutes=59) < until - utcnow() <= timedelta(minutes=60)

    # The right digits, from yet another address, are refused too while the lock lasts.
    client, response = _try(app, code, "5678", "10.9.9.9")
    html = response.get_data(as_text=True)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 3500
    local = until.astimezone(VN)
    assert "bị khóa" in html and "giờ Việt Nam" in html and local.strftime("%H:%M") in html
    assert local.strftime("%d/%m/%Y") in html
    assert "0912345678" not in client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    assert _row(session, pid).verify_failures == 5  # refused tries are not even compared

    # When the hour is over, the right digits open the details and the count starts again.
    p = _row(session, pid)
    p.verify_locked_until = utcnow() - timedelta(seconds=1)
    session.commit()
    client, response = _try(app, code, "5678", "10.9.9.9")
    assert response.status_code == 303
    assert "0912345678" in client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    p = _row(session, pid)
    assert p.verify_failures == 0 and p.verify_locked_until is None


def test_the_right_secret_resets_the_count(app, session):
    pid = make_petition(app, HOME)
    code = session.get(Petition, pid).code
    for n in range(3):
        _try(app, code, "0000", f"10.1.{n}.1")
    assert _try(app, code, "lan.nguyen@example.vn", "10.1.9.1")[1].status_code == 303
    assert _row(session, pid).verify_failures == 0


def test_wrong_tries_sent_at_once_are_checked_at_most_five_times(app, session):
    """Twelve browsers at twelve addresses guess at the same moment: five are compared, seven refused."""
    pid = make_petition(app, HOME)
    code = session.get(Petition, pid).code
    prepared = []
    for n in range(12):
        client = app.test_client()
        env = {"REMOTE_ADDR": f"10.2.{n}.1"}
        page = client.get(f"/phan-anh/tra-cuu?ma={code}", environ_base=env).get_data(as_text=True)
        prepared.append((client, env, csrf_from(page)))
    barrier = threading.Barrier(len(prepared))
    statuses = []

    def guess(n):
        client, env, token = prepared[n]
        barrier.wait()
        response = client.post(f"/phan-anh/tra-cuu/{code}/xac-minh", data={"csrf_token": token,
                                                                           "secret": f"{2000 + n}"}, environ_base=env)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(len(prepared))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    # Four wrong answers, then the fifth try locks and the seven others are refused unread.
    assert sorted(statuses) == [400] * 4 + [429] * 8
    p = _row(session, pid)
    assert p.verify_failures == 5 and p.verify_locked_until is not None
    assert [e.kind for e in p.events].count("verify_locked") == 1


def test_the_handler_sees_the_lock_and_can_lift_it(app, session, make_user):
    pid = make_petition(app, HOME)
    code = session.get(Petition, pid).code
    for n in range(5):
        _try(app, code, "9999", f"10.3.{n}.1")
    make_user("xl@example.org", role="handler", unit=HOME)
    handler, token = login_as(app, "xl@example.org")
    html = handler.get(f"/quan-tri/phan-anh/{pid}").get_data(as_text=True)
    until = _row(session, pid).verify_locked_until.astimezone(VN)
    assert "5 lần thử sai" in html and f"khóa đến {until:%H:%M %d/%m/%Y}" in html
    assert "/mo-khoa" in html

    # Someone who may only read (no act) cannot lift it.
    make_user("tinh@example.org", role="handler", unit="31")
    overseer, other_token = login_as(app, "tinh@example.org")
    assert overseer.post(f"/quan-tri/phan-anh/{pid}/mo-khoa", data={"csrf_token": other_token}).status_code == 403
    assert _row(session, pid).verify_locked_until is not None

    assert handler.post(f"/quan-tri/phan-anh/{pid}/mo-khoa", data={"csrf_token": token}).status_code == 302
    p = _row(session, pid)
    assert p.verify_failures == 0 and p.verify_locked_until is None
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "petition.verify_unlock"))
    assert entry is not None and entry.object_id == str(pid)
    assert _try(app, code, "5678", "10.3.9.1")[1].status_code == 303
