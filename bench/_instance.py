"""A throw-away portal instance for the benchmarks: its settings, the app seeded with content, and
gunicorn serving it on a free loopback port. Imported by bench/pages.py, bench/load.py and
bench/firstpaint.py; not a benchmark itself (`make bench` skips files starting with "_").
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from portal import create_app, migrations  # noqa: E402
from portal.core.processes import children_of  # noqa: E402
from portal.db import db  # noqa: E402

HOST = "127.0.0.1"
SLOW_JOBS = ("render", "audio")  # speech and EPUB files, as tests/search/test_demo_queries.py drops them
SECRET = "bench-secret-key-not-for-production"  # a benchmark on loopback  # nosec B105
DEMO_PASSWORD = "bench-demo-password-2026"  # a benchmark on loopback  # nosec B105


def instance_config(root: Path) -> dict:
    """The settings of a throw-away instance under `root` (the same keys as tests/conftest.py)."""
    return {
        "INSTANCE_PATH": str(root),
        "DATABASE_URL": f"sqlite:///{root / 'portal.db'}",
        "SEARCH_INDEX_DIR": str(root / "search_index"),
        "MEDIA_ROOT": str(root / "media"),
        "JOBS_DB": str(root / "jobs.db"),
        "JOBS_NAME": f"portal-bench-{uuid.uuid4().hex[:8]}",
        "JOBS_IMMEDIATE": True,
        "SECRET_KEY": SECRET,
    }


def seeded_app(root: Path, content: str = "sample", slow_jobs: bool = True):
    """An app on a fresh instance: migrated, committees loaded, the search index filled, and
    `content` published: "sample" (tests/content.py: 3 bulletins, one course, the sample library)
    or "demo" (portal/demo.py, what `make run` shows: 14 bulletins, 20 documents, 36 petitions,
    7 courses). Jobs run inline; without `slow_jobs` the speech and rendering jobs are not run but
    kept in `app.extensions["bench_skipped_jobs"]` as (task, args, kwargs), for run_skipped()."""
    from portal.jobs.queue import Task
    from portal.search import index
    from portal.search.registry import registry
    from portal.units.service import load_units

    app = create_app(instance_config(root))
    migrations.upgrade(app.config["DATABASE_URL"])
    directory = app.config["SEARCH_INDEX_DIR"]
    with app.app_context():
        load_units(db.session)
        index.rebuild(directory, [])  # creates the empty index the seeding jobs write to
        db.session.commit()
    skipped: list[tuple] = []
    app.extensions["bench_skipped_jobs"] = skipped
    original = Task.enqueue

    def enqueue(self, *args, **kwargs):
        if not slow_jobs and any(word in self.name for word in SLOW_JOBS):
            skipped.append((self, args, kwargs))
            return None
        return original(self, *args, **kwargs)

    Task.enqueue = enqueue
    try:
        if content == "demo":
            from portal.demo import seed

            with app.app_context():
                for _line in seed(db.session, DEMO_PASSWORD):
                    pass
                db.session.commit()
        elif content == "sample":
            from tests.content import ensure_sample_content

            ensure_sample_content(app)
        else:
            raise ValueError(f"unknown content {content!r}")
    finally:
        Task.enqueue = original
    with app.app_context():
        index.rebuild(directory, registry.all_documents())  # as `flask init` does after seeding
    return app


def sample_app(root: Path, slow_jobs: bool = True):
    """seeded_app() with the sample content of the tests."""
    return seeded_app(root, "sample", slow_jobs)


def run_skipped(app, wanted) -> int:
    """Run the skipped slow jobs for which `wanted(task_name, args)` is true; returns how many."""
    done = 0
    with app.app_context():
        for task, args, kwargs in app.extensions.get("bench_skipped_jobs", []):
            if wanted(task.name, args):
                task.enqueue(*args, **kwargs)
                done += 1
    return done


def server_env(app, **extra: str) -> dict:
    """The environment that makes `wsgi:app` serve `app`'s instance."""
    cfg = app.config
    env = dict(os.environ, PORTAL_INSTANCE=cfg["INSTANCE_PATH"], DATABASE_URL=cfg["DATABASE_URL"],
               SEARCH_INDEX_DIR=cfg["SEARCH_INDEX_DIR"], MEDIA_ROOT=cfg["MEDIA_ROOT"], JOBS_DB=cfg["JOBS_DB"],
               JOBS_NAME=cfg["JOBS_NAME"], JOBS_IMMEDIATE="1", SECRET_KEY=SECRET)
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def http_get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One GET on a new connection: status, headers, body."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


class Server:
    """gunicorn serving `app` ("module:name") from `cwd` on a free loopback port; stop() ends it.
    With `job_worker` (the options of `python -m portal.jobs.consumer`), gunicorn also forks the
    job worker from its master, as `make run` does (portal/jobs/forked_worker.py)."""

    def __init__(self, app: str, cwd: Path, env: dict, workers: int, threads: int, job_worker: str = "") -> None:
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        command = [gunicorn, "-b", f"{HOST}:{self.port}", "-w", str(workers), "--threads", str(threads),
                   "--preload"]  # --preload as `make run`: the workers share the app's pages
        if job_worker:
            command += ["-c", "python:portal.jobs.forked_worker"]
            env = dict(env, PORTAL_JOB_WORKER=job_worker)
        self.proc = subprocess.Popen([*command, app], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        self.job_worker = 0
        for _ in range(150):
            try:
                status, _headers, _body = http_get(self.port, "/")
                if status < 500:
                    if job_worker:  # forked before the web workers: the oldest child
                        self.job_worker = min(self._children(), key=_started)
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn {app} did not start: " + self.proc.stderr.read().decode()[-2000:])

    def _children(self) -> list[int]:
        return children_of(self.proc.pid)

    def worker_rss(self, measure=None) -> list[int]:
        """Resident memory (KiB) of each web worker process, children of the master (or another
        `measure` of a pid, such as pss)."""
        return [(measure or rss)(pid) for pid in self._children() if pid != self.job_worker]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def summary(results: list[tuple[list[float], dict[int, int]]], elapsed: float) -> dict:
    """One run's figures from its threads' (latencies in ms, {status: count}): requests per second,
    p50/p95/p99 latency, how many requests, and the statuses summed."""
    latencies = sorted(ms for lat, _ in results for ms in lat)
    statuses: dict[int, int] = {}
    for _, counts in results:
        for status, n in counts.items():
            statuses[status] = statuses.get(status, 0) + n
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {"rps": len(latencies) / elapsed, "p50": cuts[49], "p95": cuts[94], "p99": cuts[98],
            "n": len(latencies), "statuses": statuses}


def _started(pid: int) -> int:
    """When a process started (clock ticks after boot)."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])


def _proc_kib(path: str, key: str) -> int:
    """The KiB figure on the line starting with `key` in a /proc file (0 when unreadable)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss(pid: int) -> int:
    """Resident memory of a process in KiB (0 when it is gone)."""
    return _proc_kib(f"/proc/{pid}/status", "VmRSS:")


def pss(pid: int) -> int:
    """Proportional set size of a process in KiB (0 when it is gone or unreadable): its own pages
    plus its share of pages it shares with other processes (code, libraries, copy-on-write pages
    after fork), so the PSS of processes adds up to the memory they use together; their RSS
    counts every shared page once per process."""
    return _proc_kib(f"/proc/{pid}/smaps_rollup", "Pss:")
