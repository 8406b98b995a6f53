"""The job queue: after-commit queueing, and a real worker process."""

import os
import signal
import subprocess
import sys

from sqlalchemy import select

from portal.db import db
from portal.jobs.heartbeat import ping
from portal.jobs.models import WorkerHeartbeat
from portal.jobs.queue import jobs
from tests.conftest import PROJECT_ROOT


def _pings(session, tag):
    return session.scalar(select(WorkerHeartbeat).where(WorkerHeartbeat.worker == f"ping:{tag}"))


def test_immediate_mode_runs_the_job(app, session):
    with app.app_context():
        ping.enqueue(tag="now")
    assert _pings(session, "now").beats == 1


def test_jobs_run_only_after_commit(app, session):
    with app.app_context():
        jobs.enqueue_after_commit(db.session, ping, tag="rolled-back")
        db.session.rollback()
        jobs.enqueue_after_commit(db.session, ping, tag="committed")
        assert _pings(session, "committed") is None
        db.session.commit()
    assert _pings(session, "rolled-back") is None
    assert _pings(session, "committed").beats == 1


def test_a_real_worker_process_runs_queued_jobs(app, app_config, session, tmp_path):
    """Queue from this process (not immediate), run in another by the worker `make run` starts
    (`python -m portal.jobs.consumer`, huey_consumer serving portal.worker.huey)."""
    from portal import create_app

    env = dict(os.environ, PORTAL_INSTANCE=app_config["INSTANCE_PATH"], DATABASE_URL=app_config["DATABASE_URL"],
               SEARCH_INDEX_DIR=app_config["SEARCH_INDEX_DIR"], JOBS_DB=str(tmp_path / "jobs.db"),
               JOBS_NAME=app_config["JOBS_NAME"] + "-real", JOBS_IMMEDIATE="0", SECRET_KEY="x" * 32)
    queued_app = create_app({**app_config, "JOBS_IMMEDIATE": False, "JOBS_DB": env["JOBS_DB"],
                             "JOBS_NAME": env["JOBS_NAME"]})
    try:
        with queued_app.app_context():
            result = ping.enqueue(tag="real-worker")
            assert _pings(session, "real-worker") is None  # nothing ran in this process
            worker = subprocess.Popen([sys.executable, "-m", "portal.jobs.consumer", "-w", "1", "-k", "thread"],
                                      cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            try:
                assert result.get(blocking=True, timeout=60) == "ping:real-worker"
                health = queued_app.test_client().get("/healthz").get_json()["checks"]["jobs"]
                assert health["ok"] and health["worker"]["seen"] is not None
            finally:
                worker.send_signal(signal.SIGINT)
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    worker.kill()
        session.expire_all()
        assert _pings(session, "real-worker").beats == 1
    finally:
        # give the shared singletons back to the session-wide test app
        db.bind(app)
        jobs.init_app(app)


def test_the_worker_knows_every_declared_task():
    """Every `@jobs.task` and `@jobs.periodic` in the code is registered in the worker process,
    whose app is built like gunicorn's: a task missing there would wait in the queue for ever."""
    import re
    from pathlib import Path

    declared = set()
    for path in Path(PROJECT_ROOT, "portal").rglob("*.py"):
        module = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
        for name in re.findall(r"@jobs\.(?:task|periodic)\(.*\)\s*\ndef (\w+)", path.read_text()):
            declared.add(f"{module}.{name}")
    assert len(declared) >= 8
    code = "import portal.worker as w; print('\\n'.join(w.huey._registry._registry))"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    missing = {d for d in declared if not any(name.endswith(d) for name in out)}
    assert not missing, missing
