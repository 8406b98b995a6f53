"""A handler takes petitions through every state, over HTTP, and every step is recorded."""

import re

import pytest
from sqlalchemy import select

from portal.accounts.models import AuditEntry, User
from portal.petitions.models import Petition
from tests.petitions.factories import login_as, make_petition, register_staff_blueprint

HOME = "11311"  # Phường Hồng Bàng, Hải Phòng
URL = "/quan-tri/phan-anh"


@pytest.fixture(autouse=True)
def _staff_routes(app):
    register_staff_blueprint(app)


@pytest.fixture
def handler(app, make_user):
    make_user("xl@example.org", role="handler", unit=HOME)
    client, token = login_as(app, "xl@example.org")

    def post(url, **data):
        return client.post(url, data={**data, "csrf_token": token})

    client.post_form = post
    return client


def _petition(session, petition_id):
    session.expire_all()
    return session.get(Petition, petition_id)


def _audit_actions(session, petition_id):
    return session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "petition",
                                                           AuditEntry.object_id == str(petition_id))
                           .order_by(AuditEntry.id)).all()


def test_received_accepted_answered_published_hidden_shown(app, handler, session):
    pid = make_petition(app, HOME, body="Ngõ 5 ngập. Số nhà 12 Lê Lợi, gọi 0912 345 678.")
    code = session.get(Petition, pid).code
    inbox = handler.get(f"{URL}/").get_data(as_text=True)
    assert code in inbox and f'name="chon" value="{pid}"' in inbox

    assert handler.post_form(f"{URL}/{pid}/nhan").status_code == 302
    assert _petition(session, pid).status == "in_progress"

    prefilled = handler.get(f"{URL}/{pid}?mau=ha-tang").get_data(as_text=True)
    assert code in prefilled[prefilled.index('<textarea'):]  # the template names the petition's code
    response = handler.post_form(f"{URL}/{pid}/tra-loi", answer="Đã nạo vét cống ngõ 5 ngày 12/3.\r\n\r\nCảm ơn.")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{URL}/{pid}")
    p = _petition(session, pid)
    assert p.status == "answered" and p.answered_at and p.answered_by.email == "xl@example.org"
    assert p.answer == "Đã nạo vét cống ngõ 5 ngày 12/3.\n\nCảm ơn."

    page = handler.get(f"{URL}/{pid}").get_data(as_text=True)
    assert "[số điện thoại đã ẩn]" in page  # the public wording starts masked
    handler.post_form(f"{URL}/{pid}/loi-van", public_title="Ngập ngõ 5", public_body="Ngõ 5 bị ngập.")
    p = _petition(session, pid)
    assert (p.public_title, p.public_body) == ("Ngập ngõ 5", "Ngõ 5 bị ngập.")
    assert p.body == "Ngõ 5 ngập. Số nhà 12 Lê Lợi, gọi 0912 345 678." and p.title == "Đường ngõ 5 bị ngập sau mưa"
    wording = session.scalar(select(AuditEntry).where(AuditEntry.action == "petition.public_wording"))
    assert wording.detail["title_length"] == [0, 10] and wording.detail["body_length"] == [0, 14]
    assert "Ngõ 5" not in str(wording.detail)

    assert handler.post_form(f"{URL}/{pid}/cong-bo").status_code == 302
    p = _petition(session, pid)
    assert p.status == "published" and p.published_at and p.closed_at and p.is_public

    handler.post_form(f"{URL}/{pid}/an", hide_note="Báo cáo lạm dụng")
    assert _petition(session, pid).hidden and not _petition(session, pid).is_public
    handler.post_form(f"{URL}/{pid}/hien")
    assert _petition(session, pid).is_public

    p = _petition(session, pid)
    assert [(e.kind, e.for_resident) for e in p.events] == [
        ("received", True), ("accepted", True), ("answered", True), ("public_wording", False),
        ("published", True), ("hidden", False), ("unhidden", False)]
    assert all(e.actor.email == "xl@example.org" for e in p.events[1:])
    assert _audit_actions(session, pid) == [
        "petition.accept", "petition.answer", "petition.public_wording", "petition.publish", "petition.hide",
        "petition.unhide"]
    history = handler.get(f"{URL}/{pid}").get_data(as_text=True)
    assert history.count("<li><strong>") == 7


