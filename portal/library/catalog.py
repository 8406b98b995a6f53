"""What residents see: published items, filtered and counted, and each item's reading pages."""

from __future__ import annotations

import hashlib
import re
import threading
import time

from flask import current_app
from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session, selectinload, undefer

from portal.core.pagecache import COUNTER, on_hit
from portal.db import db
from portal.units.models import Unit

from .models import PUBLISHED, STATE_DONE, Category, Item, ItemFile, PageAudio
from .reading import file_mark, paginate
from .uploads import FORMAT_NAMES

MEDIA_VERSION = "1"  # bump to re-render every item's audio


def speech_text(item: Item) -> str:
    return "\n".join(p.strip() for p in (item.title, item.summary) if p and p.strip())


def audio_hash(item: Item) -> str:
    return hashlib.sha256(f"{MEDIA_VERSION}\n{speech_text(item)}".encode()).hexdigest()


def categories(session: Session) -> list[Category]:
    """The tree in display order: each top-level category followed by its children."""
    rows = session.scalars(select(Category).order_by(Category.position, Category.name)).all()
    top = [c for c in rows if c.parent_id is None]
    ordered: list[Category] = []
    for parent in top:
        ordered.append(parent)
        ordered += [c for c in rows if c.parent_id == parent.id]
    return ordered


def public(stmt: Select) -> Select:
    return stmt.where(Item.status == PUBLISHED)


def category_ids(session: Session, category: Category) -> list[int]:
    children = session.scalars(select(Category.id).where(Category.parent_id == category.id)).all()
    return [category.id, *children]


def list_public(session: Session, *, kind: str = "", unit_code: str = "", province: str = "",
                category: Category | None = None, page: int = 1, per_page: int = 10,
                order: str = "new") -> tuple[list[Item], int]:
    stmt = public(select(Item))
    if unit_code:
        stmt = stmt.join(Item.unit).where(Unit.code == unit_code)
    elif province:  # the province's own committee and its communes
        stmt = stmt.join(Item.unit).where(or_(Unit.code == province, Unit.province_code == province))
    if kind:
        stmt = stmt.where(Item.kind == kind)
    if category is not None:
        stmt = stmt.where(Item.category_id.in_(category_ids(session, category)))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    ordering = (Item.views.desc(), Item.id.desc()) if order == "read" else (Item.published_at.desc(), Item.id.desc())
    # The lists show each item's files and committee: loaded in two queries, not two per item.
    rows = session.scalars(stmt.order_by(*ordering).limit(per_page).offset((page - 1) * per_page)
                           .options(selectinload(Item.files), selectinload(Item.unit))).all()
    return list(rows), total


def category_counts(session: Session) -> list[tuple[Category, int]]:
    """Top-level categories with the number of published items in them and their children."""
    counts = dict(session.execute(public(select(Item.category_id, func.count()).group_by(Item.category_id))).all())
    tree = categories(session)
    out = []
    for cat in tree:
        if cat.parent_id is None:
            n = counts.get(cat.id, 0) + sum(counts.get(c.id, 0) for c in tree if c.parent_id == cat.id)
            out.append((cat, n))
    return out


def subcategory_counts(session: Session, parent: Category) -> list[tuple[Category, int]]:
    counts = dict(session.execute(public(select(Item.category_id, func.count()).group_by(Item.category_id))).all())
    children = session.scalars(select(Category).where(Category.parent_id == parent.id)
                               .order_by(Category.position, Category.name)).all()
    return [(c, counts.get(c.id, 0)) for c in children]


def get_category(session: Session, slug: str) -> Category | None:
    return session.scalar(select(Category).where(Category.slug == slug)) if slug else None


def get_public(session: Session, slug: str) -> Item | None:
    return session.scalar(public(select(Item).where(Item.slug == slug)))


_pending_views: dict[int, int] = {}
_views_lock = threading.Lock()
_views_flushed = [0.0]


@on_hit("library.view")
def record_view(item_id: int) -> None:
    """Counted for "most read", also for each page served from the page cache. Added up in the
    process and written at most every LIBRARY_VIEW_FLUSH_SECONDS (one UPDATE per item, no
    read-modify-write race), so a crowd on one item does not queue on the database's write
    lock; a counter, so writing it empties no cache."""
    with _views_lock:
        _pending_views[item_id] = _pending_views.get(item_id, 0) + 1
        due = time.monotonic() - _views_flushed[0] >= current_app.config["LIBRARY_VIEW_FLUSH_SECONDS"]
        if not due:
            return
        counts = dict(_pending_views)
        _pending_views.clear()
        _views_flushed[0] = time.monotonic()
    for key, n in counts.items():
        db.session.execute(update(Item).where(Item.id == key).values(views=Item.views + n)
                           .execution_options(**COUNTER))
    db.session.commit()


def reading_text(session: Session, item: Item) -> str:
    files = session.scalars(select(ItemFile).options(undefer(ItemFile.text))
                            .where(ItemFile.item_id == item.id, ItemFile.extract_state == STATE_DONE)
                            .order_by(ItemFile.position, ItemFile.id)).all()
    # The same document in two formats (a PDF and its DOCX) is read once.
    seen: set[str] = set()
    kept = []
    for f in files:
        paragraphs = [re.sub(r"\W+", "", p.lower()) for p in f.text.split("\n\n") if p.strip()]
        if paragraphs and sum(p in seen for p in paragraphs) < 0.8 * len(paragraphs):
            kept.append(f)
        seen.update(paragraphs)
    if len(kept) == 1:
        return kept[0].text
    # Several files: each starts after a marker, so a DOCX never runs on from the PDF before it.
    return "\n\n".join(f"{file_mark(n, len(kept), f.label or f.format, FORMAT_NAMES.get(f.format, f.format))}"
                         f"\n\n{f.text}" for n, f in enumerate(kept, 1))


def reading_pages(session: Session, item: Item) -> list[list[str]]:
    return paginate(reading_text(session, item))


def page_audio(session: Session, item: Item, page: int) -> PageAudio | None:
    return session.scalar(select(PageAudio).where(PageAudio.item_id == item.id, PageAudio.page == page))


def related(session: Session, item: Item, limit: int = 4) -> list[Item]:
    """Same category first, then items sharing a tag, then the same kind; never the item itself."""
    picked: list[Item] = []
    seen = {item.id}

    def take(stmt: Select) -> None:
        for other in session.scalars(public(stmt).where(Item.id.not_in(seen))
                                     .order_by(Item.published_at.desc()).limit(limit)):
            if len(picked) < limit and other.id not in seen:
                picked.append(other)
                seen.add(other.id)

    if item.category_id:
        take(select(Item).where(Item.category_id == item.category_id))
    tags = item.tag_list[:5]
    if tags and len(picked) < limit:
        take(select(Item).where(or_(*[Item.tags.contains(t) for t in tags])))
    if len(picked) < limit:
        take(select(Item).where(Item.kind == item.kind))
    return picked


def by_slugs(session: Session, slugs: list[str]) -> list[Item]:
    if not slugs:
        return []
    items = {i.slug: i for i in session.scalars(public(select(Item).where(Item.slug.in_(slugs))))}
    return [items[s] for s in slugs if s in items]
