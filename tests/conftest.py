"""Shared fixtures: one migrated database per test session (SQLite by default,
PostgreSQL when DATABASE_URL is set), committees loaded once, tables other than
the committees emptied after each test; Redis for jobs and limits when REDIS_URL is set."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text

from portal import create_app, migrations
from portal.db import Base, db
from portal.extensions import limiter

KEEP_TABLES = {"units", "alembic_version"}
# The suite speaks with the offline voice, also in the workers and servers it starts as
# processes of their own (they read the environment); see "SPEECH_ENGINE" in `app_config`.
os.environ["SPEECH_ENGINE"] = "espeak"

# Property tests check what is computed, not how fast: no per-example deadline, which a loaded
# CI machine (two suites, browsers) would turn into failures unrelated to the code.
settings.register_profile("portal", deadline=None)
settings.load_profile("portal")


def _postgres_test_database(base_url: str) -> tuple[str, str]:
    """Create a throw-away database on the given server; returns (url, admin url)."""
    from sqlalchemy.engine import make_url

    url = make_url(base_url)
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    name = f"portal_test_{uuid.uuid4().hex[:10]}"
    admin = url.set(database="postgres")
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False), admin.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    given = os.environ.get("DATABASE_URL")
    if not given:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.db'}"
        return
    url, admin = _postgres_test_database(given)
    yield url
    name = url.rsplit("/", 1)[1]
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def app_config(database_url, tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("instance")
    return {
        "INSTANCE_PATH": str(root),
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_DIR": str(root / "search_index"),
        # The PostgreSQL pass of CI runs the whole suite on the PostgreSQL search backend too.
        "SEARCH_BACKEND": os.environ.get("SEARCH_BACKEND") or "whoosh",
        "MEDIA_ROOT": str(root / "media"),
        "JOBS_DB": str(root / "jobs.db"),
        "JOBS_NAME": f"portal-test-{uuid.uuid4().hex[:8]}",
        "JOBS_IMMEDIATE": True,
        # On Redis, this session's rate-limit counters under a prefix of its own: `limiter.reset()`
        # after each test empties only them, not those of another run sharing the server.
        "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": f"LIMITS-test-{uuid.uuid4().hex[:8]}"},
        "SECRET_KEY": "test-secret-key-not-for-production",
        # Off by default: tests that change content behind the services' back (tables emptied
        # after each test) would read pages of an earlier test. tests/core/test_page_cache.py and
        # `PAGE_CACHE=1` runs switch it on.
        "PAGE_CACHE": os.environ.get("PAGE_CACHE") == "1",
        "PAGE_CACHE_KEY_PREFIX": f"portal-test-{uuid.uuid4().hex[:8]}:",
        "LIBRARY_VIEW_FLUSH_SECONDS": 0,  # each view written at once: tests count them
        "DEMO_PASSWORD": "demo-password-for-tests",
        # The offline voice only: the default ("auto") would ask Google first. The tests of the
        # natural voice (tests/audio/test_natural_engine.py, tests/media_render/test_natural_voice.py)
        # switch to "auto" and point it at a loopback fake.
        "SPEECH_ENGINE": "espeak",
    }


@pytest.fixture(scope="session")
def app(app_config):
    app = create_app(app_config)
    _add_test_routes(app)
    migrations.upgrade(app.config["DATABASE_URL"])
    with app.app_context():
        from portal.search import index
        from portal.search.backend import current
        from portal.units.service import load_units

        load_units(db.session)
        index.ensure(current())
    return app


def _add_test_routes(app) -> None:
    """Routes that fail on purpose, for the error-page tests (nothing links to them)."""
    from flask import Blueprint, abort, request

    bp = Blueprint("_test", __name__, url_prefix="/_test")

    @bp.route("/boom")
    def boom():
        raise RuntimeError("secret " + request.args.get("phone", ""))

    @bp.route("/forbidden")
    def forbidden():
        abort(403)

    app.register_blueprint(bp)


def _empty_tables() -> None:
    with db.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in KEEP_TABLES:
                conn.execute(table.delete())


@pytest.fixture(autouse=True)
def _clean(request):
    yield
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        from portal.jobs.queue import jobs

        if jobs.app is not app:  # a test made another app (create_app binds the queue to it): back to ours
            db.bind(app)
            jobs.init_app(app)
        with app.app_context():
            db.session.remove()
            _empty_tables()
            from portal.core.pagecache import bump

            bump()  # the tables were emptied behind the services' back: no page of this test is kept
            limiter.reset()
            from portal.search.backend import current

            current().rebuild([])


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def session(app):
    """A plain session; it pushes no app context, so requests made by `client` in the
    same test get their own context (and flask-login its own `g`), as in production."""
    with db.new_session() as s:
        yield s


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture
def make_user(app):
    from portal.accounts.service import create_user
    from portal.units.service import get_by_code

    def make(email="staff@example.org", role="admin", unit=None, password="correct horse battery",
             two_factor=None):
        """Administrators come with two-step login already set up (they must have it), unless
        `two_factor=False`; the `login` fixture then answers the code step by itself."""
        with app.app_context():
            unit_obj = get_by_code(db.session, unit) if unit else None
            user = create_user(db.session, email, password, role, unit=unit_obj)
            if two_factor if two_factor is not None else role == "admin":
                enrol_two_factor(user)
            return user.id

    return make


def enrol_two_factor(user) -> str:
    """Turn on two-step login for `user` (in an app context); returns the secret."""
    from portal.accounts import totp, twofactor

    secret = twofactor.start_enrolment(db.session, user)
    assert twofactor.confirm_enrolment(db.session, user, totp.code_at(secret)) is not None
    user.totp_last_step = None  # as if enrolled a while ago: the first login may use this window
    db.session.commit()
    return secret


TWO_FACTOR_PATH = "/quan-tri/dang-nhap/ma-xac-thuc"


def current_code(app, user_id: int) -> str:
    """The code the user's authenticator app shows now. A helper that logs the same person in
    twice within 30 s would be refused as a replay, so it forgets the last step it used
    (the replay rule itself is tested in tests/accounts)."""
    from portal.accounts import totp
    from portal.accounts.models import User

    with app.app_context():
        user = db.session.get(User, user_id)
        step = totp.current_step()
        if user.totp_last_step is not None and user.totp_last_step >= step:
            user.totp_last_step = step - 1
            db.session.commit()
        return totp.code_at(user.totp_secret)


def complete_two_factor(app, client, response):
    """After the password: answer the code step when the account has one, else return `response`."""
    if response.status_code != 302 or response.headers["Location"] != TWO_FACTOR_PATH:
        return response
    with client.session_transaction() as state:
        user_id = state["login_pending"]["uid"]
    page = client.get(TWO_FACTOR_PATH)
    return client.post(TWO_FACTOR_PATH, data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                              "code": current_code(app, user_id)})


@pytest.fixture
def login(app, client):
    def do(email="staff@example.org", password="correct horse battery", next_url="", two_factor=True):
        page = client.get("/quan-tri/dang-nhap")
        response = client.post("/quan-tri/dang-nhap", data={
            "csrf_token": csrf_from(page.get_data(as_text=True)),
            "email": email, "password": password, "next": next_url,
        })
        return complete_two_factor(app, client, response) if two_factor else response

    return do


PROJECT_ROOT = Path(__file__).resolve().parent.parent


# -- In CI nothing may be skipped silently: a skip fails the run. ---------------------
_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI") and _skipped and exitstatus == 0:
        session.exitstatus = 1
        print(f"\nCI: {len(_skipped)} test(s) were skipped; skipping is not allowed here: {_skipped}")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


# One Playwright and one Chromium for the whole session, whichever folder's tests use them
# (tests/browser, tests/oidc): a second sync_playwright() started while the first runs fails with
# "using Playwright Sync API inside the asyncio loop".
@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    yield manager
    manager.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: run `apt-get install -y chromium` "
                    "(never `playwright install`). Browser tests must run, not be skipped.")
    try:
        launched = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:  # a broken install must fail loudly too
        pytest.fail(f"Chromium at {CHROMIUM} did not start: {exc}")
    yield launched
    launched.close()


