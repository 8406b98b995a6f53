"""A step's picture is fetched only when the resident asks: the step page carries a link, not
an <img> (Chromium without JavaScript loads even a hidden lazy image); ?hinh=1 shows the step
with its picture, and htmx gets the picture alone to put in place."""

import re

from portal.db import db
from portal.lessons import demo, service
from portal.lessons.models import Lesson

from .conftest import LESSON_URL, admin_user


def _with_picture(app, make_user, make_lesson):
    lesson_id = make_lesson()
    with app.app_context():
        admin = admin_user(make_user)
        lesson = db.session.get(Lesson, lesson_id)
        step = lesson.steps[0]
        service.save_step(db.session, admin, lesson, step.title, step.text, "Điện thoại báo cuộc gọi lạ",
                          demo._picture("call", "Số lạ"), step=step)


def test_the_step_page_has_a_link_and_no_image(client, app, make_user, make_lesson):
    _with_picture(app, make_user, make_lesson)
    html = client.get(LESSON_URL + "1").get_data(as_text=True)
    assert "<img" not in html and "<picture" not in html and "srcset" not in html
    link = re.search(r'<a class="button" href="([^"]+)" hx-get="([^"]+)"[^>]*>Xem hình minh họa \(', html)
    assert link and link.group(1) == LESSON_URL + "1?hinh=1#hinh" and link.group(2) == LESSON_URL + "1?hinh=1"


def test_asking_shows_the_picture_with_or_without_javascript(client, app, make_user, make_lesson):
    _with_picture(app, make_user, make_lesson)
    page = client.get(LESSON_URL + "1?hinh=1")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<html" in html
    assert re.search(r'<img src="/media/[^"]+\.jpg" loading="lazy" alt="Điện thoại báo cuộc gọi lạ" '
                     r'width="\d+" height="\d+">', html)
    assert f'<a href="{LESSON_URL}1" hx-boost="false">Ẩn hình</a>' in html
    fragment = client.get(LESSON_URL + "1?hinh=1", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert text.lstrip().startswith('<div id="hinh" class="pic">') and "<img" in text and "<html" not in text
    assert "HX-Request" in fragment.headers.get("Vary", "")
