"""Sample published content for the crawler and browser tests, recreated on demand.

Tables are emptied after every test, so callers run `ensure_sample_content(app)` right
before they visit pages; titles (hence slugs) are fixed, and the speech files are cached
on disk by text hash, so re-creating costs little.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import User
from portal.accounts.service import create_user
from portal.bulletins import service as bulletins
from portal.bulletins.models import Bulletin
from portal.db import db
from portal.units.service import get_by_code

BULLETINS = [
    ("Cảnh giác với cuộc gọi giả danh công an", "TW", "phap-luat",
     "Kẻ gian gọi điện xưng là công an, đòi chuyển tiền hoặc đọc mã OTP.\n\n"
     "## Bà con cần làm gì\n\n- Không đọc mã OTP cho bất kỳ ai.\n- Gọi 113 khi nghi ngờ."),
    ("Hải Phòng ra quân phân loại rác tại nguồn", "31", "hoat-dong",
     "Từ ngày 15/10/2026, các tổ dân phố hướng dẫn bà con phân loại rác thành ba nhóm."),
    ("Phường Hồng Bàng hỗ trợ đăng ký VNeID mức 2", "11311", "chuyen-doi-so",
     "Tổ công nghệ số cộng đồng hỗ trợ bà con đăng ký tài khoản định danh điện tử mức 2."),
]


def ensure_sample_content(app) -> list[str]:
    """Publish the sample bulletins if they are missing; returns their slugs."""
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == "sample-admin@example.org"))
        if admin is None:
            admin = create_user(db.session, "sample-admin@example.org", "sample password 123", "admin")
        slugs = []
        for title, unit, topic, body in BULLETINS:
            existing = db.session.scalar(select(Bulletin).where(Bulletin.title == title))
            if existing is None:
                data = bulletins.BulletinData(title=title, summary=body.split("\n")[0][:250], body=body,
                                              topic=topic, unit=get_by_code(db.session, unit))
                existing = bulletins.publish(db.session, admin, bulletins.save(db.session, admin, data))
            slugs.append(existing.slug)
        _ensure_sample_lessons(admin)
        from tests.library.sample import ensure_sample_library

        ensure_sample_library(admin)
        return slugs


def _ensure_sample_lessons(admin) -> None:
    """The demo course on online scams (pictures, audio, quizzes) and one team session."""
    from datetime import date

    from portal.lessons import demo as lessons_demo
    from portal.lessons.models import Course

    meta = lessons_demo.parse((lessons_demo.CONTENT / "02-nhan-biet-lua-dao.txt").read_text(encoding="utf-8"))
    if db.session.scalar(select(Course.id).where(Course.title == meta["course"])) is None:
        lessons_demo.seed_course(db.session, admin, meta)
        lessons_demo.seed_sessions(db.session, admin, None, date.today())
