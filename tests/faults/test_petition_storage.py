"""A resident's petition when the storage fails: the photos and the row go together (a photo
that does not fit, or a commit the database refuses, leaves no file and no row), the 507 page
keeps the typed petition and asks for the photos again, and the photos of previews that were
never sent are cleaned up after a day. The database's own full disk ("database or disk is full"
from SQLite, disk_full from PostgreSQL) gets the same 507 page, simulated on both databases and
real on a SQLite file in a tmpfs.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sqlite3
import subprocess
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from portal import migrations
from portal.core.errors import database_full
from portal.core.images import process_image
from portal.db import db, utcnow
from portal.petitions.jobs import erase_personal_data, remove_orphan_photos
from portal.petitions.models import Petition, PetitionEvent, PetitionPhoto
from tests.conftest import csrf_from
from tests.deploy.instances import fresh_instance
from tests.faults.storage import FULL_TEXT, count, disk_full, fill, listing, unique_jpeg

BODY = "Cống thoát nước ở tổ dân phố 7 bị tắc, mỗi khi mưa nước tràn vào nhà dân."
TITLE = "Cống thoát nước tổ 7 bị tắc"
CHOOSE_AGAIN = "Ảnh và tệp đính kèm cần được chọn lại."
PHOTOS = "private/petitions"


@pytest.fixture
def media_root(app, tmp_path, monkeypatch) -> Path:
    """A MEDIA_ROOT of the test's own: the photos of earlier tests are not in the way."""
    root = tmp_path / "media"
    root.mkdir()
    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(root))
    return root


def _form(client, step="xem-truoc", photos=(), **extra) -> dict:
    html = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    submission = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', html).group(1)
    return {"csrf_token": csrf_from(html), "submission_id": submission, "unit_code": "11311",
            "category": "ha-tang", "title": TITLE, "body": BODY, "phone": "0912 777 888", "consent_public": "y",
            "buoc": step, "photos": [(io.BytesIO(data), f"anh-{i}.jpg") for i, data in enumerate(photos)], **extra}


def _post(client, form):
    return client.post("/phan-anh/gui", data=form, content_type="multipart/form-data")


def _stored_size(photo: bytes) -> int:
    """How many bytes the portal writes for this upload (re-encoded, ≤ 100 KB)."""
    return len(process_image(photo, max_bytes=100_000, max_width=1280).jpeg)


def _assert_507_with_petition_kept(response, submission: str, photos_lost: bool = True) -> str:
    page = response.get_data(as_text=True)
    assert response.status_code == 507, page[page.find("<main"):][:2000]
    assert response.headers["Retry-After"]
    assert FULL_TEXT in page and BODY in page and f'value="{TITLE}"' in page and f'value="{submission}"' in page
    assert (CHOOSE_AGAIN in page) is photos_lost
    assert ('type="file"' in page and 'name="photos"' in page) is photos_lost
    return page


def _photo_files(root: Path) -> list[str]:
    return listing(root / PHOTOS)


# -- a photo that does not fit -------------------------------------------------------------

@pytest.mark.parametrize("failing", [1, 2], ids=["second-photo", "third-photo"])
def test_a_later_photo_that_does_not_fit_takes_the_earlier_ones_with_it(app, client, session, media_root, failing):
    photos = [unique_jpeg((1600, 1200)) for _ in range(3)]
    sizes = [_stored_size(p) for p in photos]
    room = sum(sizes[:failing]) + sizes[failing] // 2  # the earlier photos fit whole, this one half
    form = _form(client, photos=photos)
    before = listing(media_root)
    with disk_full(media_root, room=room) as state:
        response = _post(client, form)
    assert state["refused"] == 1 and state["room"] == 0  # the earlier photos were written, then this one failed
    _assert_507_with_petition_kept(response, form["submission_id"])
    assert listing(media_root) == before  # no photo, no temporary file, no folder made for them
    assert count(session, Petition) == count(session, PetitionPhoto) == 0
    # With room again the resident chooses the photos again and the petition goes through.
    retry = _post(client, _form(client, step="gui", photos=photos[:2]))
    assert retry.status_code == 303 and count(session, PetitionPhoto) == 2
    assert len(_photo_files(media_root)) == 2


