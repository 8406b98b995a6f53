"""Every address that maps to a file on the disk (static files, public media: bulletin audio and
EPUB, covers, lesson pictures; library downloads and audio; bulletin and monthly EPUBs): a name
that cannot be a file there (a part over 255 bytes, a path over 4096) is a 404, never a 500; and
a request for several byte ranges gets the whole file (200), while one range still gets 206 and
an unsatisfiable or malformed one 416."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.bulletins.models import Bulletin
from portal.core import media
from portal.library.models import Item, ItemFile
from tests.bulletins.conftest import make_bulletin  # noqa: F401 (a fixture)
from tests.library.conftest import make_item, sample_pdf  # noqa: F401 (fixtures)

LONG = "a" * 300  # one path part longer than NAME_MAX (255 bytes)
DEEP = "a/" * 2100  # a path longer than PATH_MAX (4096), each part short


@pytest.fixture
def public_files(app):
    """A public audio file and a lesson picture, so that their folders exist (a missing folder
    answers ENOENT before the long name is looked at)."""
    with app.app_context():
        audio = media.save_public("audio", b"ID3" + bytes(range(256)) * 20, "mp3")
        picture = media.save_public("lessons", b"RIFF" + bytes(2000), "webp")
    return audio, picture


def test_static_names_too_long_for_the_disk_are_404(client):
    for url in (f"/static/{LONG}.css", f"/static/css/{LONG}", f"/static/css/{LONG}.0123456789.css",
                f"/static/{DEEP}site.css", f"/static/css/{'é' * 200}.css"):
        assert client.get(url).status_code == 404, url[:40]
    assert client.get("/static/css/site.css").status_code == 200


def test_media_names_too_long_for_the_disk_are_404(client, public_files):
    audio, picture = public_files
    for url in (f"/media/public/audio/{LONG}.mp3", f"/media/public/lessons/{LONG}.webp",
                f"/media/public/{LONG}/x.mp3", f"/media/public/audio/{DEEP}x.mp3",
                f"/media/public/audio/{'A' * 256}.mp3", f"/media/public/epub/{LONG}.epub",
                f"/media/public/covers/{LONG}.jpg"):
        assert client.get(url).status_code == 404, url[:40]
    assert client.get(f"/media/{audio}").status_code == 200
    assert client.get(f"/media/{picture}").status_code == 200


def test_file_routes_with_long_names_are_404(client, make_bulletin, make_item, sample_pdf, session):  # noqa: F811
    bulletin = session.get(Bulletin, make_bulletin())
    item_id = make_item(files=[("luat.pdf", sample_pdf)])
    item, file = session.get(Item, item_id), session.scalar(select(ItemFile))
    for url in (f"/ban-tin/{LONG}.epub", f"/ban-tin/tuyen-tap/{LONG}/2026-05.epub",
                f"/thu-vien/{LONG}/tai/{file.id}.pdf", f"/thu-vien/{item.slug}/tai/{file.id}.{LONG}",
                f"/thu-vien/{LONG}/nghe/{file.id}.mp3", f"/thu-vien/{item.slug}/tai/{'9' * 300}.pdf"):
        assert client.get(url).status_code == 404, url[:50]
    assert client.get(f"/ban-tin/{bulletin.slug}.epub").status_code == 200
    assert client.get(f"/thu-vien/{item.slug}/tai/{file.id}.pdf").status_code == 200


def _check_ranges(client, url: str, headers: dict | None = None) -> None:
    full = client.get(url, headers=headers)
    assert full.status_code == 200 and len(full.data) > 200, url
    size = len(full.data)
    for several in ("bytes=0-0,100-199", "bytes=0-9, 20-29, 40-49", "bytes=-5,0-0", "bytes=0-,0-"):
        answer = client.get(url, headers={**(headers or {}), "Range": several})
        assert answer.status_code == 200 and answer.data == full.data, (url, several, answer.status_code)
        assert "Content-Range" not in answer.headers
    one = client.get(url, headers={**(headers or {}), "Range": "bytes=100-199"})
    assert one.status_code == 206 and one.data == full.data[100:200]
    assert one.headers["Content-Range"] == f"bytes 100-199/{size}"
    for bad in (f"bytes={size + 10}-", "bytes=abc", "bytes=5-1,x"):
        assert client.get(url, headers={**(headers or {}), "Range": bad}).status_code == 416, (url, bad)


def test_several_ranges_give_the_whole_media_file(client, public_files):
    audio, picture = public_files
    _check_ranges(client, f"/media/{audio}")
    _check_ranges(client, f"/media/{picture}")


def test_several_ranges_give_the_whole_library_and_bulletin_file(client, make_bulletin, make_item,  # noqa: F811
                                                                 sample_pdf, session):  # noqa: F811
    bulletin = session.get(Bulletin, make_bulletin())
    item_id = make_item(files=[("luat.pdf", sample_pdf)])
    item, file = session.get(Item, item_id), session.scalar(select(ItemFile))
    _check_ranges(client, f"/thu-vien/{item.slug}/tai/{file.id}.pdf")
    _check_ranges(client, f"/ban-tin/{bulletin.slug}.epub")
    _check_ranges(client, f"/media/{bulletin.audio_mp3}")
    month = bulletin.publish_at
    _check_ranges(client, f"/ban-tin/tuyen-tap/{bulletin.unit.code}/{month.year}-{month.month}.epub")
