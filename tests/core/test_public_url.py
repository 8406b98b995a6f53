"""Feeds, the podcast, the OPDS catalog and the OpenSearch description hold absolute links that
readers keep. With `Host: evil.example` they must not send residents elsewhere: with PUBLIC_URL
set, every link is built from it and an unknown Host is refused (400); without it, links follow
the request, and then no shared cache may keep the answer (Cache-Control: private)."""

from __future__ import annotations

import re

import pytest

from portal.config import load_config
from portal.library.models import Item
from tests.bulletins.conftest import make_bulletin  # noqa: F401 (a fixture)
from tests.library.conftest import make_item, sample_pdf  # noqa: F401 (fixtures)

PUBLIC = "https://matran.example.vn"
EVIL = {"Host": "evil.example"}
LINK = re.compile(rb"https?://[^\"'<>\s]+")


@pytest.fixture
def feeds(make_bulletin, make_item, sample_pdf, session):  # noqa: F811
    make_bulletin()  # published, with its audio rendered (JOBS_IMMEDIATE): a podcast enclosure
    item = session.get(Item, make_item(files=[("luat.pdf", sample_pdf)]))
    return ["/ban-tin/feed.atom", "/ban-tin/podcast.rss", "/ban-tin/feed.atom?don-vi=31", "/thu-vien/opds",
            "/thu-vien/opds/moi", f"/thu-vien/opds/tim?q={item.title.split()[0]}", "/thu-vien/opds/opensearch.xml",
            "/phan-anh/feed.atom"]


def _links(body: bytes) -> list[str]:
    namespaces = rb"w3\.org|purl\.org|opds-spec|a9\.com|itunes\.com|podcastindex\.org/namespace|lkiesow|rssboard"
    return [m.decode() for m in LINK.findall(body) if not re.search(namespaces, m)]


@pytest.fixture
def public_url(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC)
    monkeypatch.setitem(app.config, "ALLOWED_HOSTS", ["matran.example.vn", "localhost", "127.0.0.1"])


def test_without_public_url_links_from_the_host_are_never_cached_publicly(client, feeds):
    for url in feeds:
        response = client.get(url, headers=EVIL)
        assert response.status_code == 200, url
        cache = response.headers["Cache-Control"]
        assert "private" in cache and "public" not in cache, (url, cache)
        again = client.get(url, headers={**EVIL, "If-None-Match": response.headers.get("ETag") or "x"})
        assert "public" not in again.headers["Cache-Control"], url  # the 304 too, when there is one
    podcast = client.get("/ban-tin/podcast.rss").data
    assert b"<enclosure" in podcast and b"http://localhost/media/public/audio/" in podcast


def test_with_public_url_every_link_uses_it_whatever_the_host(client, feeds, public_url):
    for host in ("matran.example.vn", "MATRAN.example.vn", "127.0.0.1:8000", "localhost"):
        for url in feeds:
            response = client.get(url, headers={"Host": host})
            assert response.status_code == 200, (host, url)
            links = _links(response.data)
            assert links and all(link.startswith(PUBLIC + "/") for link in links), (url, links)
            assert response.headers["Cache-Control"].startswith("public"), url
    podcast = client.get("/ban-tin/podcast.rss", headers={"Host": "matran.example.vn"}).data
    assert re.search(rb'<enclosure url="https://matran\.example\.vn/media/public/audio/[0-9a-f]+\.mp3"', podcast)
    opds = client.get("/thu-vien/opds/moi?trang=1", headers={"Host": "matran.example.vn"}).data
    assert re.search(rb'href="https://matran\.example\.vn/thu-vien/[a-z0-9-]+/tai/\d+\.pdf"', opds)
    assert b'rel="self" href="https://matran.example.vn/thu-vien/opds/moi?trang=1"' in opds


def test_with_public_url_an_unknown_host_is_refused(client, feeds, public_url):
    for url in [*feeds, "/", "/phan-anh/gui", "/healthz", "/static/css/site.css"]:
        for host in ("evil.example", "matran.example.vn.evil.example", "evil.example:443"):
            response = client.get(url, headers={"Host": host})
            assert response.status_code == 400, (host, url, response.status_code)
            assert b"evil.example" not in response.data
    page = client.get("/", headers=EVIL).get_data(as_text=True)
    assert '<html lang="vi">' in page and "Yêu cầu không hợp lệ" in page  # the portal's own page


def test_public_url_and_allowed_hosts_settings(monkeypatch, tmp_path):
    def config(**env):
        for name in ("PUBLIC_URL", "ALLOWED_HOSTS"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return load_config({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})

    unset = config()
    assert unset["PUBLIC_URL"] == "" and unset["ALLOWED_HOSTS"] is None
    given = config(PUBLIC_URL="https://Matran.Example.vn/")
    assert given["PUBLIC_URL"] == PUBLIC
    assert given["ALLOWED_HOSTS"] == ["matran.example.vn", "localhost", "127.0.0.1"]
    assert config(PUBLIC_URL="http://10.0.0.5:8080")["PUBLIC_URL"] == "http://10.0.0.5:8080"
    chosen = config(PUBLIC_URL=PUBLIC, ALLOWED_HOSTS="matran.example.vn, .mattran.vn")
    assert chosen["ALLOWED_HOSTS"] == ["matran.example.vn", ".mattran.vn"]
    assert config(ALLOWED_HOSTS="portal.internal")["ALLOWED_HOSTS"] == ["portal.internal"]
    for wrong in ("matran.example.vn", "ftp://matran.example.vn", "https://matran.example.vn/cong",
                  "https://matran.example.vn/?a=1", "https://user:pw@matran.example.vn", "https://"):
        with pytest.raises(ValueError, match="PUBLIC_URL"):
            config(PUBLIC_URL=wrong)


def test_allowed_hosts_alone_refuses_other_hosts(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "ALLOWED_HOSTS", [".mattran.vn"])
    response = client.get("/thu-vien/opds", headers={"Host": "hanoi.mattran.vn"})
    assert response.status_code == 200 and b"http://hanoi.mattran.vn/thu-vien/opds" in response.data
    assert "private" in response.headers["Cache-Control"]  # still links from the request
    assert client.get("/thu-vien/opds", headers=EVIL).status_code == 400
