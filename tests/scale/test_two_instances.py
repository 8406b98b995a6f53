"""Scale-out for real: two gunicorn instances on different ports and two job workers share one
PostgreSQL, one Redis, one media folder and one search index, and behave as one site.

A petition sent through instance A is answered through instance B and is public on A; the rate
limit counts requests on both; every queued job runs exactly once although two workers take from
the queue. Runs against the PostgreSQL and Redis servers on loopback in both CI passes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import PROJECT_ROOT, _postgres_test_database
from tests.scale.servers import BIN, gunicorn, stop
from tests.scale.servers import browser as _browser
from tests.scale.servers import get as _get
from tests.scale.servers import post as _post
from tests.scale.servers import run_cli as _run
from tests.scale.servers import token as _token
from tests.scale.servers import wait_up as _wait_up

pytestmark = pytest.mark.slow
PG = os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ["DATABASE_URL"] or \
    "postgresql://postgres@127.0.0.1:5432/postgres"
# A Redis database of its own, emptied first: rate-limit counters of an earlier run (the CI runs
# the suite twice within the hour) must not count here.
REDIS = (os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0").rsplit("/", 1)[0] + "/13"
PASSWORD = "scale-out password 2026"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    url, admin = _postgres_test_database(PG)
    root = tmp_path_factory.mktemp("scale")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATABASE_URL=url, REDIS_URL=REDIS, PORTAL_INSTANCE=str(root / "instance"),
               MEDIA_ROOT=str(root / "media"), SEARCH_INDEX_DIR=str(root / "search_index"),
               JOBS_NAME=f"scale-{uuid.uuid4().hex[:8]}", JOBS_IMMEDIATE="0", SECRET_KEY="s" * 40,
               PETITION_RATE_LIMIT="3 per hour", PORTAL_PASSWORD=PASSWORD,
               # Counters of this run only: another run sharing this Redis cannot count here.
               RATELIMIT_KEY_PREFIX=f"scale-{uuid.uuid4().hex[:8]}")
    _run(["migrate"], env)
    _run(["load-units"], env)
    _run(["create-user", "xuly@example.org", "--role", "handler", "--unit", "11311"], env)
    _run(["search-rebuild"], env)
    procs, bases = [], []
    try:
        for _ in range(2):
            procs.append(subprocess.Popen([os.path.join(BIN, "huey_consumer"), "portal.worker.huey", "-w", "2",
                                           "-k", "thread"], cwd=PROJECT_ROOT, env=env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        for _ in range(2):
            proc, base = gunicorn(env)
            procs.append(proc)
            bases.append(base)
            _wait_up(base, proc)
        yield {"a": bases[0], "b": bases[1], "env": env, "db": url}
    finally:
        stop(*procs)
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        engine.dispose()


def _send_petition(base: str, title: str) -> tuple[int, str]:
    opener = _browser()
    html = _get(opener, base + "/phan-anh/gui?don-vi=11311")
    submission = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', html).group(1)
    status, final, _body = _post(opener, base + "/phan-anh/gui", {
        "csrf_token": _token(html), "submission_id": submission, "unit_code": "11311", "buoc": "gui",
        "category": "ha-tang", "title": title, "phone": "0912 000 111", "consent_public": "y",
        "body": "Mặt đường bị sụt lún một đoạn dài, xe máy đi qua rất nguy hiểm, nhất là lúc trời tối."})
    return status, final.rsplit("/", 1)[1]


def _db(site):
    return create_engine(site["db"].replace("postgresql://", "postgresql+psycopg://", 1)
                         if site["db"].startswith("postgresql://") else site["db"])


def test_sent_on_one_instance_answered_on_the_other(site):
    status, code = _send_petition(site["a"], "Đường tổ dân phố 9 sụt lún")
    assert status == 200 and code.startswith("PA-")
    assert code in _get(_browser(), f"{site['b']}/phan-anh/tra-cuu?ma={code}")

    handler = _browser()
    login = _get(handler, site["b"] + "/quan-tri/dang-nhap")
    status, _url, _ = _post(handler, site["b"] + "/quan-tri/dang-nhap",
                            {"csrf_token": _token(login), "email": "xuly@example.org", "password": PASSWORD})
    assert status == 200
    inbox = _get(handler, site["b"] + "/quan-tri/phan-anh/")
    pid = re.search(r'name="chon" value="(\d+)"', inbox).group(1)
    assert code in inbox
    token = _token(inbox)
    base = f"{site['b']}/quan-tri/phan-anh/{pid}"
    for step, form in (("nhan", {}), ("tra-loi", {"answer": "Xã đã cho san lấp, trải nhựa lại đoạn đường ngày 5/12."}),
                       ("cong-bo", {})):
        assert _post(handler, f"{base}/{step}", {"csrf_token": token, **form})[0] == 200, step

    public = _get(_browser(), f"{site['a']}/phan-anh/{code}")
    assert "trải nhựa lại đoạn đường" in public
    # The worker (either one) updated the shared search index: instance A finds the answer.
    for _ in range(100):
        if f"/phan-anh/{code}" in _get(_browser(), f"{site['a']}/tim-kiem?q=sut+lun+to+dan+pho+9"):
            break
        time.sleep(0.3)
    else:
        pytest.fail("the answer never reached the shared search index")
    # Each notification job ran once, though two workers take from the queue.
    with _db(site).connect() as conn:
        sent = conn.execute(text("SELECT n.recipient, n.body FROM notifications n JOIN petitions p "
                                 "ON p.id = n.petition_id WHERE p.code = :code"), {"code": code}).all()
    # One on receipt and one per change of status (accepted, answered, published), none twice.
    assert len(sent) == 4 and len(set(sent)) == 4, sent


def test_rate_limit_counts_both_instances(site):
    # Earlier in this module one petition was sent from this address through A.
    assert _send_petition(site["b"], "Cống rãnh tổ 3 bị tắc nghẽn")[0] == 200
    assert _send_petition(site["a"], "Ao tù ở tổ 4 bốc mùi hôi")[0] == 200
    status, _ = _send_petition(site["b"], "Đèn đường tổ 5 không sáng")
    assert status == 429


def test_every_job_runs_exactly_once_with_two_workers(site):
    tags = [f"once-{n}-{uuid.uuid4().hex[:6]}" for n in range(30)]
    code = ("from portal import create_app\nfrom portal.jobs.heartbeat import ping\n"
            "app = create_app()\nwith app.app_context():\n"
            f"    results = [ping.enqueue(tag=t) for t in {tags!r}]\n"
            "    print(sorted(r.get(blocking=True, timeout=90) for r in results))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=site["env"], capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    with _db(site).connect() as conn:
        rows = conn.execute(text("SELECT worker, beats FROM worker_heartbeats WHERE worker LIKE 'ping:once-%'"))
        beats = {row.worker: row.beats for row in rows}
    assert beats == {f"ping:{t}": 1 for t in tags}
