import re

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.db import db
from portal.lessons import questions, service
from portal.lessons.models import PUBLISHED
from portal.units.service import get_by_code

COURSE = "Nhận biết lừa đảo trên mạng"
LESSON = "Cuộc gọi giả danh công an"
STEPS = [("Kẻ gian nói gì", "Kẻ gian xưng là công an và đòi chuyển tiền."),
         ("Công an thật làm gì", "Công an không giải quyết vụ việc qua điện thoại."),
         ("Bác nên làm gì", "Gác máy và báo cho công an xã, phường.")]
Q1 = ("Công an gọi bảo chuyển tiền. Đúng hay sai?", False,
      [questions.ChoiceData("Sai, đây là lừa đảo", True, "Công an không bao giờ đòi chuyển tiền qua điện thoại."),
       questions.ChoiceData("Đúng, làm theo ngay", False, "Làm theo là mất tiền.")])
Q2 = ("Sau khi gác máy, nên làm gì?", True,
      [questions.ChoiceData("Kể cho con cháu", True, "Người thân giúp bác bình tĩnh."),
       questions.ChoiceData("Báo công an xã", True, "Công an ghi nhận và cảnh báo."),
       questions.ChoiceData("Gọi lại số lạ", False, "Gọi lại là mắc bẫy tiếp.")])
COURSE_URL = "/hoc-so/nhan-biet-lua-dao-tren-mang/"
LESSON_URL = COURSE_URL + "cuoc-goi-gia-danh-cong-an/"


def admin_user(make_user):
    user = db.session.scalar(select(User).where(User.role == "admin"))
    if user is None:
        make_user("admin-l@example.org", role="admin")
        user = db.session.scalar(select(User).where(User.role == "admin"))
    return user


@pytest.fixture
def make_lesson(app, make_user):
    return lesson_factory(app, make_user)


def lesson_factory(app, make_user):
    """A published course with one published lesson (3 steps, 2 questions); returns the lesson id."""

    def make(unit="TW", publish=True, title=LESSON, course_title=COURSE):
        with app.app_context():
            admin = admin_user(make_user)
            course = service.save_course(db.session, admin,
                                         service.CourseData(course_title, "Tóm tắt.", get_by_code(db.session, unit)))
            lesson = service.save_lesson(db.session, admin, course, service.LessonData(title, "Nhận ra kẻ gian.", 6))
            for heading, text in STEPS:
                service.save_step(db.session, admin, lesson, heading, text, "")
            for prompt, multiple, choices in (Q1, Q2):
                questions.save_question(db.session, admin, lesson, questions.QuestionData(prompt, multiple, choices))
            if publish:
                service.set_lesson_status(db.session, admin, lesson, PUBLISHED)
                service.set_course_status(db.session, admin, course, PUBLISHED)
            return lesson.id

    return make


CHOICE_RE = re.compile(r'name="(q\d+)" value="(\d+)"[^>]*><label for="c\d+">([^<]+)</label>')


def quiz_answers(html: str, texts: list[str]) -> dict:
    """Form data ticking the choices whose labels are in `texts`."""
    data: dict = {}
    for name, value, label in CHOICE_RE.findall(html):
        if label in texts:
            data.setdefault(name, []).append(value)
    return data
