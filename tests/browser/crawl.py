"""Discover the public pages by following links from the home page with the Flask test client.

Shared by the byte-budget crawler (tests/test_budgets.py) and the browser tests, so both
cover every page the site links to, in each language, without a hard-coded list.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from flask import template_rendered

LOCALES = ("vi", "en")
# Pages that must be found, so the crawler cannot pass by finding nothing.
REQUIRED = ("/", "/ban-tin/", "/thu-vien/", "/phan-anh/", "/hoc-so/", "/tim-kiem", "/thong-ke",
            "/quan-tri/dang-nhap")
SKIPPED_PREFIXES = ("/static/", "/ngon-ngu/", "/co-chu/")
STAFF_PREFIX = "/quan-tri/"
LOGIN_PATH = "/quan-tri/dang-nhap"
MISSING_PAGE = "/trang-nay-khong-co-that"  # seeds the 404 page, which nothing links to
SAMPLE_QUERY = "cong an"  # typed into GET forms (search boxes) to reach their result pages
MAX_PAGES = 120  # a safety net once features add long lists
PER_SHAPE = 2  # /ban-tin/12 and /ban-tin/13 share a template: a couple of each is enough
REDIRECTS = (301, 302, 303, 307, 308)
_LOCAL_HOSTS = ("", "localhost", "127.0.0.1")


@dataclass
class Page:
    url: str  # path and query, e.g. "/tim-kiem?q=..."
    status: int
    html: str
    template: str = ""  # the page template that rendered it (the first one that is not a `_part`)

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def query(self) -> str:
        return urlsplit(self.url).query


@dataclass
class Crawl:
    locale: str
    pages: list[Page] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # "linked from A: B answered 500"

    def urls(self) -> list[str]:
        return [page.url for page in self.pages]

    def urls_per_template(self, most: int = PER_SHAPE) -> list[str]:
        """A couple of pages of each template and query shape: what a browser needs to audit
        (every bulletin page is the same template; the test client checks them all)."""
        seen: dict[tuple, int] = {}
        chosen = []
        for page in self.pages:
            key = (page.template, page.status, _shape(page.url)[1])
            if seen.get(key, 0) < most:
                seen[key] = seen.get(key, 0) + 1
                chosen.append(page.url)
        return chosen


class _Links(HTMLParser):
    """Anchors and GET forms (filled with a sample value, as a visitor would)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self._form: dict | None = None
        self.form_hrefs: set[str] = set()  # made by filling a GET form: "nothing found" (404) is a fair answer

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag in ("a", "area") and a.get("href"):
            self.hrefs.append(a["href"])
        elif tag == "form":
            method = a.get("method", "get").lower()
            self._form = {"action": a.get("action", ""), "fields": []} if method == "get" else None
        elif self._form is not None and tag in ("input", "select", "textarea") and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image", "file", "checkbox", "radio"):
                return
            value = a.get("value", "") if kind == "hidden" else SAMPLE_QUERY if tag != "select" else ""
            self._form["fields"].append((a["name"], value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            query = urlencode(self._form["fields"])
            href = f"{self._form['action'] or '?'}{'?' if query else ''}{query}"
            self.hrefs.append(href)
            self.form_hrefs.add(href)
            self._form = None


def local_url(href: str, base: str) -> str | None:
    """The path+query of a same-origin link, or None for another host or scheme."""
    parts = urlsplit(urljoin(f"http://localhost{base}", href.strip()))
    if parts.scheme not in ("http", "https") or (parts.hostname or "") not in _LOCAL_HOSTS:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_public(url: str) -> bool:
    path = urlsplit(url).path
    if path.startswith(SKIPPED_PREFIXES):
        return False
    return not path.startswith(STAFF_PREFIX) or path == LOGIN_PATH


def _shape(url: str) -> tuple:
    parts = urlsplit(url)
    path = "/".join("#" if re.search(r"\d", seg) else seg for seg in parts.path.split("/"))
    keys = tuple(sorted({kv.split("=", 1)[0] for kv in parts.query.split("&") if kv}))
    return path, keys


def crawl(app, locale: str) -> Crawl:
    """Breadth-first from "/" (plus the 404 page), as an anonymous visitor in `locale`."""
    from tests.content import ensure_sample_content

    ensure_sample_content(app)
    client = app.test_client()
    client.set_cookie("lang", locale)
    result = Crawl(locale)
    queue: deque[tuple[str, str]] = deque([("/", "(start)"), (MISSING_PAGE, "(seed)")])
    seen = {"/", MISSING_PAGE}
    shapes: dict[tuple, int] = {}
    from_forms: set[str] = set()

    def enqueue(href: str, base: str, source: str) -> None:
        target = local_url(href, base)
        if not target or target in seen or target.startswith(SKIPPED_PREFIXES):
            return
        seen.add(target)
        shape = _shape(target)
        if shapes.get(shape, 0) < PER_SHAPE:
            shapes[shape] = shapes.get(shape, 0) + 1
            queue.append((target, source))

    rendered: list[str] = []

    def remember(sender, template, context, **extra) -> None:
        rendered.append(template.name or "")

    template_rendered.connect(remember, app)
    try:
        _walk(app, client, result, queue, enqueue, from_forms, rendered)
    finally:
        template_rendered.disconnect(remember, app)
    return result


def crawl_staff(app, client, locale: str = "vi") -> Crawl:
    """Breadth-first from /quan-tri/ with `client` logged in: the staff pages its role reaches
    (downloads and pages outside the staff area are left out; logging out is a POST, never followed)."""
    client.set_cookie("lang", locale)
    result = Crawl(locale)
    start = "/quan-tri/"
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    seen = {start}
    shapes: dict[tuple, int] = {}

    def enqueue(href: str, base: str, source: str) -> None:
        target = local_url(href, base)
        if not target or target in seen or not target.startswith(STAFF_PREFIX) or target.startswith(LOGIN_PATH):
            return
        seen.add(target)
        shape = _shape(target)
        if shapes.get(shape, 0) < 1:
            shapes[shape] = 1
            queue.append((target, source))

    rendered: list[str] = []

    def remember(sender, template, context, **extra) -> None:
        rendered.append(template.name or "")

    template_rendered.connect(remember, app)
    try:
        _walk(app, client, result, queue, enqueue, set(), rendered, keep=lambda url: not is_public(url))
    finally:
        template_rendered.disconnect(remember, app)
    return result


def _page_template(rendered: list[str]) -> str:
    """The page's own template: a page may render feature partials first (the sections of
    /thong-ke are rendered before the page that holds them)."""
    whole = [name for name in rendered if not name.rsplit("/", 1)[-1].startswith("_")]
    return (whole or rendered or [""])[0]


def _walk(app, client, result, queue, enqueue, from_forms, rendered, keep=is_public) -> None:
    while queue and len(result.pages) < MAX_PAGES:
        url, source = queue.popleft()
        rendered.clear()
        response = client.get(url)
        if response.status_code in REDIRECTS:
            enqueue(response.headers.get("Location", ""), url, source)
            continue
        if response.mimetype != "text/html":
            continue  # feeds, downloads, JSON
        expected = {404} if url == MISSING_PAGE else {200, 404} if url in from_forms else {200}
        if response.status_code not in expected:
            result.broken.append(f"linked from {source}: {url} answered {response.status_code}")
        if not keep(url):
            continue
        html = response.get_data(as_text=True)
        result.pages.append(Page(url, response.status_code, html, _page_template(rendered)))
        parser = _Links()
        parser.feed(html)
        for href in parser.hrefs:
            if href in parser.form_hrefs:
                target = local_url(href, url)
                if target:
                    from_forms.add(target)
            enqueue(href, url, url)


_CACHE: dict[tuple[int, str], Crawl] = {}


def crawled(app, locale: str) -> Crawl:
    """The crawl of `locale`, done once per test session."""
    key = (id(app), locale)
    if key not in _CACHE:
        _CACHE[key] = crawl(app, locale)
    return _CACHE[key]


def missing_required(result: Crawl) -> list[str]:
    """The required pages (and kinds of page) the crawl did not reach."""
    paths = {page.path for page in result.pages}
    missing = [path for path in REQUIRED if path not in paths]
    if not any(page.path == "/tim-kiem" and "q=" in page.query for page in result.pages):
        missing.append("/tim-kiem?q=... (a search result page)")
    if not any(page.path.startswith("/ban-tin/") and page.path.count("/") == 2 and page.path != "/ban-tin/"
               for page in result.pages):
        missing.append("/ban-tin/<slug> (a bulletin page)")
    if not any(page.status == 404 for page in result.pages):
        missing.append("an error page (404)")
    return missing
