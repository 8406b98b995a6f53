"""What public answers publish through the API (/api/v1/answers/): exactly what the public
pages show, through the same `public.to_public` (public wording, the masked public name, never
contact data, the original text, internal notes or photos)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field
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
    body: str = Field(description="The public wording of the petition (moderated; never the original text)")
    category: str
    category_name: str
    committee: CommitteeRef = Field(description="The committee whose answer is public")
    sender: str = Field(description="As public pages show it: masked, empty when the sender asked to hide their name")
    received_at: datetime = Field(description="When the petition reached the portal")
    due_on: date = Field(description="The day the answer was due")
    answered_at: datetime | None
    published_at: datetime | None = Field(description="When the answer was made public")
    updated_at: datetime
    on_time: bool | None = Field(description="Answered by `due_on` (Vietnam time); null while unanswered")
    answer: str = Field(description="The committee's answer")
    supporters: int = Field(description="How many residents added their voice to the petition")
    under_review: bool = Field(description="A review or another committee is at work; the answer stays public")


def _out(a: public.PublicAnswer) -> AnswerOut:
    """The same fields as the public page's, by name; the committee as a reference."""
    return AnswerOut(committee=committee(a.unit),
                     **{name: getattr(a, name) for name in AnswerOut.model_fields if name != "committee"})


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
