"""Feeds are valid XML with correct dates and enclosures; EPUBs pass epubcheck."""

import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from portal.bulletins.models import Bulletin

ATOM = "{http://www.w3.org/2005/Atom}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def test_atom_feed(client, make_bulletin, session):
    b = session.get(Bulletin, make_bulletin())
    make_bulletin(title="Bản tin của Nghệ An", unit="40")
    response = client.get("/ban-tin/feed.atom")
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.data)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert b.title in titles
    for e in entries:
        datetime.fromisoformat(e.find(f"{ATOM}updated").text)
    only = ET.fromstring(client.get("/ban-tin/feed.atom?don-vi=40").data)
    assert [e.find(f"{ATOM}title").text for e in only.findall(f"{ATOM}entry")] == ["Bản tin của Nghệ An"]
    assert client.get("/ban-tin/feed.atom?don-vi=khong-co").status_code == 404


def test_podcast_feed_has_enclosures_with_lengths_and_durations(client, make_bulletin, session):
    b = session.get(Bulletin, make_bulletin())
    root = ET.fromstring(client.get("/ban-tin/podcast.rss").data)
    channel = root.find("channel")
    assert channel.find(f"{ITUNES}explicit") is not None
    item = channel.find("item")
    enclosure = item.find("enclosure")
    assert enclosure.get("type") == "audio/mpeg"
    assert int(enclosure.get("length")) == b.audio_mp3_bytes > 0
    audio = client.get(enclosure.get("url").replace("http://localhost", ""))
    assert len(audio.data) == b.audio_mp3_bytes
    h, m, s = (int(x) for x in item.find(f"{ITUNES}duration").text.split(":"))
    assert abs(h * 3600 + m * 60 + s - b.audio_seconds) <= 1
    datetime.strptime(item.find("pubDate").text, "%a, %d %b %Y %H:%M:%S %z")


def _epubcheck(path):
    java = shutil.which("java")
    jar = "/usr/bin/epubcheck"
    if not java or not shutil.which("epubcheck"):
        pytest.fail("epubcheck (Debian package) and Java are needed; .ci/run installs them")
    return subprocess.run([java, "-jar", jar, str(path)], capture_output=True, text=True, timeout=120)


def test_bulletin_and_monthly_epubs_are_valid(client, make_bulletin, session, tmp_path):
    b = session.get(Bulletin, make_bulletin())
    make_bulletin(title="Bản tin thứ hai trong tháng")
    single = tmp_path / "one.epub"
    single.write_bytes(client.get(f"/ban-tin/{b.slug}.epub").data)
    month = b.publish_at.strftime("%Y-%m")
    response = client.get(f"/ban-tin/tuyen-tap/31/{month}.epub")
    assert response.status_code == 200
    monthly = tmp_path / "month.epub"
    monthly.write_bytes(response.data)
    for path in (single, monthly):
        result = _epubcheck(path)
        assert result.returncode == 0, result.stdout + result.stderr
    import zipfile

    names = zipfile.ZipFile(monthly).namelist()
    assert "EPUB/toc.ncx" in names and "EPUB/nav.xhtml" in names
    assert sum(n.startswith("EPUB/ban-tin-") for n in names) == 2
    assert client.get("/ban-tin/tuyen-tap/31/2001-01.epub").status_code == 404


def test_committee_list_links_its_monthly_ebooks(client, make_bulletin, session):
    b = session.get(Bulletin, make_bulletin())
    html = client.get("/ban-tin/?don-vi=31").get_data(as_text=True)
    href = f"/ban-tin/tuyen-tap/31/{b.publish_at.year}-{b.publish_at.month}.epub"
    assert href in html
    assert client.get(href).headers["Content-Type"] == "application/epub+zip"
