"""Changes of public content made by another process (another instance of the portal), for
tests/scale/test_page_cache_workers.py: `python -m tests.scale.page_cache_actions ACTION`."""

from __future__ import annotations

import sys

from sqlalchemy import select

from portal import create_app
from portal.accounts.models import User
from portal.bulletins import service as bulletins
from portal.bulletins.models import Bulletin
from portal.db import db
from tests.content import BULLETINS, ensure_sample_content

ANSWER = "Phường đã nạo vét cống ngõ 12 ngày 3/12."
NEW_TITLE = "Cảnh giác cuộc gọi mạo danh cán bộ"


def _admin() -> User:
    return db.session.scalar(select(User).where(User.email == "sample-admin@example.org"))


def _bulletin() -> Bulletin:
    return db.session.scalar(select(Bulletin).where(Bulletin.title.in_([BULLETINS[0][0], NEW_TITLE])))


def main(action: str) -> None:
    app = create_app()
    if action == "seed":
        ensure_sample_content(app)
        from portal.accounts.service import create_user
        from portal.units.service import get_by_code
        from tests.petitions.factories import make_petition

        with app.app_context():
            create_user(db.session, "xuly.cache@example.org", "correct horse battery", "handler",
                        unit=get_by_code(db.session, "11311"))
        make_petition(app, title="Cống thoát nước ngõ 12 bị tắc", status="answered", answer=ANSWER)
        return
    with app.app_context():
        if action == "correct-bulletin":
            b = _bulletin()
            bulletins.save(db.session, _admin(), bulletins.BulletinData(
                title=NEW_TITLE, summary=b.summary, body=b.body, topic=b.topic, unit=b.unit), b)
        elif action == "unpublish-bulletin":
            bulletins.unpublish(db.session, _admin(), _bulletin())
        elif action == "withdraw-item":
            from portal.library import service as library
            from portal.library.models import Item

            item = db.session.scalar(select(Item).where(Item.status == "published").order_by(Item.id))
            library.unpublish(db.session, _admin(), item)
            print(item.slug)
        elif action == "publish-answer":
            from portal.petitions import handling
            from portal.petitions.models import Petition

            handler = db.session.scalar(select(User).where(User.email == "xuly.cache@example.org"))
            petition = db.session.scalar(select(Petition).where(Petition.answer == ANSWER))
            assert handling.publish(db.session, handler, petition)
            print(petition.code)
        elif action == "first-item":
            from portal.library.models import Item

            print(db.session.scalar(select(Item.slug).where(Item.status == "published").order_by(Item.id)))
        else:
            raise SystemExit(f"unknown action {action}")


if __name__ == "__main__":
    main(sys.argv[1])
