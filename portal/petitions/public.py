"""Queries for the public side of petitions: answered petitions anyone may read.

Everything public goes through `public_filter` and is shown through `PublicAnswer`, which
copies only the columns a public page may show (never the sender's contact data, the
original wording, internal events or notes), so a template cannot reach them by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext
from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session, selectinload

from portal.core.pagecache_generation import quiet_insert
from portal.units.models import CENTRAL, COMMUNE, PROVINCE, Unit

from .categories import CATEGORY_NAMES
from .masking import mask_name
from .models import Petition, PetitionEvent

# What happened after an answer was published, shown with it (committee names and dates only,
# never the notes: a review reason or a transfer note may name someone).
HISTORY_KINDS = ("published", "review", "transferred")


@dataclass(frozen=True)
class PublicStep:
    kind: str
    at: datetime
    unit: Unit | None  # the committee that published, or the one the petition went to


@dataclass(frozen=True)
class PublicAnswer:
    """What the public may see of one answered petition."""

    id: int
    code: str
    title: str
    body: str
    category: str
    unit: Unit
    sender: str  # "" when the sender asked to hide their name (or it was erased)
    received_at: datetime
    due_on: date
    answered_at: datetime | None
    published_at: datetime | None
    updated_at: datetime
    on_time: bool | None
    answer: str
    supporters: int
    under_review: bool = False  # a review or a new committee is at work; the answer stays public
    history: tuple[PublicStep, ...] = ()  # filled for the answer's own page only

    @property
    def category_name(self) -> str:
        return str(CATEGORY_NAMES.get(self.category, self.category))

    @property
    def url(self) -> str:
        return f"/phan-anh/{self.code}"


def public_sender(public_name: str, hide_name: bool) -> str:
    """The "Sent by" line as the public reads it: "" when hidden. Masked here too, whatever was
    stored (rows from before the name was checked, a staff edit), so no personal data in a name
    reaches a page; the preview of the form shows the same."""
    return "" if hide_name else mask_name(" ".join((public_name or "").split()))


def _history(p: Petition) -> tuple[PublicStep, ...]:
    first = next((e.at for e in p.events if e.kind == "published"), None)
    if first is None:
        return ()
    steps = []
    for e in p.events:
        if e.kind not in HISTORY_KINDS or e.at < first:
            continue
        if e.kind == "review" and e.to_unit is None:  # the central committee looks at it again
            steps.append(PublicStep("reopened", e.at, e.from_unit))
        elif e.kind == "review":
            steps.append(PublicStep("escalated", e.at, e.to_unit))
        elif e.kind == "published" or e.to_unit is not None:
            steps.append(PublicStep(e.kind, e.at, e.to_unit))
    return tuple(steps)


def to_public(p: Petition, history: bool = False) -> PublicAnswer:
    # Never fall back to the original title: only the moderated wording is public.
    title = (p.public_title or "").strip() or gettext("Petition %(code)s", code=p.code)
    return PublicAnswer(
        id=p.id,
        code=p.code,
        title=title,
        body=p.public_body or "",
        category=p.category,
        unit=p.public_unit or p.unit,  # the committee whose answer is public
        sender=public_sender(p.public_name, p.hide_name),
        received_at=p.created_at,
        due_on=p.due_on,
        answered_at=p.answered_at,
        published_at=p.published_at,
        updated_at=p.updated_at,
        on_time=p.answered_on_time(),
        answer=p.public_answer or "",
        supporters=p.supporters or 0,
        under_review=p.review_requested_at is not None and p.closed_at is None,  # cleared by the review
        history=_history(p) if history else (),
    )


def _not_public(petition: Petition) -> bool:
    return not petition.is_public


def _of_a_petition_not_public(event: PetitionEvent) -> bool:
    petition = event.__dict__.get("petition")  # as set or loaded: no lazy load after a flush
    return petition is not None and not petition.is_public


# A new petition (and its "received" event) shows on no public page until an answer is published
# (public_filter): storing it keeps the page cache; publishing, or any later change, empties it.
quiet_insert(Petition.__tablename__, _not_public)
quiet_insert(PetitionEvent.__tablename__, _of_a_petition_not_public)


def public_filter(stmt: Select) -> Select:
    """The one definition of "public" in SQL; mirrors `Petition.is_public`."""
    # Published once means public for good: a review that sends the petition to another
    # committee, or reopens it, does not take the published answer off the site.
    return stmt.where(Petition.published_at.is_not(None), Petition.consent_public.is_(True),
                      Petition.hidden.is_(False))


def _newest_first(stmt: Select) -> Select:
    return stmt.order_by(Petition.published_at.desc().nulls_last(), Petition.id.desc())


def list_public(
    session: Session,
    *,
    province: str = "",
    unit: Unit | None = None,
    category: str = "",
    page: int = 1,
    per_page: int = 10,
) -> tuple[list[PublicAnswer], int]:
    stmt = public_filter(select(Petition))
    if unit is not None:
        stmt = stmt.where(Petition.public_unit_id == unit.id)
    elif province:
        stmt = stmt.join(Petition.public_unit).where(Unit.province_code == province)
    if category:
        stmt = stmt.where(Petition.category == category)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(
        _newest_first(stmt).options(selectinload(Petition.public_unit)).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return [to_public(p) for p in rows], total


def latest(session: Session, limit: int = 30, unit: Unit | None = None) -> list[PublicAnswer]:
    stmt = public_filter(select(Petition))
    if unit is not None:
        stmt = stmt.where(Petition.public_unit_id == unit.id)
    rows = session.scalars(_newest_first(stmt).options(selectinload(Petition.public_unit)).limit(limit)).all()
    return [to_public(p) for p in rows]


def get_public(session: Session, code: str) -> PublicAnswer | None:
    petition = session.scalar(select(Petition).where(Petition.code == code))
    return to_public(petition, history=True) if petition is not None and petition.is_public else None


def get_public_by_id(session: Session, petition_id: int) -> PublicAnswer | None:
    petition = session.get(Petition, petition_id)
    return to_public(petition) if petition is not None and petition.is_public else None


def all_public(session: Session):
    """Every public answer, for the search index rebuild (streamed in batches)."""
    stmt = public_filter(select(Petition)).options(selectinload(Petition.public_unit)).order_by(Petition.id)
    for petition in session.scalars(stmt.execution_options(yield_per=500)):
        yield to_public(petition)


def report_abuse(session: Session, code: str) -> bool:
    """Count one report against a public answer; staff decide whether to hide it."""
    result = session.execute(
        public_filter(update(Petition))
        .where(Petition.code == code)
        .values(abuse_reports=Petition.abuse_reports + 1)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return bool(result.rowcount)


def committees_with_answers(session: Session, province: str = "") -> list[Unit]:
    """Committees offered in the filter: those with public answers in the chosen province,
    or the central and provincial committees when no province is chosen (a list of every
    commune in the country would not fit a phone's page budget)."""
    ids = public_filter(select(Petition.public_unit_id)).distinct()
    scope = Unit.province_code == province if province else Unit.level.in_((CENTRAL, PROVINCE))
    stmt = select(Unit).where(Unit.id.in_(ids), scope)
    order = {CENTRAL: 0, PROVINCE: 1, COMMUNE: 2}
    return sorted(session.scalars(stmt), key=lambda u: (order.get(u.level, 3), u.sort_key))


def paragraphs(text: str) -> list[list[str]]:
    """Plain text as paragraphs of lines, for templates (no Markdown, no HTML from residents)."""
    blocks = (text or "").replace("\r\n", "\n").split("\n\n")
    return [[line for line in block.split("\n")] for block in blocks if block.strip()]


def shorten(text: str, limit: int = 220) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
