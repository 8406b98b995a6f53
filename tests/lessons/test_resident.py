"""Residents: steps, progress cookie (signed), quiz checked on the server, learner codes, completion page."""

from portal.lessons.progress import COOKIE
from tests.conftest import csrf_from

from .conftest import COURSE_URL, LESSON_URL, quiz_answers

RIGHT = ["Sai, đây là lừa đảo", "Kể cho con cháu", "Báo công an xã"]


def _progress_cookie(client):
    cookie = client.get_cookie(COOKIE)
    return cookie.value if cookie else None


def _pass_quiz(client, answers=RIGHT, headers=None):
    page = client.get(LESSON_URL + "kiem-tra").get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), **quiz_answers(page, answers)}
    return client.post(LESSON_URL + "kiem-tra", data=data, headers=headers or {})


def test_course_list_shows_minutes_and_lesson_pages_step_by_step(client, make_lesson):
    make_lesson()
    home = client.get("/hoc-so/").get_data(as_text=True)
    assert "Cuộc gọi giả danh công an" in home and "6 phút" in home
    assert client.get(COURSE_URL).status_code == 200
    intro = client.get(LESSON_URL).get_data(as_text=True)
    assert "3 bước" in intro and "Bắt đầu" in intro
    first = client.get(LESSON_URL + "1").get_data(as_text=True)
    assert "Bước 1 trên 3" in first and "Quay lại" in first and "Tiếp" in first
    assert _progress_cookie(client) is None  # a view alone sets nothing: the page is everybody's
    assert f'href="{LESSON_URL}1/tiep-theo" rel="next"' in first
    pressed = client.get(LESSON_URL + "1/tiep-theo")
    assert pressed.status_code == 303 and pressed.headers["Location"].endswith(LESSON_URL + "2")
    assert _progress_cookie(client) is not None  # "Next" keeps the progress
    assert "tiep-theo" not in client.get(LESSON_URL + "2").get_data(as_text=True)  # now the phone's own page
    last = client.get(LESSON_URL + "3").get_data(as_text=True)
    assert "Làm bài kiểm tra" in last
    assert client.get(LESSON_URL + "4").status_code == 404
    assert client.get(LESSON_URL + "0").status_code == 404
    assert client.get("/hoc-so/khong-co/").status_code == 404


def test_drafts_are_not_public(client, make_lesson):
    make_lesson(publish=False)
    assert client.get(LESSON_URL).status_code == 404
    assert client.get(COURSE_URL).status_code == 404
    assert "Cuộc gọi giả danh" not in client.get("/hoc-so/").get_data(as_text=True)


def test_quiz_page_does_not_reveal_right_answers(client, make_lesson):
    make_lesson()
    page = client.get(LESSON_URL + "kiem-tra").get_data(as_text=True)
    assert "Công an không bao giờ đòi chuyển tiền" not in page  # explanations come only after answering
    assert "correct" not in page and "data-right" not in page


def test_wrong_answers_get_explanations_and_no_pass(client, make_lesson):
    make_lesson()
    response = _pass_quiz(client, ["Đúng, làm theo ngay", "Kể cho con cháu"])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bác trả lời đúng 0 trên 2 câu" in html
    assert "Làm theo là mất tiền." in html  # why the ticked wrong answer is wrong
    assert "Công an không bao giờ đòi chuyển tiền" in html  # why the missed right answer is right
    assert "Báo công an xã" in html and "Công an ghi nhận và cảnh báo." in html
    assert "✓ Đã học xong" not in client.get(COURSE_URL).get_data(as_text=True)


def test_right_answers_pass_and_progress_is_kept(client, make_lesson):
    make_lesson()
    html = _pass_quiz(client).get_data(as_text=True)
    assert "Giỏi lắm! Bác trả lời đúng tất cả." in html
    assert "Đã học xong" in client.get(COURSE_URL).get_data(as_text=True)
    assert "Cuộc gọi giả danh công an" in client.get("/hoc-so/da-hoc").get_data(as_text=True)