def test_publish_without_consent_closes_the_petition_unpublished(app, handler, session):
    pid = make_petition(app, HOME, status="in_progress", consent_public=False)
    handler.post_form(f"{URL}/{pid}/tra-loi", answer="Đã xử lý xong.")
    page = handler.get(f"{URL}/{pid}").get_data(as_text=True)
    assert f"{URL}/{pid}/cong-bo" in page and f"{URL}/{pid}/loi-van" not in page
    assert handler.post_form(f"{URL}/{pid}/cong-bo").status_code == 302
    p = _petition(session, pid)
    assert p.status == "answered" and p.closed_at and p.published_at is None and not p.is_public
    assert p.events[-1].kind == "closed" and "petition.close" in _audit_actions(session, pid)
    assert handler.post_form(f"{URL}/{pid}/cong-bo").status_code == 409  # a second tap changes nothing
    assert _petition(session, pid).published_at is None


def test_transfer_to_the_province_moves_it_out_of_the_commune_inbox(app, handler, make_user, session):
    pid = make_petition(app, HOME)
    response = handler.post_form(f"{URL}/{pid}/chuyen", unit_code="31", transfer_reason="Thuộc thẩm quyền thành phố")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{URL}/")
    p = _petition(session, pid)
    assert p.unit.code == "31" and p.status == "received" and p.assigned_to_id is None
    event = p.events[-1]
    assert (event.kind, event.from_unit.code, event.to_unit.code, event.for_resident) == ("transferred", HOME, "31",
                                                                                          True)
    assert event.note == "Thuộc thẩm quyền thành phố"
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "petition.transfer"))
    assert entry.detail["from_unit"] == HOME and entry.detail["to_unit"] == "31"
    assert handler.get(f"{URL}/{pid}").status_code == 404
    make_user("hp@example.org", role="handler", unit="31")
    province, token = login_as(app, "hp@example.org")
    assert province.post(f"{URL}/{pid}/nhan", data={"csrf_token": token}).status_code == 302
    assert _petition(session, pid).status == "in_progress"


@pytest.mark.parametrize("private", [True, False])
def test_reject_with_a_reason_private_or_not(app, handler, session, private):
    pid = make_petition(app, HOME)
    data = {"reject_reason": "abusive", "reject_note": "Lời lẽ xúc phạm cán bộ."}
    if private:
        data["reason_private"] = "y"
    assert handler.post_form(f"{URL}/{pid}/tu-choi", **data).status_code == 302
    p = _petition(session, pid)
    assert p.status == "rejected" and p.closed_at and p.reason_private is private
    assert p.reject_reason == "Lời lẽ xúc phạm cán bộ."
    seen_by_resident = [(e.kind, e.note) for e in p.events if e.for_resident]
    assert seen_by_resident == [("received", ""), ("rejected", "")]
    staff_only = [(e.kind, e.note) for e in p.events if not e.for_resident]
    assert staff_only == [("reason.abusive", "Lời lẽ xúc phạm cán bộ.")]
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "petition.reject"))
    assert entry.detail["reason"] == "abusive" and entry.detail["private"] is private


def test_merge_into_a_twin_of_the_same_committee(app, handler, session):
    original = make_petition(app, HOME, status="in_progress", supporters=2)
    twin = make_petition(app, HOME, title="Ngõ 5 lại ngập", supporters=1)
    code = session.get(Petition, original).code
    typed = code.lower().replace("-", " ")  # typed as a resident reads it out
    assert handler.post_form(f"{URL}/{twin}/gop", target_code=typed).status_code == 302
    t, o = _petition(session, twin), session.get(Petition, original)
    assert t.status == "merged" and t.merged_into_id == original and t.closed_at
    assert o.supporters == 2 + 1 + 1 and o.status == "in_progress"
    assert (t.events[-1].kind, t.events[-1].note) == ("merged", code)
    assert o.events[-1].kind == "merged_in" and not o.events[-1].for_resident
    assert "petition.merge" in _audit_actions(session, twin)


def test_assign_to_a_colleague_and_add_internal_notes(app, handler, make_user, session):
    colleague = make_user("dongnghiep@example.org", role="handler", unit=HOME)
    pid = make_petition(app, HOME)
    page = handler.get(f"{URL}/{pid}").get_data(as_text=True)
    assert f'<option value="{colleague}">dongnghiep</option>' in page
    assert handler.post_form(f"{URL}/{pid}/giao", assignee=str(colleague)).status_code == 302
    assert _petition(session, pid).assigned_to_id == colleague
    handler.post_form(f"{URL}/{pid}/ghi-chu", note="Đã gọi điện cho tổ trưởng <b>tổ 3</b>.")
    handler.post_form(f"{URL}/{pid}/giao", assignee="0")
    p = _petition(session, pid)
    assert p.assigned_to_id is None
    assert [(e.kind, e.for_resident) for e in p.events[1:]] == [("assigned", False), ("note", False),
                                                                ("unassigned", False)]
    page = handler.get(f"{URL}/{pid}").get_data(as_text=True)
    assert "tổ trưởng &lt;b&gt;tổ 3&lt;/b&gt;." in page  # escaped, never markup
    assert _audit_actions(session, pid) == ["petition.assign", "petition.note", "petition.assign"]


