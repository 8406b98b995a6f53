"""The API's JSON GET answers from the shared page cache (instance SQLite, or Redis on the CI pass
that sets REDIS_URL): the same bytes and headers as the app's, 304 on ETag, never a problem or a
429, every hit still counted by the rate limit, and every change shown at once in the lists and
in the `since` sync."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import select

from portal.bulletins import service as bulletins
from portal.bulletins.models import Bulletin
from portal.db import db
from tests.content import ensure_sample_content
from tests.petitions.factories import make_petition

HIT = "X-Page-Cache"
SAME = ("Date", HIT)  # what may differ between the app's answer and the cache's


@pytest.fixture
def cached(app):
    from portal.core.pagecache import bump

    app.config["PAGE_CACHE"] = True
    with app.app_context():
        bump()
    yield app
    app.config["PAGE_CACHE"] = False
    with app.app_context():
        bump()


def _headers(response, *also) -> list[tuple[str, str]]:
    return sorted((n, v) for n, v in response.headers.items() if n not in (*SAME, *also))


def _admin():
    from portal.accounts.models import User

    return db.session.scalar(select(User).where(User.email == "sample-admin@example.org"))


def test_lists_and_items_come_from_the_cache_with_their_headers_and_304(cached, client):
    from portal.core.pagecache import bump

    ensure_sample_content(cached)
    first_id = client.get("/api/v1/bulletins/").get_json()["items"][0]["id"]
    origin = {"Origin": "https://smart.haiphong.gov.vn"}
    for url in ("/api/v1/bulletins/?per_page=20", f"/api/v1/bulletins/{first_id}", "/api/v1/library/",
                "/api/v1/answers/", "/api/v1/committees/31", "/api/v1/search?q=vneid", "/api/v1/openapi.json"):
        for headers in ({}, {"Accept-Encoding": "gzip"}):
            first, second = (client.get(url, headers=headers | origin) for _ in range(2))
            assert first.status_code == second.status_code == 200, url
            assert HIT not in first.headers and second.headers[HIT] == "hit", url
            assert second.data == first.data and _headers(second) == _headers(first), url
            assert second.headers["Access-Control-Allow-Origin"] == "*" and "public" in second.headers["Cache-Control"]
            assert "X-Accel-Expires" not in second.headers, url  # nginx would answer uncounted
            etag = first.headers["ETag"]
            kept = client.get(url, headers=headers | origin | {"If-None-Match": etag})
            assert kept.status_code == 304 and kept.headers[HIT] == "hit" and not kept.data, url
            with cached.app_context():
                bump()  # the app's own 304, to compare with the cache's
            fresh = client.get(url, headers=headers | origin | {"If-None-Match": etag})
            assert fresh.status_code == 304 and HIT not in fresh.headers, url
            # The cache answers with the ETag the client holds (":gzip" for a compressed body);
            # the app's 304 drops the suffix Flask-Compress added. Everything else is the same.
            assert kept.headers["ETag"] == etag and fresh.headers["ETag"] == etag.replace(":gzip", ""), url
            assert _headers(kept, "ETag") == _headers(fresh, "ETag"), url


def test_problems_and_429_are_never_kept_and_every_hit_counts(cached, client):
    for url in ("/api/v1/bulletins/?per_page=1000", "/api/v1/bulletins/999999", "/api/v1/nothing-here"):
        first, second = client.get(url), client.get(url)
        assert first.mimetype == "application/problem+json" and HIT not in second.headers, url
    cached.config["API_RATE_LIMIT"] = "3 per minute"
    try:
        answers = [client.get("/api/v1/committees/31") for _ in range(5)]
        assert [r.status_code for r in answers] == [200, 200, 200, 429, 429]
        assert [r.headers.get(HIT) for r in answers[:3]] == [None, "hit", "hit"]
        assert answers[3].mimetype == "application/problem+json" and int(answers[3].headers["Retry-After"]) > 0
        assert HIT not in answers[4].headers
        other = cached.test_client().get("/api/v1/committees/31", environ_base={"REMOTE_ADDR": "10.0.0.9"})
        assert other.status_code == 200 and other.headers[HIT] == "hit"
    finally:
        cached.config["API_RATE_LIMIT"] = "300 per minute;5000 per hour"


def test_a_bulletin_unpublished_leaves_the_lists_and_the_sync_at_once(cached, client):
    ensure_sample_content(cached)
    before = client.get("/api/v1/bulletins/").get_json()
    as_of, gone = before["as_of"], before["items"][0]["id"]
    since = f"/api/v1/bulletins/?since={quote(as_of)}"
    for url in ("/api/v1/bulletins/", since, f"/api/v1/bulletins/{gone}"):
        client.get(url)
        assert client.get(url).headers[HIT] == "hit", url
    assert client.get(since).get_json()["removed"] == []
    with cached.app_context():
        bulletins.unpublish(db.session, _admin(), db.session.get(Bulletin, gone))
    assert gone not in [b["id"] for b in client.get("/api/v1/bulletins/").get_json()["items"]]
    assert [r["id"] for r in client.get(since).get_json()["removed"]] == [gone]
    assert client.get(f"/api/v1/bulletins/{gone}").status_code == 404


def test_an_answer_published_shows_in_the_list_and_the_sync_at_once(cached, client, make_user):
    from portal.accounts.models import User
    from portal.petitions import handling
    from portal.petitions.models import Petition

    make_user("xuly.api@example.org", role="handler", unit="11311")
    pid = make_petition(cached, title="Cống thoát nước ngõ 12 bị tắc", status="answered",
                        answer="Phường đã nạo vét cống ngõ 12 ngày 3/12.")
    before = client.get("/api/v1/answers/").get_json()
    since = f"/api/v1/answers/?since={quote(before['as_of'])}"
    for url in ("/api/v1/answers/", since):
        client.get(url)
        second = client.get(url)
        assert second.headers[HIT] == "hit" and pid not in [a["id"] for a in second.get_json()["items"]]
    with cached.app_context():
        handler = db.session.scalar(select(User).where(User.email == "xuly.api@example.org"))
        assert handling.publish(db.session, handler, db.session.get(Petition, pid))
    for url in ("/api/v1/answers/", since):
        assert pid in [a["id"] for a in client.get(url).get_json()["items"]], url


def test_a_hit_counts_against_the_address_behind_the_proxy(app):
    from portal.core.pagecache import PageCache

    environ = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5", "HTTP_X_FORWARDED_PROTO": "https"}
    was = app.config.get("PROXY_COUNT")
    try:
        app.config["PROXY_COUNT"] = 1
        assert PageCache(app, None, None).address(dict(environ), None) == "203.0.113.5"
        app.config["PROXY_COUNT"] = 0
        assert PageCache(app, None, None).address(dict(environ), None) == "10.0.0.2"
    finally:
        app.config["PROXY_COUNT"] = was
