"""Quiz choices: the demo quizzes do not put the right answer first, and each phone sees its own,
stable order of choices; answers are checked by choice id, so the order never changes the result."""

import re

from werkzeug.datastructures import MultiDict

from portal.lessons import demo, quiz
from portal.lessons.models import Choice, Lesson, Question
from portal.lessons.progress import COOKIE, Progress, dump
from tests.conftest import csrf_from

from .conftest import CHOICE_RE, LESSON_URL, quiz_answers

RIGHT = ["Sai, đây là lừa đảo", "Kể cho con cháu", "Báo công an xã"]


def _demo_lessons() -> list[Lesson]:
    """The 21 demo lessons as unsaved models with ids, built from demo_content/*.txt."""
    lessons, next_id = [], iter(range(1, 10_000))
    for path in sorted(demo.CONTENT.glob("*.txt")):
        for item in demo.parse(path.read_text(encoding="utf-8"))["lessons"]:
            lesson = Lesson(title=item["title"])
            for q in item["questions"]:
                lesson.questions.append(Question(
                    id=next(next_id), prompt=q["prompt"], multiple=q["multiple"],
                    choices=[Choice(id=next(next_id), text=c.text, correct=c.correct) for c in q["choices"]]))
            lessons.append(lesson)
    return lessons


def _first_options_pass(lessons: list[Lesson], seed: str | None) -> int:
    """How many quizzes pass when a resident ticks only the first option shown of every question."""
    passed = 0
    for lesson in lessons:
        form = MultiDict([(quiz.field_name(q), str(quiz.ordered(q, seed)[0].id)) for q in lesson.questions])
        passed += quiz.check(lesson, form).passed
    return passed


def test_demo_quizzes_do_not_put_the_right_answer_first():
    lessons = _demo_lessons()
    assert len(lessons) == 21
    single = [q for lesson in lessons for q in lesson.questions if not q.multiple]
    first_right = sum(q.choices[0].correct for q in single)
    assert len(single) == 36 and first_right <= len(single) // 2 + 2
    assert _first_options_pass(lessons, None) <= 2  # was 15 of 21


def test_ticking_the_first_options_shown_passes_few_quizzes_for_any_phone():
    lessons = _demo_lessons()
    for seed in ("0123456789abcdef", "fedcba9876543210", "00000000deadbeef", "1111111111111111"):
        assert _first_options_pass(lessons, seed) <= 7


def test_the_order_is_shuffled_per_phone_and_stable_on_reload(app, make_lesson):
    make_lesson()
    orders = set()
    for n in range(8):
        client = app.test_client()
        first = CHOICE_RE.findall(client.get(LESSON_URL + "kiem-tra").get_data(as_text=True))
        again = CHOICE_RE.findall(client.get(LESSON_URL + "kiem-tra").get_data(as_text=True))
        assert first == again, "a reload reordered the choices"
        orders.add(tuple(label for _name, _value, label in first))
        if n == 0:
            cookie = client.get_cookie(COOKIE)
            assert cookie is not None  # the seed is kept in the signed progress cookie
    assert len(orders) >= 2


def test_a_given_seed_orders_choices_and_the_right_answers_still_pass(app, make_lesson):
    make_lesson()
    pages = {}
    for seed in ("0123456789abcdef", "fedcba9876543210", "5555555555555555"):
        client = app.test_client()
        with app.test_request_context():
            client.set_cookie(COOKIE, dump(Progress(seed=seed)))
        page = client.get(LESSON_URL + "kiem-tra").get_data(as_text=True)
        pages[seed] = [label for _n, _v, label in CHOICE_RE.findall(page)]
        response = client.post(LESSON_URL + "kiem-tra", data={"csrf_token": csrf_from(page),
                                                               **quiz_answers(page, RIGHT)})
        assert "Giỏi lắm! Bác trả lời đúng tất cả." in response.get_data(as_text=True)
    assert len({tuple(v) for v in pages.values()}) >= 2


def test_a_seed_is_drawn_once():
    progress = Progress()
    assert progress.ensure_seed() and re.fullmatch(r"[0-9a-f]{16}", progress.seed)
    assert not progress.ensure_seed()
