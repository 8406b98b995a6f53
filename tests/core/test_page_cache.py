"""The shared page cache: anonymous pages come from it, every change of public content shows at
once on every page that lists it, and nothing personal, staff-only or with a form token is ever
kept. On the embedded default (instance/pagecache.db) and on Redis, as the CI pass configures.
Several workers and instances: tests/scale/test_page_cache_workers.py."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.bulletins import service as bulletins
from portal.bulletins.models import Bulletin
from portal.db import db, utcnow
from portal.units.service import get_by_code
from tests.content import ensure_sample_content
from tests.petitions.factories import make_petition

HIT = "X-Page-Cache"


@pytest.fixture
def cached(app):
    from portal.core.pagecache import bump

    app.config["PAGE_CACHE"] = True
    with app.app_context():
        bump()  # pages of an earlier test (tables emptied behind the services' back) are gone
    yield app
    app.config["PAGE_CACHE"] = False
    with app.app_context():
        bump()


def _admin(app):
    from portal.accounts.models import User

    return db.session.scalar(select(User).where(User.email == "sample-admin@example.org"))


def _twice(client, path, **kw):
    first = client.get(path, **kw)
    return first, client.get(path, **kw)


def test_anonymous_pages_come_from_the_cache_with_etag_vary_and_partials(cached, client):
    slugs = ensure_sample_content(cached)
    for path in ("/", "/ban-tin/", f"/ban-tin/{slugs[0]}", "/thu-vien/", "/phan-anh/", "/hoc-so/",
                 "/tim-kiem?q=lua+dao"):
        first, second = _twice(client, path, headers={"Accept-Encoding": "gzip"})
        assert first.status_code == second.status_code == 200, path
        assert HIT not in first.headers and second.headers[HIT] == "hit", path
        assert second.data == first.data and second.headers["ETag"] == first.headers["ETag"], path
        assert second.headers["Content-Encoding"] == "gzip" and "Cookie" in second.headers["Vary"], path
        again = client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.headers[HIT] == "hit" and not again.data, path
        assert again.headers["ETag"] == first.headers["ETag"] and again.headers["Vary"] == first.headers["Vary"]
    # The htmx fragment and the full page are two entries; a boosted request gets the full page.
    full = client.get("/ban-tin/").get_data(as_text=True)
    _, part = _twice(client, "/ban-tin/", headers={"HX-Request": "true"})
    _, boosted = _twice(client, "/ban-tin/", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert part.headers[HIT] == "hit" and "<html" not in part.get_data(as_text=True)
    assert "HX-Request" in part.headers["Vary"]
    assert boosted.headers[HIT] == "hit" and boosted.get_data(as_text=True) == full
    # The language is part of the key.
    reader = cached.test_client()
    reader.set_cookie("lang", "en")
    _, english = _twice(reader, "/")
    assert english.headers[HIT] == "hit" and '<html lang="en"' in english.get_data(as_text=True)
    assert '<html lang="vi"' in client.get("/").get_data(as_text=True)


def _everywhere(client, slug_path: str, query: str) -> dict[str, str]:
    return {path: client.get(path).get_data(as_text=True)
            for path in ("/", "/ban-tin/", "/thu-vien/", "/phan-anh/", f"/tim-kiem?q={query}", slug_path)}


def test_a_bulletin_corrected_then_unpublished_shows_at_once(cached, client):
    slugs = ensure_sample_content(cached)
    path = f"/ban-tin/{slugs[0]}"
    before = _everywhere(client, path, "cuoc+goi+gia+danh")
    assert all("Cảnh giác với cuộc gọi giả danh công an" in before[p] for p in ("/", "/ban-tin/", path))
    assert client.get("/ban-tin/").headers[HIT] == "hit"
    with cached.app_context():
        bulletin = db.session.scalar(select(Bulletin).where(Bulletin.slug == slugs[0]))
        data = bulletins.BulletinData(title="Cảnh giác cuộc gọi mạo danh cán bộ", summary=bulletin.summary,
                                      body=bulletin.body, topic=bulletin.topic, unit=bulletin.unit)
        bulletins.save(db.session, _admin(cached), data, bulletin)
    after = _everywhere(client, path, "cuoc+goi+mao+danh")
    for page in ("/", "/ban-tin/", path, "/tim-kiem?q=cuoc+goi+mao+danh"):
        assert "Cảnh giác cuộc gọi mạo danh cán bộ" in after[page], page
        assert "Cảnh giác với cuộc gọi giả danh công an" not in after[page], page
    with cached.app_context():
        bulletin = db.session.scalar(select(Bulletin).where(Bulletin.slug == slugs[0]))
        bulletins.unpublish(db.session, _admin(cached), bulletin)
    assert client.get(path).status_code == 404
    for page in ("/", "/ban-tin/", "/tim-kiem?q=cuoc+goi+mao+danh"):
        assert f'href="{path}"' not in client.get(page).get_data(as_text=True), page


def test_a_published_answer_shows_at_once(cached, client, make_user):
    from portal.accounts.models import User
    from portal.petitions import handling
    from portal.petitions.models import Petition

    make_user("xuly.cache@example.org", role="handler", unit="11311")
    pid = make_petition(cached, title="Cống thoát nước ngõ 12 bị tắc", status="answered",
                        answer="Phường đã nạo vét cống ngõ 12 ngày 3/12.")
    pages = ("/", "/phan-anh/", "/tim-kiem?q=nao+vet+cong")
    for page in pages:
        _, second = _twice(client, page)
        assert second.headers[HIT] == "hit" and "nạo vét cống" not in second.get_data(as_text=True)
    with cached.app_context():
        handler = db.session.scalar(select(User).where(User.email == "xuly.cache@example.org"))
        assert handling.publish(db.session, handler, db.session.get(Petition, pid))
        code = db.session.get(Petition, pid).code
    for page in pages:
        assert f"/phan-anh/{code}" in client.get(page).get_data(as_text=True), page


def test_a_new_petition_keeps_the_cache_and_publishing_its_answer_empties_it(cached, client, make_user):
    from portal.accounts.models import User
    from portal.petitions import handling
    from portal.petitions.models import Petition
    from tests.conftest import csrf_from

    ensure_sample_content(cached)
    make_user("xuly.moi@example.org", role="handler", unit="11311")
    pages = ("/", "/phan-anh/", "/ban-tin/", "/tim-kiem?q=nao+vet+cong")
    for page in pages:
        _twice(client, page)
    resident = cached.test_client()  # its session cookie keeps it out of the cache
    form = resident.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    sent = resident.post("/phan-anh/gui", data={
        "csrf_token": csrf_from(form), "unit_code": "11311", "buoc": "gui", "category": "ha-tang",
        "submission_id": re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', form).group(1),
        "title": "Cống thoát nước ngõ 12 bị tắc", "phone": "0912345678", "consent_public": "y",
        "body": "Cống thoát nước ở ngõ 12 bị tắc cả tuần nay, mưa xuống là nước tràn vào nhà dân."})
    assert sent.status_code == 303
    for page in pages:  # a petition nobody may read yet changed no public page: still stored
        assert client.get(page).headers.get(HIT) == "hit", page
    with cached.app_context():
        petition = db.session.scalar(select(Petition).where(Petition.title == "Cống thoát nước ngõ 12 bị tắc"))
        handler = db.session.scalar(select(User).where(User.email == "xuly.moi@example.org"))
        handling.answer(db.session, handler, petition, "Phường đã nạo vét cống ngõ 12 ngày 3/12.")
        assert handling.publish(db.session, handler, petition)
        code = petition.code
    for page in ("/", "/phan-anh/", "/tim-kiem?q=nao+vet+cong"):
        response = client.get(page)
        assert HIT not in response.headers and f"/phan-anh/{code}" in response.get_data(as_text=True), page


def test_a_spoken_petition_keeps_the_cache_too_and_gets_its_recording(cached, client):
    """Attaching the recording must not mark the new petition changed (a relationship set on it
    did, and emptied the cache at every spoken petition)."""
    from portal.petitions import service
    from portal.petitions.models import Petition, PetitionRecording

    ensure_sample_content(cached)
    pages = ("/", "/phan-anh/")
    for page in pages:
        _twice(client, page)
    with cached.app_context():
        recording = PetitionRecording(token="r" * 40, key="private/recordings/cay-do.opus", mimetype="audio/ogg",
                                      draft="Cây đổ chắn ngõ 7")
        db.session.add(recording)
        db.session.commit()
        petition, created = service.submit(db.session, service.Submission(
            submission_id="5b" * 16, unit=get_by_code(db.session, "11311"), category="ha-tang",
            title="Cây đổ chắn ngõ 7", body="Cây bàng trước nhà số 7 đổ chắn lối đi từ sáng nay.",
            phone="0912345678", consent_public=True, recording_id=recording.id))
        assert created
        db.session.expire_all()
        stored = db.session.get(PetitionRecording, recording.id)
        assert stored.petition_id == petition.id and stored.draft == ""  # the typed draft is the petition now
        assert [r.id for r in db.session.get(Petition, petition.id).recordings] == [recording.id]
    for page in pages:  # nobody may read the petition yet: every page still stored
        assert client.get(page).headers.get(HIT) == "hit", page


def test_a_library_item_withdrawn_disappears_at_once_and_views_still_count(cached, client):
    from portal.library import service as library
    from portal.library.models import Item

    ensure_sample_content(cached)
    with cached.app_context():
        item = db.session.scalar(select(Item).where(Item.status == "published").order_by(Item.id))
        slug, title, views = item.slug, item.title, item.views
    first, second = _twice(client, f"/thu-vien/{slug}")
    assert second.headers[HIT] == "hit"
    with cached.app_context():  # the hits were counted for "most read", and emptied no cache
        assert db.session.get(Item, item.id).views == views + 2
    word = re.sub(r"\W+", "+", title.split()[0])
    for page in ("/", "/thu-vien/", f"/tim-kiem?q={word}"):
        _, again = _twice(client, page)
        assert again.headers[HIT] == "hit" and f'href="/thu-vien/{slug}"' in again.get_data(as_text=True), page
    with cached.app_context():
        library.unpublish(db.session, _admin(cached), db.session.get(Item, item.id))
    assert client.get(f"/thu-vien/{slug}").status_code == 404
    for page in ("/", "/thu-vien/", f"/tim-kiem?q={word}"):
        assert f'href="/thu-vien/{slug}"' not in client.get(page).get_data(as_text=True), page


def test_a_page_ends_when_a_scheduled_bulletin_is_due(cached, client, monkeypatch):
    import time

    from portal.core import pagecache_store

    ensure_sample_content(cached)
    with cached.app_context():
        data = bulletins.BulletinData(title="Lịch tiêm chủng tháng mười hai", summary="Lịch tiêm.", body="Lịch tiêm.",
                                      topic="hoat-dong", unit=get_by_code(db.session, "TW"))
        b = bulletins.save(db.session, _admin(cached), data)
        bulletins.publish(db.session, _admin(cached), b, when=utcnow() + timedelta(minutes=5))
    _, second = _twice(client, "/ban-tin/")
    assert second.headers[HIT] == "hit" and "Lịch tiêm chủng" not in second.get_data(as_text=True)
    store = cached.extensions["page_cache"]
    if cached.config["REDIS_URL"]:  # Redis drops the page itself at the bulletin's time (its TTL)
        ttls = [store.client.ttl(k) for k in store.client.scan_iter(match=f"{store.pages}{store.generation()}:*")]
        assert ttls and max(ttls) <= 300
        return
    later = time.time() + 301  # SQLite checks the page's end on each read
    monkeypatch.setattr(pagecache_store.time, "time", lambda: later)
    assert HIT not in client.get("/ban-tin/").headers


@pytest.mark.parametrize("path, cookies", [
    ("/", {"portal_session": "planted"}),  # a session (staff or resident)
    ("/", {"lang": "vi", "hoc_so": "progress"}),  # any cookie but language and size
    ("/phan-anh/gui?don-vi=11311", {}),  # a form token
    ("/phan-anh/tra-cuu", {}),
    ("/quan-tri/dang-nhap", {}),  # staff
    ("/thong-ke", {}),
    ("/ngon-ngu/en", {}),  # sets a cookie
    ("/hoc-so/", {"hoc_so": "x"}),  # lesson progress (a refused cookie is replaced: sets one too)
])
def test_never_served_from_the_cache(cached, client, path, cookies):
    ensure_sample_content(cached)
    for name, value in cookies.items():
        client.set_cookie(name, value)
    responses = [client.get(path) for _ in range(3)]
    assert all(HIT not in r.headers for r in responses), path
    assert all("X-Page-Cache-Store" not in r.headers for r in responses)


def test_a_logged_in_page_is_never_stored_for_others(cached, client, make_user, login):
    ensure_sample_content(cached)
    make_user("ed.cache@example.org", role="editor", unit="31")
    staff = cached.test_client()
    login(staff, "ed.cache@example.org")
    for _ in range(2):
        staff.get("/")
    anonymous = client.get("/")
    assert HIT not in anonymous.headers  # nothing the staff member saw was stored
    assert "ed.cache@example.org" not in anonymous.get_data(as_text=True)


def test_views_of_a_crowd_are_added_up_before_they_are_written(cached, client, monkeypatch):
    from portal.library.models import Item

    ensure_sample_content(cached)
    with cached.app_context():
        item = db.session.scalar(select(Item).where(Item.status == "published").order_by(Item.id))
        slug, views = item.slug, item.views
    client.get(f"/thu-vien/{slug}")  # written: the first view after a long while
    monkeypatch.setitem(cached.config, "LIBRARY_VIEW_FLUSH_SECONDS", 3600)
    for _ in range(3):
        assert client.get(f"/thu-vien/{slug}").headers[HIT] == "hit"
    with cached.app_context():
        assert db.session.get(Item, item.id).views == views + 1  # the three are waiting
    monkeypatch.setitem(cached.config, "LIBRARY_VIEW_FLUSH_SECONDS", 0)
    client.get(f"/thu-vien/{slug}")
    with cached.app_context():
        assert db.session.get(Item, item.id).views == views + 5
