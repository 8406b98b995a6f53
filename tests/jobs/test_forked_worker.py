"""`make run`'s job worker, forked from gunicorn's master after the app is loaded
(portal/jobs/forked_worker.py): it runs queued jobs, holds none of the web workers' listening
sockets, and stops with the master, whether the master alone is told (SIGTERM, as systemd or
`kill` does) or the whole terminal group is (Ctrl-C)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from portal.core.processes import children_of, pid_alive
from portal.db import db
from portal.jobs.heartbeat import ping
from portal.jobs.queue import jobs
from tests.conftest import PROJECT_ROOT
from tests.scale.servers import BIN, free_port, wait_up


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # LISTEN
                inodes.add(fields[9])
    return inodes


def _sockets_of(pid: int) -> set[str]:
    held = set()
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except FileNotFoundError:  # ended (and reaped) since it was listed
        return held
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            held.add(target[8:-1])
    return held


def _gone(pids: list[int], seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(pid_alive(pid) for pid in pids):  # a zombie counts as gone
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def queued(app, app_config, tmp_path):
    """An app of the test instance that queues its jobs in a queue of their own (not immediate)."""
    from portal import create_app

    config = {**app_config, "JOBS_IMMEDIATE": False, "JOBS_DB": str(tmp_path / "jobs.db"),
              "JOBS_NAME": app_config["JOBS_NAME"] + "-forked"}
    yield create_app(config)
    db.bind(app)  # give the shared singletons back to the session-wide test app
    jobs.init_app(app)


def _gunicorn(app_config, log: Path, workers: int, job_worker: str, queued=None) -> tuple[subprocess.Popen, int]:
    """`make run`'s gunicorn (preloaded, the forked job worker's settings) on the test instance,
    up and answering; its log in `log`. With `queued`, the job worker takes that app's queue."""
    port = free_port()
    env = dict(os.environ, PORTAL_INSTANCE=app_config["INSTANCE_PATH"], DATABASE_URL=app_config["DATABASE_URL"],
               SEARCH_INDEX_DIR=app_config["SEARCH_INDEX_DIR"], SEARCH_BACKEND=app_config["SEARCH_BACKEND"],
               SECRET_KEY="x" * 32, PORTAL_JOB_WORKER=job_worker)
    if queued is not None:
        env.update(JOBS_DB=queued.config["JOBS_DB"], JOBS_NAME=queued.config["JOBS_NAME"], JOBS_IMMEDIATE="0")
    master = subprocess.Popen([os.path.join(BIN, "gunicorn"), "-c", "python:portal.jobs.forked_worker", "--preload",
                               "-w", str(workers), "-b", f"127.0.0.1:{port}", "wsgi:app"], cwd=PROJECT_ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=log.open("wb"), start_new_session=True)
    try:
        wait_up(f"http://127.0.0.1:{port}", master)
    except BaseException:
        os.killpg(master.pid, signal.SIGKILL)
        master.wait()
        raise
    return master, port


@pytest.mark.parametrize("stop", ["master", "group"])
def test_the_forked_job_worker_runs_jobs_and_stops_with_the_master(app_config, queued, stop, tmp_path):
    master, port = _gunicorn(app_config, tmp_path / "log", 2, "--workers 1 --worker-type thread", queued)
    try:
        with queued.app_context():
            result = ping.enqueue(tag=f"forked-{stop}")
            assert result.get(blocking=True, timeout=60) == f"ping:forked-{stop}"  # run by the forked worker
        children = children_of(master.pid)
        assert len(children) == 3  # two web workers and the job worker
        listening = _listening_inodes(port)
        holders = [pid for pid in children if _sockets_of(pid) & listening]
        assert len(holders) == 2  # the web workers only
        if stop == "master":
            master.send_signal(signal.SIGTERM)
        else:
            os.killpg(master.pid, signal.SIGINT)  # Ctrl-C in the terminal of `make run`
        master.wait(timeout=60)
        assert _gone(children), "a child of gunicorn outlived its master"
        assert "Job worker stopped" in (tmp_path / "log").read_text()
    finally:
        if master.poll() is None:
            os.killpg(master.pid, signal.SIGKILL)
            master.wait()


