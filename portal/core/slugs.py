"""Addresses of content: a slug of the title, made unique within its table."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .text import slugify


def unique_slug(session: Session, model, title: str, exclude_id: int | None = None) -> str:
    """`slugify(title)`, or with -2, -3… when another row of `model` has it already."""
    base = slugify(title, 100)
    slug, n = base, 2
    while True:
        stmt = select(model.id).where(model.slug == slug)
        if exclude_id:
            stmt = stmt.where(model.id != exclude_id)
        if session.scalar(stmt) is None:
            return slug
        slug, n = f"{base}-{n}", n + 1
