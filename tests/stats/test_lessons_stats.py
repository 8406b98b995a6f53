"""Community teams' sessions roll up to commune, province and national figures on /thong-ke."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.db import db
from portal.lessons import stats as figures
from portal.lessons import teams
from portal.units.service import get_by_code
from tests.lessons.conftest import admin_user, lesson_factory

TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


@pytest.fixture
def make_lesson(app, make_user):
    return lesson_factory(app, make_user)


SESSIONS = [("11311", 20, 15), ("11311", 10, 5), ("11560", 30, 30), ("00070", 12, 6)]


def _record(app, make_user, make_lesson):
    from portal.lessons.models import Lesson

    lesson_id = make_lesson()
    with app.app_context():
        admin = admin_user(make_user)
        lesson = db.session.get(Lesson, lesson_id)
        for code, residents, finished in SESSIONS:
            teams.record(db.session, admin, teams.SessionData(get_by_code(db.session, code), TODAY, "Hội trường",
                                                              [lesson], residents, finished), TODAY)


def test_rollups(app, make_user, make_lesson):
    _record(app, make_user, make_lesson)
    with app.app_context():
        national = figures.national(db.session)
        assert (national.total.sessions, national.total.residents, national.total.finished) == (4, 72, 56)
        assert [(u.code, t.residents) for u, t in national.places] == [("31", 60), ("01", 12)]
        province = figures.committee(db.session, get_by_code(db.session, "31"))
        assert (province.total.sessions, province.total.residents, province.total.finished) == (3, 60, 50)
        assert [(u.code, t.residents, t.finished) for u, t in province.places] == [("11311", 30, 20),
                                                                                   ("11560", 30, 30)]
        commune = figures.committee(db.session, get_by_code(db.session, "11311"))
        assert (commune.total.sessions, commune.total.residents) == (2, 30)
        assert (commune.total.lesson_sessions, commune.total.distinct_lessons) == (2, 1)
        assert figures.committee(db.session, get_by_code(db.session, "TW")).total.residents == 72
        empty = figures.committee(db.session, get_by_code(db.session, "40"))
        assert empty.total.sessions == 0 and empty.places == []


def test_pages_show_svg_and_table(client, app, make_user, make_lesson):
    _record(app, make_user, make_lesson)
    page = client.get("/thong-ke").get_data(as_text=True)
    assert "Bình dân học vụ số: các buổi học nhóm của tổ công nghệ số" in page
    assert 'id="bieu-do-hoc-so"' not in page and "bieu-do-hoc-so-t" in page and "<svg" in page
    assert 'href="/thong-ke/31"' in page and ">72<" in page
    province = client.get("/thong-ke/31").get_data(as_text=True)
    assert "Người dân được hướng dẫn theo xã, phường" in province and "/thong-ke/11311" in province
    commune = client.get("/thong-ke/11311").get_data(as_text=True)
    assert ">30<" in commune and "Làm xong bài kiểm tra" in commune
    assert "Chưa có buổi học nhóm nào" in client.get("/thong-ke/40").get_data(as_text=True)
