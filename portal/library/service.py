"""Library actions for editors. Each public function checks permission and commits once;
text extraction, audio and the search index are queued after the commit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts.models import ADMIN, EDITOR, User
from portal.accounts.service import audit
from portal.core import media
from portal.core.slugs import unique_slug
from portal.core.text import clean_line, nfc, slugify
from portal.db import utcnow
from portal.editorial.service import PermissionDenied, begin_edit, can_edit, check, queue_search, set_status  # noqa: F401  (for the pages)
from portal.jobs.queue import jobs
from portal.media_render import service as media_render
from portal.units.models import Unit

from .catalog import MEDIA_VERSION, audio_hash, categories, speech_text  # noqa: F401  (for the pages and jobs)
from .models import DRAFT, PUBLISHED, STATE_NONE, STATE_WAITING, Category, Item, ItemFile, Revision
from .uploads import EXTRACTABLE, Checked


@dataclass
class ItemData:
    title: str
    kind: str
    summary: str
    unit: Unit
    issuer: str = ""
    issued_on: date | None = None
    category: Category | None = None
    tags: str = ""


@dataclass
class Upload:
    data: bytes
    checked: Checked


@dataclass
class SaveResult:
    item: Item
    added: list[ItemFile] = field(default_factory=list)


def clean_tags(text: str) -> str:
    seen: list[str] = []
    for tag in (clean_line(t, 40) for t in nfc(text or "").split(",")):
        if tag and tag.lower() not in (s.lower() for s in seen):
            seen.append(tag)
    return ", ".join(seen)[:300]


def _revision(session: Session, actor: User | None, item: Item, action: str, changed: list[str] = ()) -> None:
    session.add(Revision(item_id=item.id, user=actor, action=action, changed=", ".join(changed)[:300],
                         title=item.title, summary=item.summary))
    audit(session, actor, f"library.{action}", "library_item", item.id, changed=list(changed))


def store_file(upload: Upload) -> str:
    """Keep the bytes under a name made from their hash, outside the public media area."""
    name = hashlib.sha256(upload.data).hexdigest()[:32]
    key = f"library/files/{name}.{upload.checked.format}"
    path = media.path_of(key)
    if not path.exists():
        media.write_atomic(path, upload.data)
    return key


def _add_files(session: Session, item: Item, uploads: list[Upload]) -> list[ItemFile]:
    from .jobs import extract_file

    added = []
    position = max((f.position for f in item.files), default=0)
    for upload in uploads:
        position += 1
        fmt = upload.checked.format
        file = ItemFile(key=store_file(upload), format=fmt, bytes=len(upload.data), label=upload.checked.label,
                        sha256=hashlib.sha256(upload.data).hexdigest(), position=position,
                        extract_state=STATE_WAITING if fmt in EXTRACTABLE else STATE_NONE)
        item.files.append(file)
        added.append(file)
    session.flush()
    for file in added:
        if file.extract_state == STATE_WAITING:
            jobs.enqueue_after_commit(session, extract_file, file.id)
    return added


def save(session: Session, actor: User, data: ItemData, item: Item | None = None,
         uploads: list[Upload] | None = None) -> SaveResult:
    fields = ("title", "kind", "summary", "issuer", "issued_on", "unit_id", "category_id", "tags")
    edit = begin_edit(session, actor, data.unit, item, lambda: Item(status=DRAFT, author=actor), fields)
    item, creating = edit.item, edit.creating
    item.title = clean_line(data.title, 200)
    item.kind = data.kind
    item.summary = "\n".join(clean_line(line) for line in nfc(data.summary).splitlines()).strip()[:3000]
    item.issuer = clean_line(data.issuer, 200)
    item.issued_on = data.issued_on
    item.unit = data.unit
    item.category = data.category
    item.tags = clean_tags(data.tags)
    if creating or not item.slug:
        with session.no_autoflush:
            item.slug = unique_slug(session, Item, item.title)
    item.updated_at = utcnow()
    try:
        # The files are written before the commit and removed if anything fails before it ends
        # (a full disk, the database): never a row without its file, nor a file without its row.
        with media.undo_on_failure():
            session.flush()
            changed = edit.changed()
            added = _add_files(session, item, uploads or [])
            if added:
                changed.append("files")
            if creating or changed:
                _revision(session, actor, item, "create" if creating else "update", changed)
            media_render.request(session, "library", item)
            if item.status == PUBLISHED:
                queue_search(session, "document", item.id)
            session.commit()
    except BaseException:
        session.rollback()
        raise
    return SaveResult(item, added)


def remove_file(session: Session, actor: User, file: ItemFile) -> None:
    item = file.item
    if not can_edit(actor, item.unit):
        raise PermissionDenied
    label = file.label or file.format
    item.files.remove(file)
    item.updated_at = utcnow()
    _revision(session, actor, item, "file.remove", [label])
    from .jobs import refresh_pages

    jobs.enqueue_after_commit(session, refresh_pages, item.id)
    session.commit()


def publish(session: Session, actor: User, item: Item) -> Item:
    check(actor, item.unit)
    now = utcnow()
    item.published_at = now
    item.first_published_at = item.first_published_at or now
    return set_status(session, actor, item, PUBLISHED, now=now, search_kind="document", media_kind="library",
                      note=lambda: _revision(session, actor, item, "publish"))


def unpublish(session: Session, actor: User, item: Item) -> Item:
    return set_status(session, actor, item, DRAFT, search_kind="document",
                      note=lambda: _revision(session, actor, item, "unpublish"))


def retry(session: Session, actor: User, item: Item) -> None:
    """Extract every readable file again and remake the audio."""
    if not can_edit(actor, item.unit):
        raise PermissionDenied
    from .jobs import extract_file

    for file in item.files:
        if file.format in EXTRACTABLE:
            file.extract_state = STATE_WAITING
            file.extract_error = ""
            jobs.enqueue_after_commit(session, extract_file, file.id)
    media_render.request(session, "library", item, force=True)  # one render, after the texts
    audit(session, actor, "library.retry", "library_item", item.id)
    session.commit()


def add_category(session: Session, actor: User, name: str, parent: Category | None, slug: str = "") -> Category:
    if actor.role not in (ADMIN, EDITOR):
        raise PermissionDenied
    name = clean_line(name, 120)
    base = slugify(slug or name, 70)
    slug, n = base, 2
    while session.scalar(select(Category.id).where(Category.slug == slug)):
        slug, n = f"{base}-{n}", n + 1
    position = (session.scalar(select(func.max(Category.position))) or 0) + 1
    category = Category(name=name, slug=slug, parent=parent if parent and parent.parent_id is None else None,
                        position=position)
    session.add(category)
    session.flush()
    audit(session, actor, "library.category.create", "library_category", category.id, name=name)
    session.commit()
    return category

