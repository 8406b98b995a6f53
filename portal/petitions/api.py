"""What public answers publish through the API (/api/v1/answers/): exactly what the public
pages show, through the same `public.to_public` (public wording, the masked public name, never
contact data, the original text, internal notes or photos)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.api.content import committee, page
from portal.api.registry import Collection, ListQuery, registry
from portal.api.removals import previous
from portal.api.schemas import CommitteeRef, Schema
from portal.db import db

from . import public
from .models import Petition


class AnswerOut(Schema):
    id: int
    code: str
    url: str
    title: str
    body: str  # the public wording of the petition
    category: str
    category_name: str
    committee: CommitteeRef
    sender: str  # as public pages show it: masked, "" when the sender asked to hide their name
    received_at: datetime
    due_on: date
    answered_at: datetime | None
    published_at: datetime | None
    updated_at: datetime
    on_time: bool | None
    answer: str
    supporters: int
    under_review: bool


def _out(a: public.PublicAnswer) -> AnswerOut:
    return AnswerOut(id=a.id, code=a.code, url=a.url, title=a.title, body=a.body, category=a.category,
                     category_name=a.category_name, committee=committee(a.unit), sender=a.sender,
                     received_at=a.received_at, due_on=a.due_on, answered_at=a.answered_at,
                     published_at=a.published_at, updated_at=a.updated_at, on_time=a.on_time, answer=a.answer,
                     supporters=a.supporters, under_review=a.under_review)


def _list(query: ListQuery):
    stmt = public.public_filter(select(Petition)).options(selectinload(Petition.public_unit),
                                                         selectinload(Petition.unit))
    rows, total = page(stmt, query, func.coalesce(Petition.public_unit_id, Petition.unit_id),
                       (Petition.updated_at, Petition.published_at),
                       (Petition.published_at.desc(), Petition.id.desc()))
    return [_out(public.to_public(p)) for p in rows], total


def _get(item_id: int):
    found = public.get_public_by_id(db.session, item_id)
    return _out(found) if found is not None else None


def _was_public(p: Petition) -> bool:
    return (previous(p, "published_at") is not None and bool(previous(p, "consent_public"))
            and not previous(p, "hidden"))


registry.register(Collection("answers", "public answers to petitions", AnswerOut, _list, _get,
                             tracked=[(Petition, lambda p: p.id, _was_public, lambda p: p.is_public)]))
