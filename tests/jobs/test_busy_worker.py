"""/healthz tells a busy worker from a dead one: a real consumer whose two threads are held by
slow jobs, with more waiting, stays "up" (200, busy) because it beats from a thread of its own;
killed, it is "down" (503) once WORKER_STALE_SECONDS have passed without a beat."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from portal.db import db
from portal.jobs.models import WorkerHeartbeat
from portal.jobs.queue import jobs
from portal.search import index
from portal.search.backend import from_config
from tests.conftest import PROJECT_ROOT
from tests.jobs.naps import nap

CONSUMER = os.path.join(os.path.dirname(sys.executable), "huey_consumer")
BEAT, STALE = 0.5, 6


def _until(what, condition, seconds, worker):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        assert worker.poll() is None, f"the worker stopped while waiting for {what}: {worker.communicate()[0]!r}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)
    return found


@pytest.mark.slow
def test_a_busy_worker_is_up_and_a_killed_one_is_down(app, app_config, session, tmp_path):
    from portal import create_app

    settings = {"JOBS_DB": str(tmp_path / "jobs.db"), "JOBS_NAME": app_config["JOBS_NAME"] + "-busy",
                "SEARCH_INDEX_DIR": str(tmp_path / "index"), "SEARCH_BACKEND": app_config["SEARCH_BACKEND"],
                "WORKER_BEAT_SECONDS": BEAT, "WORKER_STALE_SECONDS": STALE}
    env = dict(os.environ, PORTAL_INSTANCE=app_config["INSTANCE_PATH"], DATABASE_URL=app_config["DATABASE_URL"],
               SECRET_KEY="x" * 32, JOBS_IMMEDIATE="0", **{key: str(value) for key, value in settings.items()})
    queued = create_app({**app_config, **settings, "JOBS_IMMEDIATE": False})
    index.rebuild(from_config(queued.config), [])
    client = queued.test_client()
    worker = None
    try:
        for _ in range(6):  # two hold the worker's two threads, four wait behind them
            nap.enqueue(120)
        worker = subprocess.Popen([CONSUMER, "tests.jobs.nap_worker.huey", "-w", "2", "-k", "thread"],
                                  cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        name = f"{socket.gethostname()}:{worker.pid}"

        def beats() -> int:
            session.expire_all()
            row = session.scalar(select(WorkerHeartbeat).where(WorkerHeartbeat.worker == name))
            return row.beats if row else 0

        _until("both threads to take a job", lambda: jobs.waiting(nap) == 4 and beats(), 60, worker)
        first = beats()
        # Twice the stale time with every thread busy: never called down.
        deadline = time.monotonic() + 2 * STALE
        polls = 0
        while time.monotonic() < deadline:
            response = client.get("/healthz")
            body = response.get_json()
            assert response.status_code == 200, body
            state = body["checks"]["jobs"]
            assert state["ok"] and state["pending"] >= 4, state
            assert state["worker"]["state"] == "busy" and state["worker"]["processes"] == 1, state
            polls += 1
            time.sleep(0.5)
        assert polls >= 10
        assert beats() >= first + 2 * STALE / BEAT / 4  # it kept beating (here, 24 beats), behind no job
        assert jobs.waiting(nap) == 4  # and no nap finished meanwhile

        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        killed = time.monotonic()
        while (response := client.get("/healthz")).status_code == 200:
            assert time.monotonic() - killed < STALE + 10, "still up long after the worker died"
            time.sleep(0.2)
        assert time.monotonic() - killed >= STALE / 2  # not at once: a missed beat or two is no death
        body = response.get_json()
        assert response.status_code == 503 and body["status"] == "down"
        assert body["checks"]["jobs"]["worker"]["state"] == "down"
        assert body["checks"]["database"]["ok"] and body["checks"]["search_index"]["ok"]
    finally:
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        if worker is not None:
            print(worker.communicate()[0].decode(errors="replace")[-4000:])  # shown when the test fails
        jobs.huey.flush()  # this test's own queue only (its own name and file)
        db.bind(app)
        jobs.init_app(app)
