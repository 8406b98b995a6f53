"""Real servers for the scale tests: the flask CLI, gunicorn started and awaited, and a small
cookie-keeping browser (urllib) to talk to them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest

from tests.conftest import PROJECT_ROOT

BIN = os.path.dirname(sys.executable)


def run_cli(args: list[str], env: dict) -> str:
    done = subprocess.run([os.path.join(BIN, "flask"), "--app", "wsgi", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def wait_up(base: str, proc: subprocess.Popen) -> None:
    for _ in range(150):
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