def test_htmx_gets_the_fragment_and_plain_post_the_page(client, make_lesson):
    make_lesson()
    fragment = _pass_quiz(client, headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert text.lstrip().startswith('<div id="kiem-tra">') and "<html" not in text
    assert "HX-Request" in fragment.headers["Vary"]
    full = _pass_quiz(client)
    assert "<html" in full.get_data(as_text=True) and "HX-Request" in full.headers["Vary"]


def test_unanswered_quiz_is_refused_politely(client, make_lesson):
    make_lesson()
    page = client.get(LESSON_URL + "kiem-tra").get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), **quiz_answers(page, ["Kể cho con cháu"])}
    response = client.post(LESSON_URL + "kiem-tra", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "vui lòng trả lời tất cả các câu hỏi" in html
    assert 'checked><label' in html  # the ticked answer is kept
    partial = client.post(LESSON_URL + "kiem-tra", data=data, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "trả lời tất cả" in partial.get_data(as_text=True)


def test_forged_choices_are_ignored(client, make_lesson):
    make_lesson()
    page = client.get(LESSON_URL + "kiem-tra").get_data(as_text=True)
    data = quiz_answers(page, RIGHT)
    junk = {name: values + ["999999", "abc"] for name, values in data.items()}
    response = client.post(LESSON_URL + "kiem-tra", data={"csrf_token": csrf_from(page), **junk})
    assert "Giỏi lắm" in response.get_data(as_text=True)  # unknown ids are simply ignored
    both = quiz_answers(page, RIGHT + ["Đúng, làm theo ngay"])  # two answers to a single-choice question
    response = client.post(LESSON_URL + "kiem-tra", data={"csrf_token": csrf_from(page), **both})
    assert response.status_code == 400 and "Giỏi lắm" not in response.get_data(as_text=True)
    missing_csrf = client.post(LESSON_URL + "kiem-tra", data=quiz_answers(page, RIGHT))
    assert missing_csrf.status_code == 400 and "Biểu mẫu đã hết hạn" in missing_csrf.get_data(as_text=True)


def test_tampered_cookie_is_refused_politely(client, make_lesson):
    make_lesson()
    _pass_quiz(client)
    value = _progress_cookie(client)
    payload, signature = value.rsplit(".", 1)
    client.set_cookie(COOKIE, payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:])
    page = client.get("/hoc-so/da-hoc")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Không đọc được tiến độ học" in html
    assert "Bác chưa học bài nào trên điện thoại này." in html
    assert _progress_cookie(client) != value  # replaced by an empty, valid one
    client.set_cookie(COOKIE, "not-even-base64!!")
    assert "Không đọc được tiến độ học" in client.get("/hoc-so/").get_data(as_text=True)


def test_learner_code_moves_progress_to_another_phone(app, make_lesson):
    make_lesson()
    phone = app.test_client()
    _pass_quiz(phone)
    page = phone.get("/hoc-so/da-hoc").get_data(as_text=True)
    phone.post("/hoc-so/ma-hoc-vien/tao", data={"csrf_token": csrf_from(page)})
    page = phone.get("/hoc-so/da-hoc").get_data(as_text=True)
    import re

    code = re.search(r'<p class="code">(HS-[^<]+)</p>', page).group(1)
    other = app.test_client()
    assert "Bác chưa học bài nào" in other.get("/hoc-so/da-hoc").get_data(as_text=True)
    form = other.get("/hoc-so/da-hoc").get_data(as_text=True)
    typed = code.lower().replace("-", " ")
    response = other.post("/hoc-so/ma-hoc-vien", data={"csrf_token": csrf_from(form), "code": typed},
                          follow_redirects=True)
    html = response.get_data(as_text=True)
    assert f"Các bài đã học theo mã {code}" in html and "Cuộc gọi giả danh công an" in html
    assert "Đã học xong" in other.get(COURSE_URL).get_data(as_text=True)


def test_progress_made_later_reaches_the_code(app, make_lesson, session):
    from sqlalchemy import select

    from portal.lessons.models import Learner

    lesson_id = make_lesson()
    phone = app.test_client()
    page = phone.get("/hoc-so/da-hoc").get_data(as_text=True)
    phone.post("/hoc-so/ma-hoc-vien/tao", data={"csrf_token": csrf_from(page)})
    phone.get(LESSON_URL + "2")
    learner = session.scalar(select(Learner))
    assert learner.progress == {str(lesson_id): [2, 0]}


def test_unknown_code_is_refused_with_text_kept(client, make_lesson):
    make_lesson()
    page = client.get("/hoc-so/da-hoc").get_data(as_text=True)
    for typed in ("HS-2222-223", "<script>alert(1)</script>", "x" * 41):
        response = client.post("/hoc-so/ma-hoc-vien", data={"csrf_token": csrf_from(page), "code": typed})
        html = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "Không tìm thấy mã này" in html or "Tối đa" in html or "40" in html
        assert "<script>alert(1)" not in html
    empty = client.post("/hoc-so/ma-hoc-vien", data={"csrf_token": csrf_from(page), "code": ""})
    assert empty.status_code == 400 and "vui lòng nhập mã học viên" in empty.get_data(as_text=True)


def test_completion_page_after_all_quizzes_name_not_stored(client, make_lesson, session):
    make_lesson()
    before = client.get(COURSE_URL + "giay-hoan-thanh").get_data(as_text=True)
    assert "Còn lại" in before and "Cuộc gọi giả danh công an" in before
    _pass_quiz(client)
    page = client.get(COURSE_URL + "giay-hoan-thanh").get_data(as_text=True)
    response = client.post(COURSE_URL + "giay-hoan-thanh",
                           data={"csrf_token": csrf_from(page), "name": "  Nguyễn Thị   Lan "})
    html = response.get_data(as_text=True)
    assert "Giấy xác nhận hoàn thành" in html and "Nguyễn Thị Lan" in html
    assert "Xác nhận của Tổ công nghệ số cộng đồng" in html
    from sqlalchemy import text

    assert "Nguyễn Thị Lan" not in str(session.execute(text("SELECT * FROM audit_log")).all())
    too_long = client.post(COURSE_URL + "giay-hoan-thanh", data={"csrf_token": csrf_from(page), "name": "a" * 81})
    assert too_long.status_code == 400
