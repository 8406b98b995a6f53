"""Making a backup while the portal runs, refused up front when the destination has no room."""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import sqlite3
import tarfile
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from . import postgres
from .archive import (
    FORMAT,
    MANIFEST,
    MEDIA_FILE,
    POSTGRES_FILE,
    SQLITE_FILE,
    BackupError,
    fsync_dir,
    schema_revision,
    sha256_of,
    sqlite_path,
    table_counts,
)

# Every name a backup writes into its directory (finished or not), for the clean-up of a failed one.
_WRITTEN = (SQLITE_FILE, POSTGRES_FILE, MEDIA_FILE, MANIFEST)
MB = 1024 * 1024
# A tar member: its PAX header (file times are fractional), its ustar header, its data in 512-byte
# blocks; the archive ends with two empty blocks, padded to a 10,240-byte record.
_TAR_BLOCK, _TAR_MEMBER_HEADERS, _TAR_END = 512, 3 * 512, 20 * 512


class DestinationFull(BackupError):
    """The destination has no room for the backup; the message gives the sizes."""

    def __init__(self, needed: int, free: int, at_least: bool = False) -> None:
        self.needed, self.free = needed, free
        more = "more than " if at_least else ""
        super().__init__(f"the destination is full: {more}{_mb(needed)} MB needed, {_mb(free)} MB free")


def _mb(size: int) -> str:
    return f"{math.ceil(size / MB * 10) / 10:.1f}"


def _is_full(exc: BaseException) -> bool:
    """A write refused for want of room: ENOSPC/EDQUOT, SQLite's "database or disk is full", or
    pg_dump saying so on its standard error."""
    from portal.core.errors import database_full
    from portal.core.media import is_storage_full

    if isinstance(exc, BackupError):
        return any(mark in str(exc) for mark in ("No space left on device", "Disk quota exceeded"))
    return is_storage_full(exc) or database_full(exc)


def _media_files(root: Path) -> list[Path]:
    """The files a backup takes from MEDIA_ROOT (public and private), without unfinished
    `.tmp-` writes."""
    return [path for path in (sorted(root.rglob("*")) if root.exists() else [])
            if path.is_file() and not path.is_symlink() and not path.name.startswith(".tmp-")]


def media_tar_size(files: list[Path]) -> int:
    """The size of the tar `_tar_media` will write for these files (an upper bound)."""
    total = _TAR_END
    for path in files:
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue
        total += _TAR_MEMBER_HEADERS + math.ceil(size / _TAR_BLOCK) * _TAR_BLOCK
    return total


def _sqlite_size(source: Path) -> int:
    """The size of the copy the backup API makes: every page of the database, the write-ahead
    log included."""
    conn = sqlite3.connect(source, timeout=30)
    try:
        return conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()


def _free(path: Path) -> int:
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


def _remove_unfinished(dest: Path, made: bool) -> int:
    """Remove what a failed backup wrote (its files, their `.part` and SQLite journal files; the
    directory was empty before) and the directory itself when the backup made it. Returns the
    bytes that were written."""
    written = 0
    with contextlib.suppress(OSError):
        for entry in dest.iterdir():
            if entry.is_file() and entry.name.lstrip(".").startswith(_WRITTEN):
                with contextlib.suppress(OSError):
                    written += entry.stat().st_size
                    entry.unlink()
    if made:
        with contextlib.suppress(OSError):
            dest.rmdir()  # only if empty: nothing of someone else's is removed
    return written


def backup(config: dict, dest: str | Path) -> dict:
    """Write the database copy, the media tar and (last) the manifest into `dest`."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty; give a new directory for each backup")
    url = config["DATABASE_URL"]
    source = sqlite_path(url)
    if source is None and make_url(url).get_backend_name() != "postgresql":
        raise BackupError(f"cannot back up a {make_url(url).get_backend_name()} database")
    if source is not None and not source.exists():
        raise BackupError(f"no database at {source}")
    media_root = Path(config["MEDIA_ROOT"])
    # Known before anything is written: the SQLite copy's size and the tar's. A PostgreSQL dump's
    # size is known only once it is made, so its room is checked again before the tar.
    media_size = media_tar_size(_media_files(media_root))
    needed = media_size + (_sqlite_size(source) if source is not None else 0)
    made = not dest.exists()
    exact = source is not None  # whether `needed` counts the database copy
    try:
        dest.mkdir(parents=True, exist_ok=True)
        os.chmod(dest, 0o700)
        free = _free(dest)
        if needed > free:
            raise DestinationFull(needed, free, at_least=not exact)
        if source is not None:
            db_file, kind = dest / SQLITE_FILE, "sqlite"
            revision, counts = _backup_sqlite(source, db_file)
        else:
            db_file, kind = dest / POSTGRES_FILE, "postgresql"
            revision, counts = postgres.dump(url, db_file,
                                              lambda conn: (schema_revision(conn), table_counts(conn)))
            needed, exact = media_size + db_file.stat().st_size, True
            if media_size > _free(dest):
                raise DestinationFull(needed, _free(dest) + db_file.stat().st_size)
        # The media tar comes after the database snapshot: a file written meanwhile is an extra,
        # never a row pointing at a missing file (files are written before their rows commit).
        media_files = _tar_media(media_root, dest / MEDIA_FILE)
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
        fsync_dir(dest)
    except BaseException as exc:
        written = _remove_unfinished(dest, made)
        if isinstance(exc, DestinationFull):
            raise
        if _is_full(exc):
            # The disk filled after the check (another writer), or the dump did not fit: at least
            # the estimate, and what was written, is needed.
            needed, free = max(needed, written), _free(dest)
            raise DestinationFull(needed, free, at_least=not exact or needed <= free) from exc
        raise
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
        for path in _media_files(root):
            try:
                tar.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)
            except FileNotFoundError:  # removed meanwhile (e.g. the retention job); nothing written
                continue
            count += 1
    os.chmod(part, 0o600)
    os.replace(part, out)
    return count
