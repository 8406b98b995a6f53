"""The page cache holds for the whole site, not one process: a real gunicorn with 3 workers keeps
pages in the shared store (instance/pagecache.db in the SQLite pass, Redis in the PostgreSQL +
Redis pass), and a change made by another process — another instance of the portal, committing
through the services — shows at once on every page that lists it, whichever worker answers."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from contextlib import ExitStack

import pytest

from tests.conftest import PROJECT_ROOT
from tests.deploy.instances import postgres_database
from tests.petitions.test_concurrency import _free_port
from tests.scale.page_cache_actions import ANSWER, NEW_TITLE
from tests.scale.servers import BIN, run_cli, wait_up
from tests.scale.test_shared_limits import _at_once, _forget_redis_keys, _stop

pytestmark = pytest.mark.slow
WORKERS, AT_ONCE = 3, 9
OLD_TITLE = "Cảnh giác với cuộc gọi giả danh công an"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("pagecache")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SEARCH_BACKEND")}
    redis_url = os.environ.get("REDIS_URL")
    prefix = f"pagecache-test-{uuid.uuid4().hex[:8]}:"
    if redis_url:
        env["REDIS_URL"] = redis_url.rsplit("/", 1)[0] + "/14"
    env.update(PORTAL_INSTANCE=str(root / "instance"), MEDIA_ROOT=str(root / "media"),
               SEARCH_INDEX_DIR=str(root / "search_index"), JOBS_NAME=prefix.rstrip(":"), JOBS_IMMEDIATE="1",
               SECRET_KEY="p" * 40, RATELIMIT_KEY_PREFIX=prefix, PAGE_CACHE="1")
    with ExitStack() as stack:
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            env["DATABASE_URL"] = stack.enter_context(postgres_database())
            env["SEARCH_BACKEND"] = "postgresql"
        else:
            env["DATABASE_URL"] = f"sqlite:///{root / 'portal.db'}"
        run_cli(["migrate"], env)
        run_cli(["load-units"], env)
        run_cli(["search-rebuild"], env)
        act(env, "seed")
        port = _free_port()
        proc = subprocess.Popen([os.path.join(BIN, "gunicorn"), "-b", f"127.0.0.1:{port}", "-w", str(WORKERS),
                                 "wsgi:app"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        stack.callback(_stop, proc)
        base = f"http://127.0.0.1:{port}"
        wait_up(base, proc)
        if redis_url:
            stack.callback(_forget_redis_keys, env)
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
