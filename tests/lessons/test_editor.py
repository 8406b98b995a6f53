"""Editors at /quan-tri/hoc-so/: create, quiz rules, publish, preview, order, permissions, audit."""

from sqlalchemy import select

from portal.accounts.models import AuditEntry
from portal.lessons.models import Course, Lesson, Step
from tests.conftest import csrf_from

PASSWORD = "correct horse battery"


def _post(client, url, data):
    form_page = url if not url.endswith(("trang-thai", "doi-cho")) else "/quan-tri/hoc-so/khoa/moi"
    token = csrf_from(client.get(form_page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def _question(prompt, multiple=False, right=(0,), n=2, explain=True):
    data = {"prompt": prompt}
    if multiple:
        data["multiple"] = "y"
    for i in range(n):
        data[f"choices-{i}-text"] = f"Phương án {i + 1}"
        data[f"choices-{i}-explanation"] = f"Giải thích {i + 1}" if explain else ""
        if i in right:
            data[f"choices-{i}-correct"] = "y"
    return data


def test_editor_builds_and_publishes_a_lesson(client, make_user, login, session):
    make_user("bt@example.org", role="editor", unit="31", password=PASSWORD)
    login("bt@example.org", PASSWORD)
    response = _post(client, "/quan-tri/hoc-so/khoa/moi", {"title": "Thanh toán bằng mã QR", "summary": "Tóm tắt",
                                                           "unit_code": "31", "position": "1"})
    assert response.status_code == 302
    course = session.scalar(select(Course))
    response = _post(client, f"/quan-tri/hoc-so/khoa/{course.id}/bai/moi",
                     {"title": "Quét mã QR", "summary": "", "minutes": "5"})
    lesson = session.scalar(select(Lesson))
    for title in ("Mở ứng dụng", "Quét mã"):
        _post(client, f"/quan-tri/hoc-so/bai/{lesson.id}/buoc/moi", {"title": title, "text": "Vài câu ngắn."})
    blocked = _post(client, f"/quan-tri/hoc-so/bai/{lesson.id}/trang-thai", {"status": "published"})
    assert blocked.status_code == 302
    page = client.get(f"/quan-tri/hoc-so/bai/{lesson.id}").get_data(as_text=True)
    assert "cần có bài kiểm tra từ 2 đến 5 câu hỏi" in page
    bad = _post(client, f"/quan-tri/hoc-so/bai/{lesson.id}/cau-hoi/moi", _question("Câu một?", right=(0, 1)))
    assert bad.status_code == 400 and "Chỉ được một phương án đúng" in bad.get_data(as_text=True)
    assert "Phương án 2" in bad.get_data(as_text=True)  # typed text kept
    unexplained = _post(client, f"/quan-tri/hoc-so/bai/{lesson.id}/cau-hoi/moi", _question("Câu?", explain=False))
    assert unexplained.status_code == 400
    assert _post(client, f"/quan-tri/hoc-so/bai/{lesson.id}/cau-hoi/moi", _question("Câu một?")).status_code == 302
    assert _post(client, f"/quan-tri/hoc-so/bai/{lesson.id}/cau-hoi/moi",
                 _question("Câu hai?", multiple=True, right=(0, 1), n=3)).status_code == 302
    _post(client, f"/quan-tri/hoc-so/bai/{lesson.id}/trang-thai", {"status": "published"})
    _post(client, f"/quan-tri/hoc-so/khoa/{course.id}/trang-thai", {"status": "published"})
    session.expire_all()
    lesson = session.get(Lesson, lesson.id)
    assert lesson.is_public
    assert all(s.media_state == "done" and s.audio_mp3 for s in lesson.steps)  # the job queue made the audio
    public = client.get(f"/hoc-so/{course.slug}/{lesson.slug}/1").get_data(as_text=True)
    assert 'preload="none"' in public and "Nghe bước này" in public and "MP3" in public
    preview = client.get(f"/quan-tri/hoc-so/bai/{lesson.id}/xem-truoc/2").get_data(as_text=True)
    assert "Xem trước" in preview and f"/quan-tri/hoc-so/bai/{lesson.id}/xem-truoc/kiem-tra" in preview
    actions = set(session.scalars(select(AuditEntry.action)))
    assert {"course.create", "lesson.create", "lesson.step.create", "lesson.question.create", "lesson.publish",
            "course.publish"} <= actions


def test_ordering_and_delete_with_confirmation(client, make_user, login, make_lesson, session):
    lesson_id = make_lesson()
    make_user("bt2@example.org", role="editor", unit="TW", password=PASSWORD)
    login("bt2@example.org", PASSWORD)
    steps = session.scalars(select(Step).where(Step.lesson_id == lesson_id).order_by(Step.position)).all()
    first, second = steps[0].id, steps[1].id
    token = csrf_from(client.get(f"/quan-tri/hoc-so/bai/{lesson_id}").get_data(as_text=True))
    client.post(f"/quan-tri/hoc-so/buoc/{second}/doi-cho", data={"csrf_token": token, "len": "1"})
    session.expire_all()
    assert [s.id for s in session.get(Lesson, lesson_id).steps][:2] == [second, first]
    confirm = client.get(f"/quan-tri/hoc-so/buoc/{first}/xoa")
    assert confirm.status_code == 200 and "Đồng ý xóa" in confirm.get_data(as_text=True)
    client.post(f"/quan-tri/hoc-so/buoc/{first}/xoa", data={"csrf_token": csrf_from(confirm.get_data(as_text=True))})
    session.expire_all()
    assert len(session.get(Lesson, lesson_id).steps) == 2


def test_editor_of_another_committee_cannot_edit(client, make_user, login, make_lesson, session):
    lesson_id = make_lesson(unit="TW")
    course_id = session.get(Lesson, lesson_id).course_id
    make_user("hp@example.org", role="editor", unit="31", password=PASSWORD)
    login("hp@example.org", PASSWORD)
    assert client.get(f"/quan-tri/hoc-so/bai/{lesson_id}").status_code == 403
    assert client.get(f"/quan-tri/hoc-so/khoa/{course_id}").status_code == 403
    assert "Nhận biết lừa đảo" not in client.get("/quan-tri/hoc-so/").get_data(as_text=True)
    moved = _post(client, "/quan-tri/hoc-so/khoa/moi", {"title": "Khóa", "unit_code": "TW", "position": "0"})
    assert moved.status_code == 400 and "chỉ" in moved.get_data(as_text=True).lower()


def test_residents_and_handlers_have_no_editor_access(client, make_user, login):
    assert client.get("/quan-tri/hoc-so/").status_code == 302  # to the login page
    make_user("xl@example.org", role="handler", unit="11311", password=PASSWORD)
    login("xl@example.org", PASSWORD)
    assert client.get("/quan-tri/hoc-so/").status_code == 403
