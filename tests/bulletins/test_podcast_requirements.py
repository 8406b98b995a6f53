"""The feeds as feed readers and podcast directories read them: Atom enclosures (RFC 4287), and
the podcast RSS checked against Apple Podcasts Connect's requirements and the Podcast Index
namespace basics (guid, locked)."""

import io
import uuid
import xml.etree.ElementTree as ET
from collections import Counter

import feedparser
from PIL import Image

from portal.bulletins.models import Bulletin

ATOM = "{http://www.w3.org/2005/Atom}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"


def _local(url):
    return url.replace("http://localhost", "")


def test_atom_entries_carry_enclosures_with_length_and_type(client, make_bulletin, session):
    b = session.get(Bulletin, make_bulletin())
    make_bulletin(title="Bản tin của Nghệ An", unit="40")
    for url in ("/ban-tin/feed.atom", "/ban-tin/feed.atom?don-vi=31"):
        feed = feedparser.parse(client.get(url).data)
        assert not feed.bozo, feed.bozo_exception
        entry = next(e for e in feed.entries if e.title == b.title)
        types = {e.type: e for e in entry.enclosures}
        assert set(types) == {"audio/mpeg", "audio/ogg; codecs=opus", "application/epub+zip"}
        assert int(types["audio/mpeg"].length) == b.audio_mp3_bytes > 0
        assert int(types["audio/ogg; codecs=opus"].length) == b.audio_opus_bytes > 0
        assert int(types["application/epub+zip"].length) == b.epub_bytes > 0
        assert len(client.get(_local(types["audio/mpeg"].href)).data) == b.audio_mp3_bytes
        assert entry.link == f"http://localhost/ban-tin/{b.slug}"
    # RFC 4287 §4.1.1: no two alternate links of one type (and hreflang) in an entry.
    root = ET.fromstring(client.get("/ban-tin/feed.atom").data)
    for entry in root.iter(f"{ATOM}entry"):
        alternates = Counter(link.get("type") for link in entry.findall(f"{ATOM}link")
                             if link.get("rel", "alternate") == "alternate")
        assert alternates == {"text/html": 1}


def test_podcast_meets_apple_and_podcast_index_requirements(client, make_bulletin, session, app):
    b = session.get(Bulletin, make_bulletin())
    make_bulletin(title="Bản tin thứ hai")
    app.config["PODCAST_OWNER_EMAIL"] = "bantin@example.vn"
    body = client.get("/ban-tin/podcast.rss").data
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.bozo_exception
    channel = ET.fromstring(body).find("channel")
    # Podcasts Connect: title, description, language, category, explicit, artwork, owner, link.
    assert channel.findtext("title") and channel.findtext("description")
    assert channel.findtext("language") == "vi"
    assert channel.findtext("link") == "http://localhost/ban-tin/"  # the site, not the feed
    assert channel.find(f"{ITUNES}category").get("text") == "News"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.findtext(f"{ITUNES}author") == "Mặt trận Tổ quốc Việt Nam"
    owner = channel.find(f"{ITUNES}owner")
    assert owner.findtext(f"{ITUNES}name") and owner.findtext(f"{ITUNES}email") == "bantin@example.vn"
    art = channel.find(f"{ITUNES}image").get("href")
    assert art.startswith("http://localhost/") and art.endswith(".png")
    response = client.get(_local(art))
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG" and image.mode == "RGB"
    assert image.width == image.height and 1400 <= image.width <= 3000
    assert channel.find("image").findtext("url") == art
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("rel") == "self" and self_link.get("type") == "application/rss+xml"
    # The Podcast Index namespace: locked, with the owner's address, and the feed's guid.
    locked = channel.find(f"{PODCAST}locked")
    assert locked.text == "yes" and locked.get("owner") == "bantin@example.vn"
    bare = "localhost/ban-tin/podcast.rss"
    assert channel.findtext(f"{PODCAST}guid") == str(uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
                                                               bare))
    items = channel.findall("item")
    assert len(items) == 2
    for item in items:
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "true" and guid.text == item.findtext("link")
        enclosure = item.find("enclosure")
        assert enclosure.get("type") == "audio/mpeg" and int(enclosure.get("length")) > 0
        assert item.findtext("title") and item.findtext("pubDate") and item.findtext(f"{ITUNES}duration")
    assert b.title in [e.title for e in parsed.entries]
    assert all(e.enclosures and e.enclosures[0].type == "audio/mpeg" for e in parsed.entries)


def test_a_committee_podcast_links_to_its_own_page(client, make_bulletin, session):
    make_bulletin(title="Bản tin của Nghệ An", unit="40")
    channel = ET.fromstring(client.get("/ban-tin/podcast.rss?don-vi=40").data).find("channel")
    assert channel.findtext("link") == "http://localhost/ban-tin/?don-vi=40"
    assert [i.findtext("title") for i in channel.findall("item")] == ["Bản tin của Nghệ An"]


def test_pages_announce_the_feeds(client, make_bulletin):
    make_bulletin(unit="40")
    for url in ("/", "/ban-tin/", "/phan-anh/"):
        html = client.get(url).get_data(as_text=True)
        head = html[:html.index("</head>")]
        assert '<link rel="alternate" type="application/rss+xml" href="/ban-tin/podcast.rss"' in head, url
        assert '<link rel="alternate" type="application/atom+xml" href="/ban-tin/feed.atom"' in head, url
    head = client.get("/ban-tin/?don-vi=40").get_data(as_text=True).split("</head>")[0]
    assert 'href="/ban-tin/podcast.rss?don-vi=40"' in head and 'href="/ban-tin/feed.atom?don-vi=40"' in head
