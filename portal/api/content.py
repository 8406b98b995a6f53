"""Helpers the features' api.py use to describe their rows: committees, media files, audio,
and the common list query (public rows, committee/province filters, `since`, pages)."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import Select, func, or_, select

from portal.db import db
from portal.units.models import Unit

from .registry import ListQuery
from .schemas import Audio, CommitteeRef, Media

OPUS = "audio/ogg; codecs=opus"
MP3 = "audio/mpeg"


def committee(unit: Unit) -> CommitteeRef:
    return CommitteeRef(code=unit.code, name=unit.committee_name)


def media(key: str | None, mimetype: str, size: int | None) -> Media | None:
    return Media(url=url_for("media.serve", key=key), type=mimetype, bytes=size) if key else None


def audio(row) -> Audio | None:
    """The Opus and MP3 renderings of a row with audio_opus/audio_mp3 columns, when made."""
    files = [m for m in (media(row.audio_opus, OPUS, row.audio_opus_bytes),
                         media(row.audio_mp3, MP3, row.audio_mp3_bytes)) if m is not None]
    return Audio(seconds=row.audio_seconds, files=files) if files else None


def page(stmt: Select, query: ListQuery, unit_column, changed_columns, order) -> tuple[list, int]:
    """One page of `stmt` (already public-only), filtered by committee, province and `since`."""
    if query.committee or query.province:
        stmt = stmt.join(Unit, unit_column == Unit.id)
        if query.committee:
            stmt = stmt.where(Unit.code == query.committee)
        else:
            stmt = stmt.where(or_(Unit.code == query.province, Unit.province_code == query.province))
    if query.since is not None:
        stmt = stmt.where(or_(*(c > query.since for c in changed_columns)))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = db.session.scalars(stmt.order_by(*order).limit(query.per_page)
                              .offset((query.page - 1) * query.per_page)).unique().all()
    return list(rows), total
