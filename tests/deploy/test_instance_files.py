"""Two instances on one machine never collide: everything an instance writes (the worker's log,
gunicorn's control socket, the database, the queue, the media, the index, the secret key) lives
under its own PORTAL_INSTANCE, from `make run` and from the deploy's gunicorn config alike, and
nothing is written to ~/.gunicorn (gunicorn 27's default control socket, one for every server)."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import time
from pathlib import Path

from portal.config import load_config
from tests.conftest import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "docs" / "deploy"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _make_run(instance: Path, port: int) -> str:
    done = subprocess.run(["make", "-n", "run", f"PORTAL_INSTANCE={instance}", f"PORT={port}"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.replace("\\\n", " ")


def test_make_run_writes_only_under_its_instance(tmp_path, monkeypatch):
    instance = tmp_path / "second"
    commands = _make_run(instance, 8123)
    assert f"--logfile {instance}/worker.log" in commands
    assert f"--control-socket {instance}/gunicorn-8123.ctl" in commands
    assert "instance/" not in commands.replace(str(instance), "")  # nothing in the checkout's instance/
    # What the app itself writes follows the same PORTAL_INSTANCE.
    for name in ("DATABASE_URL", "SEARCH_INDEX_DIR", "SEARCH_BACKEND", "MEDIA_ROOT", "JOBS_DB", "SECRET_KEY",
                 "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAL_INSTANCE", str(instance))
    cfg = load_config()
    for key in ("INSTANCE_PATH", "MEDIA_ROOT", "SEARCH_INDEX_DIR", "JOBS_DB"):
        assert Path(cfg[key]).is_relative_to(instance), (key, cfg[key])
    assert cfg["DATABASE_URL"] == f"sqlite:///{instance / 'portal.db'}"
    assert (instance / "secret_key").exists()


def _serve(command: list[str], env: dict, socket_path: Path, port: int) -> None:
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not socket_path.exists():
            assert server.poll() is None, server.communicate()[0].decode(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "no control socket in the instance folder"
            time.sleep(0.2)
        with socket.create_connection(("127.0.0.1", port), timeout=30):
            pass
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _env(app_config, home: Path, instance: Path, **extra) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "XDG_RUNTIME_DIR"}
    return dict(env, HOME=str(home), PORTAL_INSTANCE=str(instance), DATABASE_URL=app_config["DATABASE_URL"],
                SEARCH_BACKEND=app_config["SEARCH_BACKEND"], SECRET_KEY="x" * 32, **extra)


def test_gunicorn_puts_its_control_socket_in_the_instance(app_config, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    # As `make run` starts it: the command line printed by `make -n run`.
    instance, port = tmp_path / "a", _free_port()
    line = re.search(r"(\S*/gunicorn .*? wsgi:app)", _make_run(instance, port))
    command = shlex.split(line[1].replace("--workers 3", "--workers 1"))
    instance.mkdir()
    _serve(command, _env(app_config, home, instance), instance / f"gunicorn-{port}.ctl", port)
    # As the deployment starts it: docs/deploy/gunicorn.conf.py.
    instance, port = tmp_path / "b", _free_port()
    instance.mkdir()
    env = _env(app_config, home, instance, PORTAL_BIND=f"127.0.0.1:{port}", PORTAL_WORKERS="1")
    _serve([str(PROJECT_ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py"), "wsgi:app"],
           env, instance / f"gunicorn-127.0.0.1-{port}.ctl", port)
    assert not (home / ".gunicorn").exists()
    assert not list(home.iterdir())
