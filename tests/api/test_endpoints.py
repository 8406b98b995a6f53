"""One test per API endpoint with the demo content, plus ETag/304, CORS, the rate limit,
problem+json in both languages and `since` with removals."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

from sqlalchemy import select

from portal.bulletins.models import Bulletin
from portal.db import utcnow
from portal.lessons.models import Course
from portal.library.models import Item
from portal.petitions.models import Petition
from tests.content import ensure_sample_content
from tests.petitions.test_public_answers import add_petition


def _json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.get_data(as_text=True)[:500])
    assert response.mimetype == "application/json"
    return response.get_json()


def test_bulletins_list_and_item(app, client):
    ensure_sample_content(app)
    page = _json(client, "/api/v1/bulletins/?province=31")
    assert page["total"] >= 1 and all(b["committee"]["code"] != "TW" for b in page["items"])
    first = page["items"][0]
    one = _json(client, f"/api/v1/bulletins/{first['id']}")
    assert one == first and one["url"] == f"/ban-tin/{one['slug']}" and one["body"]
    assert one["epub"] is None or one["epub"]["type"] == "application/epub+zip"
    assert _json(client, "/api/v1/bulletins/?committee=11311")["total"] >= 1
    assert {b["committee"]["code"] for b in _json(client, "/api/v1/bulletins/?committee=TW")["items"]} <= {"TW"}


def test_library_list_and_item_with_files_and_reading_pages(app, client):
    ensure_sample_content(app)
    page = _json(client, "/api/v1/library/?per_page=100")
    assert page["total"] >= 1
    with_files = [i for i in page["items"] if i["files"]]
    assert with_files
    item = _json(client, f"/api/v1/library/{with_files[0]['id']}")
    f = item["files"][0]
    assert f["bytes"] > 0 and f["format"] and f["url"].startswith(f"/thu-vien/{item['slug']}/tai/")
    assert client.get(f["url"]).status_code == 200
    for p in item["reading_pages"]:
        assert client.get(p["url"]).status_code == 200


def test_answers_list_and_item_show_public_wording_only(app, client, session):
    p = add_petition(session, "11311", title="Nguyên văn riêng", public_title="Đèn đường hỏng",
                     body="Nguyên văn có số 0912345678", public_body="Đèn đường hỏng ở ngõ 5", name="Nguyễn Văn An")
    add_petition(session, "11311", status="answered", published=None)  # answered, not published
    page = _json(client, "/api/v1/answers/")
    assert page["total"] == 1
    one = _json(client, f"/api/v1/answers/{p.id}")
    assert one["title"] == "Đèn đường hỏng" and one["body"] == "Đèn đường hỏng ở ngõ 5"
    assert one["sender"] == "Nguyễn Văn An" and one["url"] == f"/phan-anh/{p.code}"
    assert "Nguyên văn" not in str(page) and "0912345678" not in str(page)


def test_courses_with_lessons_steps_and_quiz_without_answers(app, client):
    ensure_sample_content(app)
    page = _json(client, "/api/v1/courses/")
    assert page["total"] >= 1
    course = _json(client, f"/api/v1/courses/{page['items'][0]['id']}")
    lesson = course["lessons"][0]
    assert lesson["steps"] and lesson["quiz"] and lesson["quiz"][0]["choices"]
    assert client.get(lesson["steps"][0]["url"]).status_code == 200
    text = str(course)
    assert "correct" not in text and "explanation" not in text


def test_committees(client):
    page = _json(client, "/api/v1/committees/?per_page=1000")
    assert page["total"] == 3356 and len(page["items"]) == 1000 and page["next"]
    provinces = _json(client, "/api/v1/committees/?level=province")
    assert provinces["total"] == 34
    hb = _json(client, "/api/v1/committees/11311")
    assert hb["name"] == "Phường Hồng Bàng" and hb["parent"] == "31" and hb["level"] == "commune"
    assert _json(client, "/api/v1/committees/?province=31")["total"] > 1


def test_search_folds_diacritics(app, client):
    ensure_sample_content(app)
    found = _json(client, "/api/v1/search?q=dang+ky+vneid")
    assert found["total"] >= 1 and found["items"][0]["url"].startswith("/")
    assert _json(client, "/api/v1/search?q=vneid&kind=bulletin")["by_kind"]


def test_openapi_document_lists_every_endpoint_and_human_page(client):
    doc = _json(client, "/api/v1/openapi.json")
    assert doc["openapi"] == "3.1.0"
    for path in ("/api/v1/bulletins/", "/api/v1/library/{id}", "/api/v1/answers/", "/api/v1/courses/{id}",
                 "/api/v1/committees/{code}", "/api/v1/search"):
        assert path in doc["paths"]
    page = client.get("/api/v1/")
    assert page.status_code == 200 and "/api/v1/openapi.json" in page.get_data(as_text=True)


def test_etag_and_304_and_cache_control(app, client):
    ensure_sample_content(app)
    for url in ("/api/v1/bulletins/", "/api/v1/committees/31", "/api/v1/openapi.json", "/api/v1/search?q=vneid"):
        first = client.get(url)
        etag = first.headers["ETag"]
        assert "public" in first.headers["Cache-Control"] and "max-age=" in first.headers["Cache-Control"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and not again.data and again.headers["ETag"] == etag
        gz = client.get(url, headers={"If-None-Match": etag.strip('"') + ":gzip"})
        assert gz.status_code in (200, 304)


def test_cors_for_any_origin(client):
    response = client.get("/api/v1/committees/31", headers={"Origin": "https://smart.haiphong.gov.vn"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    assert "Set-Cookie" not in response.headers
    preflight = client.options("/api/v1/bulletins/", headers={
        "Origin": "https://x.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match"})
    assert preflight.status_code == 200 and "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]


def test_problems_in_vietnamese_and_english(client):
    vi = client.get("/api/v1/bulletins/?per_page=1000")
    assert vi.status_code == 400 and vi.mimetype == "application/problem+json"
    body = vi.get_json()
    assert body["status"] == 400 and body["title"] == "Yêu cầu không hợp lệ"
    assert body["invalid-params"][0]["name"] == "per_page"
    en = client.get("/api/v1/nothing-here", headers={"Accept-Language": "en"})
    assert en.status_code == 404 and en.get_json()["title"] == "Not found"
    assert client.get("/api/v1/bulletins/999999").get_json()["title"] == "Không tìm thấy"
    assert client.post("/api/v1/bulletins/").status_code == 405
    assert client.get("/api/v1/bulletins/?since=yesterday").status_code == 400


def test_rate_limit_per_address_as_problem(app, client):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    try:
        codes = [client.get("/api/v1/committees/31").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        last = client.get("/api/v1/committees/31", headers={"Accept-Language": "en"})
        assert last.mimetype == "application/problem+json" and int(last.headers["Retry-After"]) > 0
        other = app.test_client().get("/api/v1/committees/31", environ_base={"REMOTE_ADDR": "10.0.0.9"})
        assert other.status_code == 200
    finally:
        app.config["API_RATE_LIMIT"] = "300 per minute;5000 per hour"


def test_since_reports_changes_and_removals(app, client, session):
    ensure_sample_content(app)
    before = _json(client, "/api/v1/bulletins/")
    as_of = before["as_of"]
    assert _json(client, f"/api/v1/bulletins/?since={as_of}")["items"] == []
    b = session.get(Bulletin, before["items"][0]["id"])
    b.status = "draft"
    item = session.scalars(select(Item).where(Item.status == "published")).first()
    session.delete(item)
    course = session.scalars(select(Course)).first()
    course.title = "Khóa học mới"
    course.updated_at = utcnow()
    p = add_petition(session, "11311")
    p.updated_at = utcnow()
    session.commit()
    changed = _json(client, f"/api/v1/bulletins/?since={as_of}")
    assert [r["id"] for r in changed["removed"]] == [b.id]
    assert [r["id"] for r in _json(client, f"/api/v1/library/?since={as_of}")["removed"]] == [item.id]
    assert [c["title"] for c in _json(client, f"/api/v1/courses/?since={as_of}")["items"]] == ["Khóa học mới"]
    assert [a["id"] for a in _json(client, f"/api/v1/answers/?since={as_of}")["items"]] == [p.id]
    session.get(Petition, p.id).hidden = True
    session.commit()
    assert [r["id"] for r in _json(client, f"/api/v1/answers/?since={as_of}")["removed"]] == [p.id]
    # A draft never published leaves no trace.
    later = quote((utcnow() + timedelta(seconds=1)).isoformat())
    assert _json(client, f"/api/v1/bulletins/?since={later}")["removed"] == []
