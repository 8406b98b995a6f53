"""`flask backup` onto a destination without room (a real tmpfs): refused before anything is
written when the estimate does not fit, cleaned up when the disk fills midway (in the database
copy or in the media tar), and always told in plain words: "the destination is full: N MB
needed, M MB free". On PostgreSQL the database copy is pg_dump's, whose size is only known once
it is made."""

from __future__ import annotations

import os
import re
import subprocess
import tarfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from portal.backup import write as backup_module
from portal.backup.archive import MANIFEST, MEDIA_FILE
from portal.backup.write import media_tar_size
from tests.petitions.test_public_answers import add_petition

FULL = re.compile(r"the destination is full: (more than )?(\d+\.\d) MB needed, (\d+\.\d) MB free")
MB = 1024 * 1024


@contextmanager
def tmpfs(path: Path, size_kb: int):
    """A tmpfs of `size_kb` at `path` (CI runs as root; anywhere else this fails loudly)."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)], check=True,
                   capture_output=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True, capture_output=True)


@pytest.fixture
def media(app, tmp_path, monkeypatch) -> Path:
    """A MEDIA_ROOT of about 2 MB (incompressible), public and private."""
    root = tmp_path / "media"
    for i in range(20):
        for area in ("public/audio", "private/petitions"):
            (root / area).mkdir(parents=True, exist_ok=True)
            (root / area / f"f{i:02d}.bin").write_bytes(os.urandom(50_000 + i))
    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(root))
    return root


def _backup(app, dest: Path):
    return app.test_cli_runner().invoke(args=["backup", str(dest)])


def _postgres(app) -> bool:
    return app.config["DATABASE_URL"].startswith("postgresql")


def _reference(app, tmp_path) -> dict[str, int]:
    """Sizes of a backup made where there is room: the database copy and the media tar."""
    dest = tmp_path / "reference"
    result = _backup(app, dest)
    assert result.exit_code == 0, result.output
    db_name = "portal.pgdump" if _postgres(app) else "portal.sqlite3"
    return {"db": (dest / db_name).stat().st_size, "media": (dest / MEDIA_FILE).stat().st_size}


def _message(result) -> tuple[bool, float, float]:
    assert result.exit_code != 0
    match = FULL.search(result.output)
    assert match, result.output
    assert "Traceback" not in result.output and "Errno" not in result.output
    return bool(match.group(1)), float(match.group(2)), float(match.group(3))


def test_the_size_estimate_of_the_media_tar_holds(app, session, media, tmp_path):
    add_petition(session, unit="31", phone="0912345678")
    sizes = _reference(app, tmp_path)
    files = [p for p in media.rglob("*") if p.is_file()]
    estimate = media_tar_size(files)
    assert sizes["media"] <= estimate <= sizes["media"] * 1.01 + 10_240
    with tarfile.open(tmp_path / "reference" / MEDIA_FILE) as tar:
        assert len(tar.getnames()) == len(files) == 40
    if not _postgres(app):  # the SQLite copy is exactly the database's pages
        assert sizes["db"] == backup_module._sqlite_size(Path(app.config["DATABASE_URL"].removeprefix("sqlite:///")))


def test_a_destination_without_room_is_refused_before_anything_is_written(app, session, media, tmp_path):
    sizes = _reference(app, tmp_path)
    with tmpfs(tmp_path / "fs", 1024) as fs:
        free = os.statvfs(fs).f_bavail * os.statvfs(fs).f_frsize
        result = _backup(app, fs / "backup")
        at_least, needed, free_said = _message(result)
        assert list(fs.iterdir()) == []  # not even the directory
    assert abs(free_said - free / MB) <= 0.1
    if _postgres(app):  # the dump's size is not known before it is made: the media alone are too big
        assert at_least and abs(needed - sizes["media"] / MB) <= 0.1
    else:
        assert not at_least and abs(needed - (sizes["db"] + sizes["media"]) / MB) <= 0.1


@pytest.mark.parametrize("where", ["database", "media"])
def test_a_disk_that_fills_midway_leaves_nothing_behind(app, session, media, tmp_path, monkeypatch, where):
    """Another program fills the disk after the check (simulated: the free space is over-stated
    until the backup fails), so the write itself meets the full disk; what was written goes."""
    sizes = _reference(app, tmp_path)
    real_free, real_remove, state = backup_module._free, backup_module._remove_unfinished, {"lie": True}

    def remove(dest, made):
        state["lie"] = False
        return real_remove(dest, made)

    monkeypatch.setattr(backup_module, "_free", lambda path: 1 << 40 if state["lie"] else real_free(path))
    monkeypatch.setattr(backup_module, "_remove_unfinished", remove)
    # Room for half the database copy; or for the database and half the media.
    fits = sizes["db"] // 2 if where == "database" else sizes["db"] + sizes["media"] // 2
    size_kb = fits // 1024
    with tmpfs(tmp_path / "fs", size_kb) as fs:
        (fs / "backup").mkdir()  # an empty directory made beforehand stays, empty
        result = _backup(app, fs / "backup")
        at_least, needed, free_said = _message(result)
        assert [p.name for p in fs.rglob("*")] == ["backup"]
        assert abs(free_said - os.statvfs(fs).f_bavail * os.statvfs(fs).f_frsize / MB) <= 0.1
    assert needed >= sizes["media"] / MB - 0.1
    if not _postgres(app):  # the estimate was right: all of it is needed, more than is free
        assert not at_least and abs(needed - (sizes["db"] + sizes["media"]) / MB) <= 0.1
    elif where == "database":  # the dump did not fit: its size is unknown, so "more than"
        assert at_least


def test_after_a_full_destination_a_backup_with_room_is_whole(app, session, media, tmp_path):
    with tmpfs(tmp_path / "fs", 512) as fs:
        assert _message(_backup(app, fs / "backup"))
    result = _backup(app, tmp_path / "roomy")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "roomy" / MANIFEST).exists()


def test_another_write_error_is_told_without_a_traceback(app, session, media, tmp_path, monkeypatch):
    (media / "private" / "petitions" / "f00.bin").chmod(0)
    if os.geteuid() == 0:  # root reads any file: make the tar fail as an unreadable disk would
        def unreadable(root, out):
            raise PermissionError(13, "Permission denied", str(root / "private/petitions/f00.bin"))

        monkeypatch.setattr(backup_module, "_tar_media", unreadable)
    result = _backup(app, tmp_path / "backup")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "the backup could not be written: Permission denied" in result.output and "f00.bin" in result.output
    assert not (tmp_path / "backup").exists()
