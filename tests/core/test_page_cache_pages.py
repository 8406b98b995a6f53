"""Two public pages the shared cache could not keep before: a public answer (its report form
carried a form token; the form now has its own page) and a lesson step (its first view set the
progress cookie; progress is now kept when the learner presses "Next" or answers the quiz).
Both come from the cache for anonymous visitors, show an edit at once, and nothing with a token
or anybody's own state is kept. Fixtures and helpers: tests/core/test_page_cache.py."""

from __future__ import annotations

from sqlalchemy import select

from portal.db import db
from portal.lessons.progress import COOKIE
from tests.conftest import csrf_from
from tests.content import ensure_sample_content
from tests.core.test_page_cache import HIT, _admin, _twice, cached  # noqa: F401 (the fixture)
from tests.petitions.factories import make_petition

STORE = "X-Page-Cache-Store"


def test_a_public_answer_comes_from_the_cache_and_an_edit_shows_at_once(cached, client, make_user):  # noqa: F811
    from portal.accounts.models import User
    from portal.petitions import casework, handling
    from portal.petitions.models import Petition

    make_user("xuly.answer@example.org", role="handler", unit="11311")
    pid = make_petition(cached, status="published", public_title="Đèn đường ngõ 7 không sáng",
                        public_body="Đèn đường ngõ 7 tắt từ tuần trước.", answer="Đã thay bóng đèn ngày 2/12.")
    with cached.app_context():
        code = db.session.get(Petition, pid).code
    path = f"/phan-anh/{code}"
    first, second = _twice(client, path)
    html = second.get_data(as_text=True)
    assert HIT not in first.headers and second.headers[HIT] == "hit" and "Set-Cookie" not in second.headers
    assert "Đã thay bóng đèn" in html and f'href="{path}/bao-cao"' in html
    assert "csrf_token" not in html and "0912" not in html and "lan.nguyen" not in html  # no token, no contact
    # The report form keeps its token on its own page, which is never kept.
    reporter = cached.test_client()
    forms = [reporter.get(f"{path}/bao-cao") for _ in range(2)]
    assert all(HIT not in r.headers and STORE not in r.headers for r in forms)
    sent = reporter.post(f"{path}/bao-cao", data={"csrf_token": csrf_from(forms[0].get_data(as_text=True))})
    assert sent.status_code == 303
    own = reporter.get(path)
    assert HIT not in own.headers and "Bạn đã báo cáo câu trả lời này" in own.get_data(as_text=True)
    _, anonymous = _twice(client, path)
    assert anonymous.headers[HIT] == "hit" and "Bạn đã báo cáo" not in anonymous.get_data(as_text=True)
    with cached.app_context():
        handler = db.session.scalar(select(User).where(User.email == "xuly.answer@example.org"))
        handling.edit_public_wording(db.session, handler, db.session.get(Petition, pid),
                                     "Đèn chiếu sáng ngõ 7 đã được sửa", "Đèn đường ngõ 7 tắt từ tuần trước.")
    edited = client.get(path)
    assert HIT not in edited.headers and "Đèn chiếu sáng ngõ 7 đã được sửa" in edited.get_data(as_text=True)
    with cached.app_context():
        handler = db.session.scalar(select(User).where(User.email == "xuly.answer@example.org"))
        casework.set_hidden(db.session, handler, db.session.get(Petition, pid), True, "xúc phạm")
    assert client.get(path).status_code == 404


def _first_step(app):
    from portal.lessons.models import Lesson

    ensure_sample_content(app)
    with app.app_context():
        lesson = db.session.scalar(select(Lesson).where(Lesson.status == "published").order_by(Lesson.id))
        return lesson.id, f"/hoc-so/{lesson.course.slug}/{lesson.slug}/", lesson.steps[0].id


def test_a_lesson_step_comes_from_the_cache_and_an_edit_shows_at_once(cached, client):  # noqa: F811
    from portal.lessons import service
    from portal.lessons.models import Lesson, Step

    lesson_id, url, step_id = _first_step(cached)
    first, second = _twice(client, url + "1")
    assert HIT not in first.headers and second.headers[HIT] == "hit"
    assert "Set-Cookie" not in first.headers and "Set-Cookie" not in second.headers and not client.get_cookie(COOKIE)
    assert second.data == first.data and f'href="{url}1/tiep-theo"' in second.get_data(as_text=True)
    _, fragment = _twice(client, url + "1?hinh=1", headers={"HX-Request": "true"})
    assert fragment.headers[HIT] == "hit" and "<html" not in fragment.get_data(as_text=True)
    with cached.app_context():
        lesson = db.session.get(Lesson, lesson_id)
        service.save_step(db.session, _admin(cached), lesson, "Bước đầu: nhận ra cuộc gọi lạ",
                          "Số lạ gọi đến tự xưng là công an.", "", step=db.session.get(Step, step_id))
    edited = client.get(url + "1")
    assert HIT not in edited.headers and "Bước đầu: nhận ra cuộc gọi lạ" in edited.get_data(as_text=True)


def test_pressing_next_keeps_progress_and_the_learners_pages_are_never_kept(cached, client):  # noqa: F811
    lesson_id, url, _ = _first_step(cached)
    _twice(client, url + "1")
    learner = cached.test_client()
    assert learner.get(url + "1").headers[HIT] == "hit"  # the shared page, until the learner acts
    pressed = learner.get(url + "1/tiep-theo")
    assert pressed.status_code == 303 and pressed.headers["Location"].endswith(url + "2")
    assert STORE not in pressed.headers and learner.get_cookie(COOKIE)
    for path in (url + "1", url + "2", "/hoc-so/da-hoc"):
        mine = [learner.get(path) for _ in range(2)]
        assert all(HIT not in r.headers and STORE not in r.headers for r in mine), path
        assert all("tiep-theo" not in r.get_data(as_text=True) for r in mine), path  # the phone's own links
    with cached.app_context():
        from portal.lessons import progress

        assert progress.load(learner.get_cookie(COOKIE).value)[0].step(lesson_id) == 2
    assert client.get(url + "1").headers[HIT] == "hit"  # the anonymous page is untouched
