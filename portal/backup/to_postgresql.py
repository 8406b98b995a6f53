"""Moving a SQLite portal to PostgreSQL: `flask copy-to-postgresql URL`.

The target gets the schema from the Alembic migrations (never from the models directly), then
every table is copied in dependency order inside one transaction, through SQLAlchemy's column
types (booleans, UTC datetimes and JSON come out as PostgreSQL expects them). Rows pointing at
a row of the same table (sub-categories, merged petitions) are inserted with that column empty
and linked afterwards. Finally each id sequence is moved past the largest copied id, and the row
counts of both databases are compared.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, func, inspect, select, text
from sqlalchemy.engine import Connection, make_url

from portal.db import make_engine

from .archive import BackupError, schema_revision, table_counts

BATCH = 1000


def postgresql_url(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise BackupError(f"the target must be a PostgreSQL URL, not {parsed.get_backend_name()}")
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def copy_database(source_url: str, target_url: str, echo: Callable[[str], None] = lambda _: None) -> dict[str, int]:
    """Copy every row of the portal's tables from `source_url` into a new, empty PostgreSQL
    database at `target_url`; returns the rows copied per table."""
    from portal import migrations
    from portal.models import metadata

    target_url = postgresql_url(target_url)
    migrations.upgrade(target_url)
    source, target = make_engine(source_url), make_engine(target_url)
    try:
        with source.connect() as src, target.begin() as dst:
            _check(src, dst)
            copied = {}
            for table in metadata.sorted_tables:
                copied[table.name] = _copy_table(src, dst, table)
                echo(f"  {table.name}: {copied[table.name]}")
            _reset_sequences(dst, metadata.sorted_tables)
            if table_counts(dst) != table_counts(src):
                raise BackupError("row counts differ after the copy; nothing was committed")
        return copied
    finally:
        source.dispose()
        target.dispose()


def _check(src: Connection, dst: Connection) -> None:
    from portal.models import metadata

    known = {t.name for t in metadata.sorted_tables} | {"alembic_version"}
    unknown = {n for n in inspect(src).get_table_names() if n not in known and not n.startswith("sqlite_")}
    if unknown:
        raise BackupError(f"the source has tables the models do not know: {sorted(unknown)}")
    if schema_revision(src) != schema_revision(dst):
        raise BackupError(f"the source is at schema revision {schema_revision(src)} and the code at "
                          f"{schema_revision(dst)}: run `flask migrate` on the source first")
    filled = [name for name, n in table_counts(dst).items() if n and name != "alembic_version"]
    if filled:
        raise BackupError(f"the target database is not empty ({', '.join(filled)}); give a new database")


def _copy_table(src: Connection, dst: Connection, table) -> int:
    self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    keys = [c.name for c in table.primary_key.columns]
    links: list[dict] = []
    count = 0
    result = src.execution_options(yield_per=BATCH).execute(select(table))
    for rows in result.mappings().partitions():
        batch = []
        for row in rows:
            values = dict(row)
            for column in self_refs:
                if values[column] is not None:
                    links.append({**{f"k_{k}": values[k] for k in keys}, "col": column, "v": values[column]})
                    values[column] = None
            batch.append(values)
        dst.execute(table.insert(), batch)
        count += len(batch)
    for column in self_refs:
        wanted = [{k: v for k, v in link.items() if k != "col"} for link in links if link["col"] == column]
        if wanted:
            where = [table.c[k] == bindparam(f"k_{k}") for k in keys]
            dst.execute(table.update().where(*where).values({column: bindparam("v")}), wanted)
    return count


def _reset_sequences(dst: Connection, tables) -> None:
    for table in tables:
        for column in table.primary_key.columns:
            sequence = dst.execute(select(func.pg_get_serial_sequence(table.name, column.name))).scalar()
            if sequence is None:
                continue
            top = dst.execute(select(func.max(table.c[column.name]))).scalar()
            dst.execute(text("SELECT setval(CAST(:seq AS regclass), :value, :called)"),
                        {"seq": sequence, "value": top or 1, "called": top is not None})
