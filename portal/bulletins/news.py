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
    """Why a feed could not be imported: `code` is stored and shown to the editor in words, in
    their language (`describe`); the technical `detail` goes to the log only."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.detail = code, detail


def describe(stored: str | None) -> str:
    """The stored reason as a sentence for the editor (older plain-English values included)."""
    from flask_babel import gettext as _

    sentences = {
        "scheme": _("Only addresses starting with http:// or https:// can be read."),
        "fetch": _("The feed's website could not be reached, or it answered with an error. "
                   "The portal tries again at the next check."),
        "too_large": _("The feed is larger than 3 MB, so it was not read."),
        "xml": _("The feed is not a well-formed RSS or Atom file (it may be cut off or broken)."),
        "dtd": _("The feed contains a document type declaration, which the portal refuses for safety."),
        "format": _("This address gives a web page or another file, not an RSS or Atom feed."),
    }
    return sentences.get(stored or "", _("The feed could not be read."))


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
        raise FeedError("scheme", url)
    request = urllib.request.Request(url, headers={"User-Agent": "CongMatTranSo/1.0"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)  # nosec B310
            data = response.read(MAX_FEED_BYTES + 1)
    except OSError as exc:
        raise FeedError("fetch", str(exc)) from exc
    if len(data) > MAX_FEED_BYTES:
        raise FeedError("too_large")
    return data


def parse(data: bytes) -> list[FeedItem]:
    # defusedxml refuses any DTD, whatever the encoding (a UTF-16 feed hides "<!ENTITY" from a byte search).
    try:
        root = ET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise FeedError("dtd", str(exc)) from exc
    except ET.ParseError as exc:
        raise FeedError("xml", str(exc)) from exc
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
        raise FeedError("format", f"root element {root.tag!r}")
    return [i for i in items if i.guid and i.title]
