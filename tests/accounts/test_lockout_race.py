"""The lockout holds under load: 12 wrong passwords (or codes) for one e-mail address sent at the
same moment, from 12 network addresses, get at most 5 real checks, on SQLite and PostgreSQL.
Each request runs in its own thread with its own test client, app context and database session,
as gunicorn's threads would."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from portal.accounts import routes, service
from tests.accounts.helpers import send_password
from tests.conftest import TWO_FACTOR_PATH, csrf_from

AT_ONCE = 12
EMAIL = "xl@example.org"


class Counter:
    """Wraps a check so the test learns how many really ran; each takes a while (a slow
    machine), which leaves every request time to arrive before any check ends."""

    def __init__(self, real, counts=lambda *args: True):
        self.real, self.counts, self.n, self.lock = real, counts, 0, threading.Lock()

    def __call__(self, *args):
        if self.counts(*args):
            with self.lock:
                self.n += 1
            time.sleep(0.3)
        return self.real(*args)


def _clients(app, count: int):
    clients = [app.test_client() for _ in range(count)]
    for i, client in enumerate(clients):  # 12 addresses: the per-address rate limit stays out of it
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{i + 1}"
    return clients


def _all_at_once(clients, path: str, form) -> list[int]:
    prepared = [(c, csrf_from(c.get(path).get_data(as_text=True))) for c in clients]
    start = threading.Barrier(len(prepared))

    def send(item):
        client, token = item
        start.wait()
        return client.post(path, data={"csrf_token": token, **form}).status_code

    with ThreadPoolExecutor(max_workers=len(prepared)) as pool:
        return sorted(pool.map(send, prepared))


def test_twelve_wrong_passwords_at_once_get_five_checks(app, make_user, monkeypatch):
    make_user(EMAIL, role="handler", unit="11311")
    checks = Counter(service.check_password_hash, lambda stored, _password: stored != service._DUMMY_HASH)
    monkeypatch.setattr(service, "check_password_hash", checks)
    statuses = _all_at_once(_clients(app, AT_ONCE), "/quan-tri/dang-nhap", {"email": EMAIL, "password": "wrong!"})
    assert checks.n == 5
    assert statuses == [400] * 4 + [429] * (AT_ONCE - 4)
    assert send_password(app.test_client(), EMAIL).status_code == 429  # locked, even the right password


def test_twelve_wrong_codes_at_once_get_five_checks(app, make_user, monkeypatch):
    make_user(EMAIL, role="editor", unit="11311", two_factor=True)
    clients = _clients(app, AT_ONCE)
    for client in clients:  # each one half logged in: the password was right
        assert send_password(client, EMAIL).headers["Location"] == TWO_FACTOR_PATH
    checks = Counter(routes.check_code)
    monkeypatch.setattr(routes, "check_code", checks)
    statuses = _all_at_once(clients, TWO_FACTOR_PATH, {"code": "000000"})
    assert checks.n == 5
    # Four wrong codes are told so; the fifth locks the address; the rest are refused unchecked.
    assert statuses == [302] * (AT_ONCE - 4) + [400] * 4
