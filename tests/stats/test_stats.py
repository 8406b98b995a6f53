"""/thong-ke: petition figures by province and by subject, the median days to answer,
per-committee pages, SVG charts that parse as XML, and the page budget with many rows."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.db import db, utcnow
from portal.petitions import stats as figures
from portal.petitions.stats import Figures
from portal.units.models import COMMUNE, PROVINCE, Unit
from tests.petitions.test_public_answers import add_petition

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def known(session):
    """Seven counted petitions (and one withdrawn) with figures worked out by hand."""
    old = utcnow() - timedelta(days=30)
    add_petition(session, "31", category="moi-truong", created=old, due_days=10, answer_days=2)       # on time, 2 d
    add_petition(session, "31", category="moi-truong", status="answered", created=old, due_days=4,
                 answer_days=6)                                                                     # late, 6 d
    add_petition(session, "11311", category="ha-tang", status="received", created=old, answer_days=None)  # overdue
    add_petition(session, "11311", category="ha-tang", status="in_progress", created=utcnow() - timedelta(days=2),
                 answer_days=None)                                                                  # not yet due
    add_petition(session, "11311", category="khac", status="rejected", created=old, answer_days=None)  # closed
    add_petition(session, "11311", category="khac", status="withdrawn", created=old, answer_days=None)  # not counted
    add_petition(session, "40", category="y-te", created=old, due_days=15, answer_days=10)            # on time, 10 d
    add_petition(session, "TW", category="an-sinh", created=old, due_days=10, answer_days=1)          # on time, 1 d


def _numbers(f: Figures) -> tuple:
    return f.received, f.answered, f.on_time, f.overdue, f.median_days


def test_national_figures_on_a_known_data_set(app, known):
    with app.app_context():
        overview = figures.national(db.session)
    assert _numbers(overview.total) == (7, 4, 3, 1, 4.0)  # median of 1, 2, 6, 10 days
    assert (overview.total.late, overview.total.rest, overview.total.open) == (1, 2, 2)
    places = {u.code: _numbers(f) for u, f in overview.by_place}
    assert list(places) == ["TW", "31", "40"]  # central first, then provinces by name
    assert places == {"TW": (1, 1, 1, 0, 1.0), "31": (5, 2, 1, 1, 4.0), "40": (1, 1, 1, 0, 10.0)}
    categories = dict(overview.by_category)
    assert len(categories) == 8 and _numbers(categories["giao-duc"]) == (0, 0, 0, 0, None)
    assert _numbers(categories["moi-truong"]) == (2, 2, 1, 0, 4.0)
    assert _numbers(categories["ha-tang"]) == (2, 0, 0, 1, None)
    assert _numbers(categories["khac"]) == (1, 0, 0, 0, None)


def test_median_and_on_time_rules():
    f = Figures()
    assert f.median_days is None and f.on_time_share is None
    start = utcnow() - timedelta(days=40)
    for days in (5, 1, 3):
        f.add("published", start, start + timedelta(days=days), (start + timedelta(days=4)).date(), utcnow().date())
    assert f.median_days == 3.0 and f.on_time == 2 and f.late == 1
    f.add("published", start, start + timedelta(days=8, hours=12), start.date(), utcnow().date())
    assert f.median_days == 4.0  # (3 + 5) / 2
    f.add("received", start, None, start.date(), utcnow().date())
    assert (f.received, f.answered, f.overdue) == (5, 4, 1)


def _row(html: str, href: str) -> list[str]:
    match = re.search(re.escape(f'href="{href}"') + r"[^<]*</a></th>((?:<td class=\"num\">[^<]*</td>)+)", html)
    assert match, href
    return re.findall(r'<td class="num">([^<]*)</td>', match.group(1))


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg.*?</svg>", html, re.S)]


def test_statistics_page_tables_and_charts(client, known):
    response = client.get("/thong-ke")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _row(html, "/thong-ke/31") == ["5", "2", "1", "1", "4,0"]
    assert _row(html, "/thong-ke/40") == ["1", "1", "1", "0", "10,0"]
    assert _row(html, "/thong-ke/TW") == ["1", "1", "1", "0", "1,0"]
    assert "/thong-ke/11311" not in html  # communes are listed on their province's page
    assert html.count("<table") == 4  # summary, provinces, subjects, committees by level
    charts = _svgs(html)
    assert len(charts) == 2
    for svg in charts:
        assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
        title = svg.find(f"{SVG}title")
        assert title is not None and title.get("id") == svg.get("aria-labelledby") and title.text
        assert svg.find(f"{SVG}desc").get("id") == svg.get("aria-describedby")
        assert all("style" not in el.attrib for el in svg.iter())
    province_chart = charts[0]
    labels = [t.text for t in province_chart.iter(f"{SVG}text")]
    assert "Nghệ An" in labels and "Thành phố Hải Phòng" in labels
    assert len(re.findall(r"<svg.*?</svg>", html, re.S)[0].encode()) < 6 * 1024


def test_committee_pages(client, known):
    hai_phong = client.get("/thong-ke/31").get_data(as_text=True)
    assert "Ủy ban MTTQ Việt Nam thành phố Hải Phòng" in hai_phong
    summary = re.search(r"<table>.*?</table>", hai_phong, re.S).group(0)
    received = re.search(r"</th>(<td class=\"num\">[^<]*</td>)(<td class=\"num\">[^<]*</td>)</tr>", summary)
    assert received.groups() == ('<td class="num">2</td>', '<td class="num">5</td>')  # own, with communes
    assert _row(hai_phong, "/thong-ke/11311") == ["3", "0", "0", "1", "—"]
    assert 'href="/phan-anh/?don-vi=31"' in hai_phong and len(_svgs(hai_phong)) == 1
    commune = client.get("/thong-ke/11311").get_data(as_text=True)
    assert 'href="/thong-ke/31"' in commune and len(_svgs(commune)) == 1
    quiet = client.get("/thong-ke/40").get_data(as_text=True)
    assert _svgs(quiet) and "<h1>Ủy ban MTTQ Việt Nam tỉnh Nghệ An</h1>" in quiet
    for bad in ("NOPE", "x" * 50, "31%27"):
        assert client.get(f"/thong-ke/{bad}").status_code == 404


def test_empty_statistics_are_honest(client):
    html = client.get("/thong-ke").get_data(as_text=True)
    assert 'class="empty"' in html and "<svg" not in html and "3.356" in html
    commune = client.get("/thong-ke/11311").get_data(as_text=True)
    assert 'class="empty"' in commune and "<svg" not in commune


def test_pages_stay_within_budget_with_every_province_and_many_communes(app, client, session):
    provinces = session.scalars(select(Unit).where(Unit.level == PROVINCE)).all()
    for unit in provinces:
        add_petition(session, unit.code, answer_days=3)
    communes = session.scalars(select(Unit).where(Unit.level == COMMUNE, Unit.province_code == "79")).all()
    for unit in communes:
        add_petition(session, unit.code, category="ha-tang", status="received", answer_days=None)
    for url in ("/thong-ke", "/thong-ke/79"):
        body = client.get(url).data
        assert len(gzip.compress(body, 9)) <= 14 * 1024, (url, len(gzip.compress(body, 9)))
    long_body = "Đường vào thôn bị sạt lở, xe cứu thương không vào được. " * 80
    longest = [add_petition(session, "79", public_title="Đường vào thôn Bình Minh bị sạt lở nghiêm trọng sau mưa",
                            public_body=long_body, answer=long_body, name="Nguyễn Văn An") for _ in range(10)]
    for url in ("/phan-anh/", "/phan-anh/?tinh=79", "/", f"/phan-anh/{longest[0].code}", "/phan-anh/feed.atom"):
        body = client.get(url).data
        assert len(gzip.compress(body, 9)) <= 14 * 1024, (url, len(gzip.compress(body, 9)))
