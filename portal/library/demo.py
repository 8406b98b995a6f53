"""Demo library: the category tree and 20 items (demo_laws, demo_guides) with real files the
project makes here — PDF (fpdf2 and a system font), EPUB (EbookLib), DOCX, ODT, and MP3 + Ogg
from the speech pipeline — whose text is extracted by the same job that handles uploads."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.db import utcnow
from portal.units.service import get_by_code

from . import demo_guides, demo_laws, makers, service
from .jobs import extract_file
from .models import STATE_WAITING, Category, Item
from .uploads import inspect

MAX = 50 * 1024 * 1024


def _categories(session: Session, actor: User) -> dict[str, Category]:
    by_slug = {c.slug: c for c in session.scalars(select(Category))}
    for name, slug, children in demo_guides.CATEGORIES:
        if slug not in by_slug:
            by_slug[slug] = service.add_category(session, actor, name, None, slug=slug)
        for child_name, child_slug in children:
            if child_slug not in by_slug:
                by_slug[child_slug] = service.add_category(session, actor, child_name, by_slug[slug], slug=child_slug)
    return by_slug


def _paragraphs(body) -> list[str]:
    if isinstance(body, str):
        return [body]
    if body and isinstance(body[0], tuple):  # an e-book's chapters
        return [p for heading, paragraphs in body for p in (heading, *paragraphs)]
    return list(body)


def _speech(text: str) -> tuple[bytes, bytes]:
    from portal.audio import render_speech

    with tempfile.TemporaryDirectory() as tmp:
        engine = current_app.config.get("SPEECH_ENGINE") or "espeak"
        # The demo's own recordings are made offline at first start: no wait on the network.
        result = render_speech(text, Path(tmp), engine="espeak" if engine == "auto" else engine)
        return result.mp3_path.read_bytes(), result.opus_path.read_bytes()


def _files(title: str, issuer: str, formats: list[str], body, notes: list[str]) -> list[tuple[str, bytes]]:
    paragraphs = _paragraphs(body)
    files = []
    for fmt in formats:
        if fmt == "pdf":
            try:
                files.append(("pdf", makers.make_pdf(title, paragraphs, issuer)))
            except makers.NoFont as exc:
                notes.append(f"{title}: DOCX instead of PDF ({exc})")
                files.append(("docx", makers.make_docx(title, paragraphs)))
        elif fmt == "epub":
            chapters = body if body and isinstance(body[0], tuple) else [(title, paragraphs)]
            files.append(("epub", makers.make_epub(title, chapters, issuer)))
        elif fmt == "docx":
            files.append(("docx", makers.make_docx(title, paragraphs)))
        elif fmt == "odt":
            files.append(("odt", makers.make_odt(title, paragraphs)))
        elif fmt == "mp3+ogg":
            mp3, ogg = _speech(body)
            files += [("mp3", mp3), ("ogg", ogg)]
    return files


def seed(session: Session, actor: User) -> Iterator[str]:
    categories = _categories(session, actor)
    items = demo_laws.ITEMS + demo_guides.ITEMS
    count, notes = 0, []
    for n, (kind, title, issuer, issued, unit, category, tags, summary, formats, body) in enumerate(items):
        if session.scalar(select(Item.id).where(Item.title == title)):
            continue
        uploads = [service.Upload(data, inspect(data, "", MAX))
                   for fmt, data in _files(title, issuer, formats, body, notes)]
        data = service.ItemData(title=title, kind=kind, summary=summary, unit=get_by_code(session, unit),
                                issuer=issuer, issued_on=date.fromisoformat(issued),
                                category=categories[category], tags=tags)
        result = service.save(session, actor, data, uploads=uploads)
        for file in result.added:
            if file.extract_state == STATE_WAITING:
                extract_file(file.id)  # now, not later: the demo is readable at once
        item = service.publish(session, actor, result.item)
        # Spread the demo over the last weeks, and give "most read" something to rank.
        item.published_at = item.first_published_at = utcnow() - timedelta(days=(n * 7) % len(items) + 1, hours=n)
        item.views = (n * 37) % 90 + (60 if kind in ("legal", "audio") else 0)
        session.commit()
        count += 1
    if count:
        yield f"Demo library: {count} documents published with their files (audio is made by the job worker)."
    yield from notes
