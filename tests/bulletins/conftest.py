import pytest

from portal.bulletins import service
from portal.db import db
from portal.units.service import get_by_code

BODY = ("Ngày 15/11/2026, Ủy ban MTTQ phường tổ chức Ngày hội Đại đoàn kết toàn dân tộc.\n\n"
        "## Chương trình\n\n- Văn nghệ của các tổ dân phố\n- Trao 20 suất quà, mỗi suất 500.000 đồng")


@pytest.fixture
def editor(make_user):
    return make_user("bientap@example.org", role="editor", unit="31")


@pytest.fixture
def make_bulletin(app, make_user):
    """Create (and by default publish) a bulletin as an admin; returns its id."""

    def make(title="Ngày hội Đại đoàn kết ở khu dân cư", unit="31", publish=True, body=BODY, topic="hoat-dong",
             when=None):
        from portal.accounts.models import User

        with app.app_context():
            admin = db.session.query(User).filter_by(role="admin").first()
            if admin is None:
                make_user("admin-b@example.org", role="admin")
                admin = db.session.query(User).filter_by(role="admin").first()
            data = service.BulletinData(title=title, summary="Tóm tắt ngắn gọn của bản tin.", body=body,
                                        topic=topic, unit=get_by_code(db.session, unit))
            bulletin = service.save(db.session, admin, data)
            if publish:
                service.publish(db.session, admin, bulletin, when)
            return bulletin.id

    return make
