"""What the library publishes through the public API (/api/v1/library/)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.api.content import MP3, OPUS, audio, committee, media, page
from portal.api.registry import Collection, ListQuery, registry
from portal.api.removals import previous
from portal.api.schemas import Audio, CommitteeRef, Schema
from portal.core.media import MIMETYPES
from portal.db import db

from . import catalog
from .models import PUBLISHED, Item, PageAudio
from .uploads import AUDIO, FORMAT_NAMES


class LibraryFile(Schema):
    id: int
    label: str
    format: str
    format_name: str
    type: str
    bytes: int
    url: str
    listen_url: str | None


class ReadingPage(Schema):
    number: int
    url: str
    audio: Audio | None


class LibraryItemOut(Schema):
    id: int
    slug: str
    url: str
    title: str
    kind: str
    issuer: str
    issued_on: date | None
    summary: str
    tags: list[str]
    category: str | None
    committee: CommitteeRef
    published_at: datetime | None
    updated_at: datetime
    files: list[LibraryFile]
    reading_pages: list[ReadingPage]
    audio: Audio | None  # the summary, spoken


def _pages(item: Item, audios: dict[tuple[int, int], PageAudio]) -> list[ReadingPage]:
    out = []
    for n in range(1, (item.text_pages or 0) + 1):
        a = audios.get((item.id, n))
        spoken = Audio(seconds=a.audio_seconds, files=[media(a.audio_opus, OPUS, a.audio_opus_bytes),
                                                       media(a.audio_mp3, MP3, a.audio_mp3_bytes)]) if a else None
        out.append(ReadingPage(number=n, url=f"/thu-vien/{item.slug}/doc?trang={n}", audio=spoken))
    return out


def _out(item: Item, audios) -> LibraryItemOut:
    files = [LibraryFile(id=f.id, label=f.label, format=f.format, format_name=str(FORMAT_NAMES.get(f.format, f.format)),
                         type=MIMETYPES.get(f.format, "application/octet-stream"), bytes=f.bytes,
                         url=f"/thu-vien/{item.slug}/tai/{f.id}.{f.format}",
                         listen_url=f"/thu-vien/{item.slug}/nghe/{f.id}.{f.format}" if f.format in AUDIO else None)
             for f in item.files]
    return LibraryItemOut(id=item.id, slug=item.slug, url=f"/thu-vien/{item.slug}", title=item.title, kind=item.kind,
                          issuer=item.issuer, issued_on=item.issued_on, summary=item.summary,
                          tags=[t.strip() for t in item.tags.split(",") if t.strip()],
                          category=item.category.name if item.category else None, committee=committee(item.unit),
                          published_at=item.published_at, updated_at=item.updated_at, files=files,
                          reading_pages=_pages(item, audios), audio=audio(item))


def _page_audio(items: list[Item]) -> dict:
    if not items:
        return {}
    rows = db.session.scalars(select(PageAudio).where(PageAudio.item_id.in_([i.id for i in items])))
    return {(a.item_id, a.page): a for a in rows}


def _list(query: ListQuery):
    stmt = catalog.public(select(Item)).options(selectinload(Item.files), selectinload(Item.unit),
                                               selectinload(Item.category))
    rows, total = page(stmt, query, Item.unit_id, (Item.updated_at, Item.published_at),
                       (Item.published_at.desc(), Item.id.desc()))
    audios = _page_audio(rows)
    return [_out(i, audios) for i in rows], total


def _get(item_id: int):
    item = db.session.get(Item, item_id)
    return _out(item, _page_audio([item])) if item is not None and item.is_public() else None


registry.register(Collection("library", "library items", LibraryItemOut, _list, _get,
                             tracked=[(Item, lambda i: i.id, lambda i: previous(i, "status") == PUBLISHED,
                                       lambda i: i.is_public())]))
