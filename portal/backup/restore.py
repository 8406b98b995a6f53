"""Putting a verified backup in place of this instance's database and media."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from . import postgres
from .archive import (
    KEEP_TABLES,
    MEDIA_FILE,
    POSTGRES_FILE,
    SQLITE_FILE,
    BackupError,
    fsync_dir,
    sqlite_path,
    table_counts,
    verify,
)


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
        postgres.restore(url, src / POSTGRES_FILE, clean=True)
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
        fsync_dir(target.parent)
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
        # The tar holds files only: the folders were made with the umask's mode, and files keep
        # the modes they had (0600 under public/ from before it was made readable).
        from portal.core.media import fix_permissions

        fix_permissions(staging)
        for entry in list(root.iterdir()):
            if not entry.name.startswith("."):
                os.replace(entry, retired / entry.name)
        for entry in staging.iterdir():
            os.replace(entry, root / entry.name)
        fsync_dir(root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
