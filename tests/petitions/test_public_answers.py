"""Public answers: the list with filters and pages, one answer, the abuse report, the feed,
the home-page section and the search source. Petitions are inserted as rows directly."""

from __future__ import annotations

import itertools
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from portal.db import utcnow
from portal.petitions.models import Petition
from portal.units.service import get_by_code
from tests.conftest import csrf_from

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O/1/I, like real codes
_serial = itertools.count(1)
ATOM = "{http://www.w3.org/2005/Atom}"


def _code(n: int) -> str:
    chars = "".join(ALPHABET[(n >> (5 * i)) % 32] for i in range(8))
    return f"PA-{chars[:4]}-{chars[4:]}"


def add_petition(session, unit="31", *, status="published", consent=True, hidden=False, category="moi-truong",
                 title=None, public_title=None, body=None, public_body=None, answer="Ủy ban đã làm việc với "
                 "đơn vị thi công; đèn đường được sửa xong trong tuần.", name="", phone="", email="",
                 hide_name=False, created=None, due_days=10, answer_days=3, published=None, supporters=0,
                 code=None) -> Petition:
    """One petition row; `answer_days=None` leaves it unanswered. Returns the committed row."""
    n = next(_serial)
    created = created or utcnow() - timedelta(days=20)
    answered = created + timedelta(days=answer_days) if answer_days is not None else None
    if published is None and status == "published":
        published = (answered or created) + timedelta(hours=1)
    p = Petition(
        code=code or _code(n), submission_id=uuid.uuid4().hex, unit_id=get_by_code(session, unit).id,
        category=category, status=status,
        title=title or f"Tiêu đề gốc số {n}", body=body or f"Nội dung gốc số {n}, viết đầy đủ.",
        public_title=public_title or f"Đèn đường hỏng ở khu dân cư số {n}",
        public_body=public_body or f"Đèn đường ở khu dân cư số {n} bị hỏng đã hai tháng.",
        name=name, public_name="" if hide_name else name, phone=phone, email=email, hide_name=hide_name,
        consent_public=consent, hidden=hidden,
        created_at=created, updated_at=published or created, due_on=(created + timedelta(days=due_days)).date(),
        answered_at=answered, published_at=published, answer=answer if answered else "", supporters=supporters,
        # publication keeps its own copy of the answer and of the committee that gave it
        public_answer=answer if published else "", public_unit_id=get_by_code(session, unit).id if published else None,
    )
    session.add(p)
    session.commit()
    return p


def test_only_public_petitions_are_listed(client, session):
    shown = add_petition(session, public_title="Câu hỏi công khai đã trả lời")
    hidden = [
        add_petition(session, public_title="Không đồng ý công khai", consent=False),
        add_petition(session, public_title="Đã bị ẩn sau báo cáo", hidden=True),
        add_petition(session, public_title="Đã trả lời chưa đăng", status="answered"),
        add_petition(session, public_title="Mới tiếp nhận", status="received", answer_days=None),
    ]
    html = client.get("/phan-anh/").get_data(as_text=True)
    assert "Câu hỏi công khai đã trả lời" in html and html.count('class="card"') == 1
    assert client.get(f"/phan-anh/{shown.code}").status_code == 200
    for p in hidden:
        assert p.public_title not in html
        assert client.get(f"/phan-anh/{p.code}").status_code == 404
    for bad in ("PA-ZZZZ-ZZZZ", "x" * 40, "<script>"):
        assert client.get(f"/phan-anh/{bad}").status_code == 404
    assert client.get("/phan-anh/PA-2222-2222%00").status_code == 400  # NUL: refused before any query


def test_empty_list_is_honest(client):
    html = client.get("/phan-anh/").get_data(as_text=True)
    assert 'class="empty"' in html and 'class="card"' not in html
    assert 'href="/phan-anh/gui"' in html and 'href="/phan-anh/tra-cuu"' in html


