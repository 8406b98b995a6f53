"""What bulletins give the rest of the portal: search documents and a home-page section."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.core.markdown import plain_text
from portal.core.pagecache import changes_at
from portal.db import db, utcnow
from portal.home.sections import sections
from portal.search.registry import SearchDocument, public_document, registry

from . import service
from .models import PUBLISHED, Bulletin
from .topics import TOPIC_NAMES


def _document(b: Bulletin) -> SearchDocument:
    return SearchDocument(kind="bulletin", key=str(b.id), title=b.title, summary=b.summary,
                          text=plain_text(b.body), url=f"/ban-tin/{b.slug}",
                          unit_code=b.unit.code, province_code=b.unit.province_code or "",
                          published=b.publish_at)


@changes_at
def _next_scheduled(session):
    """A bulletin scheduled for later appears then, with no commit: cached pages end there."""
    return session.scalar(select(func.min(Bulletin.publish_at))
                          .where(Bulletin.status == PUBLISHED, Bulletin.publish_at > utcnow()))


def _all():
    for b in db.session.scalars(service.public_filter(select(Bulletin))):
        yield _document(b)


def _one(key: str):
    return public_document(Bulletin, key, _document)


def _home():
    items, _total = service.list_public(db.session, per_page=3)
    return render_template("bulletins/_home.html", items=items, topics=TOPIC_NAMES)


registry.register("bulletin", lambda: _l("Bulletins"), _all, _one)
sections.register(10, _home)
from . import api  # noqa: E402,F401  (the public API's collection)
