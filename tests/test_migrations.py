"""Migrations build the schema the models describe, on SQLite and PostgreSQL alike."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from portal import migrations
from portal.db import db
from portal.models import metadata


def test_models_and_migrations_agree(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    assert diff == [], f"models differ from migrations; write a migration: {diff}"


def test_downgrade_and_upgrade_again(app_config, tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    migrations.upgrade(url)
    from sqlalchemy import create_engine

    engine = create_engine(url)
    assert {"units", "users", "audit_log", "worker_heartbeats"} <= set(inspect(engine).get_table_names())
    migrations.downgrade(url, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrations.upgrade(url)
    assert "users" in inspect(engine).get_table_names()
    engine.dispose()


def test_running_database_is_at_head(app):
    with db.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations.alembic_config(app.config["DATABASE_URL"]))
    assert current == script.get_current_head()
