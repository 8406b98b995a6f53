"""Backups: a consistent copy of the database, a tar of MEDIA_ROOT and a manifest with checksums.

`flask backup DIR` runs while gunicorn and the worker keep writing: SQLite through the online
backup API (one read snapshot; in WAL mode writers carry on), PostgreSQL through pg_dump on the
snapshot of the transaction that counted the rows (portal/backup_postgres.py). `flask restore DIR`
checks every checksum before touching anything, refuses a database or media directory that
already holds data unless forced, and swaps the new files in by renaming them. Backups hold
personal data (contacts, private petition photos): the directory is created mode 0700.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import Connection, make_url

from portal import backup_postgres

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


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- backup -----------------------------------------------------------------------------
def backup(config: dict, dest: str | Path) -> dict:
    """Write the database copy, the media tar and (last) the manifest into `dest`."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty; give a new directory for each backup")
    dest.mkdir(parents=True, exist_ok=True)
    os.chmod(dest, 0o700)
    url = config["DATABASE_URL"]
    source = sqlite_path(url)
    if source is not None:
        db_file, kind = dest / SQLITE_FILE, "sqlite"
        revision, counts = _backup_sqlite(source, db_file)
    elif make_url(url).get_backend_name() == "postgresql":
        db_file, kind = dest / POSTGRES_FILE, "postgresql"
        revision, counts = backup_postgres.dump(url, db_file, lambda conn: (schema_revision(conn), table_counts(conn)))
    else:
        raise BackupError(f"cannot back up a {make_url(url).get_backend_name()} database")
    # The media tar comes after the database snapshot: a file written meanwhile is an extra,
    # never a row pointing at a missing file (files are written before their rows commit).
    media_files = _tar_media(Path(config["MEDIA_ROOT"]), dest / MEDIA_FILE)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "database": kind,
        "schema_revision": revision,
        "counts": counts,
        "media_files": media_files,
        "files": {path.name: {"sha256": sha256_of(path), "bytes": path.stat().st_size}
                  for path in (db_file, dest / MEDIA_FILE)},
    }
    tmp = dest / f".{MANIFEST}.part"
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, dest / MANIFEST)
    _fsync_dir(dest)
    return manifest


def _backup_sqlite(source: Path, out: Path) -> tuple[str | None, dict[str, int]]:
    if not source.exists():
        raise BackupError(f"no database at {source}")
    part = out.with_name(out.name + ".part")
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(part)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        src.backup(dst)  # all pages in one step: one read snapshot, writers are not blocked (WAL)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("the copied database fails SQLite's integrity check")
    finally:
        dst.close()
        src.close()
    os.chmod(part, 0o600)
    engine = create_engine(f"sqlite:///{part}")
    try:
        with engine.connect() as conn:  # counted on the copy: exactly what the backup holds
            revision, counts = schema_revision(conn), table_counts(conn)
    finally:
        engine.dispose()
    os.replace(part, out)
    return revision, counts


def _tar_media(root: Path, out: Path) -> int:
    """Every file under MEDIA_ROOT (public and private) except unfinished `.tmp-` writes."""
    part = out.with_name(out.name + ".part")
    count = 0
    with tarfile.open(part, "w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if not path.is_file() or path.is_symlink() or path.name.startswith(".tmp-"):
                continue
            try:
                tar.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)
            except FileNotFoundError:  # removed meanwhile (e.g. the retention job); nothing written
                continue
            count += 1
    os.chmod(part, 0o600)
    os.replace(part, out)
    return count


# -- restore ----------------------------------------------------------------------------
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


def database_has_data(url: str) -> bool:
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return False
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            counts = table_counts(conn)
    finally:
        engine.dispose()
    return any(n for name, n in counts.items() if name not in KEEP_TABLES)


def media_has_files(root: Path) -> bool:
    return root.exists() and any(p.is_file() for p in root.rglob("*") if not _hidden(p, root))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def restore(config: dict, src: str | Path, force: bool = False) -> dict:
    """Put a verified backup in place of this instance's database and media. The portal
    (gunicorn and the worker) must be stopped; the caller rebuilds the search index."""
    src = Path(src)
    manifest = verify(src)
    url = config["DATABASE_URL"]
    target = sqlite_path(url)
    kind = "sqlite" if target is not None else make_url(url).get_backend_name()
    if manifest["database"] != kind:
        raise BackupError(f"this is a {manifest['database']} backup and the portal runs on {kind}; restore it "
                          "into a SQLite instance, then use `flask copy-to-postgresql`")
    media_root = Path(config["MEDIA_ROOT"])
    if not force:
        if database_has_data(url):
            raise BackupError("the database already holds data; use --force to replace it")
        if media_has_files(media_root):
            raise BackupError(f"{media_root} already holds files; use --force to replace them")
    if target is not None:
        _restore_sqlite(src / SQLITE_FILE, target, manifest["counts"])
    else:
        backup_postgres.restore(url, src / POSTGRES_FILE, clean=True)
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                _check_counts(table_counts(conn), manifest["counts"])
        finally:
            engine.dispose()
    _restore_media(src / MEDIA_FILE, media_root)
    return manifest


def _check_counts(found: dict[str, int], expected: dict[str, int]) -> None:
    wrong = {name: (found.get(name), n) for name, n in expected.items() if found.get(name) != n}
    if wrong:
        raise BackupError(f"restored row counts differ from the manifest (found, expected): {wrong}")


def _restore_sqlite(copy: Path, target: Path, counts: dict[str, int]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.restore-")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(copy, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        engine = create_engine(f"sqlite:///{tmp}")
        try:
            with engine.connect() as conn:
                _check_counts(table_counts(conn), counts)
        finally:
            engine.dispose()
        if target.exists():
            # Fold the old write-ahead log into the old file first: a -wal left beside the new
            # file would be replayed into it.
            conn = sqlite3.connect(target, timeout=30)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _restore_media(archive: Path, root: Path) -> None:
    """Unpack beside the live files (same file system, so MEDIA_ROOT may be a mount point),
    then swap each top-level directory in with a rename."""
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=root, prefix=".restore-"))
    retired = Path(tempfile.mkdtemp(dir=root, prefix=".replaced-"))
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(staging, filter="data")  # no absolute paths, no "..", no devices
        for entry in list(root.iterdir()):
            if not entry.name.startswith("."):
                os.replace(entry, retired / entry.name)
        for entry in staging.iterdir():
            os.replace(entry, root / entry.name)
        _fsync_dir(root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
