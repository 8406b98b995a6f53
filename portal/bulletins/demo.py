"""Demo bulletins from demo_content/*.md (front matter + Markdown), published on their dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.units.service import get_by_code

from . import service
from .models import Bulletin

CONTENT = Path(__file__).resolve().parent / "demo_content"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def parse(path: Path) -> dict:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = dict(line.split(":", 1) for line in head.strip().splitlines())
    meta = {k.strip(): v.strip() for k, v in meta.items()}
    meta["body"] = body.strip()
    return meta


def seed(session: Session, actor: User) -> Iterator[str]:
    from .artwork import ensure

    ensure()  # the podcast's cover, drawn here so that the first podcast request finds it
    count = 0
    for path in sorted(CONTENT.glob("*.md")):
        meta = parse(path)
        if session.scalar(select(Bulletin.id).where(Bulletin.title == meta["title"])):
            continue
        unit = get_by_code(session, meta["unit"])
        data = service.BulletinData(title=meta["title"], summary=meta["summary"], body=meta["body"],
                                    topic=meta["topic"], unit=unit)
        bulletin = service.save(session, actor, data)
        day = datetime.strptime(meta["published"], "%Y-%m-%d").replace(hour=8, tzinfo=LOCAL)
        service.publish(session, actor, bulletin)
        bulletin.publish_at = bulletin.first_published_at = bulletin.created_at = day
        session.commit()
        count += 1
    if count:
        yield f"Demo bulletins: {count} published (audio and e-books are made by the job worker)."
