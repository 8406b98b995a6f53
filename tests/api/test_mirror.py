"""A city app mirrors the portal's public content from the API alone: a full crawl page by page,
then, after editors and handlers change things, one incremental sync with `since` per collection.
The mirror then equals a fresh full crawl, field for field."""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import select

from portal.bulletins.models import Bulletin
from portal.db import utcnow
from portal.lessons.models import Course
from portal.library.models import Item
from tests.content import ensure_sample_content
from tests.petitions.test_public_answers import add_petition

COLLECTIONS = ("bulletins", "library", "answers", "courses")


def _crawl(client, name: str, since: str | None = None) -> tuple[dict, set, str]:
    """Every page of one collection, following `next`; the first page's `as_of` is the next `since`."""
    url = f"/api/v1/{name}/?per_page=2" + (f"&since={quote(since)}" if since else "")
    items: dict = {}
    removed: set = set()
    as_of = None
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:300])
        page = response.get_json()
        as_of = as_of or page["as_of"]
        items.update({item["id"]: item for item in page["items"]})
        removed |= {gone["id"] for gone in page["removed"]}
        url = page["next"]
        pages += 1
        assert pages < 200, "the pages never end"
    return items, removed, as_of


def test_a_city_app_mirrors_everything_and_then_syncs_only_the_changes(app, client, session):
    ensure_sample_content(app)
    add_petition(session, "11311", public_title="Cống thoát nước bị tắc ở tổ 4")
    mirror, marks = {}, {}
    for name in COLLECTIONS:
        mirror[name], _, marks[name] = _crawl(client, name)
        assert mirror[name], f"the demo content has {name}"
    assert len(mirror["bulletins"]) > 2, "the crawl went past the first page"

    # Editors and handlers change things after the first crawl.
    bulletins = session.scalars(select(Bulletin).where(Bulletin.status == "published").order_by(Bulletin.id)).all()
    gone, corrected = bulletins[0], bulletins[1]
    gone.status = "draft"
    corrected.title = "Lịch tiêm chủng (đã sửa giờ)"
    corrected.updated_at = utcnow()
    withdrawn = session.scalars(select(Item).where(Item.status == "published").order_by(Item.id)).first()
    session.delete(withdrawn)
    course = session.scalars(select(Course).order_by(Course.id)).first()
    course.title = "Dùng điện thoại an toàn (bản mới)"
    course.updated_at = utcnow()
    session.commit()
    answer = add_petition(session, "31", public_title="Xin lắp thêm đèn ở ngõ 12", published=utcnow())

    synced = {}
    for name in COLLECTIONS:
        changed, removed, _ = _crawl(client, name, since=marks[name])
        synced[name] = (set(changed), removed)
        for key in removed:
            mirror[name].pop(key, None)
        mirror[name].update(changed)

    assert synced["bulletins"] == ({corrected.id}, {gone.id})
    assert synced["library"][1] == {withdrawn.id}
    assert course.id in synced["courses"][0]
    assert answer.id in synced["answers"][0]
    for name in COLLECTIONS:
        fresh, _, _ = _crawl(client, name)
        assert mirror[name] == fresh, f"the mirrored {name} differ from a fresh crawl"
    assert mirror["bulletins"][corrected.id]["title"] == "Lịch tiêm chủng (đã sửa giờ)"
    assert gone.id not in mirror["bulletins"] and withdrawn.id not in mirror["library"]
