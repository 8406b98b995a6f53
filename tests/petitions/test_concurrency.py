"""Hundreds of petitions sent at once to a real gunicorn: all stored, codes unique, and a
form sent twice at the same moment stored once."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from portal.petitions.models import Petition
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow
FORMS = 150


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn(app, app_config):
    port = _free_port()
    env = dict(os.environ, PORTAL_INSTANCE=app_config["INSTANCE_PATH"], DATABASE_URL=app_config["DATABASE_URL"],
               SEARCH_INDEX_DIR=app_config["SEARCH_INDEX_DIR"], MEDIA_ROOT=app_config["MEDIA_ROOT"],
               JOBS_DB=app_config["JOBS_DB"], JOBS_NAME=app_config["JOBS_NAME"], JOBS_IMMEDIATE="1",
               SECRET_KEY=app_config["SECRET_KEY"], PETITION_RATE_LIMIT="100000 per hour")
    gunicorn_bin = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    proc = subprocess.Popen([gunicorn_bin, "-b", f"127.0.0.1:{port}", "-w", "4", "--threads", "4", "wsgi:app"],
                            cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("gunicorn did not start: " + proc.stderr.read().decode()[-2000:])
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def _prepare(base: str):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    html = opener.open(base + "/phan-anh/gui?don-vi=11311", timeout=30).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    submission = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', html).group(1)
    return opener, {"csrf_token": token, "submission_id": submission, "unit_code": "11311", "buoc": "gui",
                    "category": "moi-truong", "title": f"Rác tồn đọng ở tổ dân phố {submission[:6]}",
                    "body": "Rác thải sinh hoạt không được thu gom ba ngày nay, bốc mùi khó chịu cho cả khu.",
                    "phone": "0912000999", "consent_public": "y"}


def _send(args) -> str:
    opener, form = args
    with opener.open(urllib.request.Request(f"{BASE[0]}/phan-anh/gui", data=urlencode(form).encode()),
                     timeout=60) as response:
        return response.geturl().rsplit("/", 1)[1]


BASE: list[str] = []


def test_hundreds_of_parallel_submissions(gunicorn, session):
    BASE[:] = [gunicorn]
    prepared = [_prepare(gunicorn) for _ in range(FORMS)]
    # a third of the forms arrive twice, side by side in the queue, so both copies run at once
    jobs = [item for i, p in enumerate(prepared) for item in ([p, p] if i < FORMS // 3 else [p])]
    with ThreadPoolExecutor(max_workers=48) as pool:
        codes = list(pool.map(_send, jobs))
    by_form: dict[str, set[str]] = {}
    for (_opener, form), code in zip(jobs, codes, strict=True):
        by_form.setdefault(form["submission_id"], set()).add(code)
    assert all(len(found) == 1 for found in by_form.values()), "a form sent twice got two petitions"
    assert len({next(iter(c)) for c in by_form.values()}) == FORMS
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Petition)) == FORMS
    assert len(set(session.scalars(select(Petition.code)))) == FORMS
