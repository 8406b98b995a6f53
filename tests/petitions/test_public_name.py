"""The sender's name is public unless hidden: a name carrying contact data, an ID number or an
address is refused on the form (typed text kept), the preview shows the "Sent by" line as the
public will read it, the hint says so, the public page masks whatever name is stored, and staff
can edit the public name (audited, the original kept)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, func, select, text

from portal import migrations
from portal.accounts.models import AuditEntry
from portal.petitions.masking import find_personal_data_in_name, mask_name
from portal.petitions.models import Petition
from tests.petitions.factories import login_as, make_petition, register_staff_blueprint
from tests.petitions.test_public_answers import add_petition
from tests.petitions.test_resident_send import GOOD, _form

ISSUE_NAME = "Nguyễn Văn Thu, Số 17 ngõ 42 phố Lạch Tray, CCCD 001203004567"
REFUSED = "Vui lòng chỉ ghi họ tên ở ô này."


def _count(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Petition))


def _preview(html: str) -> str:
    return html.split('id="xem-truoc"', 1)[1].split("<form", 1)[0]


@pytest.mark.parametrize("name", [
    ISSUE_NAME,
    "Nguyễn Văn Thu 0913 572 846",
    "Thu (ten.thu.5728@example.vn)",
    "Nguyễn Văn Thu, CCCD 001203004567",
    "Lan, 17 Lạch Tray",
    "Bà Lan số 17/42 Lạch Tray",
])
@pytest.mark.parametrize("step", ["xem-truoc", "gui"])
def test_a_name_holding_personal_data_is_refused_and_the_typed_text_kept(client, session, name, step):
    data = {**_form(client), **GOOD, "name": name, "body": GOOD["body"] + "\r\nDòng hai.", "buoc": step}
    response = client.post("/phan-anh/gui", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(r'<p class="error" id="name-error">(.*?)</p>', html, re.S)
    assert error and REFUSED in error.group(1)  # next to the field, in Vietnamese
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*id="name"[^>]*>', html).group()
    assert f'value="{name}"' in html  # everything typed is kept
    assert GOOD["title"] in html and "Dòng hai." in html and "0912 345 678" in html
    assert 'id="xem-truoc"' not in html and _count(session) == 0


def test_the_refusal_reads_in_english_too(client):
    client.set_cookie("lang", "en")
    response = client.post("/phan-anh/gui", data={**_form(client), **GOOD, "name": ISSUE_NAME, "buoc": "gui"})
    assert response.status_code == 400
    assert "Please write only your name here." in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["Nguyễn Văn Thu", "Tổ dân phố số 5, phường Lê Chân", "Các hộ dân thôn 2 Đông Hải",
                                  "Ban công tác Mặt trận khu dân cư số 3", "Chi hội người cao tuổi tổ 7"])
def test_names_of_people_and_groups_are_accepted(client, session, name):
    assert not find_personal_data_in_name(name) and mask_name(name) == name
    response = client.post("/phan-anh/gui", data={**_form(client), **GOOD, "name": name, "buoc": "gui"})
    assert response.status_code == 303 and _count(session) == 1


def test_the_preview_shows_the_sender_line_exactly_as_the_public_page(client, session):
    base = _form(client)
    named = client.post("/phan-anh/gui", data={**base, **GOOD, "name": "  Nguyễn   Văn Thu ", "buoc": "xem-truoc"})
    preview = _preview(named.get_data(as_text=True))
    assert "<dt>Người gửi</dt><dd>Nguyễn Văn Thu</dd>" in preview
    assert "Tên của bạn sẽ hiện như trên" in preview
    hidden = client.post("/phan-anh/gui", data={**base, **GOOD, "name": "Nguyễn Văn Thu", "hide_name": "y",
                                                "buoc": "xem-truoc"})
    preview = _preview(hidden.get_data(as_text=True))
    assert "<dt>Người gửi</dt><dd>(không hiện tên)</dd>" in preview and "Nguyễn Văn Thu" not in preview
    assert "Tên của bạn sẽ không được hiển thị." in preview

    sent = client.post("/phan-anh/gui", data={**base, **GOOD, "name": "  Nguyễn   Văn Thu ", "buoc": "gui"})
    assert sent.status_code == 303
    petition = session.scalar(select(Petition))
    assert (petition.name, petition.public_name, petition.hide_name) == ("Nguyễn Văn Thu", "Nguyễn Văn Thu", False)


def test_the_hint_tells_the_truth_about_the_name(client):
    html = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    hint = re.search(r'<p class="hint" id="name-hint">(.*?)</p>', html, re.S)
    assert hint and "tên của bạn sẽ hiện kèm theo" in hint.group(1) and "không ghi địa chỉ" in hint.group(1)
    assert "Các thông tin này không bao giờ được công khai" not in html
    assert "Số điện thoại và thư điện tử của bạn không bao giờ được công khai." in html
    # The "hide my name" box sits right under the name, before the contact fields.
    assert html.index('id="name"') < html.index('id="hide_name"') < html.index('id="phone"')


def test_a_stored_name_with_personal_data_is_masked_on_every_public_view(client, session):
    """Rows from before the check (the migration copies their name as it was) or edited by staff."""
    p = add_petition(session, "11311", name=ISSUE_NAME)
    assert p.public_name == ISSUE_NAME
    views = {"no js": {}, "boosted": {"HX-Request": "true", "HX-Boosted": "true"}}
    for lang in ("vi", "en"):
        client.set_cookie("lang", lang)
        for headers in views.values():
            html = client.get(f"/phan-anh/{p.code}", headers=headers).get_data(as_text=True)
            assert "Nguyễn Văn Thu, [địa chỉ đã ẩn], CCCD [số giấy tờ đã ẩn]" in html
            for secret in ("001203004567", "Số 17", "ngõ 42", "Lạch Tray"):
                assert secret not in html, (lang, headers, secret)


@pytest.fixture
def handler(app, make_user):
    register_staff_blueprint(app)
    make_user("xl@example.org", role="handler", unit="11311")
    client, token = login_as(app, "xl@example.org")
    client.post_form = lambda url, **data: client.post(url, data={**data, "csrf_token": token})
    return client


def _petition(session, pid) -> Petition:
    session.expire_all()
    return session.get(Petition, pid)


def test_staff_edit_the_public_name_audited_and_the_original_kept(app, handler, client, session):
    pid = make_petition(app, "11311", status="published", name="Nguyễn Văn Thu", public_name="Nguyễn Văn Thu",
                        public_title="Đèn đường hỏng", public_body="Đèn đường hỏng cả tháng.", answer="Đã sửa.")
    code = _petition(session, pid).code
    page = handler.get(f"/quan-tri/phan-anh/{pid}").get_data(as_text=True)
    assert re.search(r'<input[^>]*id="public_name"[^>]*value="Nguyễn Văn Thu"', page)

    wording = {"public_title": "Đèn đường hỏng", "public_body": "Đèn đường hỏng cả tháng."}
    assert handler.post_form(f"/quan-tri/phan-anh/{pid}/loi-van", **wording, public_name="Bà T.").status_code == 302
    p = _petition(session, pid)
    assert (p.public_name, p.name) == ("Bà T.", "Nguyễn Văn Thu")
    assert "<dt>Người gửi</dt><dd>Bà T.</dd>" in client.get(f"/phan-anh/{code}").get_data(as_text=True)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "petition.public_wording")).all()[-1]
    assert entry.detail["name_length"] == [14, 5] and "Thu" not in str(entry.detail)
    assert [e.kind for e in p.events][-1] == "public_wording"

    handler.post_form(f"/quan-tri/phan-anh/{pid}/loi-van", **wording, public_name="")  # no name shown
    assert _petition(session, pid).public_name == "" and _petition(session, pid).name == "Nguyễn Văn Thu"
    assert "Người gửi" not in client.get(f"/phan-anh/{code}").get_data(as_text=True)
    handler.post_form(f"/quan-tri/phan-anh/{pid}/loi-van", **wording, public_name="Thu 0913 572 846")
    assert "[số điện thoại đã ẩn]" in client.get(f"/phan-anh/{code}").get_data(as_text=True)  # masked all the same


def test_a_hidden_name_stays_hidden_whatever_staff_send(app, handler, client, session):
    pid = make_petition(app, "11311", status="published", name="Nguyễn Văn Thu", hide_name=True,
                        public_title="Đèn đường hỏng", public_body="Đèn đường hỏng cả tháng.", answer="Đã sửa.")
    page = handler.get(f"/quan-tri/phan-anh/{pid}").get_data(as_text=True)
    assert 'id="public_name"' not in page and "Trang công khai không hiện tên người gửi" in page
    handler.post_form(f"/quan-tri/phan-anh/{pid}/loi-van", public_title="Đèn hỏng", public_body="Đèn hỏng.",
                      public_name="Nguyễn Văn Thu")
    p = _petition(session, pid)
    assert p.public_name == "" and p.public_title == "Đèn hỏng"
    assert "Nguyễn Văn Thu" not in client.get(f"/phan-anh/{p.code}").get_data(as_text=True)


def test_the_migration_keeps_earlier_rows_showing_what_they_showed(tmp_path):
    from alembic.script import ScriptDirectory

    url = f"sqlite:///{tmp_path / 'before.db'}"
    script = ScriptDirectory.from_config(migrations.alembic_config(url))
    previous = script.get_revision("0009_petition_public_name").down_revision
    migrations.upgrade(url, previous)
    engine = create_engine(url)
    row = {"submission_id": "", "unit_id": 1, "category": "khac", "status": "published", "title": "t", "body": "b",
           "public_title": "t", "public_body": "b", "phone": "", "email": "", "consent_public": True,
           "created_at": "2026-01-01 00:00:00", "updated_at": "2026-01-01 00:00:00", "due_on": "2026-01-10",
           "answer": "", "reject_reason": "", "reason_private": False, "review_reason": "", "supporters": 0,
           "hidden": False, "abuse_reports": 0}
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO units (id, code, name, name_folded, level, division_type) "
                          "VALUES (1, 'X1', 'Xã X', 'xa x', 'commune', 'Xã')"))
        for n, (name, hide) in enumerate([("Nguyễn Văn Thu", False), ("Lê Thị Ẩn", True), ("", False)]):
            conn.execute(text("INSERT INTO petitions (code, submission_id, unit_id, category, status, title, body, "
                              "public_title, public_body, name, phone, email, hide_name, consent_public, created_at, "
                              "updated_at, due_on, answer, reject_reason, reason_private, review_reason, supporters, "
                              "hidden, abuse_reports) VALUES (:code, :submission_id, :unit_id, :category, :status, "
                              ":title, :body, :public_title, :public_body, :name, :phone, :email, :hide_name, "
                              ":consent_public, :created_at, :updated_at, :due_on, :answer, :reject_reason, "
                              ":reason_private, :review_reason, :supporters, :hidden, :abuse_reports)"),
                         {**row, "code": f"PA-{n}", "submission_id": str(n), "name": name, "hide_name": hide})
        conn.execute(text("INSERT INTO petition_events (petition_id, at, kind, note, for_resident) "
                          "VALUES (1, '2026-01-01 00:00:00', 'received', '', 1)"))
    migrations.upgrade(url, "0009_petition_public_name")
    with engine.connect() as conn:
        names = conn.execute(text("SELECT code, public_name FROM petitions ORDER BY code")).all()
        events = conn.execute(text("SELECT count(*) FROM petition_events")).scalar()
    assert names == [("PA-0", "Nguyễn Văn Thu"), ("PA-1", ""), ("PA-2", "")] and events == 1
    # The later migrations rebuild `petitions` on SQLite (batch mode); its history must survive that too
    # (with foreign keys on, dropping the old table cascaded to petition_events).
    migrations.upgrade(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM petition_events")).scalar() == 1
    migrations.downgrade(url, previous)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM petition_events")).scalar() == 1
    engine.dispose()