def test_an_unreadable_third_photo_stores_none_of_them(app, client, session, media_root):
    before = listing(media_root)
    response = _post(client, _form(client, photos=[unique_jpeg(), unique_jpeg(), b"GIF89a not really a photo"]))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "anh-2.jpg" in page and BODY in page
    assert listing(media_root) == before and count(session, Petition) == 0


# -- the commit fails after the photos were written ------------------------------------------

@contextmanager
def refused_insert(app, table: str, error: Exception):
    """The database refuses the INSERT into `table` with `error` (as the DB-API would raise it)."""
    def refuse(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}"):
            raise OperationalError(statement, parameters, error)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", refuse)


def _psycopg_disk_full() -> Exception:
    from psycopg import errors

    return errors.DiskFull('could not extend file "base/16384/16397": No space left on device')


@pytest.mark.parametrize("error", [lambda: sqlite3.OperationalError("database or disk is full"), _psycopg_disk_full],
                         ids=["sqlite-full", "postgresql-disk-full"])
def test_a_full_database_at_the_commit_removes_the_photos_and_keeps_the_petition(app, client, session,
                                                                                 media_root, error):
    photos = [unique_jpeg(), unique_jpeg()]
    form = _form(client, step="gui", photos=photos)
    before = listing(media_root)
    with refused_insert(app, "petition_photos", error()):
        response = _post(client, form)
    _assert_507_with_petition_kept(response, form["submission_id"])
    assert listing(media_root) == before  # both photos were written, and went with the failed commit
    assert count(session, Petition) == count(session, PetitionEvent) == count(session, PetitionPhoto) == 0
    assert client.get("/phan-anh/").status_code == 200


def test_a_full_database_keeps_a_petition_without_photos_and_it_can_be_sent_again(app, client, session,
                                                                                  media_root):
    form = _form(client, step="gui")
    form.pop("photos")
    with refused_insert(app, "petitions", sqlite3.OperationalError("database or disk is full")):
        response = client.post("/phan-anh/gui", data=form)
    page = _assert_507_with_petition_kept(response, form["submission_id"], photos_lost=False)
    assert "không kết nối được" not in page.lower()  # not the "cannot reach its database" page
    assert count(session, Petition) == 0
    # The page's own form sends the same fields again (same submission id): one petition.
    kept = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    assert kept["submission_id"] == form["submission_id"] and kept["buoc"] == "gui"
    again = client.post("/phan-anh/gui", data=kept)
    assert again.status_code == 303 and count(session, Petition) == 1


def test_a_database_that_is_only_locked_still_gets_the_503_page(app, client, session, media_root):
    form = _form(client, step="gui")
    form.pop("photos")
    with refused_insert(app, "petitions", sqlite3.OperationalError("database is locked")):
        response = client.post("/phan-anh/gui", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert FULL_TEXT not in page and BODY in page


def test_database_full_recognises_only_a_full_disk():
    def wrapped(orig):
        return OperationalError("INSERT", {}, orig)

    assert database_full(wrapped(sqlite3.OperationalError("database or disk is full")))
    assert database_full(wrapped(_psycopg_disk_full()))
    for other in (sqlite3.OperationalError("database is locked"), sqlite3.OperationalError("disk I/O error"),
                  ConnectionRefusedError(111, "Connection refused")):
        assert not database_full(wrapped(other)), other


def test_a_really_full_sqlite_database(app, app_config, tmp_path):
    """The portal's SQLite file on a tmpfs filled to the last byte: SQLite itself says
    "database or disk is full", and the resident gets the 507 page with the petition kept."""
    fs = tmp_path / "fs"
    fs.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(fs)], check=True, capture_output=True)
    try:
        url = f"sqlite:///{fs / 'portal.db'}"
        with fresh_instance(app, app_config, tmp_path / "instance", database_url=url) as new:
            migrations.upgrade(url)
            with new.app_context():
                from portal.units.service import load_units

                load_units(db.session)
                db.session.commit()
            engine = db.engine
            with engine.connect() as conn:  # no free pages left inside the file either
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.exec_driver_sql("VACUUM")
            fill(fs)
            client = new.test_client()
            form = _form(client, step="gui")
            form.pop("photos")
            response = client.post("/phan-anh/gui", data=form)
            _assert_507_with_petition_kept(response, form["submission_id"], photos_lost=False)
            (fs / "filler").unlink()  # room again: the same form goes through, once
            again = client.post("/phan-anh/gui", data=form)
            assert again.status_code == 303, again.get_data(as_text=True)[:2000]
            with new.app_context():
                assert db.session.scalar(select(Petition.submission_id)) == form["submission_id"]
            engine.dispose()
    finally:
        subprocess.run(["umount", "-l", str(fs)], check=True, capture_output=True)


