"""The search backends the tests run on: Whoosh always; PostgreSQL too when DATABASE_URL is one.

`scratch_backend` gives an empty index of its own: a Whoosh directory, or on PostgreSQL a schema of
its own holding copies of the search tables (the engine's search_path points there first).
"""

from __future__ import annotations

import contextlib
import os
import uuid

from sqlalchemy import create_engine, text

from portal.search.postgresql_index import PostgresBackend
from portal.search.whoosh_index import WhooshBackend

BACKENDS = ["whoosh"] + (["postgresql"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else [])


@contextlib.contextmanager
def scratch_backend(name: str, app, directory):
    if name == "whoosh":
        yield WhooshBackend(directory)
        return
    schema = f"search_{uuid.uuid4().hex[:10]}"
    url = app.config["DATABASE_URL"]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        for table in ("search_documents", "search_terms", "search_writes"):
            conn.execute(text(f'CREATE TABLE "{schema}".{table} (LIKE public.{table} INCLUDING ALL)'))
    engine = create_engine(url, connect_args={"options": f"-c search_path={schema},public"})
    try:
        yield PostgresBackend(engine)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
