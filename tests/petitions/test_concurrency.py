"""Hundreds of petitions sent at once to a real gunicorn: all stored, codes unique, and a
form sent twice at the same moment stored once."""

import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from portal.petitions.models import Petition
from tests.scale.servers import free_port as _free_port  # noqa: F401  (other tests import it from here)
from tests.scale.servers import serve, suite_env

pytestmark = pytest.mark.slow
FORMS = 150


@pytest.fixture
def gunicorn(app, app_config):
    with ExitStack() as stack:
        yield serve(stack, suite_env(app_config, PETITION_RATE_LIMIT="100000 per hour"), workers=4, threads=4)[1]


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
