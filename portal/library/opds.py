"""OPDS 1.2 catalog (/thu-vien/opds), so e-reader apps can browse, search and download.

A navigation feed at the root (newest, each category, each kind), acquisition feeds with
every file's type and size, and an OpenSearch description for the search feed.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from flask import Response, abort, request
from flask_babel import gettext as _

from portal.core import media
from portal.core.http import absolute_request_url, absolute_url, found_or_404
from portal.db import db, utcnow

from . import catalog
from .kinds import KIND_NAMES
from .models import Item
from .routes import bp

if TYPE_CHECKING:
    from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
NSMAP = {None: ATOM, "dc": "http://purl.org/dc/terms/", "opds": "http://opds-spec.org/2010/catalog",
         "opensearch": "http://a9.com/-/spec/opensearch/1.1/"}
NAV = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQ = "application/atom+xml;profile=opds-catalog;kind=acquisition"
PER_PAGE = 25
NAMESPACE = uuid.UUID("1b7e1f0e-4c1d-4b8e-9a57-6f6b2f0d4a21")


class _Maker:
    """An lxml ElementMaker built on first use: lxml (~3.6 MiB) is imported when a catalog is
    asked for, not by every web worker at start."""

    def __init__(self, **options) -> None:
        self.options = options
        self.maker = None

    def __getattr__(self, tag: str):
        if self.maker is None:
            from lxml.builder import ElementMaker

            self.maker = ElementMaker(**self.options)
        return getattr(self.maker, tag)


E = _Maker(namespace=ATOM, nsmap=NSMAP)
DC = _Maker(namespace=NSMAP["dc"])


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: object) -> str:
    """Text as XML 1.0 allows it (a query may hold control characters)."""
    return _NOT_XML.sub("", str(text))


def _when(value: datetime | None) -> str:
    return (value or utcnow()).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _link(rel: str, href: str, type_: str, **extra) -> etree._Element:
    attrs = {"rel": rel, "href": _x(href), "type": type_, **{k: _x(v) for k, v in extra.items()}}
    return E.link(**attrs)


def _feed(feed_id: str, title: str, kind: str, entries: list, updated: datetime | None, extra_links=()) -> Response:
    feed = E.feed(
        E.id(f"urn:uuid:{uuid.uuid5(NAMESPACE, feed_id)}"),
        E.title(_x(title)),
        E.updated(_when(updated)),
        E.author(E.name(_("Vietnam Fatherland Front")), E.uri(absolute_url("library.index"))),
        _link("self", absolute_request_url(), kind),
        _link("start", absolute_url("library.opds_root"), NAV),
        _link("search", absolute_url("library.opensearch"), "application/opensearchdescription+xml"),
        *extra_links,
        *entries,
    )
    from lxml import etree

    body = etree.tostring(feed, xml_declaration=True, encoding="utf-8")
    return Response(body, content_type=f"{kind};charset=utf-8", headers={"Cache-Control": "public, max-age=600"})


def _nav_entry(key: str, title: str, href: str, content: str, updated: datetime | None) -> etree._Element:
    return E.entry(E.title(_x(title)), E.id(f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"), E.updated(_when(updated)),
                   E.content(_x(content), type="text"), _link("subsection", href, ACQ))


def _item_entry(item: Item) -> etree._Element:
    entry = E.entry(
        E.title(_x(item.title)),
        E.id(f"urn:uuid:{uuid.uuid5(NAMESPACE, f'item:{item.id}')}"),
        E.updated(_when(item.updated_at)),
        E.author(E.name(_x(item.issuer or item.unit.committee_name))),
        DC.language("vi"),
        E.summary(_x(item.summary), type="text"),
    )
    if item.issued_on:
        entry.append(DC.issued(item.issued_on.isoformat()))
    if item.published_at:
        entry.append(E.published(_when(item.published_at)))
    entry.append(E.category(term=str(item.kind), label=str(KIND_NAMES[item.kind]),
                            scheme=absolute_url("library.index")))
    if item.category:
        entry.append(E.category(term=item.category.slug, label=_x(item.category.name)))
    entry.append(_link("alternate", absolute_url("library.show", slug=item.slug), "text/html"))
    for file in item.files:
        href = absolute_url("library.download", slug=item.slug, file_id=file.id, ext=file.format)
        rel = "http://opds-spec.org/image" if file.format in ("jpg", "png", "webp") else \
            "http://opds-spec.org/acquisition/open-access"
        entry.append(_link(rel, href, media.MIMETYPES[file.format].split(";")[0], length=file.bytes,
                           title=_x(file.label or file.format.upper())))
    return entry


def _page_links(endpoint: str, page: int, total: int, **args) -> list:
    links = []
    if page > 1:
        links.append(_link("previous", absolute_url(endpoint, trang=page - 1, **args), ACQ))
    if page * PER_PAGE < total:
        links.append(_link("next", absolute_url(endpoint, trang=page + 1, **args), ACQ))
    return links


def _page() -> int:
    return max(1, min(request.args.get("trang", 1, type=int) or 1, 1000))


@bp.route("/opds")
def opds_root():
    newest, total = catalog.list_public(db.session, per_page=1)
    updated = newest[0].published_at if newest else None
    entries = [_nav_entry("newest", _("Newest documents"), absolute_url("library.opds_new"),
                          _("%(num)d documents, newest first", num=total), updated)]
    for category, count in catalog.category_counts(db.session):
        if count:
            entries.append(_nav_entry(f"category:{category.slug}", category.name,
                                      absolute_url("library.opds_category", slug=category.slug),
                                      _("%(num)d documents", num=count), updated))
    for kind, name in KIND_NAMES.items():
        entries.append(_nav_entry(f"kind:{kind}", str(name), absolute_url("library.opds_kind", kind=kind),
                                  str(name), updated))
    return _feed("root", _("Community digital library"), NAV, entries, updated)


def _acquisition(feed_id: str, title: str, endpoint: str, **filters) -> Response:
    page = _page()
    args = {k: v for k, v in filters.items() if k in ("slug", "kind")}
    query = {k: v for k, v in filters.items() if k in ("kind", "category")}
    items, total = catalog.list_public(db.session, page=page, per_page=PER_PAGE, **query)
    updated = max((i.updated_at for i in items), default=None)
    return _feed(f"{feed_id}:{page}", title, ACQ, [_item_entry(i) for i in items], updated,
                 [_link("up", absolute_url("library.opds_root"), NAV),
                  *_page_links(endpoint, page, total, **args)])


@bp.route("/opds/moi")
def opds_new():
    return _acquisition("new", _("Newest documents"), "library.opds_new")


@bp.route("/opds/danh-muc/<slug>")
def opds_category(slug: str):
    category = found_or_404(catalog.get_category(db.session, slug))
    return _acquisition(f"category:{slug}", category.name, "library.opds_category", slug=slug, category=category)


@bp.route("/opds/loai/<kind>")
def opds_kind(kind: str):
    if kind not in KIND_NAMES:
        abort(404)
    return _acquisition(f"kind:{kind}", str(KIND_NAMES[kind]), "library.opds_kind", kind=kind)


@bp.route("/opds/tim")
def opds_search():
    from portal.search.backend import current
    from portal.search.searching import find

    query = (request.args.get("q") or "").strip()[:200]
    items: list[Item] = []
    if query:
        hits = find(current(), query, kind="document", per_page=PER_PAGE).hits
        items = catalog.by_slugs(db.session, [h.url.rsplit("/", 1)[-1] for h in hits])
    return _feed(f"search:{query}", _("Search: %(query)s", query=query), ACQ, [_item_entry(i) for i in items],
                 None, [_link("up", absolute_url("library.opds_root"), NAV)])


@bp.route("/opds/opensearch.xml")
def opensearch():
    from lxml import etree
    from lxml.builder import ElementMaker

    os_ = ElementMaker(namespace=NSMAP["opensearch"], nsmap={None: NSMAP["opensearch"]})
    template = absolute_url("library.opds_search") + "?q={searchTerms}"
    doc = os_.OpenSearchDescription(
        os_.ShortName(_("Library")),
        os_.Description(_("Search the community digital library")),
        os_.InputEncoding("UTF-8"), os_.OutputEncoding("UTF-8"), os_.Language("vi"),
        os_.Url(type=ACQ, template=template),
        os_.Url(type="text/html", template=absolute_url("search.results") + "?q={searchTerms}"),
    )
    return Response(etree.tostring(doc, xml_declaration=True, encoding="utf-8"),
                    content_type="application/opensearchdescription+xml;charset=utf-8",
                    headers={"Cache-Control": "public, max-age=86400"})
