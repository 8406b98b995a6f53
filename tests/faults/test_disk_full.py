"""The disk fills up while a file is written: a clear 507 page (or the form itself, with the
message), what was typed kept, no new row, no file left under MEDIA_ROOT, the site still serving.

The full disk is simulated at the lowest level write_atomic uses: `os.write` on a file under
MEDIA_ROOT writes what still fits, then fails with ENOSPC, as the kernel does. The last tests
fill a real (1 MB tmpfs) file system instead.
"""

from __future__ import annotations

import errno
import io
import os
import re
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from portal.accounts.models import AuditEntry
from portal.core import media
from portal.db import db
from portal.library import makers
from portal.library.models import Item, ItemFile, Revision
from tests.conftest import csrf_from
from tests.faults.storage import FULL_TEXT, count, disk_full, listing, tiny_filesystem, unique_jpeg

TITLE = "Luật Bảo hiểm y tế: những điều người cao tuổi cần biết"
SUMMARY = "Người từ đủ 75 tuổi được cấp thẻ bảo hiểm y tế miễn phí; hồ sơ nộp ở Ủy ban xã."
FORM = {"title": TITLE, "kind": "legal", "issuer": "Quốc hội", "issued_on": "2024-06-27", "unit_code": "31",
        "category_id": "0", "tags": "bảo hiểm y tế", "summary": SUMMARY}
PARAGRAPHS = ["Điều 12. Đối tượng tham gia bảo hiểm y tế.",
              "Người từ đủ 75 tuổi trở lên đang hưởng trợ cấp tuất hằng tháng được ngân sách nhà nước đóng."]


def unique_pdf() -> bytes:
    """A PDF no earlier test stored: files are kept under their hash, and one already there is
    not written again (so it could not meet the full disk)."""
    return makers.make_pdf(TITLE, [*PARAGRAPHS, f"Bản số {uuid.uuid4().hex}."])


@pytest.fixture
def editor(make_user, login):
    make_user("bientap@example.org", role="editor", unit="31")
    login("bientap@example.org")


def _upload(client, url, files=(), data=FORM):
    token = csrf_from(client.get("/quan-tri/thu-vien/moi").get_data(as_text=True))
    payload = {**data, "csrf_token": token,
               "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(url, data=payload, content_type="multipart/form-data")


def _assert_form_kept(response, status=507):
    page = response.get_data(as_text=True)
    assert response.status_code == status, page[page.find("<main"):][:2000]
    assert response.headers["Retry-After"]
    assert FULL_TEXT in page and "Chưa có gì được lưu" in page
    assert f'value="{TITLE}"' in page and SUMMARY in page and 'value="Quốc hội"' in page
    assert 'type="file"' in page  # the files can be chosen again on the same page
    return page


# -- the low-level write -----------------------------------------------------------------------

def test_write_atomic_on_a_full_disk_leaves_nothing(tmp_path):
    target = tmp_path / "a" / "b" / "file.pdf"
    with disk_full(tmp_path, room=1000) as state, pytest.raises(media.StorageError) as caught:
        media.write_atomic(target, b"x" * 5000)
    assert caught.value.full and caught.value.errno == errno.ENOSPC and state["refused"] == 1
    assert str(tmp_path) not in str(caught.value)  # no path in what an editor may read
    assert listing(tmp_path) == []  # no temporary file, and the folders made for it are gone
    media.write_atomic(target, b"x" * 5000)  # room again: it works
    assert target.read_bytes() == b"x" * 5000 and listing(target.parent) == ["file.pdf"]


def test_write_atomic_failing_at_fsync_or_with_another_error(tmp_path, monkeypatch):
    (tmp_path / "d").mkdir()
    with monkeypatch.context() as m:
        m.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EDQUOT, "Disk quota exceeded")))
        with pytest.raises(media.StorageError) as caught:
            media.write_atomic(tmp_path / "d" / "f.epub", b"data")
    assert caught.value.full and media.is_storage_full(caught.value)
    with disk_full(tmp_path, code=errno.EIO), pytest.raises(media.StorageError) as caught:
        media.write_atomic(tmp_path / "d" / "f.epub", b"data")
    assert not caught.value.full and not media.is_storage_full(caught.value)
    assert listing(tmp_path) == ["d"]  # a folder that was there stays


