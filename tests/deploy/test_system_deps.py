"""scripts/system-deps, which `make test` and .ci/run call first: on a machine missing what pip
cannot install it installs it as root with apt-get, and otherwise stops at once, naming each
missing package and the one command to run."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from tests.conftest import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "system-deps"
PACKAGES = ("chromium", "default-jre-headless", "epubcheck", "postgresql-client", "nginx",
            "libnginx-mod-http-brotli-static", "openssl", "fonts-dejavu-core", "nodejs", "npm", "wrk")
COMMANDS = ("chromium", "java", "epubcheck", "pg_dump", "nginx", "openssl", "node", "npm", "wrk")


def _fake(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def _machine(tmp_path: Path, uid: int, commands=(), apt: bool = False) -> tuple[dict, Path]:
    """A PATH holding only `id` (answering `uid`), the given commands and maybe apt-get (which
    writes down how it was called), and an empty file system for the file checks."""
    bin_dir, calls = tmp_path / "bin", tmp_path / "apt-calls"
    bin_dir.mkdir()
    _fake(bin_dir, "id", f"echo {uid}")
    for name in commands:
        _fake(bin_dir, name, "exit 0")
    if apt:
        _fake(bin_dir, "apt-get", f'echo "$@" >> {calls}')
    return {"PATH": str(bin_dir), "SYSTEM_DEPS_ROOT": str(tmp_path / "fs")}, calls


def _run(env: dict) -> subprocess.CompletedProcess:
    started = time.monotonic()
    done = subprocess.run(["/bin/bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30)
    assert time.monotonic() - started < 10  # "at once": no test has run, nothing was downloaded
    return done


def test_without_root_it_stops_with_the_command_to_run(tmp_path):
    env, calls = _machine(tmp_path, uid=1000, apt=True)
    done = _run(env)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].strip() == "sudo make test"
    for package in PACKAGES:
        assert f"{package} (" in done.stderr, package
    assert not calls.exists()  # apt-get is root's to run


def test_without_root_and_nothing_missing_it_still_says_root(tmp_path):
    env, _ = _machine(tmp_path, uid=1000, commands=COMMANDS)
    for path in ("usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
                 "usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        (tmp_path / "fs" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "fs" / path).touch()
    done = _run(env)
    assert done.returncode == 1 and "It also needs" not in done.stderr
    assert "sudo make test" in done.stderr and "mount tmpfs" in done.stderr


def test_as_root_with_apt_it_installs_what_is_missing(tmp_path):
    env, calls = _machine(tmp_path, uid=0, commands=("chromium", "pg_dump", "openssl"), apt=True)
    done = _run(env)
    assert done.returncode == 0, done.stderr
    update, install = calls.read_text().splitlines()
    assert update == "update -q"
    assert install.split()[:4] == ["install", "-y", "-q", "--no-install-recommends"]
    assert set(install.split()[4:]) == {"default-jre-headless", "epubcheck", "nginx",
                                       "libnginx-mod-http-brotli-static", "fonts-dejavu-core", "nodejs", "npm",
                                       "wrk"}


def test_as_root_with_everything_there_it_does_nothing(tmp_path):
    env, calls = _machine(tmp_path, uid=0, commands=COMMANDS, apt=True)
    env["SYSTEM_DEPS_ROOT"] = "/"  # this machine's real nginx module and font (CI installs them)
    assert _run(env).returncode == 0
    assert not calls.exists()


def test_as_root_without_apt_it_lists_the_packages(tmp_path):
    env, _ = _machine(tmp_path, uid=0)
    done = _run(env)
    assert done.returncode == 1 and "chromium (browser tests)" in done.stderr


def test_make_test_and_ci_run_call_the_one_script():
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert recipe.splitlines()[1].strip() == "@scripts/system-deps"  # before .venv is made
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "scripts/system-deps" in ci and "apt-get" not in ci  # no second copy of the list
    assert "make test" in ci
