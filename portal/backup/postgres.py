"""PostgreSQL backups with the server's own tools: pg_dump (custom format) and pg_restore.

The client tools must be of the server's major version or newer (Debian: `postgresql-client`).
The password never goes on a command line (other users can read those): it is passed in
PGPASSWORD.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url

from .archive import BackupError


def libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment that carries it."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    dsn = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return dsn, env


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed; install the PostgreSQL client tools (Debian: postgresql-client) "
                     "of the server's major version or newer")
    return path


def _run(args: list[str], env: dict[str, str]) -> None:
    # The arguments are the tool found on PATH, our own options and file names; no shell.
    done = subprocess.run(args, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")


def dump(url: str, out: Path, describe: Callable[[Connection], tuple]) -> tuple:
    """pg_dump on the snapshot of an open REPEATABLE READ transaction, so `describe(conn)`
    (schema revision, row counts) sees exactly the rows the dump holds."""
    pg_dump = tool("pg_dump")
    dsn, env = libpq(url)
    part = out.with_name(out.name + ".part")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
                described = describe(conn)
                _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={part}", f"--dbname={dsn}"], env)
    finally:
        engine.dispose()
    os.chmod(part, 0o600)
    os.replace(part, out)
    return described


def restore(url: str, dump_file: Path, clean: bool) -> None:
    """pg_restore in one transaction: the database ends up either as before or as the dump."""
    pg_restore = tool("pg_restore")
    dsn, env = libpq(url)
    args = [pg_restore, "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"]
    if clean:
        args += ["--clean", "--if-exists"]
    _run([*args, f"--dbname={dsn}", str(dump_file)], env)
