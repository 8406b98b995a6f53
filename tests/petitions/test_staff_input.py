"""Refused input on the staff petition forms: a 400 (or 409 for a stale step) with the error
shown on the page, what was typed kept, and nothing changed or audited."""

import pytest
from sqlalchemy import func, select

from portal.accounts.models import AuditEntry
from portal.petitions.models import Petition, PetitionEvent
from tests.petitions.factories import login_as, make_petition, register_staff_blueprint

HOME = "11311"
URL = "/quan-tri/phan-anh"


@pytest.fixture(autouse=True)
def _staff_routes(app):
    register_staff_blueprint(app)


@pytest.fixture
def post(app, make_user):
    make_user("xl@example.org", role="handler", unit=HOME)
    client, token = login_as(app, "xl@example.org")
    client.set_cookie("lang", "en")

    def do(url, **data):
        return client.post(url, data={**data, "csrf_token": token})

    return do


def _snapshot(session, pid):
    session.expire_all()
    p = session.get(Petition, pid)
    events = session.scalar(select(func.count()).select_from(PetitionEvent).where(PetitionEvent.petition_id == pid))
    audits = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.object_type == "petition"))
    return (p.status, p.unit_id, p.answer, p.public_title, p.public_body, p.merged_into_id, p.assigned_to_id,
            p.reject_reason, p.title, p.body, events, audits)


BAD = [
    pytest.param("tra-loi", {"answer": "   "}, "Please write the answer.", id="empty-answer"),
    pytest.param("tra-loi", {"answer": "x" * 8001}, "8,001 characters: at most 8,000 fit here.", id="huge-answer"),
    pytest.param("ghi-chu", {"note": "y" * 2001}, "2,001 characters: at most 2,000 fit here.", id="huge-note"),
    pytest.param("ghi-chu", {}, "Please write the note.", id="missing-note"),
    pytest.param("loi-van", {"public_title": "t" * 201, "public_body": "ok"}, "201 characters: at most 200 fit here.",
                 id="huge-public-title"),
    pytest.param("loi-van", {"public_title": "ok", "public_body": ""}, "Please enter the public text.",
                 id="empty-public-text"),
    pytest.param("chuyen", {"unit_code": "99999", "transfer_reason": "Sai nơi"}, "No committee has this code.",
                 id="unknown-committee"),
    pytest.param("chuyen", {"unit_code": "' OR 1=1 --", "transfer_reason": "x"}, "11 characters: at most 10 fit here.",
                 id="sql-in-committee-code"),
    pytest.param("chuyen", {"unit_code": HOME, "transfer_reason": "x"}, "already with this committee",
                 id="transfer-to-itself"),
    pytest.param("chuyen", {"unit_code": "31", "transfer_reason": ""}, "Please give the reason for the transfer.",
                 id="transfer-without-reason"),
    pytest.param("tu-choi", {"reject_reason": "because", "reject_note": "x"}, "Please choose a reason.",
                 id="unknown-reject-reason"),
    pytest.param("tu-choi", {"reject_reason": "duplicate", "reject_note": "z" * 1001},
                 "1,001 characters: at most 1,000 fit here.",
                 id="huge-reject-note"),
    pytest.param("gop", {"target_code": "PA-7K3M-9QXD"}, "No other petition of this committee has this code.",
                 id="merge-into-unknown-code"),
    pytest.param("giao", {"assignee": "abc"}, "Choose a colleague of this committee.", id="assign-to-garbage"),
]


@pytest.mark.parametrize(("rule", "data", "message"), BAD)
def test_refused_input_changes_nothing(app, post, session, rule, data, message):
    pid = make_petition(app, HOME)
    before = _snapshot(session, pid)
    response = post(f"{URL}/{pid}/{rule}", **data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html and 'class="error-summary"' in html
    assert _snapshot(session, pid) == before


def test_merge_into_a_petition_of_another_committee_is_refused_like_an_unknown_code(app, post, session):
    pid = make_petition(app, HOME)
    other = make_petition(app, "11560")
    before = _snapshot(session, pid), _snapshot(session, other)
    response = post(f"{URL}/{pid}/gop", target_code=session.get(Petition, other).code)
    assert response.status_code == 400
    assert "No other petition of this committee has this code." in response.get_data(as_text=True)
    assert (_snapshot(session, pid), _snapshot(session, other)) == before
    assert post(f"{URL}/{pid}/gop", target_code=session.get(Petition, pid).code).status_code == 400  # itself


def test_assigning_a_handler_of_another_committee_is_refused(app, post, make_user, session):
    stranger = make_user("khac@example.org", role="handler", unit="11560")
    pid = make_petition(app, HOME)
    response = post(f"{URL}/{pid}/giao", assignee=str(stranger))
    assert response.status_code == 400
    assert "Choose a colleague of this committee." in response.get_data(as_text=True)
    assert _petition_assignee(session, pid) is None


def _petition_assignee(session, pid):
    session.expire_all()
    return session.get(Petition, pid).assigned_to_id


def test_typed_text_is_kept_when_the_form_is_refused(app, post):
    pid = make_petition(app, HOME)
    response = post(f"{URL}/{pid}/chuyen", unit_code="00000", transfer_reason="Gửi <script>alert(1)</script> tỉnh")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Gửi &lt;script&gt;alert(1)&lt;/script&gt; tỉnh" in html and "<script>alert(1)" not in html
    assert "<details open>" in html  # the refused form is shown open


@pytest.mark.parametrize(("status", "rule", "data"), [
    ("in_progress", "nhan", {}),
    ("answered", "tra-loi", {"answer": "Trả lời lần hai"}),
    ("received", "cong-bo", {}),
    ("answered", "chuyen", {"unit_code": "31", "transfer_reason": "x"}),
    ("published", "tu-choi", {"reject_reason": "other", "reject_note": "x"}),
    ("rejected", "gop", {"target_code": "PA-7K3M-9QXD"}),
    ("answered", "an", {}),
    ("merged", "giao", {"assignee": "0"}),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_step_the_state_does_not_allow_is_a_conflict(app, post, session, status, rule, data):
    pid = make_petition(app, HOME, status=status)
    before = _snapshot(session, pid)
    response = post(f"{URL}/{pid}/{rule}", **data)
    assert response.status_code == 409
    assert "This step is not possible in the petition" in response.get_data(as_text=True)
    assert _snapshot(session, pid) == before


def test_unhiding_what_is_shown_is_a_conflict(app, post, session):
    pid = make_petition(app, HOME, status="published")
    assert post(f"{URL}/{pid}/hien").status_code == 409
    assert post(f"{URL}/{pid}/an", hide_note="h" * 1001).status_code == 400
    session.expire_all()
    assert not session.get(Petition, pid).hidden


def test_a_form_without_its_csrf_token_is_refused(app, make_user, session):
    make_user("xl@example.org", role="handler", unit=HOME)
    client, _token = login_as(app, "xl@example.org")
    pid = make_petition(app, HOME)
    assert client.post(f"{URL}/{pid}/nhan").status_code == 400
    assert client.post(f"{URL}/{pid}/tra-loi", data={"answer": "x", "csrf_token": "forged"}).status_code == 400
    session.expire_all()
    assert session.get(Petition, pid).status == "received"
