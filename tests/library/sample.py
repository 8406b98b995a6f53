"""Sample library items for the crawler and browser tests (see tests/content.py): a legal text
whose reading version has two pages, and an e-book; recreated on demand like the rest."""

from __future__ import annotations

from sqlalchemy import select

from portal.db import db
from portal.library import makers, service
from portal.library.models import Category, Item
from portal.library.uploads import inspect
from portal.units.service import get_by_code

from .conftest import LONG, PARAGRAPHS

LEGAL_TITLE = "Luật Đất đai: thủ tục cấp giấy chứng nhận"
EBOOK_TITLE = "Sổ tay bảo hiểm y tế cho người cao tuổi"


def ensure_sample_library(admin) -> list[str]:
    """Publish the sample items if missing; returns their slugs (legal text first)."""
    category = db.session.scalar(select(Category).where(Category.slug == "phap-luat"))
    if category is None:
        category = service.add_category(db.session, admin, "Pháp luật", None, slug="phap-luat")
    samples = [
        (LEGAL_TITLE, "legal", "31", "pdf", makers.make_pdf(LEGAL_TITLE, LONG[:20], "Quốc hội"),
         "Giấy tờ cần chuẩn bị, nơi nộp hồ sơ và thời gian chờ khi xin cấp giấy chứng nhận lần đầu."),
        (EBOOK_TITLE, "ebook", "TW", "epub", makers.make_epub(EBOOK_TITLE, [("Chương 1. Ai được cấp thẻ", PARAGRAPHS)]),
         "Những điều người cao tuổi cần biết về thẻ bảo hiểm y tế, viết ngắn gọn."),
    ]
    slugs = []
    for title, kind, unit, fmt, data, summary in samples:
        item = db.session.scalar(select(Item).where(Item.title == title))
        if item is None:
            upload = service.Upload(data, inspect(data, f"{title}.{fmt}", 10 * 1024 * 1024))
            item = service.save(db.session, admin, service.ItemData(
                title=title, kind=kind, summary=summary, unit=get_by_code(db.session, unit), issuer="Quốc hội",
                category=category, tags="đất đai, bảo hiểm y tế"), uploads=[upload]).item
            item = service.publish(db.session, admin, item)
        slugs.append(item.slug)
    return slugs
