"""The library's and the lessons' editor pages say which voice made the audio, like the bulletins'."""

from __future__ import annotations

from sqlalchemy import select, update

from portal.db import db
from portal.lessons.models import Step
from portal.library.models import Item
from portal.media_render.models import MediaRender
from tests.lessons.conftest import lesson_factory
from tests.library.conftest import published_item

OFFLINE = "Giọng đọc: giọng máy ngoại tuyến."
FALLBACK = "Giọng đọc: giọng máy ngoại tuyến, vì giọng tự nhiên không trả lời"
NATURAL = "Giọng đọc: giọng tự nhiên (Google)."
MIXED = "Giọng đọc: có phần giọng tự nhiên, có phần giọng máy ngoại tuyến."


def _voice(kind: str, item_id: int, voice: str, fell_back: bool) -> None:
    db.session.execute(update(MediaRender).where(MediaRender.kind == kind, MediaRender.item_id == item_id)
                       .values(voice=voice, fell_back=fell_back))
    db.session.commit()


def test_library_and_lesson_editors_name_the_voice(app, make_user, login, client):
    slug = published_item(app, make_user, "Thủ tục cấp thẻ bảo hiểm y tế")
    lesson_id = lesson_factory(app, make_user)()
    item_id = db.session.scalar(select(Item.id).where(Item.slug == slug))
    step_id = db.session.scalar(select(Step.id).where(Step.lesson_id == lesson_id).order_by(Step.id))
    login("admin-l@example.org")
    pages = {"library": f"/quan-tri/thu-vien/{item_id}", "step": f"/quan-tri/hoc-so/buoc/{step_id}"}
    ids = {"library": item_id, "step": step_id}
    for kind, url in pages.items():
        assert OFFLINE in client.get(url).get_data(as_text=True), kind  # the suite's voice made it
        for voice, fell_back, note in (("espeak", True, FALLBACK), ("gtts", False, NATURAL), ("mixed", True, MIXED)):
            _voice(kind, ids[kind], voice, fell_back)
            page = client.get(url).get_data(as_text=True)
            assert note in page, (kind, voice)
