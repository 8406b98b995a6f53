"""The OPDS 1.2 catalog is valid Atom that e-reader apps can browse, search and download from."""

from lxml import etree
from sqlalchemy import select

from portal.library import makers
from portal.library.models import Item, ItemFile

from .conftest import PARAGRAPHS

A = "{http://www.w3.org/2005/Atom}"
ACQ = "application/atom+xml;profile=opds-catalog;kind=acquisition"


def _feed(client, url, kind):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"].startswith(f"application/atom+xml;profile=opds-catalog;kind={kind}")
    root = etree.fromstring(response.data)
    assert root.tag == f"{A}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{required}") is not None, required
    rels = {link.get("rel") for link in root.findall(f"{A}link")}
    assert {"self", "start", "search"} <= rels
    for entry in root.findall(f"{A}entry"):
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{A}{required}") or "").strip(), required
        assert entry.find(f"{A}link") is not None
        assert entry.findtext(f"{A}updated").endswith("Z")
    return root


def test_navigation_acquisition_search_and_opensearch(client, make_item, session, sample_pdf):
    epub = makers.make_epub("Sổ tay phòng chống thiên tai", [("Trước mùa mưa bão", PARAGRAPHS)])
    make_item(title="Sổ tay phòng chống thiên tai", kind="ebook", files=[("so-tay.epub", epub),
                                                                       ("so-tay.pdf", sample_pdf)])
    root = _feed(client, "/thu-vien/opds", "navigation")
    entries = root.findall(f"{A}entry")
    assert entries and all(e.find(f"{A}content") is not None for e in entries)
    newest = next(e for e in entries if e.findtext(f"{A}title") == "Tài liệu mới nhất")
    href = newest.find(f"{A}link").get("href")
    assert newest.find(f"{A}link").get("type") == ACQ
    acquisition = _feed(client, href.replace("http://localhost", ""), "acquisition")
    entry = acquisition.find(f"{A}entry")
    assert entry.findtext(f"{A}title") == "Sổ tay phòng chống thiên tai"
    assert entry.findtext("{http://purl.org/dc/terms/}language") == "vi"
    links = {link.get("type"): link for link in entry.findall(f"{A}link")
             if link.get("rel", "").startswith("http://opds-spec.org/acquisition")}
    files = {f.format: f for f in session.scalars(select(ItemFile))}
    assert links["application/epub+zip"].get("length") == str(files["epub"].bytes)
    assert links["application/pdf"].get("length") == str(files["pdf"].bytes)
    download = client.get(links["application/epub+zip"].get("href").replace("http://localhost", ""))
    assert download.status_code == 200 and download.data == epub
    kind = _feed(client, "/thu-vien/opds/loai/ebook", "acquisition")
    assert len(kind.findall(f"{A}entry")) == 1
    assert client.get("/thu-vien/opds/loai/khong-co").status_code == 404
    found = _feed(client, "/thu-vien/opds/tim?q=phong chong thien tai", "acquisition")
    assert found.find(f"{A}entry").findtext(f"{A}title") == "Sổ tay phòng chống thiên tai"
    description = client.get("/thu-vien/opds/opensearch.xml")
    os_root = etree.fromstring(description.data)
    url = os_root.find("{http://a9.com/-/spec/opensearch/1.1/}Url")
    assert url.get("type") == ACQ and "{searchTerms}" in url.get("template")
    assert session.scalar(select(Item)).title


def test_acquisition_feeds_page(client, make_item):
    for n in range(27):
        make_item(title=f"Biểu mẫu số {n + 1}", kind="form")
    first = _feed(client, "/thu-vien/opds/moi", "acquisition")
    assert len(first.findall(f"{A}entry")) == 25
    nxt = next(link for link in first.findall(f"{A}link") if link.get("rel") == "next")
    second = _feed(client, nxt.get("href").replace("http://localhost", ""), "acquisition")
    assert len(second.findall(f"{A}entry")) == 2


def test_control_characters_never_break_the_xml(client, make_item):
    make_item(title="Biểu mẫu\x0b có ký tự lạ", summary="Dòng một\x08\nDòng hai\x1f")
    for url in ("/thu-vien/opds/moi", "/thu-vien/opds/tim?q=%08bieu%0bmau", "/thu-vien/opds/tim?q=%EF%BF%BE"):
        root = etree.fromstring(client.get(url).data)
        assert root.tag == f"{A}feed", url