# -- photos of previews never sent -----------------------------------------------------------

def _age(path: Path, days: float) -> None:
    then = time.time() - days * 86400
    os.utime(path, (then, then))


def _key_of(photo: bytes) -> str:
    """The key the portal stores this upload under (named by the re-encoded photo's hash)."""
    stored = process_image(photo, max_bytes=100_000, max_width=1280).jpeg
    return f"{PHOTOS}/{hashlib.sha256(stored).hexdigest()[:32]}.jpg"


def _preview(client, photo: bytes) -> dict:
    """Preview a petition with one photo; returns the form as the preview page would send it."""
    form = _form(client, photos=[photo])
    response = _post(client, form)
    assert response.status_code == 200
    token = re.search(r'name="photo_tokens" type="hidden" value="([^"]+)"', response.get_data(as_text=True)).group(1)
    return {**form, "buoc": "gui", "photo_tokens": token, "photos": []}


def test_photos_of_previews_never_sent_are_removed_after_a_day(app, client, session, media_root):
    sent, abandoned, recent = unique_jpeg(), unique_jpeg(), unique_jpeg()
    assert _post(client, _preview(client, sent)).status_code == 303
    abandoned_form = _preview(client, abandoned)  # previewed two days ago, never sent
    _preview(client, recent)  # previewed a minute ago
    folder = media_root / PHOTOS
    leftover = folder / ".tmp-killed-mid-write.jpg"  # a process killed mid-write
    leftover.write_bytes(b"half")
    for path in folder.iterdir():
        _age(path, 2)
    os.utime(media_root / _key_of(recent))
    assert session.scalar(select(PetitionPhoto.key)) == _key_of(sent)

    with app.app_context():
        assert remove_orphan_photos(db.session, older_than=timedelta(days=1)) == 2
    assert _photo_files(media_root) == sorted(Path(_key_of(p)).name for p in (sent, recent))
    with app.app_context():
        assert remove_orphan_photos(db.session) == 0

    # Sending the preview whose photo is gone: asked to choose the photos again, nothing stored.
    response = _post(client, abandoned_form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "không còn được giữ" in page and BODY in page
    assert 'name="photo_tokens" type="hidden" value=""' in page
    assert count(session, Petition) == 1


def test_choosing_the_same_photo_again_keeps_it_from_the_clean_up(app, client, session, media_root):
    photo = unique_jpeg()
    _preview(client, photo)
    (path,) = (media_root / PHOTOS).iterdir()
    _age(path, 3)
    _preview(client, photo)  # the same picture, a new preview: the file is fresh again
    assert path.stat().st_mtime > time.time() - 60
    with app.app_context():
        assert remove_orphan_photos(db.session) == 0
    assert path.exists()


def test_clean_up_without_any_photo_folder(app, media_root):
    assert not (media_root / PHOTOS).exists()
    with app.app_context():
        assert remove_orphan_photos(db.session) == 0


def test_retention_keeps_a_photo_file_another_petition_still_uses(app, client, session, media_root):
    photo = unique_jpeg()
    for _ in range(2):  # the same picture with two petitions: one file, two rows
        assert _post(client, _form(client, step="gui", photos=[photo])).status_code == 303
    (path,) = (media_root / PHOTOS).iterdir()
    first, second = session.scalars(select(Petition).order_by(Petition.id)).all()
    first.closed_at = utcnow() - timedelta(days=800)
    session.commit()
    with app.app_context():
        assert erase_personal_data(session, months=24) == 1
    assert path.exists() and count(session, PetitionPhoto) == 1  # the second petition's photo stays
    second.closed_at = utcnow() - timedelta(days=800)
    session.commit()
    with app.app_context():
        assert erase_personal_data(session, months=24) == 1
    assert not path.exists() and count(session, PetitionPhoto) == 0
