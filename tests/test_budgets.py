"""The crawler: every public page, in both languages, held to the budgets of DESIGN.md §4.

Pages are discovered by following links from "/" (tests/browser/crawl.py), not listed here.
"""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import brotli
import pytest

from tests.browser.crawl import LOCALES, crawled, local_url, missing_required

KB = 1024
HTML_BUDGET = 14 * KB
CSS_BUDGET = 6 * KB
MAX_REQUESTS = 3
YEAR = 365 * 24 * 3600
FONT_FILE = re.compile(r"\.(woff2?|ttf|otf|eot)(\?|#|$)", re.I)
RESOURCE_ATTRS = {  # tag -> attributes that make the browser fetch (or send to) a URL
    "link": ("href",), "script": ("src",), "img": ("src", "srcset"), "audio": ("src",),
    "video": ("src", "poster"), "source": ("src", "srcset"), "track": ("src",), "iframe": ("src",),
    "embed": ("src",), "object": ("data",), "form": ("action",), "input": ("src",),
}


@pytest.fixture(autouse=True)
def _sample_content(app):
    """The crawled bulletin pages must exist when each test fetches them again."""
    from tests.content import ensure_sample_content

    ensure_sample_content(app)


class Shell(HTMLParser):
    """What a page asks the browser to load, and what the CSP would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.stylesheets: list[str] = []
        self.scripts: list[dict] = []
        self.styles = 0
        self.style_attrs: list[str] = []
        self.font_refs: list[str] = []
        self.resource_urls: list[tuple[str, str]] = []  # (tag, url)
        self.images: list[dict] = []
        self.eager_loads: list[str] = []  # other things fetched on a first view

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        if "style" in a:
            self.style_attrs.append(f"<{tag} style={a['style']!r}>")
        if tag == "style":
            self.styles += 1
        rel = a.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel:
            self.stylesheets.append(a.get("href", ""))
        if tag == "link" and ("preload" in rel or "prefetch" in rel) and a.get("as") == "font":
            self.font_refs.append(f"<link rel=preload as=font href={a.get('href')!r}>")
        if tag == "script":
            self.scripts.append(a)
        if tag == "img":
            self.images.append(a)
            if a.get("loading") != "lazy" and not a.get("src", "").startswith("data:"):
                self.eager_loads.append(f"<img src={a.get('src')!r}> (not lazy)")
        if tag in ("iframe", "embed", "object") or (tag in ("audio", "video") and a.get("preload") != "none"):
            self.eager_loads.append(f"<{tag}>")
        for name in RESOURCE_ATTRS.get(tag, ()):
            for url in re.split(r",\s+", a.get(name, "")) if name == "srcset" else [a.get(name, "")]:
                url = url.strip().split(" ")[0]
                if url:
                    self.resource_urls.append((tag, url))
                    if FONT_FILE.search(url):
                        self.font_refs.append(f"<{tag} {name}={url!r}>")

    def handle_data(self, data):
        if "@font-face" in data:
            self.font_refs.append("@font-face in the page")


def parse(html: str) -> Shell:
    shell = Shell()
    shell.feed(html)
    return shell


def decoded(response) -> bytes:
    encoding = response.headers.get("Content-Encoding", "")
    if encoding == "gzip":
        return gzip.decompress(response.data)
    if encoding == "br":
        return brotli.decompress(response.data)
    return response.data


def visitor(app, locale):
    client = app.test_client()
    client.set_cookie("lang", locale)
    return client


@pytest.mark.parametrize("locale", LOCALES)
def test_crawl_reaches_every_public_page(app, locale):
    result = crawled(app, locale)
    assert not missing_required(result), (
        f"[{locale}] the crawl from / did not reach {missing_required(result)}; found {result.urls()}")
    assert not result.broken, f"[{locale}] broken links: " + "; ".join(result.broken)


@pytest.mark.parametrize("locale", LOCALES)
def test_html_budget_and_shell(app, locale):
    client = visitor(app, locale)
    problems: list[str] = []
    for page in crawled(app, locale).pages:
        response = client.get(page.url, headers={"Accept-Encoding": "gzip"})
        where = f"[{locale}] {page.url}"
        size, encoding = len(response.data), response.headers.get("Content-Encoding", "identity")
        if size > HTML_BUDGET:
            problems.append(f"{where}: HTML is {size} bytes ({encoding}) > {HTML_BUDGET}")
        if page.status == 200 and encoding != "gzip":
            problems.append(f"{where}: HTML not gzip-compressed (Content-Encoding: {encoding})")
        shell = parse(decoded(response).decode("utf-8"))
        if shell.lang != locale:
            problems.append(f"{where}: <html lang={shell.lang!r}>, expected {locale!r}")
        if len(shell.stylesheets) > 1:
            problems.append(f"{where}: {len(shell.stylesheets)} stylesheets {shell.stylesheets} > 1")
        external = [s["src"] for s in shell.scripts if s.get("src")]
        if len(external) > 1:
            problems.append(f"{where}: {len(external)} external scripts {external} > 1")
        for script in shell.scripts:
            if not script.get("src") or "defer" not in script:
                problems.append(f"{where}: <script {script}> must have src and defer (no inline script)")
        if shell.styles:
            problems.append(f"{where}: {shell.styles} <style> element(s) (CSP style-src 'self')")
        problems += [f"{where}: style attribute {attr} (CSP style-src 'self')" for attr in shell.style_attrs]
        problems += [f"{where}: web font {ref}" for ref in shell.font_refs]
        for tag, url in shell.resource_urls:
            if not url.startswith("data:") and local_url(url, page.path) is None:
                problems.append(f"{where}: third-party resource <{tag}> {url}")
        for img in shell.images:
            lacking = [name for name in ("width", "height") if not img.get(name)]
            lacking += [] if img.get("loading") == "lazy" else ['loading="lazy"']
            if lacking:
                problems.append(f"{where}: <img src={img.get('src')!r}> lacks {', '.join(lacking)}")
        requests = ["HTML", *shell.stylesheets, *external, *shell.eager_loads]
        requests += [f"url({u}) in CSS" for u in css_urls(client, shell.stylesheets)]
        if len(requests) > MAX_REQUESTS:
            problems.append(f"{where}: first view needs {len(requests)} requests > {MAX_REQUESTS}: {requests}")
    assert not problems, f"{len(problems)} budget breach(es):\n" + "\n".join(problems)


def css_urls(client, stylesheets: list[str]) -> list[str]:
    """Resources a stylesheet pulls in (imports, backgrounds): each one more request."""
    found = []
    for href in stylesheets:
        css = decoded(client.get(urlsplit(href).path, headers={"Accept-Encoding": "gzip"})).decode()
        found += [u for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) if not u.startswith("data:")]
        found += re.findall(r"@import\s+['\"]([^'\"]+)", css)
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_stylesheet_budget_and_caching(app, locale):
    client = visitor(app, locale)
    pages = [client.get(page.url).get_data(as_text=True) for page in crawled(app, locale).pages]
    hrefs = {href for html in pages for href in parse(html).stylesheets}
    assert hrefs, f"[{locale}] no stylesheet found on any page"
    problems = []
    for href in sorted(hrefs):
        response = client.get(href, headers={"Accept-Encoding": "gzip"})
        if response.status_code != 200 or response.mimetype != "text/css":
            problems.append(f"{href}: answered {response.status_code} {response.mimetype}")
            continue
        size = len(response.data)
        if size > CSS_BUDGET:
            problems.append(f"{href}: {size} bytes ({response.headers.get('Content-Encoding')}) > {CSS_BUDGET}")
        cache = response.headers.get("Cache-Control", "")
        max_age = re.search(r"max-age=(\d+)", cache)
        if "immutable" not in cache or not max_age or int(max_age.group(1)) < YEAR:
            problems.append(f"{href}: Cache-Control {cache!r} is not immutable for a year")
        css = decoded(response).decode()
        if "@font-face" in css or FONT_FILE.search(css):
            problems.append(f"{href}: declares or loads a web font")
    assert not problems, f"[{locale}] stylesheet budget:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_repeat_view_costs_only_headers(app, locale):
    client = visitor(app, locale)
    problems = []
    for page in crawled(app, locale).pages:
        if page.status != 200:
            continue  # error pages are not cached
        for encoding in ("gzip", "br"):
            where = f"[{locale}] {page.url} ({encoding})"
            first = client.get(page.url, headers={"Accept-Encoding": encoding})
            etag = first.headers.get("ETag")
            if not etag:
                problems.append(f"{where}: no ETag on the first view")
                continue
            again = client.get(page.url, headers={"Accept-Encoding": encoding, "If-None-Match": etag})
            if again.status_code == 200 and _changed(first, again):
                continue  # a new CSRF token (signed with the time) really changes the page
            if again.status_code != 304 or again.data:
                problems.append(f"{where}: repeat view with If-None-Match {etag} answered "
                                f"{again.status_code} with {len(again.data)} bytes, expected 304 and empty")
    assert not problems, "\n".join(problems)


def _changed(first, again) -> bool:
    """True when the two bodies differ, and only by their CSRF tokens."""
    one, two = decoded(first).decode(), decoded(again).decode()
    token = re.compile(r'(name="csrf_token" type="hidden" value=")[^"]+')
    return one != two and token.sub(r"\1", one) == token.sub(r"\1", two)
