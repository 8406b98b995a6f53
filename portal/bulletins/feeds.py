"""Atom feed, podcast RSS (iTunes-compatible enclosures) and monthly EPUB collections."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator
from flask import Response, abort, request, send_file
from sqlalchemy import select

from portal.core import media
from portal.core.http import absolute_request_url, absolute_url
from portal.core.markdown import render_markdown
from portal.db import db
from portal.units.models import Unit
from portal.units.service import get_by_code

from . import service
from .epub import build_epub
from .models import Bulletin
from .routes import bp

FEED_SIZE = 30


def _scope() -> tuple[Unit | None, list[Bulletin]]:
    code = request.args.get("don-vi", "")
    unit = get_by_code(db.session, code) if code else None
    if code and unit is None:
        abort(404)
    stmt = service.public_filter(select(Bulletin))
    if unit is not None:
        stmt = stmt.where(Bulletin.unit_id == unit.id)
    items = db.session.scalars(stmt.order_by(Bulletin.publish_at.desc()).limit(FEED_SIZE)).all()
    return unit, list(items)


def _base(unit: Unit | None, items: list[Bulletin], self_url: str) -> FeedGenerator:
    fg = FeedGenerator()
    title = "Bản tin Mặt trận Tổ quốc" + (f" — {unit.committee_name}" if unit else "")
    fg.id(absolute_url("bulletins.index") + (f"?don-vi={unit.code}" if unit else ""))
    fg.title(title)
    fg.subtitle("Bản tin của Mặt trận Tổ quốc Việt Nam: đọc, nghe và tải về.")
    fg.language("vi")
    fg.author({"name": unit.committee_name if unit else "Mặt trận Tổ quốc Việt Nam"})
    fg.link(href=absolute_url("bulletins.index"), rel="alternate")
    fg.link(href=self_url, rel="self")
    updated = max((b.updated_at for b in items), default=datetime(2025, 7, 1, tzinfo=timezone.utc))
    fg.updated(updated)
    fg.lastBuildDate(updated)
    return fg


def _entry(fg: FeedGenerator, b: Bulletin, podcast: bool) -> None:
    fe = fg.add_entry(order="append")
    link = absolute_url("bulletins.show", slug=b.slug)
    fe.id(link)
    fe.guid(link, permalink=True)
    fe.title(b.title)
    fe.link(href=link)
    fe.published(b.publish_at)
    fe.updated(max(b.updated_at, b.publish_at))
    fe.author({"name": b.unit.committee_name})
    fe.summary(b.summary or b.title)
    if not podcast:
        fe.content(str(render_markdown(b.body)), type="html")
    if b.audio_mp3:
        fe.enclosure(absolute_url("media.serve", key=b.audio_mp3), str(b.audio_mp3_bytes or 0),
                     "audio/mpeg")
        if podcast:
            seconds = int(round(b.audio_seconds or 0))
            fe.podcast.itunes_duration(f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}")
            fe.podcast.itunes_summary(b.summary or b.title)


def _xml(body: bytes, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = "public, max-age=300"
    response.set_etag(hashlib.blake2b(body, digest_size=12).hexdigest())
    return response.make_conditional(request)


@bp.route("/feed.atom")
def atom():
    unit, items = _scope()
    fg = _base(unit, items, absolute_request_url())
    for b in items:
        _entry(fg, b, podcast=False)
    return _xml(fg.atom_str(pretty=False), "application/atom+xml")


@bp.route("/podcast.rss")
def podcast():
    unit, items = _scope()
    fg = _base(unit, [b for b in items if b.audio_mp3], absolute_request_url())
    fg.load_extension("podcast")
    fg.podcast.itunes_category("News")
    fg.podcast.itunes_explicit("no")
    fg.podcast.itunes_author(unit.committee_name if unit else "Mặt trận Tổ quốc Việt Nam")
    fg.description("Bản tin của Mặt trận Tổ quốc Việt Nam, đọc thành tiếng để nghe mọi lúc.")
    for b in items:
        if b.audio_mp3:
            _entry(fg, b, podcast=True)
    return _xml(fg.rss_str(pretty=False), "application/rss+xml")


@bp.route("/tuyen-tap/<code>/<int:year>-<int:month>.epub")
def collection(code: str, year: int, month: int):
    """A committee's bulletins of one month as one e-book."""
    unit = get_by_code(db.session, code)
    if unit is None or not (1 <= month <= 12 and 2000 <= year <= 2100):
        abort(404)
    start = datetime(year, month, 1, tzinfo=timezone.utc)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=timezone.utc)
    items = db.session.scalars(service.public_filter(select(Bulletin)).where(
        Bulletin.unit_id == unit.id, Bulletin.publish_at >= start, Bulletin.publish_at < end,
    ).order_by(Bulletin.publish_at)).all()
    if not items:
        abort(404)
    version = hashlib.sha256("|".join(f"{b.id}:{b.updated_at.isoformat()}" for b in items).encode()).hexdigest()
    name = f"tuyen-tap-{unit.code.lower()}-{year}-{month:02d}-{version[:16]}"
    key = f"public/epub/{name}.epub"
    if not media.path_of(key).exists():
        data = build_epub(f"Bản tin tháng {month}/{year} — {unit.committee_name}",
                          f"collection:{unit.code}:{year}:{month}", unit.committee_name, items,
                          max(b.updated_at for b in items))
        media.save_public("epub", data, "epub", name=name)
    return send_file(media.path_of(key), mimetype="application/epub+zip", as_attachment=True,
                     download_name=f"ban-tin-{unit.code}-{year}-{month:02d}.epub", conditional=True, max_age=3600)
