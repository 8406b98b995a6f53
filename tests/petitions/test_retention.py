"""Personal data is erased after the retention period; the public record stays."""

from datetime import timedelta

from portal.db import utcnow
from portal.petitions.jobs import erase_personal_data
from portal.petitions.models import PUBLISHED, Notification, Petition
from portal.units.service import get_by_code


def test_erases_contact_data_of_old_closed_petitions_only(app, session):
    unit = get_by_code(session, "11311")

    def make(code, closed_days_ago):
        p = Petition(code=code, submission_id=code, unit=unit, category="khac", status=PUBLISHED,
                     title="Nhà tôi số 5 ngõ 12, gọi 0912345678", body="Liên hệ lan@example.org",
                     public_title="Nhà tôi [địa chỉ đã ẩn], gọi [số điện thoại đã ẩn]",
                     public_body="Liên hệ [email đã ẩn]", name="Lan", phone="0912345678", email="lan@example.org",
                     consent_public=True, due_on=utcnow().date(), answer="Đã xử lý.", resident_key="k" * 64,
                     closed_at=utcnow() - timedelta(days=closed_days_ago) if closed_days_ago is not None else None)
        session.add(p)
        session.add(Notification(petition=p, channel="outbox", recipient="0912345678", body="x"))
        return p

    old, recent, open_one = make("PA-OLD", 800), make("PA-NEW", 10), make("PA-OPEN", None)
    session.commit()
    with app.app_context():
        assert erase_personal_data(session, months=24) == 1
    session.expire_all()
    assert (old.name, old.phone, old.email) == ("", "", "") and old.personal_data_erased_at
    assert old.resident_key is None and recent.resident_key == "k" * 64  # off the resident's own list too
    assert "0912345678" not in old.title and "lan@example.org" not in old.body
    assert old.answer == "Đã xử lý." and old.public_title.startswith("Nhà tôi")
    assert recent.phone == "0912345678" and open_one.phone == "0912345678"
    assert [n.recipient for n in session.query(Notification).filter_by(petition_id=old.id)] == [""]
    with app.app_context():
        assert erase_personal_data(session, months=24) == 0