def test_newest_first_filters_and_pages(client, session):
    start = utcnow() - timedelta(days=30)
    for i in range(12):
        add_petition(session, "31", public_title=f"Hải Phòng câu hỏi {i:02d}", published=start + timedelta(days=i))
    add_petition(session, "40", category="y-te", public_title="Nghệ An trạm y tế", published=start)
    add_petition(session, "11311", category="ha-tang", public_title="Hồng Bàng vỉa hè", published=start)

    page1 = client.get("/phan-anh/").get_data(as_text=True)
    assert page1.count('class="card"') == 10
    assert page1.index("Hải Phòng câu hỏi 11") < page1.index("Hải Phòng câu hỏi 10")  # newest first
    assert 'rel="next"' in page1 and 'rel="prev"' not in page1
    page2 = client.get("/phan-anh/?trang=2").get_data(as_text=True)
    assert page2.count('class="card"') == 4 and 'rel="prev"' in page2

    nghe_an = client.get("/phan-anh/?tinh=40").get_data(as_text=True)
    assert nghe_an.count('class="card"') == 1 and "Nghệ An trạm y tế" in nghe_an
    hai_phong = client.get("/phan-anh/?tinh=31").get_data(as_text=True)
    assert 'value="11311"' in hai_phong  # the commune with answers is offered as a committee
    assert client.get("/phan-anh/?tinh=31&trang=2").get_data(as_text=True).count('class="card"') == 3
    commune = client.get("/phan-anh/?don-vi=11311").get_data(as_text=True)
    assert commune.count('class="card"') == 1 and "Hồng Bàng vỉa hè" in commune
    assert '<option value="31" selected>' in commune  # the committee's province is preselected
    provincial = client.get("/phan-anh/?don-vi=31").get_data(as_text=True)
    assert provincial.count('class="card"') == 10 and "Hồng Bàng vỉa hè" not in provincial
    # a committee of another province is dropped when the province changes
    moved = client.get("/phan-anh/?tinh=40&don-vi=11311").get_data(as_text=True)
    assert "Nghệ An trạm y tế" in moved and "Hồng Bàng" not in moved
    category = client.get("/phan-anh/?loai=ha-tang").get_data(as_text=True)
    assert category.count('class="card"') == 1 and "Hồng Bàng vỉa hè" in category
    none = client.get("/phan-anh/?loai=giao-duc").get_data(as_text=True)
    assert 'class="empty"' in none and 'class="card"' not in none
    for junk in ("?trang=abc&loai=<script>", "?tinh=99999&don-vi=%27%20OR%201=1", "?trang=-5", "?trang=99999"):
        response = client.get("/phan-anh/" + junk)
        assert response.status_code == 200 and "<script>" not in response.get_data(as_text=True)


