"""Many index updates at once from several worker processes: none lost, no lock error."""

import os
import signal
import subprocess
import sys

import pytest

from portal.db import db
from portal.jobs.queue import jobs
from portal.search import index, searching
from portal.search.backend import from_config
from tests.conftest import PROJECT_ROOT
from tests.petitions.test_public_answers import add_petition
from tests.search.backends import BACKENDS

UPDATES = 40


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrent_updates_from_four_worker_processes(app, app_config, session, tmp_path, backend):
    from portal import create_app
    from portal.search.jobs import refresh

    petitions = [add_petition(session, "11311", public_title=f"Cống thoát nước số {n} bị tắc",
                              public_body=f"Cống thoát nước ở tổ dân phố {n} bị tắc sau mưa.")
                 for n in range(UPDATES)]
    directory = tmp_path / "index"
    env = dict(os.environ, PORTAL_INSTANCE=app_config["INSTANCE_PATH"], DATABASE_URL=app_config["DATABASE_URL"],
               SEARCH_INDEX_DIR=str(directory), SEARCH_BACKEND=backend, JOBS_DB=str(tmp_path / "jobs.db"),
               JOBS_NAME=app_config["JOBS_NAME"] + "-index", JOBS_IMMEDIATE="0", SECRET_KEY="x" * 32)
    queued = create_app({**app_config, "JOBS_IMMEDIATE": False, "JOBS_DB": env["JOBS_DB"],
                         "JOBS_NAME": env["JOBS_NAME"], "SEARCH_INDEX_DIR": str(directory), "SEARCH_BACKEND": backend})
    target = from_config(queued.config)
    index.rebuild(target, [])
    consumer = os.path.join(os.path.dirname(sys.executable), "huey_consumer")
    try:
        with queued.app_context():
            results = [refresh.enqueue("answer", str(p.id)) for p in petitions]
            worker = subprocess.Popen([consumer, "portal.worker.huey", "-w", "4", "-k", "process"],
                                      cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            outcomes = []
            try:
                outcomes = [r.get(blocking=True, timeout=120) for r in results]
            except Exception as exc:  # reported below, with the worker's output
                outcomes.append(repr(exc))
            finally:
                worker.send_signal(signal.SIGINT)
                try:
                    output = worker.communicate(timeout=30)[0].decode(errors="replace")
                except subprocess.TimeoutExpired:
                    worker.kill()
                    output = worker.communicate()[0].decode(errors="replace")
        assert outcomes == ["updated"] * UPDATES, output[-3000:]
        assert "LockError" not in output and "Traceback" not in output, output[-2000:]
        assert index.doc_count(target) == UPDATES
        found = searching.find(target, "cong thoat nuoc bi tac", per_page=UPDATES)
        assert {h.url for h in found.hits} == {f"/phan-anh/{p.code}" for p in petitions}
    finally:
        db.bind(app)
        jobs.init_app(app)
