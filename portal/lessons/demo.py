"""Demo courses from demo_content/*.txt, with pictures drawn at seed time, and team sessions.

Format of a course file (one field per line, blank lines between paragraphs of a step):

    course: / summary: / unit: / position:
    lesson: / minutes: / summary:
    step: <heading>          then optionally   picture: <kind> | <label> | <alt text>   then the text
    quiz: <question>         then optionally   multiple: yes   then   + right :: why   /   - wrong :: why
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.core import media
from portal.units.service import get_by_code

from . import questions, service, teams
from .models import PUBLISHED, Course, Lesson, TeamSession
from .pictures import draw

CONTENT = Path(__file__).resolve().parent / "demo_content"


def parse(text: str) -> dict:
    course: dict = {"lessons": []}
    current = None  # the step or question being filled
    for raw in text.splitlines():
        line = raw.rstrip()
        key, _, value = line.partition(": ")
        value = value.strip()
        if key == "summary" and course["lessons"]:
            course["lessons"][-1]["summary"] = value
        elif key in ("course", "summary", "unit", "position"):
            course[key] = value
        elif key == "lesson":
            course["lessons"].append({"title": value, "steps": [], "questions": [], "summary": "", "minutes": 5})
            current = None
        elif key == "minutes":
            course["lessons"][-1]["minutes"] = int(value)
        elif key == "step":
            current = {"title": value, "text": [], "picture": None}
            course["lessons"][-1]["steps"].append(current)
        elif key == "picture":
            current["picture"] = [part.strip() for part in value.split("|")]
        elif key == "quiz":
            current = {"prompt": value, "multiple": False, "choices": []}
            course["lessons"][-1]["questions"].append(current)
        elif key == "multiple":
            current["multiple"] = value == "yes"
        elif line[:2] in ("+ ", "- ") and current is not None and "choices" in current:
            answer, _, why = line[2:].partition(" :: ")
            current["choices"].append(questions.ChoiceData(answer.strip(), line[0] == "+", why.strip()))
        elif current is not None and "text" in current:
            current["text"].append(line)
    return course


def _picture(kind: str, label: str) -> service.Picture:
    drawn = draw(kind, label)
    return service.Picture(media.save_public("lessons", drawn.webp, "webp"),
                           media.save_public("lessons", drawn.jpeg, "jpg"), drawn.width, drawn.height)


def seed_course(session: Session, actor: User, meta: dict) -> Course:
    unit = get_by_code(session, meta.get("unit", "TW"))
    course = service.save_course(session, actor, service.CourseData(meta["course"], meta.get("summary", ""), unit,
                                                                    int(meta.get("position", 0))))
    for item in meta["lessons"]:
        lesson = service.save_lesson(session, actor, course,
                                     service.LessonData(item["title"], item["summary"], item["minutes"]))
        for step in item["steps"]:
            picture, alt = None, ""
            if step["picture"]:
                kind, label, alt = step["picture"]
                picture = _picture(kind, label)
            service.save_step(session, actor, lesson, step["title"], "\n".join(step["text"]).strip(), alt, picture)
        for question in item["questions"]:
            questions.save_question(session, actor, lesson,
                                  questions.QuestionData(question["prompt"], question["multiple"], question["choices"]))
        service.set_lesson_status(session, actor, lesson, PUBLISHED)
    service.set_course_status(session, actor, course, PUBLISHED)
    return course


# (commune code, place, days ago, residents, finished the quiz, lesson positions taught: (course, lesson))
SESSIONS = [
    ("11311", "Nhà văn hóa tổ dân phố 5, phường Hồng Bàng", 6, 28, 22, [(2, 1), (2, 3)]),
    ("11311", "Hội trường Ủy ban Mặt trận phường Hồng Bàng", 20, 35, 30, [(3, 1), (3, 2)]),
    ("11311", "Nhà văn hóa tổ dân phố 12", 41, 19, 15, [(1, 3), (5, 2)]),
    ("11560", "Nhà văn hóa khu dân cư Thủy Nguyên", 12, 24, 17, [(2, 1), (2, 2)]),
    ("00070", "Nhà văn hóa phường Hoàn Kiếm", 9, 31, 27, [(4, 1), (4, 3)]),
    ("00004", "Trụ sở Ủy ban Mặt trận phường Ba Đình", 27, 22, 18, [(6, 2), (2, 3)]),
    ("17329", "Điểm bưu điện văn hóa xã Anh Sơn", 15, 26, 16, [(1, 1), (1, 2)]),
    ("17344", "Nhà văn hóa thôn 3, xã Nhân Hòa", 33, 18, 11, [(2, 1)]),
    ("18880", "Hội trường tổ dân phố 7, phường Đồng Hới", 8, 30, 24, [(5, 1), (5, 2)]),
    ("19093", "Nhà văn hóa thôn, xã Nam Gianh", 45, 16, 9, [(3, 1)]),
    ("21583", "Nhà văn hóa khu phố 2, phường Quy Nhơn", 18, 27, 21, [(7, 1), (7, 2)]),
    ("26506", "Hội trường khu phố 4, phường Vũng Tàu", 4, 33, 29, [(2, 2), (2, 3)]),
]


def seed_sessions(session: Session, admin: User, team_member: User | None, today) -> int:
    if session.scalar(select(TeamSession.id).limit(1)):
        return 0
    lessons = {(lesson.course.position, lesson.position): lesson for lesson in session.scalars(select(Lesson))}
    count = 0
    for code, place, days, residents, finished, taught in SESSIONS:
        unit = get_by_code(session, code)
        if unit is None:
            continue
        actor = team_member if team_member is not None and team_member.unit_id == unit.id else admin
        chosen = [lessons[key] for key in taught if key in lessons]
        if not chosen:
            continue
        data = teams.SessionData(unit, today - timedelta(days=days), place, chosen, residents, finished)
        teams.record(session, actor, data, today)
        count += 1
    return count


def seed(session: Session, admin: User, team_member: User | None, today) -> Iterator[str]:
    made = 0
    for path in sorted(CONTENT.glob("*.txt")):
        meta = parse(path.read_text(encoding="utf-8"))
        if session.scalar(select(Course.id).where(Course.title == meta["course"])):
            continue
        seed_course(session, admin, meta)
        made += 1
    if made:
        yield f"Demo lessons: {made} courses published (step audio is made by the job worker)."
    sessions = seed_sessions(session, admin, team_member, today)
    if sessions:
        yield f"Demo community-team sessions: {sessions} recorded."
