"""Who may see and who may act on which petition in the staff area.

A handler acts on the petitions of their own committee. A handler of a province may also
read the petitions of the communes of that province, and a handler of the central committee
those of every committee, for oversight only: read-only, without the resident's contact
data. Administrators see and act on everything. Editors and community team members have no
petition inbox at all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import ADMIN, HANDLER, User
from portal.units.models import CENTRAL, PROVINCE, Unit

from .models import OPEN_STATUSES, STATUSES, Petition

INBOX_ROLES = (ADMIN, HANDLER)


def has_inbox(user: User) -> bool:
    return bool(user.is_authenticated) and user.role in INBOX_ROLES


def _handler_unit(user: User) -> Unit | None:
    if not has_inbox(user) or user.role != HANDLER or not user.active:
        return None
    return user.unit


def can_act(user: User, petition: Petition) -> bool:
    """Change the petition's state, write to it, read the resident's contact data."""
    if not has_inbox(user) or not user.active:
        return False
    if user.role == ADMIN:
        return True
    return user.unit_id is not None and user.unit_id == petition.unit_id


def oversees(user: User, unit: Unit) -> bool:
    """True when `user`'s committee is above `unit` (read-only oversight)."""
    own = _handler_unit(user)
    if own is None or own.id == unit.id:
        return False
    if own.level == CENTRAL:
        return True
    return own.level == PROVINCE and unit.province_code == own.province_code


def can_view(user: User, petition: Petition) -> bool:
    return can_act(user, petition) or oversees(user, petition.unit)


def can_see_contact(user: User, petition: Petition) -> bool:
    """Name, phone and e-mail: only for those who answer the petition, never for oversight."""
    return can_act(user, petition)


def visible_filter(user: User, stmt: Select) -> Select:
    """Limit a `select(Petition)` to what `user` may see."""
    if has_inbox(user) and user.active and user.role == ADMIN:
        return stmt
    own = _handler_unit(user)
    if own is None:
        return stmt.where(false())
    if own.level == CENTRAL:
        return stmt
    if own.level == PROVINCE:
        units = select(Unit.id).where(Unit.province_code == own.province_code)
        return stmt.where(Petition.unit_id.in_(units))
    return stmt.where(Petition.unit_id == own.id)


def actable_filter(user: User, stmt: Select) -> Select:
    """Limit a `select(Petition)` to what `user` may act on (bulk actions)."""
    if not has_inbox(user) or not user.active:
        return stmt.where(false())
    if user.role == ADMIN:
        return stmt
    if user.unit_id is None:
        return stmt.where(false())
    return stmt.where(Petition.unit_id == user.unit_id)


# -- the inbox ----------------------------------------------------------------------

OPEN = "open"  # pseudo-status of the filter: received or in progress


@dataclass
class InboxFilters:
    status: str = ""
    category: str = ""
    overdue: bool = False
    q: str = ""

    def __post_init__(self) -> None:
        if self.status not in (OPEN, *STATUSES):
            self.status = ""

    def args(self) -> dict:
        """Query-string arguments for links that keep the filters (empty ones left out)."""
        pairs = {
            "trang-thai": self.status,
            "linh-vuc": self.category,
            "qua-han": "1" if self.overdue else "",
            "q": self.q,
        }
        return {k: v for k, v in pairs.items() if v}

    def audit_detail(self) -> dict:
        """For the audit log: whether words were searched, never the words (they may name someone)."""
        return {**asdict(self), "q": bool(self.q)}


def inbox_query(user: User, filters: InboxFilters, today: date) -> Select:
    """What `user` sees in the inbox with these filters, newest first."""
    stmt = visible_filter(user, select(Petition))
    if filters.status == OPEN:
        stmt = stmt.where(Petition.status.in_(OPEN_STATUSES))
    elif filters.status:
        stmt = stmt.where(Petition.status == filters.status)
    if filters.category:
        stmt = stmt.where(Petition.category == filters.category)
    if filters.overdue:
        stmt = stmt.where(Petition.status.in_(OPEN_STATUSES), Petition.due_on < today)
    if filters.q:
        stmt = stmt.where(
            or_(
                func.lower(Petition.title).contains(filters.q.lower(), autoescape=True),
                Petition.code == filters.q.upper(),
            )
        )
    return stmt.options(selectinload(Petition.unit), selectinload(Petition.assigned_to)).order_by(
        Petition.created_at.desc(), Petition.id.desc()
    )
