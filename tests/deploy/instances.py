"""Second portal instances for the deploy tests: their own database, media, index and queue.

`create_app` rebinds the shared `db` and `jobs` singletons, so `fresh_instance` gives them
back to the session-wide test app when the test ends. PostgreSQL databases are throw-away
ones on the server of DATABASE_URL, else on the local server CI runs (127.0.0.1:5432).
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from portal import create_app
from portal.db import db
from portal.jobs.queue import jobs
from tests.conftest import _postgres_test_database

LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextmanager
def postgres_database():
    """A new, empty PostgreSQL database (dropped afterwards); yields its URL."""
    url, admin = _postgres_test_database(os.environ.get("DATABASE_URL") or LOCAL_POSTGRES)
    try:
        yield url
    finally:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        engine.dispose()


def instance_config(app_config: dict, root: Path, database_url: str) -> dict:
    # A SQLite instance searches with Whoosh even in the PostgreSQL pass (SEARCH_BACKEND=postgresql
    # needs a PostgreSQL database).
    search = app_config["SEARCH_BACKEND"] if database_url.startswith("postgresql") else "whoosh"
    return {**app_config, "INSTANCE_PATH": str(root), "DATABASE_URL": database_url, "SEARCH_BACKEND": search,
            "MEDIA_ROOT": str(root / "media"), "SEARCH_INDEX_DIR": str(root / "search_index"),
            "JOBS_DB": str(root / "jobs.db"), "JOBS_NAME": f"portal-deploy-{uuid.uuid4().hex[:8]}"}


@contextmanager
def fresh_instance(app, app_config: dict, root: Path, database_url: str | None = None):
    """A new app on its own (empty) database; same engine kind as the suite unless given."""
    root.mkdir(parents=True, exist_ok=True)
    try:
        if database_url is None and app_config["DATABASE_URL"].startswith("postgresql"):
            with postgres_database() as url:
                new = create_app(instance_config(app_config, root, url))
                try:
                    yield new
                finally:
                    db.session.remove()
                    db.engine.dispose()
        else:
            yield create_app(instance_config(app_config, root, database_url or f"sqlite:///{root / 'portal.db'}"))
    finally:
        db.bind(app)
        jobs.init_app(app)
