"""What the team counts: lessons taught counted once per session ("lượt bài") and different
lessons ("bài khác nhau"), named the same way on the form, the staff list and /thong-ke."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from portal.db import db
from portal.lessons import teams
from portal.lessons.models import Lesson
from portal.units.service import get_by_code

from .conftest import admin_user

TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
PASSWORD = "correct horse battery"


def _row(html: str, label: str) -> str:
    found = re.search(rf'<th scope="row">{re.escape(label)}[^<]*</th><td class="num">([^<]+)</td>', html)
    assert found, label
    return found.group(1)


def test_lesson_sessions_and_different_lessons_are_counted_apart(app, client, make_user, login, make_lesson):
    first, second = make_lesson(), make_lesson(title="Tin nhắn trúng thưởng")
    with app.app_context():
        admin = admin_user(make_user)
        a, b = db.session.get(Lesson, first), db.session.get(Lesson, second)
        unit = get_by_code(db.session, "11311")
        for taught in ([a, b], [a], [a]):  # lesson a in three sessions, b in one
            teams.record(db.session, admin, teams.SessionData(unit, TODAY, "Nhà văn hóa", taught, 10, 5), TODAY)
    for page in ("/thong-ke", "/thong-ke/11311"):
        html = client.get(page).get_data(as_text=True)
        assert _row(html, "Lượt bài đã dạy (mỗi bài tính một lượt trong mỗi buổi)") == "4"
        assert _row(html, "Số bài khác nhau đã dạy") == "2"
        assert "Số bài đã dạy" not in html
    make_user("to-dem@example.org", role="team", unit="11311", password=PASSWORD)
    login("to-dem@example.org", PASSWORD)
    listing = client.get("/quan-tri/hoc-so/to-cong-nghe/").get_data(as_text=True)
    assert "Dưới đây: 3 buổi, 4 lượt bài đã dạy (mỗi bài tính một lượt trong mỗi buổi), 2 bài khác nhau." in listing
    form = client.get("/quan-tri/hoc-so/to-cong-nghe/ghi").get_data(as_text=True)
    assert "<legend>Các bài đã dạy trong buổi này</legend>" in form
