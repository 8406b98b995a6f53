"""What the library gives the rest of the portal: search documents (with the extracted
text), a home-page section, and the "related documents" that other features' texts link to."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.format import filesize
from portal.core.related import RelatedLink, related
from portal.core.text import fold
from portal.db import db
from portal.home.sections import sections
from portal.search.registry import SearchDocument, public_document, registry

from . import catalog
from .models import Item
from .reading import plain
from .uploads import FORMAT_NAMES

MAX_INDEXED_CHARS = 300_000


def _searchable(text: str) -> str:
    return "\n\n".join(plain(p) for p in text.split("\n\n"))


def _document(item: Item) -> SearchDocument:
    text = "\n".join(p for p in (item.issuer, item.tags, _searchable(catalog.reading_text(db.session, item))) if p)
    return SearchDocument(kind="document", key=str(item.id), title=item.title, summary=item.summary[:300],
                          text=text[:MAX_INDEXED_CHARS], url=f"/thu-vien/{item.slug}", unit_code=item.unit.code,
                          province_code=item.unit.province_code or "", published=item.published_at)


def _all():
    for item in db.session.scalars(catalog.public(select(Item))):
        yield _document(item)


def _one(key: str):
    return public_document(Item, key, _document)


def _locate(url: str, passage: str) -> str:
    """The reading page (/thu-vien/<slug>/doc?trang=N) that holds a passage of the indexed text."""
    item = catalog.get_public(db.session, url.rstrip("/").rsplit("/", 1)[-1])
    if item is None:
        return ""
    pages = catalog.reading_pages(db.session, item)
    wanted = " ".join(fold(passage).split())[:60]
    for number, paragraphs in enumerate(pages, 1):
        if wanted and wanted in " ".join(fold(plain(" ".join(paragraphs))).split()):
            return f"{url}/doc?trang={number}"
    return ""


def _home():
    items, total = catalog.list_public(db.session, per_page=3)
    return render_template("library/_home.html", items=items, total=total, formats=FORMAT_NAMES)


def _resolve(slugs: list[str]) -> list[RelatedLink]:
    links = []
    for item in catalog.by_slugs(db.session, slugs):
        first = item.files[0] if item.files else None
        note = f"{FORMAT_NAMES[first.format]}, {filesize(first.bytes)}" if first else ""
        links.append(RelatedLink(item.title, f"/thu-vien/{item.slug}", note))
    return links


registry.register("document", lambda: _l("Library"), _all, _one, locate=_locate)
sections.register(30, _home)
related.register("/thu-vien/", _resolve)
from . import api  # noqa: E402,F401  (the public API's collection)
