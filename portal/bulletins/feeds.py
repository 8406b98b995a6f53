"""Atom feed, podcast RSS (iTunes-compatible enclosures) and monthly EPUB collections."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from flask import Response, abort, current_app, request, send_file
from sqlalchemy import select

from portal.core import media
from portal.core.format import vietnam_month_bounds
from portal.core.http import absolute_request_url, absolute_url
from portal.core.markdown import render_markdown
from portal.db import db
from portal.units.models import Unit
from portal.units.service import get_by_code

from . import artwork, feed_xml, service
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


FRONT = "Mặt trận Tổ quốc Việt Nam"


def _site(unit: Unit | None) -> str:
    """The web page a feed belongs to: the bulletins list (of the committee, for its feed)."""
    return absolute_url("bulletins.index", **({"don-vi": unit.code} if unit else {}))


def _item(b: Bulletin, content: bool) -> feed_xml.Item:
    enclosures = []
    if b.audio_mp3:
        enclosures.append(feed_xml.Enclosure(absolute_url("media.serve", key=b.audio_mp3), b.audio_mp3_bytes or
                                             media.size_of(b.audio_mp3), "audio/mpeg"))
    if b.audio_opus:
        enclosures.append(feed_xml.Enclosure(absolute_url("media.serve", key=b.audio_opus), b.audio_opus_bytes or
                                             media.size_of(b.audio_opus), media.MIMETYPES["opus"]))
    if b.epub and content:
        enclosures.append(feed_xml.Enclosure(absolute_url("bulletins.epub", slug=b.slug), b.epub_bytes or
                                             media.size_of(b.epub), "application/epub+zip"))
    return feed_xml.Item(
        link=absolute_url("bulletins.show", slug=b.slug), title=b.title, summary=b.summary or b.title,
        published=b.publish_at, updated=max(b.updated_at, b.publish_at), author=b.unit.committee_name,
        content_html=str(render_markdown(b.body)) if content else "", enclosures=enclosures,
        seconds=b.audio_seconds)


def _channel(unit: Unit | None, items: list[feed_xml.Item], description: str) -> feed_xml.Channel:
    updated = max((i.updated for i in items), default=datetime(2025, 7, 1, tzinfo=timezone.utc))
    return feed_xml.Channel(
        title="Bản tin Mặt trận Tổ quốc" + (f" — {unit.committee_name}" if unit else ""),
        description=description, site=_site(unit), self_url=absolute_request_url(),
        author=unit.committee_name if unit else FRONT, updated=updated, items=items)


def _xml(body: bytes, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = "public, max-age=300"
    response.set_etag(hashlib.blake2b(body, digest_size=12).hexdigest())
    return response.make_conditional(request)


@bp.route("/feed.atom")
def atom():
    unit, bulletins = _scope()
    channel = _channel(unit, [_item(b, content=True) for b in bulletins],
                       "Bản tin của Mặt trận Tổ quốc Việt Nam: đọc, nghe và tải về.")
    return _xml(feed_xml.atom(channel), "application/atom+xml")


@bp.route("/podcast.rss")
def podcast():
    unit, bulletins = _scope()
    channel = _channel(unit, [_item(b, content=False) for b in bulletins if b.audio_mp3],
                       "Bản tin của Mặt trận Tổ quốc Việt Nam, đọc thành tiếng để nghe mọi lúc.")
    channel.owner_email = current_app.config["PODCAST_OWNER_EMAIL"]
    channel.image = absolute_url("media.serve", key=artwork.ensure())
    # podcast:guid is made from the feed's lasting address, not from whatever Host was asked.
    guid_url = absolute_url("bulletins.podcast", **({"don-vi": unit.code} if unit else {}))
    return _xml(feed_xml.podcast(channel, guid_url), "application/rss+xml")


@bp.route("/tuyen-tap/<code>/<int:year>-<int:month>.epub")
def collection(code: str, year: int, month: int):
    """A committee's bulletins of one month as one e-book."""
    unit = get_by_code(db.session, code)
    if unit is None or not (1 <= month <= 12 and 2000 <= year <= 2100):
        abort(404)
    start, end = vietnam_month_bounds(year, month)  # the month of Vietnam's calendar, not UTC's
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
