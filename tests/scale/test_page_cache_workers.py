"""The page cache holds for the whole site, not one process: a real gunicorn with 3 workers keeps
pages in the shared store (instance/pagecache.db in the SQLite pass, Redis in the PostgreSQL +
Redis pass), and a change made by another process — another instance of the portal, committing
through the services — shows at once on every page that lists it, whichever worker answers."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from contextlib import ExitStack

import pytest

from tests.conftest import PROJECT_ROOT
from tests.scale.page_cache_actions import ANSWER, NEW_TITLE
from tests.scale.servers import own_site_env, serve
from tests.scale.test_shared_limits import _at_once

pytestmark = pytest.mark.slow
WORKERS, AT_ONCE = 3, 9
OLD_TITLE = "Cảnh giác với cuộc gọi giả danh công an"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("pagecache")
    prefix = f"pagecache-test-{uuid.uuid4().hex[:8]}:"
    with ExitStack() as stack:
        env = own_site_env(stack, root, prefix.rstrip(":"), SECRET_KEY="p" * 40, RATELIMIT_KEY_PREFIX=prefix,
                           PAGE_CACHE="1")
        act(env, "seed")
        _proc, base = serve(stack, env, workers=WORKERS)
        yield {"base": base, "env": env}


def act(env: dict, action: str) -> str:
    done = subprocess.run([sys.executable, "-m", "tests.scale.page_cache_actions", action], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def crowd(site, path: str, cookie: str = "") -> list[tuple[str, str]]:
    """AT_ONCE requests at the same moment (spread over the workers): (cache header, body) each."""
    def one():
        request = urllib.request.Request(site["base"] + path, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.headers.get("X-Page-Cache") or "", response.read().decode()
    return _at_once([one] * AT_ONCE)


def primed(site, path: str) -> list[str]:
    """The bodies every worker now serves from the shared cache."""
    crowd(site, path)
    seen = crowd(site, path)
    assert all(hit == "hit" for hit, _ in seen), path  # stored by one worker, served by all
    return [body for _, body in seen]


def test_a_bulletin_corrected_then_unpublished_elsewhere_shows_on_every_worker(site):
    pages = ("/", "/ban-tin/", "/tim-kiem?q=cuoc+goi+gia+danh")
    for page in pages:
        assert all(OLD_TITLE in body for body in primed(site, page)), page
    act(site["env"], "correct-bulletin")
    for page in ("/", "/ban-tin/", "/tim-kiem?q=cuoc+goi+mao+danh"):
        bodies = [body for _, body in crowd(site, page)]
        assert all(NEW_TITLE in b and OLD_TITLE not in b for b in bodies), page
        primed(site, page)
    act(site["env"], "unpublish-bulletin")
    for page in ("/", "/ban-tin/", "/tim-kiem?q=cuoc+goi+mao+danh"):
        assert all(NEW_TITLE not in body for _, body in crowd(site, page)), page


def test_an_answer_published_elsewhere_shows_on_every_worker(site):
    pages = ("/", "/phan-anh/", "/tim-kiem?q=nao+vet+cong")
    for page in pages:
        assert all("nạo vét cống" not in body for body in primed(site, page)), page
    code = act(site["env"], "publish-answer")
    for page in pages:
        assert all(f"/phan-anh/{code}" in body for _, body in crowd(site, page)), page
    assert all(ANSWER in body for _, body in crowd(site, f"/phan-anh/{code}"))


def test_a_library_item_withdrawn_elsewhere_disappears_on_every_worker(site):
    slug = act(site["env"], "first-item")
    pages = ("/", "/thu-vien/")
    for page in (*pages, f"/thu-vien/{slug}"):
        primed(site, page)
    assert all(f'href="/thu-vien/{slug}"' in body for body in primed(site, "/thu-vien/"))
    assert act(site["env"], "withdraw-item") == slug
    for page in pages:
        assert all(f'href="/thu-vien/{slug}"' not in body for _, body in crowd(site, page)), page
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(site["base"] + f"/thu-vien/{slug}", timeout=30)
    assert gone.value.code == 404


def test_a_planted_session_cookie_is_never_served_from_the_shared_cache(site):
    primed(site, "/ban-tin/")
    assert {hit for hit, _ in crowd(site, "/ban-tin/", "portal_session=planted")} == {""}
