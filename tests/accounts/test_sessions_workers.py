"""Logout holds on every worker of every instance: two real gunicorn servers with two workers each
share the suite's database (the embedded SQLite file, or PostgreSQL in the scale-out pass). A
handler logs in through one worker, the cookie is copied, and the copy opens the inbox on all
four workers; after logout every one of the four refuses it. Each server's access log names the
process that answered, so the test knows that every worker was asked."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.scale.servers import serve, suite_env

pytestmark = pytest.mark.slow
INBOX = "/quan-tri/phan-anh/"
PASSWORD = "correct horse battery"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _workers(master: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            found.add(int(stat.parent.name))
    return found


@pytest.fixture
def servers(app, app_config, tmp_path):
    logs = [tmp_path / f"access-{n}.log" for n in range(2)]
    with ExitStack() as stack:
        started = [serve(stack, suite_env(app_config), access_log=log) for log in logs]
        yield [(base, log, proc.pid) for (proc, base), log in zip(started, logs, strict=True)]


def _inbox_with(base: str, cookie: str) -> int:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(base + INBOX, headers={"Cookie": f"portal_session={cookie}"})
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:  # the 302 to the login page
        assert exc.code != 302 or exc.headers["Location"].startswith("/quan-tri/dang-nhap"), exc.headers
        return exc.code


def _answered_by(log: Path, status: int) -> list[int]:
    lines = [line.split() for line in log.read_text().splitlines()]
    return [int(pid.strip("<>")) for pid, path, code in lines if path == INBOX and int(code) == status]


def _ask_every_worker(servers, cookie: str, expected: int) -> None:
    """Send the copied cookie to both servers, several at a time, until each of the four workers
    has answered it at least once; every answer must be `expected`."""
    workers = {base: _workers(master) for base, _log, master in servers}
    assert all(len(pids) == 2 for pids in workers.values()), workers
    for _round in range(20):
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda base: _inbox_with(base, cookie), [b for b, _l, _m in servers] * 4))
        assert set(statuses) == {expected}, statuses
        if all(workers[base] <= set(_answered_by(log, expected)) for base, log, _m in servers):
            return
    pytest.fail(f"not every worker was reached: {workers}")


def test_a_copied_cookie_is_refused_by_every_worker_after_logout(servers, make_user):
    make_user("xl@example.org", role="handler", unit="11311")
    (first, _log, _master), _other = servers
    jar = CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = browser.open(first + "/quan-tri/dang-nhap", timeout=60).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    browser.open(first + "/quan-tri/dang-nhap", data=urlencode(
        {"csrf_token": token, "email": "xl@example.org", "password": PASSWORD}).encode(), timeout=60).read()
    copied = next(c.value for c in jar if c.name == "portal_session")

    _ask_every_worker(servers, copied, 200)  # the copy works everywhere while logged in

    inbox = browser.open(first + "/quan-tri/", timeout=60).read().decode()  # its logout button
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', inbox).group(1)
    browser.open(first + "/quan-tri/dang-xuat", data=urlencode({"csrf_token": token}).encode(), timeout=60).read()
    assert not [c for c in jar if c.name == "portal_session" and c.value == copied]

    _ask_every_worker(servers, copied, 302)
