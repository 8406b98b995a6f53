"""Schemas shared by every collection: pages of items, removals, committees, problems."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Committee(Schema):
    """One of the 3,356 Front committees (central, 34 provinces/cities, 3,321 communes)."""

    code: str = Field(description="Administrative code; 'TW' for the central committee")
    name: str
    level: str = Field(description="central, province or commune")
    division_type: str
    parent: str | None = Field(description="The code of the committee above")
    province: str | None = Field(description="The code of the province the committee belongs to")


class CommitteeRef(Schema):
    code: str
    name: str


class Media(Schema):
    url: str = Field(description="Absolute path on this site")
    type: str = Field(description="Media type")
    bytes: int | None = None


class Audio(Schema):
    seconds: float | None
    files: list[Media]


class Removal(Schema):
    id: int
    removed_at: datetime


class Page(Schema):
    """One page of a list. With `since`: only what changed after it, and what left the public."""

    items: list[dict]
    page: int
    per_page: int
    total: int
    next: str | None = Field(description="The next page's URL, if any")
    removed: list[Removal] = Field(default_factory=list,
                                   description="With `since`: items that were deleted or unpublished after it")
    as_of: datetime = Field(description="Give this as `since` next time to get only later changes")


class Problem(Schema):
    """RFC 9457 problem details, in Vietnamese or English (Accept-Language)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    invalid_params: list[dict] | None = Field(default=None, alias="invalid-params")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
