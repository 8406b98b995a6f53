"""Dates are Vietnam's (UTC+7) wherever a resident or an editor reads them: a bulletin published at
21:58 UTC on the last day of a month belongs to the next day and month, on its page, in its
e-book and in the monthly collections."""

import io
import zipfile
from datetime import date, datetime, timezone

from portal.bulletins.epub import bulletin_epub
from portal.bulletins.models import Bulletin

LATE = datetime(2026, 11, 30, 21, 58, tzinfo=timezone.utc)  # 04:58 on 1 December in Hà Nội


def test_the_shared_helpers_use_vietnam_time():
    from portal.core.format import day, moment, vietnam_month_bounds

    assert day(LATE) == "01/12/2026" and moment(LATE) == "01/12/2026 04:58"
    assert day(LATE.replace(tzinfo=None)) == "01/12/2026"  # naive values are UTC, as stored
    assert day(date(2026, 11, 30)) == "30/11/2026" and day(None) == ""
    start, end = vietnam_month_bounds(2026, 12)
    assert start == datetime(2026, 11, 30, 17, tzinfo=timezone.utc)
    assert end == datetime(2026, 12, 31, 17, tzinfo=timezone.utc)


def _late_bulletin(session, make_bulletin, **kw):
    b = session.get(Bulletin, make_bulletin(**kw))
    b.publish_at = b.first_published_at = LATE
    session.commit()
    return b


def test_page_epub_and_monthly_collection_agree_on_the_vietnamese_day(client, make_bulletin, session):
    b = _late_bulletin(session, make_bulletin)
    page = client.get(f"/ban-tin/{b.slug}").get_data(as_text=True)
    assert '<p class="meta">01/12/2026 · ' in page
    listing = client.get("/ban-tin/").get_data(as_text=True)
    assert "01/12/2026 · " in listing and "30/11/2026" not in listing
    chapter = zipfile.ZipFile(io.BytesIO(bulletin_epub(b))).read("EPUB/ban-tin-01.xhtml").decode()
    assert "01/12/2026" in chapter and "30/11/2026" not in chapter
    committee = client.get("/ban-tin/?don-vi=31").get_data(as_text=True)
    assert "/ban-tin/tuyen-tap/31/2026-12.epub" in committee and "2026-11.epub" not in committee
    december = client.get("/ban-tin/tuyen-tap/31/2026-12.epub")
    assert december.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(december.data)).namelist()
    assert sum(n.startswith("EPUB/ban-tin-") for n in names) == 1
    assert client.get("/ban-tin/tuyen-tap/31/2026-11.epub").status_code == 404


def test_editors_read_the_vietnamese_time(client, editor, login, session, make_bulletin):
    b = _late_bulletin(session, make_bulletin)
    b.publish_at = datetime(2099, 11, 30, 21, 58, tzinfo=timezone.utc)  # scheduled
    session.commit()
    login("bientap@example.org")
    assert "01/12/2099 04:58" in client.get(f"/quan-tri/ban-tin/{b.id}").get_data(as_text=True)
    assert "01/12/2099 04:58" in client.get("/quan-tri/ban-tin/").get_data(as_text=True)
