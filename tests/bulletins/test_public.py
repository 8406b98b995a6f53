"""Residents' bulletin pages: list, filters, page with audio, scheduling, drafts hidden."""

from datetime import timedelta

from portal.bulletins.models import Bulletin
from portal.db import utcnow


def test_published_bulletin_has_audio_epub_and_text(client, make_bulletin, session):
    bid = make_bulletin()
    b = session.get(Bulletin, bid)
    assert b.media_state == "done", b.media_error
    html = client.get(f"/ban-tin/{b.slug}").get_data(as_text=True)
    assert "<h1>Ngày hội Đại đoàn kết ở khu dân cư</h1>" in html
    assert '<audio controls preload="none">' in html
    assert 'type="audio/ogg; codecs=opus"' in html and 'type="audio/mpeg"' in html
    assert "Tải về (MP3," in html and "Tải sách điện tử (EPUB," in html
    assert "<h2>Chương trình</h2>" in html
    assert client.get(f"/ban-tin/{b.slug}.epub").headers["Content-Type"] == "application/epub+zip"


def test_list_filters_and_pages(client, make_bulletin):
    for i in range(12):
        make_bulletin(title=f"Bản tin Hải Phòng số {i + 1}", unit="31", topic="an-sinh")
    make_bulletin(title="Bản tin Nghệ An về phòng chống bão", unit="40", topic="thien-tai")
    page1 = client.get("/ban-tin/").get_data(as_text=True)
    assert page1.count('class="card"') == 10 and "Trang 1/2" in page1
    page2 = client.get("/ban-tin/?trang=2").get_data(as_text=True)
    assert page2.count('class="card"') == 3
    nghe_an = client.get("/ban-tin/?tinh=40").get_data(as_text=True)
    assert "phòng chống bão" in nghe_an and "Hải Phòng số" not in nghe_an
    topic = client.get("/ban-tin/?chu-de=thien-tai").get_data(as_text=True)
    assert topic.count('class="card"') == 1
    unit = client.get("/ban-tin/?don-vi=31").get_data(as_text=True)
    assert "Bản tin của Ủy ban MTTQ Việt Nam thành phố Hải Phòng" in unit
    assert client.get("/ban-tin/?trang=abc&chu-de=<script>").status_code == 200


def test_htmx_filter_returns_the_list_only(client, make_bulletin):
    make_bulletin()
    response = client.get("/ban-tin/?tinh=31", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'class="card"' in html
    assert "HX-Request" in response.headers["Vary"]


def test_drafts_and_scheduled_are_not_public(client, make_bulletin, session):
    draft = session.get(Bulletin, make_bulletin(title="Bản nháp chưa đăng", publish=False))
    later = session.get(Bulletin, make_bulletin(title="Bản tin hẹn giờ", when=utcnow() + timedelta(days=1)))
    assert client.get(f"/ban-tin/{draft.slug}").status_code == 404
    assert client.get(f"/ban-tin/{later.slug}").status_code == 404
    listing = client.get("/ban-tin/").get_data(as_text=True)
    assert "Bản nháp" not in listing and "hẹn giờ" not in listing
    later.publish_at = utcnow() - timedelta(minutes=1)
    session.commit()
    assert client.get(f"/ban-tin/{later.slug}").status_code == 200


def test_home_shows_latest_bulletins_with_listen(client, make_bulletin):
    make_bulletin(title="Bản tin mới nhất trên trang chủ")
    html = client.get("/").get_data(as_text=True)
    assert "Bản tin mới nhất trên trang chủ" in html and "<audio" in html


def test_audio_supports_range_and_long_cache(client, make_bulletin, session):
    b = session.get(Bulletin, make_bulletin())
    url = f"/media/{b.audio_mp3}"
    full = client.get(url)
    assert full.status_code == 200 and full.headers["Content-Type"] == "audio/mpeg"
    assert "immutable" in full.headers["Cache-Control"]
    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.data == full.data[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(full.data)}"
    opus = client.get(f"/media/{b.audio_opus}")
    assert opus.headers["Content-Type"].startswith("audio/ogg") and opus.data[:4] == b"OggS"


def test_media_route_refuses_private_and_odd_paths(client):
    for path in ["/media/private/x/a.mp3", "/media/public/../secret_key", "/media/public/audio/x.html",
                 "/media/public/audio/missing.mp3"]:
        assert client.get(path).status_code == 404, path


def test_search_finds_published_bulletin_without_diacritics(client, make_bulletin):
    make_bulletin(title="Hướng dẫn phòng chống lừa đảo qua mạng")
    html = client.get("/tim-kiem?q=lua+dao+qua+mang").get_data(as_text=True)
    assert "Hướng dẫn phòng chống lừa đảo qua mạng" in html


def test_scheduled_bulletin_enters_the_search_index_when_due(app, client, make_bulletin, session):
    from portal.bulletins.jobs import index_scheduled

    bid = make_bulletin(title="Lịch tiêm chủng mở rộng tháng tới", when=utcnow() + timedelta(hours=2))
    assert "Lịch tiêm chủng" not in client.get("/tim-kiem?q=lich+tiem+chung").get_data(as_text=True)
    b = session.get(Bulletin, bid)
    b.publish_at = utcnow() - timedelta(minutes=1)
    session.commit()
    with app.app_context():
        index_scheduled()
    assert "Lịch tiêm chủng mở rộng tháng tới" in client.get("/tim-kiem?q=lich+tiem+chung").get_data(as_text=True)
