"""Real servers for the tests that need them (scale, single sign-on, sessions, concurrency, API):
the flask CLI, gunicorn started, awaited and stopped, a portal of its own for a module, and a small
cookie-keeping browser (urllib) to talk to them."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import PROJECT_ROOT
from tests.deploy.instances import postgres_database

BIN = os.path.dirname(sys.executable)


def run_cli(args: list[str], env: dict) -> str:
    done = subprocess.run([os.path.join(BIN, "flask"), "--app", "wsgi", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def suite_env(app_config: dict, **settings: str) -> dict:
    """The environment of a server on the suite's own database, media, index and queue."""
    return dict(os.environ, PORTAL_INSTANCE=app_config["INSTANCE_PATH"], DATABASE_URL=app_config["DATABASE_URL"],
                SEARCH_INDEX_DIR=app_config["SEARCH_INDEX_DIR"], MEDIA_ROOT=app_config["MEDIA_ROOT"],
                JOBS_DB=app_config["JOBS_DB"], JOBS_NAME=app_config["JOBS_NAME"], JOBS_IMMEDIATE="1",
                SECRET_KEY=app_config["SECRET_KEY"], **settings)


def own_site_env(stack: ExitStack, root: Path, name: str, **settings: str) -> dict:
    """The environment of a portal of its own under `root`, migrated, with the committees and an
    empty index: its own database (a new PostgreSQL database in the PostgreSQL pass, dropped when
    `stack` closes), jobs and rate-limit keys named `name` (unless `settings` say otherwise), and
    in the Redis pass a Redis database (14) that the test sessions' `limiter.reset()` (of db 0)
    never empties, whose keys of this run are deleted when `stack` closes."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SEARCH_BACKEND")}
    env.update({"PORTAL_INSTANCE": str(root / "instance"), "MEDIA_ROOT": str(root / "media"),
                "SEARCH_INDEX_DIR": str(root / "search_index"), "JOBS_NAME": name, "JOBS_IMMEDIATE": "1",
                "RATELIMIT_KEY_PREFIX": name, **settings})
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/14"
        stack.callback(forget_redis_keys, env)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = stack.enter_context(postgres_database())
        env["SEARCH_BACKEND"] = "postgresql"
    else:
        env["DATABASE_URL"] = f"sqlite:///{root / 'portal.db'}"
    for args in (["migrate"], ["load-units"], ["search-rebuild"]):
        run_cli(args, env)
    return env


def forget_redis_keys(env: dict) -> None:
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(match=f"*{env['RATELIMIT_KEY_PREFIX']}*"):
        client.delete(key)


def gunicorn(env: dict, workers: int = 2, base: str | None = None, access_log: Path | None = None,
             log_format: str = "%(p)s %(U)s %(s)s", threads: int = 1) -> tuple[subprocess.Popen, str]:
    """A gunicorn serving the portal with `env` (on `base`, else a free port), not yet awaited:
    (its process, its base URL). With `access_log`: each answer logged in `log_format`. Preloaded,
    as `make run` and docs/deploy/gunicorn.conf.py start it: the workers are forked from a master
    that has loaded the app, so what these tests prove holds for that setup."""
    base = base or f"http://127.0.0.1:{free_port()}"
    args = [os.path.join(BIN, "gunicorn"), "-b", base.split("//")[1], "-w", str(workers), "--preload"]
    if threads > 1:
        args += ["--threads", str(threads)]
    if access_log is not None:
        args += ["--access-logfile", str(access_log), "--access-logformat", log_format]
    proc = subprocess.Popen([*args, "wsgi:app"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    return proc, base


def serve(stack: ExitStack, env: dict, **options) -> tuple[subprocess.Popen, str]:
    """`gunicorn(env, **options)` started and awaited; stopped when `stack` closes."""
    proc, base = gunicorn(env, **options)
    stack.callback(stop, proc)
    wait_up(base, proc)
    return proc, base


def stop(*procs: subprocess.Popen) -> None:
    """Ask every process to end, then wait for each (killed after 20 s)."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_up(base: str, proc: subprocess.Popen) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers (a 503 only says the worker has not reported yet)
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("gunicorn did not start: " + proc.stderr.read().decode()[-2000:])


def browser():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def get(opener, url: str) -> str:
    return opener.open(url, timeout=30).read().decode()


def post(opener, url: str, form: dict) -> tuple[int, str, str]:
    """(status, final URL after redirects, body)."""
    try:
        with opener.open(urllib.request.Request(url, data=urlencode(form).encode()), timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, url, exc.read().decode()


def token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
