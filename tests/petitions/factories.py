"""Petition rows inserted directly (no resident flow), for the staff tests."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from portal.db import db, utcnow
from portal.petitions import codes
from portal.petitions.models import Petition, PetitionEvent
from portal.units.service import get_by_code
from tests.conftest import complete_two_factor, csrf_from

PASSWORD = "correct horse battery"


def make_petition(app, unit: str = "11311", *, title: str = "Đường ngõ 5 bị ngập sau mưa",
                  body: str = "Nước ngập sâu, xin Ủy ban kiểm tra. Gọi tôi: 0912 345 678.",
                  category: str = "ha-tang", status: str = "received", due_in_days: int = 10,
                  name: str = "Nguyễn Thị Lan", phone: str = "0912345678", email: str = "lan.nguyen@example.vn",
                  consent_public: bool = True, **extra) -> int:
    """Insert one petition (with its "received" event) and return its id."""
    with app.app_context():
        unit_obj = get_by_code(db.session, unit)
        if status == "published":  # as publishing does: the public copy of the answer and its committee
            extra.setdefault("published_at", utcnow())
            extra.setdefault("public_answer", extra.get("answer", ""))
            extra.setdefault("public_unit_id", unit_obj.id)
        petition = Petition(code=codes.new_code(), submission_id=uuid.uuid4().hex, unit=unit_obj, category=category,
                            status=status, title=title, body=body, name=name, phone=phone, email=email,
                            consent_public=consent_public, due_on=date.today() + timedelta(days=due_in_days),
                            **extra)
        petition.events.append(PetitionEvent(kind="received", to_unit_id=unit_obj.id))
        db.session.add(petition)
        db.session.commit()
        return petition.id


def register_staff_blueprint(app) -> None:
    """Until `portal/__init__.py` registers the staff blueprint, add it to the shared test app."""
    if "petitions_staff" in app.blueprints:
        return
    from portal.petitions.manage import bp

    got_first_request = app._got_first_request
    app._got_first_request = False  # the session-wide app may already have served requests
    try:
        app.register_blueprint(bp)
    finally:
        app._got_first_request = got_first_request


def login_as(app, email: str | None):
    """A fresh client logged in as `email` (anonymous when None), and a valid CSRF token."""
    client = app.test_client()
    page = client.get("/quan-tri/dang-nhap").get_data(as_text=True)
    if not email:
        return client, csrf_from(page)
    response = client.post("/quan-tri/dang-nhap", data={"csrf_token": csrf_from(page), "email": email,
                                                        "password": PASSWORD, "next": ""})
    response = complete_two_factor(app, client, response)
    assert response.status_code == 302
    return client, csrf_from(client.get("/quan-tri/").get_data(as_text=True))
