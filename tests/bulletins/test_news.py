"""News sources: feeds served on loopback become drafts, once, and failures import nothing."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import func, select

from portal.bulletins.models import Bulletin, ImportedItem, NewsSource
from portal.bulletins.service import import_feed
from portal.units.service import get_by_code
from tests.conftest import csrf_from

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Cổng tỉnh</title>
<item><title>Tỉnh phát động tháng cao điểm vì người nghèo</title><link>http://127.0.0.1/a</link>
<guid>a-1</guid>
<description>&lt;p&gt;Toàn tỉnh &lt;b&gt;chung tay&lt;/b&gt; giúp hộ nghèo.&lt;/p&gt;</description></item>
<item><title>Hướng dẫn đăng ký VNeID mức 2</title><link>http://127.0.0.1/b</link><guid>b-2</guid>
<description>Đến công an xã.</description></item></channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
<entry><id>urn:x:1</id><title>Tin Atom về phòng chống bão</title><link href="http://127.0.0.1/c"/>
<summary>Chằng chống nhà cửa.</summary><updated>2026-11-01T00:00:00Z</updated></entry></feed>"""


@pytest.fixture
def feed_server():
    state = {"body": RSS.encode(), "status": 200}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(state["status"])
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.end_headers()
            self.wfile.write(state["body"])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_port}/feed"
    yield state
    server.shutdown()


def _source(session, url):
    source = NewsSource(name="Cổng thông tin tỉnh", url=url, unit=get_by_code(session, "40"), topic="an-sinh")
    session.add(source)
    session.commit()
    return source.id


def test_new_entries_become_drafts_once(session, feed_server):
    sid = _source(session, feed_server["url"])
    assert import_feed(session, sid, timeout=5) == 2
    drafts = session.scalars(select(Bulletin).order_by(Bulletin.id)).all()
    assert [b.status for b in drafts] == ["draft", "draft"]
    # The description is the text once, not also the summary (the page showed it twice).
    assert drafts[0].summary == "" and drafts[0].body.startswith("Toàn tỉnh chung tay giúp hộ nghèo.")
    assert drafts[0].body.count("Toàn tỉnh chung tay giúp hộ nghèo.") == 1
    assert drafts[0].unit.code == "40" and "Nguồn: [Cổng thông tin tỉnh](http://127.0.0.1/a)" in drafts[0].body
    assert import_feed(session, sid, timeout=5) == 0
    assert session.scalar(select(func.count()).select_from(Bulletin)) == 2
    feed_server["body"] = ATOM.encode()
    assert import_feed(session, sid, timeout=5) == 1
    title = session.scalar(select(Bulletin.title).where(Bulletin.source_guid == "urn:x:1"))
    assert title == "Tin Atom về phòng chống bão"


@pytest.mark.parametrize("body, status, reason", [
    (b"<rss><channel><item><title>cut", 200, "xml"),
    (b"<html><body>Not a feed</body></html>", 200, "format"),
    (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><rss/>', 200, "dtd"),
    # The same in UTF-16, and a DOCTYPE behind a long comment: no byte search finds them.
    ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE rss [<!ENTITY a "aaaa">]>'
     '<rss><channel><item><title>&a;</title></item></channel></rss>'.encode("utf-16"), 200, "dtd"),
    (b"<!--" + b"x" * 3000 + b'--><!DOCTYPE rss SYSTEM "rss.dtd"><rss><channel/></rss>', 200, "dtd"),
    (b"down", 503, "fetch"),
])
def test_failures_are_reported_and_import_nothing(session, feed_server, body, status, reason):
    feed_server["body"], feed_server["status"] = body, status
    sid = _source(session, feed_server["url"])
    assert import_feed(session, sid, timeout=5) == 0
    source = session.get(NewsSource, sid)
    assert source.last_error == reason and source.last_checked_at is not None
    assert session.scalar(select(func.count()).select_from(Bulletin)) == 0
    assert session.scalar(select(func.count()).select_from(ImportedItem)) == 0


def test_admin_registers_and_checks_a_feed(client, make_user, login, session, feed_server):
    make_user("admin@example.org", role="admin")
    login("admin@example.org")
    page = client.get("/quan-tri/ban-tin/nguon-tin").get_data(as_text=True)
    bad = client.post("/quan-tri/ban-tin/nguon-tin", data={"csrf_token": csrf_from(page), "name": "Tỉnh",
                                                          "url": "not a url", "unit_code": "40", "topic": "an-sinh"})
    assert bad.status_code == 400 and 'value="Tỉnh"' in bad.get_data(as_text=True)
    client.post("/quan-tri/ban-tin/nguon-tin", data={"csrf_token": csrf_from(page), "name": "Tỉnh",
                                                    "url": feed_server["url"], "unit_code": "40", "topic": "an-sinh"})
    source = session.scalar(select(NewsSource))
    page = client.get("/quan-tri/ban-tin/nguon-tin").get_data(as_text=True)
    client.post(f"/quan-tri/ban-tin/nguon-tin/{source.id}/kiem-tra", data={"csrf_token": csrf_from(page)})
    html = client.get("/quan-tri/ban-tin/nguon-tin").get_data(as_text=True)
    assert "2 bản nháp mới" in html
    assert session.scalar(select(func.count()).select_from(Bulletin)) == 2


def test_editors_cannot_manage_sources(client, make_user, login):
    make_user("ed@example.org", role="editor", unit="40")
    login("ed@example.org")
    assert client.get("/quan-tri/ban-tin/nguon-tin").status_code == 403