def test_without_options_no_job_worker_is_forked(app_config, tmp_path):
    master, _port = _gunicorn(app_config, tmp_path / "log", 1, "")
    try:
        assert len(children_of(master.pid)) == 1
    finally:
        master.terminate()
        master.wait(timeout=60)


def test_a_job_worker_that_ends_is_replaced_and_the_new_one_runs_jobs(app_config, queued, tmp_path):
    """Killed (as the kernel's out-of-memory killer does), the job worker is forked again by the
    master, and queued jobs still run; the new one stops with the master too."""
    log = tmp_path / "log"
    master, port = _gunicorn(app_config, log, 1, "--workers 1 --worker-type thread", queued)
    try:
        listening = _listening_inodes(port)

        def job_workers() -> list[int]:
            return [pid for pid in children_of(master.pid) if not _sockets_of(pid) & listening]

        first = job_workers()
        assert len(first) == 1
        os.kill(first[0], signal.SIGKILL)
        deadline, found = time.monotonic() + 30, []
        while time.monotonic() < deadline and not (found := [p for p in job_workers() if p != first[0]]):
            time.sleep(0.2)
        assert len(found) == 1, f"no new job worker: {log.read_text()[-2000:]}"
        assert "a new one starts in" in log.read_text()
        with queued.app_context():  # queued after the first one died: the new one runs it
            assert ping.enqueue(tag="again").get(blocking=True, timeout=60) == "ping:again"
        children = children_of(master.pid)
        assert len(children) == 2  # the web worker and the one job worker: no leftover
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=60)
        assert _gone(children), "a child of gunicorn outlived its master"
        assert "Job worker stopped" in log.read_text()
    finally:
        if master.poll() is None:
            os.killpg(master.pid, signal.SIGKILL)
            master.wait()


def test_a_job_worker_that_cannot_start_is_tried_again_ever_later(app_config, tmp_path):
    """One that ends as it starts (here: an option the consumer does not know) is forked again after
    2 s, then 4 s, … not in a loop; the web workers serve meanwhile."""
    log = tmp_path / "log"
    master, port = _gunicorn(app_config, log, 1, "--no-such-option")
    try:
        time.sleep(9)
        text = log.read_text()
        starts = text.count("Job worker started")
        assert 2 <= starts <= 4, text[-3000:]  # at 0, 2, 6 s (then 14): not one a second
        assert "a new one starts in 2 s" in text and "a new one starts in 4 s" in text
        wait_up(f"http://127.0.0.1:{port}", master)
    finally:
        master.terminate()
        master.wait(timeout=60)


def test_a_fork_that_fails_leaves_the_master_running_and_is_tried_again(monkeypatch, caplog):
    """No fork for the new job worker (out of memory or of processes: EAGAIN): the master's loop
    goes on serving, says so, and tries again after a delay."""
    import errno
    import logging

    from portal.jobs import forked_worker

    class Server:
        log = logging.getLogger("test.gunicorn")
        managed = 0

        def manage_workers(self):
            self.managed += 1

    def no_fork(*_args):
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setenv("PORTAL_JOB_WORKER", "--workers 1")
    monkeypatch.setattr(forked_worker, "_worker", {})
    monkeypatch.setattr(forked_worker, "_start", lambda server, options: None)  # the first start went well
    server = Server()
    forked_worker.when_ready(server)
    monkeypatch.setattr(forked_worker, "_restart_if_ended", no_fork)
    with caplog.at_level(logging.ERROR, logger="test.gunicorn"):
        server.manage_workers()  # raises nothing into gunicorn's loop
    assert server.managed == 1
    assert forked_worker._worker["retry_at"] > time.monotonic()
    assert "Job worker not started; trying again in 2 s" in caplog.text
