"""One resident, one support: pressing "ủng hộ" again (or 25 times, or 25 times at once) counts
once; clearing cookies at the same place does not count again at once; a neighbour behind the
same address can still add their voice a few minutes later."""

import threading
from datetime import timedelta

from sqlalchemy import func, select

from portal.db import utcnow
from portal.petitions import service
from portal.petitions.models import Petition
from tests.conftest import csrf_from
from tests.petitions.factories import make_petition

HOME = "11311"


def _browser(app, address="10.5.0.1"):
    client = app.test_client()
    env = {"REMOTE_ADDR": address}
    token = csrf_from(client.get("/phan-anh/gui?don-vi=11311", environ_base=env).get_data(as_text=True))
    return lambda code: client.post(f"/phan-anh/ung-ho/{code}", data={"csrf_token": token}, environ_base=env,
                                    follow_redirects=True)


def _supporters(session, pid):
    session.expire_all()
    return session.get(Petition, pid).supporters


def test_twenty_five_presses_count_once_with_a_polite_answer(app, session):
    pid = make_petition(app, HOME)
    code = session.get(Petition, pid).code
    press = _browser(app)
    first = press(code).get_data(as_text=True)
    assert "Xin cảm ơn: bạn đã cùng kiến nghị" in first and _supporters(session, pid) == 1
    again = press(code)
    assert again.status_code == 200 and "Bạn đã ủng hộ phản ánh này rồi" in again.get_data(as_text=True)
    for _n in range(23):  # (past 20 an hour the per-address limit answers 429 as well)
        assert press(code).status_code in (200, 429)
    assert _supporters(session, pid) == 1
    events = session.get(Petition, pid).events
    assert [e.kind for e in events].count("support") == 1


def test_presses_sent_at_once_from_one_browser_count_once(app, session):
    pid = make_petition(app, HOME)
    code = session.get(Petition, pid).code
    press = _browser(app)
    press(code)  # the browser has its supporter id from now on
    barrier = threading.Barrier(25)

    def go():
        barrier.wait()
        press(code)

    threads = [threading.Thread(target=go) for _ in range(25)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert _supporters(session, pid) == 1


def test_cleared_cookies_at_the_same_place_wait_a_neighbour_counts_later(app, session, monkeypatch):
    from portal.petitions.models import PetitionSupport  # (new with this fix)

    pid = make_petition(app, HOME)
    code = session.get(Petition, pid).code
    _browser(app, "10.6.0.1")(code)
    # The same phone with its cookies cleared (a new browser) at the same address, at once.
    again = _browser(app, "10.6.0.1")(code).get_data(as_text=True)
    assert "cùng đường truyền Internet" in again and _supporters(session, pid) == 1
    # Somebody else, elsewhere, counts.
    _browser(app, "10.7.0.1")(code)
    assert _supporters(session, pid) == 2
    # A neighbour behind the same address (a commune office, a carrier NAT) a few minutes later counts.
    later = utcnow() + timedelta(minutes=service.SUPPORT_SLOT_MINUTES)
    monkeypatch.setattr(service, "utcnow", lambda: later)
    _browser(app, "10.6.0.1")(code)
    assert _supporters(session, pid) == 3
    # No address or cookie is stored in clear.
    keys = session.scalars(select(PetitionSupport.key)).all()
    assert len(keys) == 6 and not any("10.6" in k or "10.7" in k for k in keys)
    assert session.scalar(select(func.count()).select_from(PetitionSupport)) == 6
