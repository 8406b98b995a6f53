"""A lesson step that links to a library item lists it under the step, with format and size."""

from sqlalchemy import select

from portal.db import db
from portal.lessons.models import Lesson, Step
from portal.library import makers
from portal.library.models import Item
from tests.library.conftest import PARAGRAPHS, make_item  # noqa: F401  (the library's item fixture)


def test_a_step_lists_the_library_items_it_links_to(app, client, session, make_lesson, make_item):  # noqa: F811
    item = session.get(Item, make_item(title="Cẩm nang phòng, chống lừa đảo trực tuyến", files=[
        ("cam-nang.odt", makers.make_odt("Cẩm nang", PARAGRAPHS))]))
    lesson_id = make_lesson()
    with app.app_context():
        step = db.session.scalars(select(Step).where(Step.lesson_id == lesson_id).order_by(Step.position)).first()
        step.text += f"\n\nĐọc thêm [cẩm nang](/thu-vien/{item.slug})."
        db.session.commit()
        lesson = db.session.get(Lesson, lesson_id)
        url = f"/hoc-so/{lesson.course.slug}/{lesson.slug}/1"
    page = client.get(url).get_data(as_text=True)
    related = page[page.find('class="related"'):]
    assert 'class="related"' in page and "Cẩm nang phòng, chống lừa đảo trực tuyến" in related
    assert "OpenDocument (ODT)" in related
