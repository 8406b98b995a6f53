"""`flask backup` / `flask restore`: a backup taken while another thread keeps writing restores
into a fresh instance with every petition and every media file; a damaged backup is refused,
and so is a target that already holds data (unless --force). On PostgreSQL (DATABASE_URL set)
the same tests go through pg_dump and pg_restore."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from portal import migrations
from portal.backup.archive import MANIFEST, MEDIA_FILE
from portal.core.media import write_atomic
from portal.db import make_engine
from portal.petitions.models import Petition
from portal.search import index
from portal.search.backend import from_config
from tests.deploy.instances import fresh_instance
from tests.petitions.test_public_answers import add_petition


def _media(app) -> dict[str, bytes]:
    root = Path(app.config["MEDIA_ROOT"])
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not p.name.startswith(".")}


def _seed(app, session, n=12) -> tuple[set[str], dict[str, bytes]]:
    codes = {add_petition(session, unit=("31", "11311", "01")[i % 3], name=f"Người gửi {i}",
                          phone=f"09123456{i:02d}").code for i in range(n)}
    root = Path(app.config["MEDIA_ROOT"])
    for i in range(5):
        write_atomic(root / "public" / "bulletins" / f"audio-{i}.opus", os.urandom(3000 + i))
        write_atomic(root / "private" / "petitions" / f"photo-{i}.jpg", b"\xff\xd8\xff" + os.urandom(2000 + i))
    return codes, _media(app)


class Writer(threading.Thread):
    """Keeps adding petitions and media files through its own connection until stopped."""

    def __init__(self, app) -> None:
        super().__init__(daemon=True)
        self.app, self.stop, self.written, self.errors = app, threading.Event(), 0, []

    def run(self) -> None:
        engine = make_engine(self.app.config["DATABASE_URL"])
        root = Path(self.app.config["MEDIA_ROOT"])
        try:
            with Session(engine, expire_on_commit=False) as s:
                while not self.stop.is_set():
                    add_petition(s, unit="31")
                    write_atomic(root / "public" / "writer" / f"f{self.written}.txt", b"x" * 500)
                    self.written += 1
        except Exception as exc:  # reported by the test
            self.errors.append(exc)
        finally:
            engine.dispose()


def _backup(app, dest: Path):
    return app.test_cli_runner().invoke(args=["backup", str(dest)])


def _codes(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(conn.scalars(select(Petition.code)))
    finally:
        engine.dispose()


def test_backup_while_writing_restores_every_petition_and_file(app, session, app_config, tmp_path):
    codes, files = _seed(app, session)
    writer = Writer(app)
    writer.start()
    try:
        while writer.written < 3 and writer.is_alive():
            writer.stop.wait(0.01)
        result = _backup(app, tmp_path / "backup")
        written_during = writer.written
    finally:
        writer.stop.set()
        writer.join(30)
    assert not writer.errors, writer.errors
    assert result.exit_code == 0, result.output
    assert written_during >= 3  # the writer was busy while the backup ran

    backup = tmp_path / "backup"
    manifest = json.loads((backup / MANIFEST).read_text())
    assert oct(backup.stat().st_mode & 0o777) == "0o700"
    assert manifest["database"] == ("postgresql" if app.config["DATABASE_URL"].startswith("postgresql") else "sqlite")
    assert manifest["schema_revision"] and manifest["counts"]["units"] >= 3356
    assert manifest["counts"]["petitions"] >= len(codes) + 3

    with fresh_instance(app, app_config, tmp_path / "restored") as new:
        migrations.upgrade(new.config["DATABASE_URL"])  # an initialised but empty instance
        result = new.test_cli_runner().invoke(args=["restore", str(backup)])
        assert result.exit_code == 0, result.output
        restored = _codes(new.config["DATABASE_URL"])
        assert codes <= restored and len(restored) == manifest["counts"]["petitions"]
        restored_files = _media(new)
        for key, data in files.items():  # public and private, byte for byte
            assert restored_files.get(key) == data, key
        assert len(restored_files) == manifest["media_files"]
        # every restored petition is public here, so the rebuilt index holds one answer each
        assert index.doc_count(from_config(new.config)) == len(restored)
        client = new.test_client()
        some = sorted(codes)[0]
        assert client.get(f"/phan-anh/{some}").status_code == 200
        assert client.get(f"/media/{next(k for k in files if k.startswith('public/'))}").status_code == 200


def test_a_damaged_backup_is_refused_and_nothing_is_touched(app, session, app_config, tmp_path):
    _seed(app, session, n=3)
    assert _backup(app, tmp_path / "backup").exit_code == 0
    archive = tmp_path / "backup" / MEDIA_FILE
    data = bytearray(archive.read_bytes())
    data[600] ^= 0xFF
    archive.write_bytes(bytes(data))
    with fresh_instance(app, app_config, tmp_path / "restored") as new:
        result = new.test_cli_runner().invoke(args=["restore", str(tmp_path / "backup")])
        assert result.exit_code != 0 and "checksum" in result.output
        assert not _media(new)
        assert not _codes_or_empty(new.config["DATABASE_URL"])


def _codes_or_empty(url: str) -> set[str]:
    from sqlalchemy import inspect

    if url.startswith("sqlite") and not Path(url.removeprefix("sqlite:///")).exists():
        return set()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return _codes(url) if "petitions" in inspect(conn).get_table_names() else set()
    finally:
        engine.dispose()


def test_restore_refuses_a_target_with_data_unless_forced(app, session, app_config, tmp_path):
    codes, _ = _seed(app, session, n=4)
    assert _backup(app, tmp_path / "backup").exit_code == 0
    with fresh_instance(app, app_config, tmp_path / "restored") as new:
        runner = new.test_cli_runner()
        assert runner.invoke(args=["restore", str(tmp_path / "backup")]).exit_code == 0
        with Session(make_engine(new.config["DATABASE_URL"])) as s:
            extra = add_petition(s, unit="31").code  # written after the restore
        again = runner.invoke(args=["restore", str(tmp_path / "backup")])
        assert again.exit_code != 0 and "--force" in again.output
        assert extra in _codes(new.config["DATABASE_URL"])  # untouched
        forced = runner.invoke(args=["restore", "--force", str(tmp_path / "backup")])
        assert forced.exit_code == 0, forced.output
        assert _codes(new.config["DATABASE_URL"]) == codes


def test_backup_needs_a_new_directory(app, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    result = _backup(app, tmp_path / "used")
    assert result.exit_code != 0 and "not empty" in result.output


@pytest.mark.parametrize("name", [MANIFEST])
def test_a_backup_without_manifest_is_refused(app, session, app_config, tmp_path, name):
    _seed(app, session, n=1)
    assert _backup(app, tmp_path / "backup").exit_code == 0
    (tmp_path / "backup" / name).unlink()
    with fresh_instance(app, app_config, tmp_path / "restored") as new:
        result = new.test_cli_runner().invoke(args=["restore", str(tmp_path / "backup")])
        assert result.exit_code != 0 and MANIFEST in result.output
