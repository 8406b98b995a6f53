"""News sources: fetch an RSS 2.0 or Atom feed and turn new entries into draft bulletins.

A run is all or nothing: the feed is fetched and parsed completely first, then every
new entry is written in one transaction, so a failure never leaves half an import.
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as ET

from portal.core.text import clean_line

MAX_FEED_BYTES = 3 * 1024 * 1024
ATOM = "{http://www.w3.org/2005/Atom}"


class FeedError(Exception):
    pass


@dataclass(frozen=True)
class FeedItem:
    guid: str
    title: str
    summary: str
    link: str


def _text(html: str | None) -> str:
    """Plain text from a feed's HTML fragment (tags dropped, entities decoded)."""
    import html as htmllib

    return clean_line(htmllib.unescape(nh3.clean(html or "", tags=set())))


def fetch(url: str, timeout: float) -> bytes:
    if urlsplit(url).scheme not in ("http", "https"):
        raise FeedError("only http and https addresses can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "CongMatTranSo/1.0"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)  # nosec B310
            data = response.read(MAX_FEED_BYTES + 1)
    except OSError as exc:
        raise FeedError(f"could not fetch the feed: {exc}") from exc
    if len(data) > MAX_FEED_BYTES:
        raise FeedError("the feed is larger than 3 MB")
    return data


def parse(data: bytes) -> list[FeedItem]:
    # defusedxml refuses any DTD, whatever the encoding (a UTF-16 feed hides "<!ENTITY" from a byte search).
    try:
        root = ET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise FeedError("feeds with DOCTYPE or entity declarations are refused") from exc
    except ET.ParseError as exc:
        raise FeedError(f"not valid XML: {exc}") from exc
    items: list[FeedItem] = []
    if root.tag == "rss":
        for item in root.iterfind("channel/item"):
            link = (item.findtext("link") or "").strip()
            guid = (item.findtext("guid") or link or item.findtext("title") or "").strip()
            items.append(FeedItem(guid, _text(item.findtext("title")), _text(item.findtext("description")), link))
    elif root.tag == f"{ATOM}feed":
        for entry in root.iterfind(f"{ATOM}entry"):
            link_el = entry.find(f"{ATOM}link[@rel='alternate']")
            if link_el is None:  # (an Element without children is falsy: no `or` here)
                link_el = entry.find(f"{ATOM}link")
            link = link_el.get("href", "") if link_el is not None else ""
            summary = entry.findtext(f"{ATOM}summary") or entry.findtext(f"{ATOM}content")
            items.append(FeedItem((entry.findtext(f"{ATOM}id") or link).strip(), _text(entry.findtext(f"{ATOM}title")),
                                  _text(summary), link))
    else:
        raise FeedError("neither RSS 2.0 nor Atom")
    return [i for i in items if i.guid and i.title]
