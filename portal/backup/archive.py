"""What a backup directory holds: its file names, the manifest and its checks, row counts."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection, make_url

MANIFEST = "manifest.json"
SQLITE_FILE = "portal.sqlite3"
POSTGRES_FILE = "portal.pgdump"
MEDIA_FILE = "media.tar"
FORMAT = 1
# A database holding only these (the committees are loaded by `flask init`) counts as empty.
KEEP_TABLES = {"units", "alembic_version"}


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    return Path(parsed.database) if parsed.get_backend_name() == "sqlite" and parsed.database else None


def table_counts(conn: Connection) -> dict[str, int]:
    """Rows per table of the models, in dependency order (tables not created yet are left out)."""
    from portal.models import metadata

    existing = set(inspect(conn).get_table_names())
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in metadata.sorted_tables if t.name in existing}


def schema_revision(conn: Connection) -> str | None:
    if "alembic_version" not in inspect(conn).get_table_names():
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify(src: str | Path) -> dict:
    """The manifest, once every file it lists exists with the recorded size and sha256."""
    src = Path(src)
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"no readable {MANIFEST} in {src}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    expected = {SQLITE_FILE if manifest.get("database") == "sqlite" else POSTGRES_FILE, MEDIA_FILE}
    if set(manifest.get("files", {})) != expected:
        raise BackupError(f"the manifest should list {sorted(expected)}")
    for name, info in manifest["files"].items():
        path = src / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if path.stat().st_size != info["bytes"] or sha256_of(path) != info["sha256"]:
            raise BackupError(f"{name} does not match its checksum in the manifest: the backup is damaged")
    return manifest
