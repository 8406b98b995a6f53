"""Every rate limit holds across the workers of a real gunicorn (3 workers): "N per hour" lets
exactly N through, however the requests are spread over the workers.

The storage is the one the CI pass configures: the embedded default (the SQLite counter file in
the instance folder) in the SQLite pass, Redis in the PostgreSQL + Redis pass. The requests of
each round are sent at once, so that every worker serves some (checked in gunicorn's access log,
which names the worker's pid): per-worker counters would let up to 3 × N through.
"""

from __future__ import annotations

import re
import threading
import uuid
from contextlib import ExitStack

import pytest
from sqlalchemy import create_engine, func, select

from portal.petitions.models import Petition
from tests.scale.servers import browser, get, own_site_env, post, serve, token

pytestmark = pytest.mark.slow
WORKERS, PETITIONS, LOGINS, CHECKS = 3, 5, 4, 3
BODY = "Mặt đường bị sụt lún một đoạn dài, xe máy đi qua rất nguy hiểm, nhất là lúc trời tối."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("limits")
    with ExitStack() as stack:
        # Keys of this run only: counters of an earlier run do not count here.
        env = own_site_env(stack, root, f"limits-test-{uuid.uuid4().hex[:8]}", SECRET_KEY="l" * 40,
                           PETITION_RATE_LIMIT=f"{PETITIONS} per hour", LOGIN_RATE_LIMIT=f"{LOGINS} per hour",
                           VERIFY_RATE_LIMIT=f"{CHECKS} per hour", SUPPORT_RATE_LIMIT=f"{CHECKS} per hour")
        log = root / "access.log"
        _proc, base = serve(stack, env, workers=WORKERS, access_log=log, log_format="%(p)s %(m)s %(U)s %(s)s")
        yield {"base": base, "env": env, "log": log, "root": root}


def _at_once(jobs: list) -> list:
    """Run the callables at the same moment, one thread each; their results in order."""
    barrier, results = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(i, job):
        barrier.wait()
        results[i] = job()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _workers_serving(site, path: str) -> set[str]:
    lines = [line.split() for line in site["log"].read_text().splitlines()]
    return {pid for pid, method, url, _status in lines if method == "POST" and url.startswith(path)}


def _petition_form(base: str) -> tuple:
    opener = browser()
    html = get(opener, base + "/phan-anh/gui?don-vi=11311")
    submission = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', html).group(1)
    return opener, {"csrf_token": token(html), "submission_id": submission, "unit_code": "11311", "buoc": "gui",
                    "category": "ha-tang", "phone": "0912 000 111", "consent_public": "y", "body": BODY}


def test_petitions_per_hour_hold_across_workers_and_retries_get_receipts(site):
    base = site["base"]
    forms = [_petition_form(base) for _ in range(3 * PETITIONS)]
    for opener, form in forms[:4]:  # previews never count
        assert post(opener, base + "/phan-anh/gui", {**form, "buoc": "xem-truoc", "title": "Xem trước ạ"})[0] == 200
    results = _at_once([lambda o=o, f=f, n=n: post(o, base + "/phan-anh/gui", {**f, "title": f"Đường tổ {n} sụt lún"})
                        for n, (o, f) in enumerate(forms)])
    statuses = [status for status, _url, _body in results]
    assert sorted(statuses) == [200] * PETITIONS + [429] * (2 * PETITIONS), statuses
    assert len(_workers_serving(site, "/phan-anh/gui")) == WORKERS  # every worker took part
    refused = next(body for status, _url, body in results if status == 429)
    assert "Xin vui lòng chờ khoảng 60 phút nữa rồi thử lại." in refused and BODY in refused
    engine = create_engine(site["env"]["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Petition.__table__)) == PETITIONS
    engine.dispose()
    # The address is over its limit; each acknowledged petition still gets its receipt on retry.
    accepted = [(forms[n], url) for n, (status, url, _body) in enumerate(results) if status == 200]
    (opener, form), receipt_url = accepted[0]
    for _ in range(6):
        status, url, _body = post(opener, base + "/phan-anh/gui", {**form, "title": "Đường tổ 0 sụt lún"})
        assert (status, url) == (200, receipt_url)
    site["code"] = receipt_url.rsplit("/", 1)[1]


def _round(site, path: str, prepare, allowed: int) -> list[int]:
    jobs = []
    for n in range(3 * allowed):
        opener, form = prepare(n)
        jobs.append(lambda o=opener, f=form: post(o, site["base"] + path, f)[0])
    statuses = _at_once(jobs)
    assert len(_workers_serving(site, path)) >= 2
    return statuses


def test_login_attempts_per_hour_hold_across_workers(site):
    def prepare(n):
        opener = browser()
        html = get(opener, site["base"] + "/quan-tri/dang-nhap")
        return opener, {"csrf_token": token(html), "email": f"khach{n}@example.org", "password": "sai mật khẩu"}

    statuses = _round(site, "/quan-tri/dang-nhap", prepare, LOGINS)
    assert statuses.count(429) == 2 * LOGINS and len(statuses) - statuses.count(429) == LOGINS, statuses


def test_verification_and_support_per_hour_hold_across_workers(site):
    code = site.get("code") or pytest.fail("the petition test did not run first")

    def prepare(n):
        opener = browser()
        html = get(opener, f"{site['base']}/phan-anh/tra-cuu?ma={code}")
        return opener, {"csrf_token": token(html), "secret": f"{n:04d}"}  # the right one is 0111

    statuses = _round(site, f"/phan-anh/tra-cuu/{code}/xac-minh", prepare, CHECKS)
    assert statuses.count(429) == 2 * CHECKS, statuses

    def prepare_support(n):
        opener = browser()
        return opener, {"csrf_token": token(get(opener, f"{site['base']}/phan-anh/tra-cuu?ma={code}"))}

    statuses = _round(site, f"/phan-anh/ung-ho/{code}", prepare_support, CHECKS)
    assert statuses.count(429) == 2 * CHECKS, statuses


def test_the_counters_are_in_the_storage_of_the_pass(site):
    """SQLite pass: the counter file in the instance folder; PostgreSQL + Redis pass: Redis."""
    counters = site["env"].get("REDIS_URL") and _redis_keys(site) or _sqlite_keys(site)
    # Only the limiter's counters ("[LIMITS:]LIMITER/<prefix>/<address>/<scope>/…"): the page cache
    # keeps its generation and pages under the same prefix ("<prefix>pagecache:…") in the same Redis.
    scopes = {key.split("/")[3] for key in counters
              if "LIMITER/" in key and site["env"]["RATELIMIT_KEY_PREFIX"] in key}
    assert {"petitions.send", "accounts.login", "petitions.verify", "petitions.support"} <= scopes
    if site["env"].get("REDIS_URL"):
        assert not (site["root"] / "instance" / "ratelimits.db").exists()


def _redis_keys(site) -> list[str]:
    import redis

    client = redis.Redis.from_url(site["env"]["REDIS_URL"])
    keys = [k.decode() for k in client.scan_iter(match=f"*{site['env']['RATELIMIT_KEY_PREFIX']}*")]
    assert keys, "no counter in Redis"
    return keys


def _sqlite_keys(site) -> list[str]:
    import sqlite3

    with sqlite3.connect(site["root"] / "instance" / "ratelimits.db") as conn:
        return [row[0] for row in conn.execute("SELECT key FROM counters")]