def test_undo_on_failure_removes_only_the_files_written_in_the_block(tmp_path):
    shared = tmp_path / "shared.pdf"
    media.write_atomic(shared, b"already here")
    with pytest.raises(RuntimeError), media.undo_on_failure():
        media.write_atomic(tmp_path / "new.pdf", b"new")
        media.write_atomic(shared, b"already here")  # same content-hash name: someone else's file
        with media.undo_on_failure():
            media.write_atomic(tmp_path / "inner.pdf", b"inner")  # kept by the inner block...
        raise RuntimeError("the commit failed")  # ...and removed with the outer one
    assert listing(tmp_path) == ["shared.pdf"]
    with media.undo_on_failure() as created:
        media.write_atomic(tmp_path / "kept.pdf", b"kept")
    assert created == [tmp_path / "kept.pdf"] and (tmp_path / "kept.pdf").exists()


# -- the library: staff uploads ----------------------------------------------------------------

def test_library_upload_on_a_full_disk(app, client, editor, session, media_root):
    pdf = unique_pdf()
    before = listing(media_root)
    with disk_full(media_root, room=len(pdf) // 2) as state:
        response = _upload(client, "/quan-tri/thu-vien/moi", [("luat-bhyt.pdf", pdf)])
    assert state["refused"] == 1
    _assert_form_kept(response)
    assert count(session, Item) == count(session, ItemFile) == count(session, Revision) == 0
    assert not session.scalars(select(AuditEntry).where(AuditEntry.action.like("library.%"))).all()
    assert listing(media_root) == before
    # The site still serves, and with room again the same form goes through.
    assert client.get("/thu-vien/").status_code == 200 and client.get("/healthz").status_code in (200, 503)
    again = _upload(client, "/quan-tri/thu-vien/moi", [("luat-bhyt.pdf", pdf)])
    assert again.status_code == 302 and count(session, ItemFile) == 1
    key = session.scalar(select(ItemFile.key))
    assert (media_root / key).read_bytes() == pdf


def test_the_first_of_two_files_is_removed_when_the_second_does_not_fit(app, client, editor, session,
                                                                        media_root):
    pdf = unique_pdf()
    epub = makers.make_epub(TITLE, [("Chương 1", [*PARAGRAPHS, uuid.uuid4().hex])])
    before = listing(media_root)
    with disk_full(media_root, room=len(pdf) + 100):
        response = _upload(client, "/quan-tri/thu-vien/moi", [("luat.pdf", pdf), ("so-tay.epub", epub)])
    _assert_form_kept(response)
    assert count(session, Item) == count(session, ItemFile) == 0
    assert listing(media_root) == before  # the PDF, written whole, went with the failed save


def test_an_edit_on_a_full_disk_changes_nothing(app, client, editor, session, media_root):
    assert _upload(client, "/quan-tri/thu-vien/moi").status_code == 302
    item = session.scalar(select(Item))
    before = listing(media_root)
    page = client.get(f"/quan-tri/thu-vien/{item.id}").get_data(as_text=True)
    changed = {**FORM, "title": TITLE + " (sửa đổi)", "csrf_token": csrf_from(page),
               "files": [(io.BytesIO(unique_pdf()), "luat.pdf")]}
    with disk_full(media_root):
        response = client.post(f"/quan-tri/thu-vien/{item.id}", data=changed, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 507 and FULL_TEXT in page and f'value="{TITLE} (sửa đổi)"' in page
    session.expire_all()
    item = session.get(Item, item.id)
    assert item.title == TITLE and not item.files  # no half edit: the title did not change either
    assert [r.action for r in session.scalars(select(Revision))] == ["create"]
    assert listing(media_root) == before


def test_files_written_before_a_failed_commit_are_removed(app, client, editor, session, media_root):
    """The database refuses the file's row after the file was written: the file goes too."""
    def refuse(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO LIBRARY_FILES"):
            raise OperationalError(statement, parameters, Exception("database is locked"))

    with app.app_context():
        engine = db.engine
    before = listing(media_root)
    event.listen(engine, "before_cursor_execute", refuse)
    try:
        response = _upload(client, "/quan-tri/thu-vien/moi", [("luat.pdf", unique_pdf())])
    finally:
        event.remove(engine, "before_cursor_execute", refuse)
    assert response.status_code == 503 and TITLE in response.get_data(as_text=True)
    assert count(session, Item) == count(session, ItemFile) == 0
    assert listing(media_root) == before


# -- lessons: a step's picture -----------------------------------------------------------------

def test_lesson_step_picture_on_a_full_disk(app, client, make_user, login, session, media_root):
    from portal.lessons import service
    from portal.lessons.models import Lesson, Step
    from portal.units.service import get_by_code

    make_user("bientap@example.org", role="editor", unit="TW")
    with app.app_context():
        from portal.accounts.models import User

        editor = db.session.scalar(select(User).where(User.email == "bientap@example.org"))
        course = service.save_course(db.session, editor, service.CourseData("Dùng điện thoại", "", get_by_code(
            db.session, "TW")))
        lesson_id = service.save_lesson(db.session, editor, course, service.LessonData("Chụp ảnh", "", 5)).id
    login("bientap@example.org")
    url = f"/quan-tri/hoc-so/bai/{lesson_id}/buoc/moi"
    step = {"title": "Mở máy ảnh", "text": "Bấm vào biểu tượng máy ảnh trên màn hình chính.",
            "picture_alt": "Màn hình chính có biểu tượng máy ảnh"}
    before = listing(media_root)
    with disk_full(media_root, room=3000):
        response = client.post(url, data={**step, "csrf_token": csrf_from(client.get(url).get_data(as_text=True)),
                                          "picture": (io.BytesIO(unique_jpeg()), "anh.jpg")},
                               content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 507 and response.headers["Retry-After"], page[page.find("<main"):][:2000]
    assert FULL_TEXT in page and step["text"] in page and f'value="{step["picture_alt"]}"' in page
    assert count(session, Step) == 0 and listing(media_root) == before
    # A picture without its description is refused before anything is stored.
    response = client.post(url, data={**step, "picture_alt": "", "csrf_token": csrf_from(page),
                                      "picture": (io.BytesIO(unique_jpeg()), "anh.jpg")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and listing(media_root) == before
    assert session.get(Lesson, lesson_id).steps == []


# -- petitions: a resident's photo (the shared 507 page) ---------------------------------------

def test_petition_photo_on_a_full_disk_gives_the_507_page_with_the_text_kept(app, client, session, media_root):
    from portal.petitions.models import Petition, PetitionPhoto

    html = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    submission = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', html).group(1)
    body = "Cống thoát nước ở tổ dân phố 7 bị tắc, mỗi khi mưa nước tràn vào nhà dân."
    form = {"csrf_token": csrf_from(html), "submission_id": submission, "unit_code": "11311",
            "category": "ha-tang", "title": "Cống thoát nước tổ 7 bị tắc", "body": body,
            "phone": "0912 777 888", "consent_public": "y", "buoc": "xem-truoc",
            "photos": [(io.BytesIO(unique_jpeg((1600, 1200))), "cong.jpg")]}
    before = listing(media_root)
    with disk_full(media_root, room=2000):
        response = client.post("/phan-anh/gui", data=form, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 507 and response.headers["Retry-After"]
    assert FULL_TEXT in page and body in page and f'value="{submission}"' in page
    assert 'enctype="multipart/form-data"' in page and 'name="photos"' in page  # choose the photo again
    assert count(session, Petition) == count(session, PetitionPhoto) == 0
    assert listing(media_root) == before
    assert client.get("/phan-anh/").status_code == 200


# -- background work: the reason reaches the editor --------------------------------------------

def test_a_job_that_meets_a_full_disk_says_so_to_the_editor(app, client, make_user, login, session, media_root):
    """The bulletin's EPUB cannot be written: the job fails with the reason shown in plain words."""
    from portal.bulletins.models import Bulletin

    make_user("bientap@example.org", role="editor", unit="31")
    login("bientap@example.org")
    form = {"title": "Lịch tiếp công dân tháng 12", "summary": "Lịch tiếp dân.", "topic": "phap-luat",
            "body": "Ủy ban MTTQ thành phố tiếp công dân vào thứ Năm hằng tuần.", "unit_code": "31", "cover_alt": ""}
    page = client.get("/quan-tri/ban-tin/moi").get_data(as_text=True)
    assert client.post("/quan-tri/ban-tin/moi", data={**form, "csrf_token": csrf_from(page)}).status_code == 302
    bulletin = session.scalar(select(Bulletin))
    page = client.get(f"/quan-tri/ban-tin/{bulletin.id}").get_data(as_text=True)
    with disk_full(media_root / "public" / "epub"):
        client.post(f"/quan-tri/ban-tin/{bulletin.id}/dang", data={"csrf_token": csrf_from(page), "publish_at": ""})
    session.expire_all()
    bulletin = session.get(Bulletin, bulletin.id)
    assert bulletin.media_state in ("waiting", "failed") and "[Errno 28]" in bulletin.media_error  # retried later
    assert not list((media_root / "public" / "epub").glob(".tmp-*"))
    page = client.get(f"/quan-tri/ban-tin/{bulletin.id}").get_data(as_text=True)
    assert "ổ đĩa của máy chủ đã đầy" in page and "Errno" not in page


# -- a real full file system (tmpfs) -----------------------------------------------------------

def test_a_really_full_disk_under_media_root(app, client, editor, session, tmp_path, monkeypatch):
    with tiny_filesystem(tmp_path / "media") as root:
        monkeypatch.setitem(app.config, "MEDIA_ROOT", str(root))
        before = listing(root)
        response = _upload(client, "/quan-tri/thu-vien/moi", [("luat.pdf", unique_pdf())])
        _assert_form_kept(response)
        assert count(session, Item) == count(session, ItemFile) == 0
        assert listing(root) == before == ["filler"]
        assert client.get("/thu-vien/").status_code == 200
        (root / "filler").unlink()  # room again
        assert _upload(client, "/quan-tri/thu-vien/moi", [("luat.pdf", unique_pdf())]
                       ).status_code == 302
        assert count(session, ItemFile) == 1


def test_a_full_temporary_folder_while_an_upload_is_read(app, client, editor, session, media_root, tmp_path,
                                                         monkeypatch):
    """Werkzeug keeps an upload over 500 KB in a temporary file while it reads the form: when
    that folder is full the form cannot be read at all; the page still says why, with the 507."""
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    token = csrf_from(client.get("/quan-tri/thu-vien/moi").get_data(as_text=True))
    # Encoded before the folder fills up: the test client would spool it there too.
    boundary, body = encode_multipart({**FORM, "csrf_token": token,
                                       "files": FileStorage(io.BytesIO(os.urandom(700 * 1024)), "lon.pdf")})
    with tiny_filesystem(tmp_path / "tmp") as spool:
        monkeypatch.setattr(tempfile, "tempdir", str(spool))
        before = listing(media_root)
        response = client.post("/quan-tri/thu-vien/moi", data=body,
                               content_type=f"multipart/form-data; boundary={boundary}")
        page = response.get_data(as_text=True)
        assert response.status_code == 507 and FULL_TEXT in page, (response.headers, page[page.find("<main"):][:2000])
        assert count(session, Item) == 0 and listing(media_root) == before and listing(spool) == ["filler"]
        held = [fd for fd in Path("/proc/self/fd").iterdir()
                if os.path.exists(fd) and os.readlink(fd).startswith(str(spool))]
        assert held == []  # the half-spooled upload is closed, its space given back
    assert client.get("/thu-vien/").status_code == 200
