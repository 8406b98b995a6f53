"""The XML of the Atom feed (RFC 4287) and of the podcast's RSS 2.0 (Apple Podcasts and the
Podcast Index namespace), written with lxml.

Written here rather than with feedgen: feedgen 1.0 drops rel, type and length from every Atom
link (a variable shadows another in its writer, so an enclosure comes out as a second plain
alternate link), allows only "yes"/"no"/"clean" for itunes:explicit where Apple wants
"true"/"false", and knows nothing of the podcast namespace.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime

# lxml (~3.6 MiB) is imported by the functions that write a feed, not by every web worker at start.

ATOM_NS = "http://www.w3.org/2005/Atom"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
# The Podcast Index's namespace for podcast:guid (a UUIDv5 of the feed's address).
PODCAST_GUID_NS = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
_XML_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Enclosure:
    url: str
    length: int
    type: str


@dataclass
class Item:
    link: str
    title: str
    summary: str
    published: datetime
    updated: datetime
    author: str
    content_html: str = ""
    enclosures: list[Enclosure] = field(default_factory=list)
    seconds: float | None = None


@dataclass
class Channel:
    title: str
    description: str
    site: str  # the web page the feed belongs to
    self_url: str
    author: str
    updated: datetime
    items: list[Item]
    owner_email: str = ""
    image: str = ""
    category: str = "News"


def _utc(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def _rfc3339(moment: datetime) -> str:
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent, tag: str, text: str | None = None, **attrs):
    from lxml import etree

    element = etree.SubElement(parent, tag, {k: str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _XML_CTRL.sub("", text)
    return element


def atom(channel: Channel) -> bytes:
    from lxml import etree

    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "vi")
    a = f"{{{ATOM_NS}}}"
    _sub(root, a + "id", channel.site)
    _sub(root, a + "title", channel.title)
    _sub(root, a + "subtitle", channel.description)
    _sub(root, a + "updated", _rfc3339(channel.updated))
    _sub(_sub(root, a + "author"), a + "name", channel.author)
    _sub(root, a + "link", rel="alternate", type="text/html", href=channel.site)
    _sub(root, a + "link", rel="self", type="application/atom+xml", href=channel.self_url)
    for item in channel.items:
        entry = _sub(root, a + "entry")
        _sub(entry, a + "id", item.link)
        _sub(entry, a + "title", item.title)
        _sub(entry, a + "published", _rfc3339(item.published))
        _sub(entry, a + "updated", _rfc3339(item.updated))
        _sub(_sub(entry, a + "author"), a + "name", item.author)
        _sub(entry, a + "link", rel="alternate", type="text/html", href=item.link)
        for enclosure in item.enclosures:  # one per format: different types, so RFC 4287 allows them
            _sub(entry, a + "link", rel="enclosure", type=enclosure.type, length=enclosure.length,
                 href=enclosure.url)
        _sub(entry, a + "summary", item.summary)
        if item.content_html:
            _sub(entry, a + "content", item.content_html, type="html")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _hms(seconds: float | None) -> str:
    total = int(round(seconds or 0))
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def podcast_guid(feed_url: str) -> str:
    """podcast:guid as the Podcast Index defines it: UUIDv5 of the address without its scheme."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NS, bare))


def podcast(channel: Channel, guid_url: str) -> bytes:
    """RSS 2.0 as Apple Podcasts Connect wants it: artwork, owner, category, explicit, language;
    plus podcast:locked (no other host may import it) and podcast:guid."""
    from lxml import etree

    it, pc = f"{{{ITUNES_NS}}}", f"{{{PODCAST_NS}}}"
    root = etree.Element("rss", {"version": "2.0"},
                         nsmap={"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": ATOM_NS, "content": CONTENT_NS})
    ch = _sub(root, "channel")
    _sub(ch, "title", channel.title)
    _sub(ch, "link", channel.site)
    _sub(ch, "description", channel.description)
    _sub(ch, "language", "vi")
    _sub(ch, "lastBuildDate", format_datetime(_utc(channel.updated)))
    _sub(ch, f"{{{ATOM_NS}}}link", rel="self", type="application/rss+xml", href=channel.self_url)
    image = _sub(ch, "image")
    _sub(image, "url", channel.image)
    _sub(image, "title", channel.title)
    _sub(image, "link", channel.site)
    _sub(ch, it + "image", href=channel.image)
    _sub(ch, it + "author", channel.author)
    owner = _sub(ch, it + "owner")
    _sub(owner, it + "name", channel.author)
    _sub(owner, it + "email", channel.owner_email)
    etree.SubElement(ch, it + "category", text=channel.category)  # an attribute, not the element's text
    _sub(ch, it + "explicit", "false")
    _sub(ch, it + "type", "episodic")
    _sub(ch, pc + "locked", "yes", owner=channel.owner_email)
    _sub(ch, pc + "guid", podcast_guid(guid_url))
    for item in channel.items:
        element = _sub(ch, "item")
        _sub(element, "title", item.title)
        _sub(element, "link", item.link)
        _sub(element, "guid", item.link, isPermaLink="true")
        _sub(element, "pubDate", format_datetime(_utc(item.published)))
        _sub(element, "description", item.summary)
        _sub(element, it + "summary", item.summary)
        enclosure = item.enclosures[0]  # RSS holds one: the MP3, which every podcast app plays
        _sub(element, "enclosure", url=enclosure.url, length=enclosure.length, type=enclosure.type)
        _sub(element, it + "duration", _hms(item.seconds))
        _sub(element, it + "explicit", "false")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