def test_bulk_accept_and_assign_to_me(app, handler, session):
    mine = [make_petition(app, HOME) for _ in range(2)]
    busy = make_petition(app, HOME, status="answered")
    elsewhere = make_petition(app, "11560")
    ids = [str(i) for i in (*mine, busy, elsewhere)]
    response = handler.post_form(f"{URL}/hang-loat", bulk_action="accept", chon=ids, next=f"{URL}/?trang-thai=open")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{URL}/?trang-thai=open")
    assert [_petition(session, i).status for i in (*mine, busy, elsewhere)] == [
        "in_progress", "in_progress", "answered", "received"]
    handler.post_form(f"{URL}/hang-loat", bulk_action="assign_me", chon=ids, next="https://evil.example/")
    me = session.scalar(select(User).where(User.email == "xl@example.org"))
    assert [_petition(session, i).assigned_to_id for i in (*mine, busy, elsewhere)] == [me.id, me.id, me.id, None]
    response = handler.post_form(f"{URL}/hang-loat", bulk_action="accept")
    assert response.status_code == 302  # nothing ticked: a message, nothing changed


def test_inbox_filters_marks_overdue_and_pages(app, handler, session):
    late = make_petition(app, HOME, title="Rác thải chưa được thu gom", due_in_days=-3, category="moi-truong")
    make_petition(app, HOME, title="Đã trả lời nhưng quá hạn", status="answered", due_in_days=-3)
    for n in range(26):
        make_petition(app, HOME, title=f"Đèn đường số {n} hỏng")
    handler.set_cookie("lang", "en")
    first = handler.get(f"{URL}/").get_data(as_text=True)
    assert "Page 1 of 2" in first and first.count('name="chon"') == 25
    assert "Đèn đường số 25 hỏng" in first and "Rác thải" not in first  # newest first
    assert "Rác thải" in handler.get(f"{URL}/?trang=2").get_data(as_text=True)
    overdue = handler.get(f"{URL}/?qua-han=1").get_data(as_text=True)
    assert overdue.count('name="chon"') == 1 and f'value="{late}"' in overdue
    assert overdue.count('<strong class="error">Overdue</strong>') == 1  # the answered one is not overdue
    assert handler.get(f"{URL}/?linh-vuc=moi-truong").get_data(as_text=True).count('name="chon"') == 1
    assert handler.get(f"{URL}/?trang-thai=answered").get_data(as_text=True).count('name="chon"') == 1
    assert handler.get(f"{URL}/?q=s%E1%BB%91+1").get_data(as_text=True).count('name="chon"') == 11  # "số 1"
    assert handler.get(f"{URL}/?q=%25").get_data(as_text=True).count('name="chon"') == 0  # LIKE escaped
    detail = handler.get(f"{URL}/{late}").get_data(as_text=True)
    assert '<strong class="error">Overdue</strong>' in detail


OPEN_STEPS = {"tra-loi", "giao", "loi-van", "chuyen", "tu-choi", "gop", "ghi-chu"}
STEPS = {
    "received": OPEN_STEPS | {"nhan"}, "in_progress": OPEN_STEPS, "answered": {"cong-bo", "giao", "loi-van", "ghi-chu"},
    "published": {"an", "loi-van", "ghi-chu"}, "transferred": {"loi-van", "ghi-chu"}, "rejected": {"ghi-chu"},
    "merged": {"ghi-chu"}, "withdrawn": {"ghi-chu"},
}


@pytest.mark.parametrize("status", list(STEPS))
def test_the_page_offers_only_the_steps_the_state_allows(app, handler, status):
    pid = make_petition(app, HOME, status=status)
    html = handler.get(f"{URL}/{pid}").get_data(as_text=True)
    assert set(re.findall(rf'action="{URL}/{pid}/([a-z-]+)"', html)) == STEPS[status]
    assert html.count('name="csrf_token"') == len(STEPS[status]) and 'id="csrf_token"' not in html
