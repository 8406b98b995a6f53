"""Community teams: sessions for their own commune only, guided mode on the resident's phone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from portal.accounts.models import AuditEntry
from portal.lessons.models import Learner, TeamSession
from tests.conftest import csrf_from

from .conftest import LESSON_URL

PASSWORD = "correct horse battery"
TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def _team(make_user, login, unit="11311"):
    make_user("to@example.org", role="team", unit=unit, password=PASSWORD)
    login("to@example.org", PASSWORD)


def _record(client, lesson_id, **changes):
    page = client.get("/quan-tri/hoc-so/to-cong-nghe/ghi").get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "held_on": TODAY.strftime("%d/%m/%Y"), "place": "Nhà văn hóa tổ 5",
            "unit_code": "11311", "lessons": [str(lesson_id)], "residents": "25", "finished_quiz": "20"}
    data.update(changes)
    return client.post("/quan-tri/hoc-so/to-cong-nghe/ghi", data=data)


def test_team_member_records_a_session_for_their_commune(client, make_user, login, make_lesson, session):
    lesson_id = make_lesson()
    _team(make_user, login)
    assert _record(client, lesson_id).status_code == 302
    item = session.scalar(select(TeamSession))
    assert (item.unit.code, item.residents, item.finished_quiz, [x.id for x in item.lessons]) == \
        ("11311", 25, 20, [lesson_id])
    listing = client.get("/quan-tri/hoc-so/to-cong-nghe/").get_data(as_text=True)
    assert "Nhà văn hóa tổ 5" in listing and "Cuộc gọi giả danh công an" in listing


def test_team_member_cannot_record_for_another_commune(client, make_user, login, make_lesson, session):
    lesson_id = make_lesson()
    _team(make_user, login)
    response = _record(client, lesson_id, unit_code="00070")
    assert response.status_code == 403
    assert "chỉ ghi nhận được buổi học của xã, phường mình" in response.get_data(as_text=True)
    assert session.scalar(select(TeamSession)) is None


def test_bad_session_input_is_refused_and_kept(client, make_user, login, make_lesson, session):
    lesson_id = make_lesson()
    _team(make_user, login)
    cases = [({"finished_quiz": "30"}, "không thể lớn hơn"),
             ({"held_on": (TODAY + timedelta(days=3)).strftime("%d/%m/%Y")}, "tương lai"),
             ({"held_on": "ngày mai"}, "ngày/tháng/năm"),
             ({"residents": "-4"}, "Một số từ 1 đến 2.000"),
             ({"lessons": []}, "đánh dấu ít nhất một bài học"),
             ({"place": "<script>x</script>" * 30}, "Tối đa")]
    for changes, message in cases:
        response = _record(client, lesson_id, **changes)
        html = response.get_data(as_text=True)
        assert response.status_code == 400, changes
        assert message in html, (changes, message)
        assert "<script>x" not in html
    assert session.scalar(select(TeamSession)) is None


def test_other_roles_have_no_team_pages(client, make_user, login):
    make_user("bt@example.org", role="editor", unit="31", password=PASSWORD)
    login("bt@example.org", PASSWORD)
    assert client.get("/quan-tri/hoc-so/to-cong-nghe/").status_code == 403


def test_guided_mode_binds_the_phone_to_the_learner_code(app, make_user, login, client, make_lesson, session):
    lesson_id = make_lesson()
    # The resident already has a code from an earlier visit to the commune office.
    earlier = app.test_client()
    page = earlier.get("/hoc-so/da-hoc").get_data(as_text=True)
    earlier.post("/hoc-so/ma-hoc-vien/tao", data={"csrf_token": csrf_from(page)})
    earlier.get(LESSON_URL + "2")
    code = session.scalar(select(Learner)).code
    # On the resident's own phone (`client`), the team member logs in and opens the lesson.
    _team(make_user, login)
    form = client.get("/quan-tri/hoc-so/to-cong-nghe/huong-dan").get_data(as_text=True)
    wrong = client.post("/quan-tri/hoc-so/to-cong-nghe/huong-dan",
                        data={"csrf_token": csrf_from(form), "code": "HS-2222-223", "lesson_id": str(lesson_id),
                              "log_out": "y"})
    assert wrong.status_code == 400 and "Không tìm thấy mã này" in wrong.get_data(as_text=True)
    response = client.post("/quan-tri/hoc-so/to-cong-nghe/huong-dan",
                           data={"csrf_token": csrf_from(form), "code": code.lower(), "lesson_id": str(lesson_id),
                                 "log_out": "y"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert code in html and "Cuộc gọi giả danh công an" in html
    assert "Học tiếp" in html  # the resident's earlier progress (step 2) is on this phone now
    assert client.get("/quan-tri/hoc-so/to-cong-nghe/").status_code == 302  # the team member was logged out
    client.get(LESSON_URL + "3")
    session.expire_all()
    assert session.scalar(select(Learner)).progress == {str(lesson_id): [3, 0]}
    assert "lesson.guide" in set(session.scalars(select(AuditEntry.action)))


def test_guided_mode_makes_a_new_code(client, make_user, login, make_lesson, session):
    lesson_id = make_lesson()
    _team(make_user, login)
    form = client.get("/quan-tri/hoc-so/to-cong-nghe/huong-dan").get_data(as_text=True)
    client.post("/quan-tri/hoc-so/to-cong-nghe/huong-dan",
                data={"csrf_token": csrf_from(form), "code": "", "lesson_id": str(lesson_id)})
    learner = session.scalar(select(Learner))
    assert learner is not None and learner.guided_by_unit_id is not None
    assert client.get("/quan-tri/hoc-so/to-cong-nghe/").status_code == 200  # stayed logged in
    assert learner.code in client.get("/hoc-so/da-hoc").get_data(as_text=True)