def test_htmx_filter_returns_form_and_list_only(client, session):
    add_petition(session, "40", public_title="Nghệ An trạm y tế")
    response = client.get("/phan-anh/?tinh=40", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'class="card"' in html and 'class="filters"' in html
    assert "HX-Request" in response.headers["Vary"]
    boosted = client.get("/phan-anh/?tinh=40", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.get_data(as_text=True)


def test_answer_page_shows_the_public_record(client, session):
    created = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
    p = add_petition(session, "11311", category="ha-tang", public_title="Vỉa hè phố Lê Lợi bị lấn chiếm",
                     public_body="Vỉa hè bị lấn chiếm.\n\nNgười đi bộ phải xuống lòng đường.",
                     answer="Phường đã ra quân giải tỏa.\nSẽ kiểm tra hằng tuần.", name="Trần Văn Công Khai",
                     created=created, due_days=10, answer_days=4, supporters=7)
    html = client.get(f"/phan-anh/{p.code}").get_data(as_text=True)
    assert "<h1>Vỉa hè phố Lê Lợi bị lấn chiếm</h1>" in html
    assert "<p>Vỉa hè bị lấn chiếm.</p>" in html and "Phường đã ra quân giải tỏa.<br>Sẽ kiểm tra" in html
    assert "Ủy ban MTTQ Việt Nam phường Hồng Bàng" in html
    assert "02/03/2026" in html and "06/03/2026" in html and "12/03/2026" in html  # received, answered, due
    assert "Trần Văn Công Khai" in html and ">7<" in html
    assert f'<span class="nowrap">{p.code}</span>' in html
    assert 'href="/thong-ke/11311"' in html and 'href="/phan-anh/?don-vi=11311"' in html
    late = add_petition(session, public_title="Trả lời muộn", due_days=2, answer_days=5)
    assert client.get(f"/phan-anh/{late.code}").status_code == 200
    assert session.get(Petition, late.id).answered_on_time() is False
    lower = client.get(f"/phan-anh/{p.code.lower()}")
    assert lower.status_code == 301 and lower.headers["Location"].endswith(f"/phan-anh/{p.code}")


def _report(client, code, **extra):
    page = client.get(f"/phan-anh/{code}/bao-cao").get_data(as_text=True)
    return client.post(f"/phan-anh/{code}/bao-cao", data={"csrf_token": csrf_from(page), **extra})


def _reports(session, code) -> int:
    session.expire_all()
    return session.scalar(select(Petition.abuse_reports).where(Petition.code == code))


def test_abuse_report_counts_once_and_thanks(app, client, session):
    p = add_petition(session)
    answer = client.get(f"/phan-anh/{p.code}").get_data(as_text=True)
    assert "csrf_token" not in answer and f'href="/phan-anh/{p.code}/bao-cao"' in answer
    assert "Báo cáo nội dung không phù hợp" in answer
    token = csrf_from(client.get(f"/phan-anh/{p.code}/bao-cao").get_data(as_text=True))
    response = client.post(f"/phan-anh/{p.code}/bao-cao", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/phan-anh/{p.code}")
    assert _reports(session, p.code) == 1
    after = client.get(f"/phan-anh/{p.code}").get_data(as_text=True)
    assert 'class="flash flash-ok"' in after and "Bạn đã báo cáo câu trả lời này" in after
    form_page = client.get(f"/phan-anh/{p.code}/bao-cao").get_data(as_text=True)
    assert "Bạn đã báo cáo câu trả lời này" in form_page and f'action="/phan-anh/{p.code}/bao-cao"' not in form_page
    again = client.post(f"/phan-anh/{p.code}/bao-cao", data={"csrf_token": token})
    assert again.status_code == 303 and _reports(session, p.code) == 1  # same browser: thanked, counted once
    _report(app.test_client(), p.code)
    assert _reports(session, p.code) == 2


def test_abuse_report_honeypot_csrf_and_404(app, session):
    p = add_petition(session)
    robot = app.test_client()
    assert _report(robot, p.code, website="http://spam.example").status_code == 303
    assert _reports(session, p.code) == 0
    assert app.test_client().post(f"/phan-anh/{p.code}/bao-cao", data={}).status_code == 400
    assert _reports(session, p.code) == 0
    private = add_petition(session, consent=False)
    client = app.test_client()
    token = csrf_from(client.get(f"/phan-anh/{p.code}/bao-cao").get_data(as_text=True))
    assert client.post(f"/phan-anh/{private.code}/bao-cao", data={"csrf_token": token}).status_code == 404
    assert _reports(session, private.code) == 0
    assert client.get(f"/phan-anh/{private.code}/bao-cao").status_code == 404


def test_abuse_report_is_rate_limited(app, session):
    petitions = [add_petition(session) for _ in range(6)]
    client = app.test_client()
    statuses = [_report(client, p.code).status_code for p in petitions]
    assert statuses == [303] * 5 + [429]
    assert sum(_reports(session, p.code) for p in petitions) == 5


def test_atom_feed_is_valid_and_scoped(client, session):
    created = datetime(2026, 1, 5, 3, 0, tzinfo=timezone.utc)
    a = add_petition(session, "31", public_title="Rác thải ở chợ <Cầu Đất>", answer="Đã thu gom & xử lý.",
                     created=created)
    add_petition(session, "40", public_title="Nghệ An trạm y tế")
    add_petition(session, "31", public_title="Không công khai trong feed", consent=False)
    response = client.get("/phan-anh/feed.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    assert response.headers.get("ETag")
    root = ET.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "Rác thải ở chợ <Cầu Đất>" in titles and "Không công khai trong feed" not in titles
    entry = next(e for e in entries if e.findtext(f"{ATOM}title").startswith("Rác"))
    assert entry.findtext(f"{ATOM}id").endswith(f"/phan-anh/{a.code}")
    assert entry.findtext(f"{ATOM}published").startswith("2026-01-08T04:00:00")  # an hour after the answer
    datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    content = entry.findtext(f"{ATOM}content")
    assert "Đã thu gom &amp; xử lý." in content and "Ủy ban MTTQ Việt Nam thành phố Hải Phòng" in content
    scoped = ET.fromstring(client.get("/phan-anh/feed.atom?don-vi=40").data)
    assert [e.findtext(f"{ATOM}title") for e in scoped.findall(f"{ATOM}entry")] == ["Nghệ An trạm y tế"]
    assert client.get("/phan-anh/feed.atom?don-vi=NOPE").status_code == 404
    empty = ET.fromstring(client.get("/phan-anh/feed.atom?don-vi=11311").data)
    assert empty.findall(f"{ATOM}entry") == []


def test_home_page_shows_the_latest_three_answers(client, session):
    start = utcnow() - timedelta(days=10)
    for i in range(4):
        add_petition(session, public_title=f"Câu trả lời trên trang chủ {i}", published=start + timedelta(days=i))
    html = client.get("/").get_data(as_text=True)
    assert all(f"Câu trả lời trên trang chủ {i}" in html for i in (1, 2, 3))
    assert "Câu trả lời trên trang chủ 0" not in html


def test_search_finds_public_answers_and_forgets_hidden_ones(app, client, session):
    from portal.search.jobs import refresh

    p = add_petition(session, public_title="Ô nhiễm tiếng ồn từ xưởng gỗ",
                     answer="Đã yêu cầu xưởng gỗ dừng chạy ban đêm.")
    with app.app_context():
        assert refresh("answer", str(p.id)) == "updated"
    html = client.get("/tim-kiem?q=o+nhiem+tieng+on").get_data(as_text=True)
    assert "Ô nhiễm tiếng ồn từ xưởng gỗ" in html and f'href="/phan-anh/{p.code}"' in html
    assert "Ô nhiễm tiếng ồn" in client.get("/tim-kiem?q=dung+chay+ban+dem").get_data(as_text=True)
    p = session.get(Petition, p.id)
    p.hidden = True
    session.commit()
    with app.app_context():
        assert refresh("answer", str(p.id)) == "deleted"
    assert "Ô nhiễm tiếng ồn" not in client.get("/tim-kiem?q=o+nhiem+tieng+on").get_data(as_text=True)


def test_missing_public_wording_never_falls_back_to_the_original(client, session):
    p = add_petition(session, title="Tiêu đề gốc Unmoderatedia", public_title=" ")
    for url in (f"/phan-anh/{p.code}", "/phan-anh/", "/phan-anh/feed.atom", "/"):
        html = client.get(url).get_data(as_text=True)
        assert "Unmoderatedia" not in html and p.code in html, url
