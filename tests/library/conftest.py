import pytest

from portal.db import db
from portal.library import makers, service
from portal.library.uploads import inspect
from portal.units.service import get_by_code

PARAGRAPHS = [
    "Điều 12. Đối tượng tham gia bảo hiểm y tế.",
    "Người từ đủ 75 tuổi trở lên đang hưởng trợ cấp tuất hằng tháng được ngân sách nhà nước đóng bảo hiểm y tế.",
    "Trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế miễn phí; cha mẹ đăng ký khai sinh là được cấp thẻ.",
]
LONG = [f"Điều {n}. Quy định số {n} về thủ tục đất đai." if n % 4 == 0 else
        f"Khoản {n}: người sử dụng đất nộp hồ sơ tại bộ phận một cửa của Ủy ban nhân dân xã, phường; "
        "cán bộ tiếp nhận ghi giấy biên nhận, hẹn ngày trả kết quả và hướng dẫn bà con bổ sung giấy tờ còn thiếu."
        for n in range(1, 60)]


@pytest.fixture
def editor(make_user):
    return make_user("bientap@example.org", role="editor", unit="31")


@pytest.fixture
def sample_pdf() -> bytes:
    return makers.make_pdf("Luật Bảo hiểm y tế (tóm tắt)", PARAGRAPHS)


@pytest.fixture
def make_item(app, make_user):
    """Create (and by default publish) an item as an admin, with the given files; returns its id."""

    def make(title="Hỏi đáp về bảo hiểm y tế cho người cao tuổi", unit="31", kind="guide", publish=True,
             files=(), summary="Ai được cấp thẻ bảo hiểm y tế miễn phí và cần làm gì.", category=None, tags=""):
        from portal.accounts.models import User

        with app.app_context():
            admin = db.session.query(User).filter_by(role="admin").first()
            if admin is None:
                make_user("admin-l@example.org", role="admin")
                admin = db.session.query(User).filter_by(role="admin").first()
            uploads = [service.Upload(data, inspect(data, name, 50 * 1024 * 1024)) for name, data in files]
            data = service.ItemData(title=title, kind=kind, summary=summary, unit=get_by_code(db.session, unit),
                                    issuer="Bộ Y tế", category=category and db.session.merge(category), tags=tags)
            item = service.save(db.session, admin, data, uploads=uploads).item
            if publish:
                service.publish(db.session, admin, item)
            return item.id

    return make


def published_item(app, make_user, title: str, unit: str = "31") -> str:
    """A published guide with no files (quick: only its summary is spoken); returns its slug."""
    from portal.accounts.models import User

    with app.app_context():
        admin = db.session.query(User).filter_by(role="admin").first()
        if admin is None:
            make_user("admin-l@example.org", role="admin")
            admin = db.session.query(User).filter_by(role="admin").first()
        data = service.ItemData(title=title, kind="guide", summary="Cần mang căn cước công dân.",
                                unit=get_by_code(db.session, unit), issuer="Bộ Y tế", category=None, tags="")
        item = service.save(db.session, admin, data, uploads=[]).item
        service.publish(db.session, admin, item)
        return item.slug
