"""Demo data: one account per role (listed in the README) and, as features land, their content."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import ADMIN, EDITOR, HANDLER, TEAM, User
from portal.accounts.service import create_user
from portal.accounts.totp import grouped
from portal.accounts.twofactor import enrol_directly
from portal.units.service import get_by_code

# Phường Hồng Bàng (Hải Phòng) is the demo commune: its handler and its team.
DEMO_COMMUNE = "11311"
DEMO_USERS = [
    ("admin@example.org", ADMIN, None, "Quản trị viên"),
    ("bientap@example.org", EDITOR, "TW", "Biên tập viên"),
    ("xuly.hongbang@example.org", HANDLER, DEMO_COMMUNE, "Cán bộ xử lý phường Hồng Bàng"),
    ("to.congnghe.hongbang@example.org", TEAM, DEMO_COMMUNE, "Tổ công nghệ số phường Hồng Bàng"),
]


def seed(session: Session, password: str) -> Iterator[str]:
    for email, role, unit_code, name in DEMO_USERS:
        if session.scalar(select(User).where(User.email == email)):
            continue
        unit = get_by_code(session, unit_code) if unit_code else None
        user = create_user(session, email, password, role, unit=unit, display_name=name)
        yield f"Demo account: {user.email} ({user.role}) / {password}"
        if role == ADMIN:
            # Administrators must use two-step login: the demo one starts with it set up.
            secret, codes = enrol_directly(session, user)
            yield f"  two-step login key (add it to an authenticator app): {grouped(secret)}"
            yield f"  one-time recovery codes: {', '.join(codes)}"
    admin = session.scalar(select(User).where(User.email == DEMO_USERS[0][0]))
    from portal.bulletins import demo as bulletins_demo

    yield from bulletins_demo.seed(session, admin)
    from portal.library import demo as library_demo

    yield from library_demo.seed(session, admin)
    from portal.petitions import demo as petitions_demo

    handler = session.scalar(select(User).where(User.email == DEMO_USERS[2][0]))
    yield from petitions_demo.seed(session, handler)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from portal.lessons import demo as lessons_demo

    team = session.scalar(select(User).where(User.email == DEMO_USERS[3][0]))
    yield from lessons_demo.seed(session, admin, team, datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date())
