"""A review keeps what was public: the published answer stays at /phan-anh/<code> and in the list
with its history; what the committee answered cannot be rewritten or withdrawn by the resident;
the resident is told of every change of status, committee and due date."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from portal.petitions.models import Notification, Petition
from portal.units.service import get_by_code
from tests.conftest import csrf_from
from tests.petitions.factories import login_as, make_petition, register_staff_blueprint

HOME, PROVINCE = "11311", "31"  # Phường Hồng Bàng, and the city of Hải Phòng above it
URL = "/quan-tri/phan-anh"
FIRST_ANSWER = "Đã thay bóng đèn đường ngõ 5 ngày 10/3. Cảm ơn bà đã báo."


@pytest.fixture(autouse=True)
def _staff_routes(app):
    register_staff_blueprint(app)


def _staff(app, make_user, email, unit):
    make_user(email, role="handler", unit=unit)
    client, token = login_as(app, email)
    client.post_form = lambda url, **data: client.post(url, data={**data, "csrf_token": token})
    return client


def _answer_and_publish(staff, pid, text=FIRST_ANSWER, accept=True):
    if accept:
        assert staff.post_form(f"{URL}/{pid}/nhan").status_code == 302
    assert staff.post_form(f"{URL}/{pid}/tra-loi", answer=text).status_code == 302
    assert staff.post_form(f"{URL}/{pid}/cong-bo").status_code == 302


def _resident(app, code):
    client = app.test_client()
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    assert client.post(f"/phan-anh/tra-cuu/{code}/xac-minh",
                       data={"csrf_token": csrf_from(page), "secret": "5678"}).status_code == 303
    return client


def _ask_review(client, code):
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    return client.post(f"/phan-anh/tra-cuu/{code}/xem-xet-lai",
                       data={"csrf_token": csrf_from(page), "reason": "Đèn lại hỏng sau hai ngày, chưa ai đến sửa."})


def _names(session):
    return get_by_code(session, HOME).committee_name, get_by_code(session, PROVINCE).committee_name


def _today() -> str:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y")


def test_an_escalated_answer_stays_public_with_its_history(app, session, make_user):
    commune, province = _names(session)
    pid = make_petition(app, HOME)
    code = session.get(Petition, pid).code
    _answer_and_publish(_staff(app, make_user, "xl@example.org", HOME), pid)
    resident = _resident(app, code)
    assert _ask_review(resident, code).status_code == 303
    session.expire_all()
    p = session.get(Petition, pid)
    assert p.unit.code == PROVINCE and p.status == "received"  # escalated: the province handles it now

    page = app.test_client().get(f"/phan-anh/{code}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and FIRST_ANSWER in html
    assert f"Trả lời của {commune}" in html  # still the commune's answer, not the province's
    assert f"{_today()} — chuyển lên {province} để xem xét lại, theo đề nghị của người gửi" in html
    assert "đang được xem xét lại" in html
    assert "Đèn lại hỏng sau hai ngày" not in html  # the review reason is the resident's, not public
    for listing in ("/phan-anh/", f"/phan-anh/?don-vi={HOME}"):
        assert f"/phan-anh/{code}" in app.test_client().get(listing).get_data(as_text=True), listing

    # The province answers again and publishes: its answer is public, the history tells both.
    _answer_and_publish(_staff(app, make_user, "tinh@example.org", PROVINCE), pid,
                        "Thành phố đã giao Công ty chiếu sáng thay toàn bộ tuyến đèn ngõ 5 trong tuần.")
    html = app.test_client().get(f"/phan-anh/{code}").get_data(as_text=True)
    assert "Công ty chiếu sáng" in html and f"Trả lời của {province}" in html
    assert f"công bố câu trả lời của {commune}" in html and f"công bố câu trả lời của {province}" in html
    assert "đang được xem xét lại" not in html
    session.expire_all()
    kept = [e.note for e in session.get(Petition, pid).events if e.kind == "earlier_answer"]
    assert kept == [FIRST_ANSWER]  # the commune's answer is not lost when the province answers


def test_a_new_unpublished_answer_does_not_leak_while_the_review_runs(app, session, make_user):
    pid = make_petition(app, HOME)
    code = session.get(Petition, pid).code
    _answer_and_publish(_staff(app, make_user, "xl@example.org", HOME), pid)
    _ask_review(_resident(app, code), code)
    province = _staff(app, make_user, "tinh@example.org", PROVINCE)
    assert province.post_form(f"{URL}/{pid}/tra-loi", answer="Bản nháp: gọi 0987 654 321 để hẹn.").status_code == 302
    html = app.test_client().get(f"/phan-anh/{code}").get_data(as_text=True)
    assert FIRST_ANSWER in html and "Bản nháp" not in html and "0987" not in html


@pytest.mark.parametrize("published", [True, False])
def test_the_resident_cannot_rewrite_or_withdraw_what_was_answered(app, session, make_user, published):
    """Within the correction window, and after the review put the petition back to "received"."""
    pid = make_petition(app, HOME, title="Đèn đường ngõ 5 hỏng")
    code = session.get(Petition, pid).code
    staff = _staff(app, make_user, "xl@example.org", HOME)
    if published:
        _answer_and_publish(staff, pid)
    else:  # answered, not yet published
        assert staff.post_form(f"{URL}/{pid}/tra-loi", answer=FIRST_ANSWER).status_code == 302
    resident = _resident(app, code)
    assert _ask_review(resident, code).status_code == 303
    session.expire_all()
    assert session.get(Petition, pid).status == "received"

    page = resident.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    assert "/sua" not in page and "/rut" not in page  # no correction or withdrawal offered
    token = csrf_from(resident.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True))  # a valid token
    response = resident.post(f"/phan-anh/tra-cuu/{code}/sua", data={
        "csrf_token": token, "title": "Tiêu đề viết lại hoàn toàn",
        "body": "Một nội dung khác hẳn, viết lại sau khi Ủy ban đã trả lời phản ánh."})
    assert response.status_code == 409
    assert "Ủy ban đã trả lời phản ánh này nên không thể sửa hoặc rút lại nữa" in response.get_data(as_text=True)
    response = resident.post(f"/phan-anh/tra-cuu/{code}/rut", data={"csrf_token": token})
    assert response.status_code == 409
    session.expire_all()
    p = session.get(Petition, pid)
    assert p.title == "Đèn đường ngõ 5 hỏng" and p.status == "received"
    assert [e.kind for e in p.events].count("corrected") == 0


def _messages(session, pid):
    session.expire_all()
    return session.scalars(select(Notification).where(Notification.petition_id == pid)
                           .order_by(Notification.id)).all()


def test_the_resident_is_told_of_every_change_of_status_committee_and_due_date(app, session, make_user):
    commune, province = _names(session)
    pid = make_petition(app, HOME)  # with a phone and an e-mail: two messages per change
    code = session.get(Petition, pid).code
    home = _staff(app, make_user, "xl@example.org", HOME)

    def new(before):
        rows = _messages(session, pid)[before:]
        assert {n.recipient for n in rows} == {"0912345678", "lan.nguyen@example.vn"}, rows
        return rows[0].subject, rows[0].body

    assert home.post_form(f"{URL}/{pid}/nhan").status_code == 302
    subject, body = new(0)
    assert code in subject and "Đang được xử lý" in body

    due = session.get(Petition, pid).due_on.strftime("%d/%m/%Y")
    assert home.post_form(f"{URL}/{pid}/chuyen", unit_code=PROVINCE, transfer_reason="Vượt thẩm quyền phường.") \
        .status_code == 302
    subject, body = new(2)
    assert province in body and due in body and "Vượt thẩm quyền" not in body  # the staff note stays inside

    city = _staff(app, make_user, "tinh@example.org", PROVINCE)
    _answer_and_publish(city, pid)  # accepted, answered, published: three changes
    assert len(_messages(session, pid)) == 10
    assert "Đã trả lời và công khai" in _messages(session, pid)[-1].body

    # The review moves it to the central committee with a new due date: both are in the message.
    assert _ask_review(_resident(app, code), code).status_code == 303
    p = session.get(Petition, pid)
    subject, body = new(10)
    assert p.unit.code == "TW" and p.unit.committee_name in body and p.due_on.strftime("%d/%m/%Y") in body

    central = _staff(app, make_user, "tw@example.org", "TW")
    assert central.post_form(f"{URL}/{pid}/tu-choi", reject_reason="other", reject_note="Đã giải quyết đúng.") \
        .status_code == 302
    subject, body = new(12)
    assert "Không được tiếp nhận" in body


def test_merging_and_withdrawing_tell_the_resident(app, session, make_user):
    first, twin, mine = (make_petition(app, HOME) for _ in range(3))
    staff = _staff(app, make_user, "xl@example.org", HOME)
    target = session.get(Petition, first).code
    assert staff.post_form(f"{URL}/{twin}/gop", target_code=target).status_code == 302
    assert "Đã gộp với phản ánh khác cùng nội dung" in _messages(session, twin)[-1].body
    assert len(_messages(session, twin)) == 2

    code = session.get(Petition, mine).code
    resident = _resident(app, code)
    page = resident.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    assert resident.post(f"/phan-anh/tra-cuu/{code}/rut", data={"csrf_token": csrf_from(page)}).status_code == 303
    assert len(_messages(session, mine)) == 2 and "Người gửi đã rút" in _messages(session, mine)[-1].body


def test_the_outbox_page_is_for_administrators_with_masked_contacts(app, session, make_user):
    pids = [make_petition(app, HOME, phone="0912345667", email="thu.tran@gmail.com") for _ in range(3)]
    staff = _staff(app, make_user, "xl@example.org", HOME)
    for pid in pids:
        assert staff.post_form(f"{URL}/{pid}/nhan").status_code == 302  # one message to each contact
    for n in range(60):
        session.add(Notification(petition_id=pids[0], channel="outbox", recipient="0912345667",
                                 subject=f"Tin số {n}", body="Ủy ban đã nhận phản ánh."))
    session.commit()
    total = session.scalar(select(func.count()).select_from(Notification))

    assert staff.get(f"{URL}/hop-thu-di").status_code == 403  # a handler is not an administrator
    assert app.test_client().get(f"{URL}/hop-thu-di").status_code == 302  # to the login page
    make_user("quantri@example.org", role="admin")
    admin, _token = login_as(app, "quantri@example.org")
    page = admin.get(f"{URL}/hop-thu-di")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    second = admin.get(f"{URL}/hop-thu-di?trang=2").get_data(as_text=True)
    both = html + second
    assert "09••••••67" in both and "t••••@g••••.com" in both
    assert "0912345667" not in both and "thu.tran" not in both and "gmail" not in both
    assert f"{total} tin nhắn" in html and html.count("<tr>") == 50 + 1  # header + one page
    assert second.count("<tr>") == total - 50 + 1
    assert f"/quan-tri/phan-anh/{pids[0]}" in html


def test_demo_answers_are_published_with_their_answer(app, session):
    """The demo publishes without `handling.publish`; its answers must show like real ones."""
    from portal.db import db
    from portal.petitions import demo, public

    with app.app_context():
        list(demo.seed(db.session, None))
        items, total = public.list_public(db.session, per_page=100)
        assert total >= 5 and all(item.answer for item in items)
        html = app.test_client().get(f"/phan-anh/{items[0].code}").get_data(as_text=True)
        assert public.paragraphs(items[0].answer)[0][0] in html
