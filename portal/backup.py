"""Backups: a consistent copy of the database, a tar of MEDIA_ROOT and a manifest with checksums.

`flask backup DIR` runs while gunicorn and the worker keep writing: SQLite through the online
backup API (one read snapshot; in WAL mode writers carry on), PostgreSQL through pg_dump on the
snapshot of the transaction that counted the rows (portal/backup_postgres.py). `flask restore DIR`
checks every checksum before touching anything, refuses a database or media directory that
already holds data unless forced, and swaps the new files in by renaming them. Backups hold
personal data (contacts, private petition photos): the directory is created mode 0700.

A backup that cannot finish (the destination is full, a tool fails) removes what it wrote; a
destination without room for the estimated size is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
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
            revision, counts = backup_postgres.dump(url, db_file,
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
        _fsync_dir(dest)
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
        # The tar holds files only: the folders were made with the umask's mode, and files keep
        # the modes they had (0600 under public/ from before it was made readable).
        from portal.core.media import fix_permissions

        fix_permissions(staging)
        for entry in list(root.iterdir()):
            if not entry.name.startswith("."):
                os.replace(entry, retired / entry.name)
        for entry in staging.iterdir():
            os.replace(entry, root / entry.name)
        _fsync_dir(root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
