"""Resumable jobs: runs whose worker died go back on the queue, live ones are left alone, and a
job whose worker dies every time is given up and reported."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.bulletins.models import MEDIA_WAITING, Bulletin
from portal.db import db, utcnow
from portal.jobs import runs
from portal.jobs.models import RUN_REQUEUED, RUN_RUNNING, JobRun
from portal.jobs.queue import current_attempt, jobs
from portal.media_render.jobs import render as render_media

HOST = socket.gethostname()


@pytest.fixture
def queued(app, app_config, tmp_path):
    """A queue that is not in immediate mode (as in the worker), with a file of its own."""
    from portal import create_app

    queued_app = create_app({**app_config, "JOBS_IMMEDIATE": False, "JOBS_DB": str(tmp_path / "jobs.db"),
                             "JOBS_NAME": app_config["JOBS_NAME"] + "-runs"})
    try:
        with queued_app.app_context():
            jobs.huey.flush()
            yield jobs
            jobs.huey.flush()
    finally:
        db.bind(app)
        jobs.init_app(app)


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


def _run(session, queue, bulletin_id: int, worker: str, alive_ago: timedelta = timedelta(0), resumes: int = 0,
         ) -> JobRun:
    job = render_media.bound.s("bulletin", bulletin_id)
    run = JobRun(task_id=job.id, name=render_media.name, message=queue.huey.serialize_task(job), state=RUN_RUNNING,
                 worker=worker, started_at=utcnow() - alive_ago, alive_at=utcnow() - alive_ago, resumes=resumes)
    session.add(run)
    session.commit()
    return run


def test_render_jobs_are_declared_resumable(queued):
    assert "portal.media_render.jobs.render" in queued.resumable  # bulletins, documents, lesson steps
    assert "portal.search.jobs.refresh" not in queued.resumable


def test_a_run_whose_process_died_goes_back_on_the_queue_once(queued, session):
    run = _run(session, queued, 41, f"{HOST}:{_dead_pid()}")
    assert queued.huey.pending_count() == 0
    assert runs.resume_interrupted(queued) == [run.task_id]
    pending = queued.huey.pending()
    assert [(t.id, t.name, t.args) for t in pending] == [(run.task_id, render_media.name, ("bulletin", 41))]
    assert pending[0].retries == 3  # the same message: retries are not spent by the death
    session.expire_all()
    stored = session.get(JobRun, run.id)
    assert stored.state == RUN_REQUEUED and stored.resumes == 1 and stored.worker == ""
    assert runs.resume_interrupted(queued) == []  # a second worker starting finds nothing to do
    assert queued.huey.pending_count() == 1


def test_live_runs_are_left_alone_and_silent_ones_resumed(queued, session):
    alive_here = _run(session, queued, 1, f"{HOST}:{os.getppid()}")  # a live process of this machine
    elsewhere = _run(session, queued, 2, "other-machine:123", alive_ago=timedelta(seconds=30))
    silent = _run(session, queued, 3, "other-machine:456", alive_ago=runs.STALE_AFTER + timedelta(seconds=5))
    ours_before = _run(session, queued, 4, f"{HOST}:{os.getpid()}")  # our pid, but not a run we hold
    assert sorted(runs.resume_interrupted(queued)) == sorted([silent.task_id, ours_before.task_id])
    session.expire_all()
    assert session.get(JobRun, alive_here.id).state == RUN_RUNNING
    assert session.get(JobRun, elsewhere.id).state == RUN_RUNNING


def test_a_job_whose_worker_always_dies_is_given_up_and_reported(queued, session):
    from portal.units.service import get_by_code

    bulletin = Bulletin(slug="hop-to-dan-pho", title="Họp tổ dân phố", body="Họp lúc 19 giờ.", topic="hoat-dong",
                        unit=get_by_code(session, "31"), status="published", media_state=MEDIA_WAITING)
    session.add(bulletin)
    session.commit()
    bulletin_id = bulletin.id
    _run(session, queued, bulletin_id, f"{HOST}:{_dead_pid()}", resumes=runs.MAX_RESUMES)
    assert runs.resume_interrupted(queued) == []
    assert queued.huey.pending_count() == 0 and session.scalar(select(JobRun)) is None
    session.expire_all()
    b = session.get(Bulletin, bulletin_id)
    assert b.media_state == "failed" and json.loads(b.media_error)["code"] == "worker_lost"


def test_the_worker_records_a_run_while_it_runs_and_forgets_it_after(queued, session):
    """Huey's hooks, as the consumer calls them around a task."""
    seen = {}

    def spy(kind, bulletin_id):
        run = session.scalar(select(JobRun))
        session.expire_all()
        seen.update(worker=run.worker, state=run.state, attempt=current_attempt())
        return "spied"

    job = render_media.bound.s("bulletin", 999)
    real = render_media.fn
    render_media.fn = spy
    try:
        assert queued.huey.execute(job) == "spied"
    finally:
        render_media.fn = real
    assert seen["worker"] == runs.worker_name() and seen["state"] == RUN_RUNNING
    assert (seen["attempt"].number, seen["attempt"].attempts, seen["attempt"].retry_in) == (1, 4, 30)
    assert session.scalar(select(JobRun)) is None
