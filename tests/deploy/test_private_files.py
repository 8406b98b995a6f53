"""The SQLite database (with its -wal and -shm), the job queue's database, the secret key and
the private media are the portal's alone (0600 files, 0700 folders) whatever the umask: they
hold residents' contact data and what signs every session. Files made by an older version
(0644) are narrowed at the next start. The public media keep their own rule (test_media_permissions)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from portal.config import load_config
from tests.conftest import PROJECT_ROOT

START = r"""
import json, os, sys
from pathlib import Path
os.umask(int(sys.argv[2], 8))
root = Path(sys.argv[1])
from sqlalchemy import text
from portal import create_app, migrations
from portal.core import media
from portal.db import db
app = create_app({"INSTANCE_PATH": str(root / "instance"), "SEARCH_INDEX_DIR": str(root / "search_index")})
migrations.upgrade(app.config["DATABASE_URL"])
with app.app_context():
    db.session.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
    db.session.execute(text("INSERT INTO probe VALUES (1)"))
    db.session.commit()
    from portal.jobs.queue import jobs
    jobs.huey.storage.enqueued_items()  # the queue's database is opened
    media.write_atomic(Path(app.config["MEDIA_ROOT"]) / "private" / "petitions" / "a.jpg", b"photo")
    media.save_public("audio", b"ID3 sound", "mp3")
    instance = root / "instance"
    modes = {str(p.relative_to(instance)): oct(p.stat().st_mode & 0o7777) for p in [instance, *instance.rglob("*")]}
    print(json.dumps(modes))
"""


def _start(tmp_path: Path, mask: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SEARCH_BACKEND",
                                                          "SECRET_KEY", "PORTAL_INSTANCE", "MEDIA_ROOT", "JOBS_DB")}
    done = subprocess.run([sys.executable, "-c", START, str(tmp_path), f"{mask:o}"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("mask", [0o022, 0o000, 0o002])
def test_database_queue_key_and_private_media_are_0600_whatever_the_umask(tmp_path, mask):
    modes = _start(tmp_path, mask)
    for name in ("portal.db", "portal.db-wal", "portal.db-shm", "jobs.db", "secret_key",
                 "media/private/petitions/a.jpg"):
        assert modes.get(name) == "0o600", (name, modes)
    for name in ("media/private", "media/private/petitions"):
        assert modes[name] == "0o700", (name, modes)
    # the folder others may pass through, not list: nginx reaches media/public/ through it
    assert modes["."] == "0o711"
    public = next(name for name in modes if name.startswith("media/public/audio/"))
    assert modes[public] == oct(0o644 & ~mask)
    assert not any(name.startswith(".secret_key") for name in modes)  # no temporary key left behind


def test_files_of_an_older_version_are_narrowed_at_start(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    for name in ("portal.db", "portal.db-wal", "portal.db-shm", "jobs.db", "secret_key"):
        (instance / name).write_text("0123456789abcdef" if name == "secret_key" else "")
        os.chmod(instance / name, 0o644)
    cfg = load_config({"INSTANCE_PATH": str(instance), "DATABASE_URL": f"sqlite:///{instance / 'portal.db'}",
                       "REDIS_URL": "", "JOBS_DB": str(instance / "jobs.db"), "SEARCH_BACKEND": "whoosh"})
    assert cfg["SECRET_KEY"] == "0123456789abcdef"
    for name in ("portal.db", "portal.db-wal", "portal.db-shm", "jobs.db", "secret_key"):
        assert stat.S_IMODE((instance / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(instance.stat().st_mode) == 0o755  # an existing folder is the operator's choice


def test_a_new_instance_without_media_in_it_is_0700(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    old = os.umask(0)
    try:
        load_config({"INSTANCE_PATH": str(tmp_path / "instance"), "MEDIA_ROOT": str(tmp_path / "media"),
                     "DATABASE_URL": "postgresql+psycopg://portal@db.internal/portal"})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "instance").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "instance" / "secret_key").stat().st_mode) == 0o600
