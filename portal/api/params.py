"""Query parameters, validated by pydantic; the same models describe them in the document."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .registry import MAX_PER_PAGE

CODE = r"^[0-9A-Za-z]{1,10}$"


class ListParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    page: Annotated[int, Field(ge=1, le=10_000, description="Page number, from 1")] = 1
    per_page: Annotated[int, Field(ge=1, le=MAX_PER_PAGE, description="Items per page")] = 20
    committee: Annotated[str, Field(pattern=CODE, description="A committee's code: its own items")] | None = None
    province: Annotated[str, Field(pattern=CODE, description="A province's code: the province and its communes")] \
        | None = None
    since: Annotated[datetime, Field(description="ISO 8601 moment: only what changed after it, and what was "
                                                 "removed; give the `as_of` of the previous sync")] | None = None

    @field_validator("since")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC) if value is not None else None


class CommitteeParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    page: Annotated[int, Field(ge=1, le=10_000, description="Page number, from 1")] = 1
    per_page: Annotated[int, Field(ge=1, le=MAX_PER_PAGE * 10, description="Committees per page")] = 100
    level: Annotated[str, Field(pattern="^(central|province|commune)$", description="Only this level")] | None = None
    province: Annotated[str, Field(pattern=CODE, description="A province's code: the province and its communes")] \
        | None = None


class SearchParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    q: Annotated[str, Field(min_length=1, max_length=200, description="Words to find, with or without diacritics")]
    kind: Annotated[str, Field(pattern="^[a-z_]{1,20}$", description="Only this kind (bulletin, document, "
                                                                     "answer, lesson)")] | None = None
    province: Annotated[str, Field(pattern=CODE, description="A province's code")] | None = None
    committee: Annotated[str, Field(pattern=CODE, description="A committee's code")] | None = None
    page: Annotated[int, Field(ge=1, le=100, description="Page number, from 1")] = 1
    per_page: Annotated[int, Field(ge=1, le=50, description="Hits per page")] = 10


def parse(model: type[BaseModel], args) -> tuple[BaseModel | None, list[dict]]:
    """The parameters, or the list of what is wrong with them (for invalid-params)."""
    data = {k: v for k, v in args.items() if k in model.model_fields and v != ""}
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [{"name": ".".join(str(p) for p in e["loc"]) or "query", "reason": e["msg"]}
                      for e in exc.errors(include_url=False, include_context=False, include_input=False)]
