"""Page weight of every public route: HTML raw, gzip and brotli as served, the first view (HTML,
the CSS and htmx, compressed) and the repeat view (a conditional GET: 304, headers only).

    .venv/bin/python bench/pages.py [--per-template N] [--locale vi|en]

Creates the app on a temporary instance (SQLite), publishes the sample content of the tests
(tests/content.py), crawls the public pages from "/" (tests/browser/crawl.py) and prints one
table, a couple of pages per template, then the largest figures next to DESIGN.md §4's budget
(14 KB of compressed HTML); not a test.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _instance import sample_app  # noqa: E402

KB = 1024
HTML_BUDGET = 14 * KB


class _Assets(HTMLParser):
    """The stylesheets and scripts a first view downloads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in a.get("rel", "").lower().split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])


def _template(page) -> str:
    """The page's template when the crawler records it, else its path shape (digits → #)."""
    return getattr(page, "template", "") or re.sub(r"[^/]*\d[^/]*", "#", page.path)


def _header_bytes(response) -> int:
    """Bytes of the status line and headers on the wire (HTTP/1.1)."""
    status = len(f"HTTP/1.1 {response.status}\r\n")
    return status + sum(len(k) + len(v) + 4 for k, v in response.headers.items()) + 2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-template", type=int, default=2, help="pages shown per template")
    parser.add_argument("--locale", default="vi", choices=("vi", "en"))
    args = parser.parse_args()

    from tests.browser.crawl import crawl

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        app = sample_app(Path(tmp))
        result = crawl(app, args.locale)
        client = app.test_client()
        client.set_cookie("lang", args.locale)
        asset_bytes: dict[str, int] = {}

        def asset(url: str) -> int:
            if url not in asset_bytes:
                response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
                asset_bytes[url] = len(response.get_data())
            return asset_bytes[url]

        shown: dict[str, int] = {}
        rows = []
        for page in sorted(result.pages, key=lambda p: (_template(p), p.url)):
            if shown.get(_template(page), 0) >= args.per_template:
                continue
            shown[_template(page)] = shown.get(_template(page), 0) + 1
            raw = page.html.encode()
            served_gz = client.get(page.url, headers={"Accept-Encoding": "gzip"})
            served_br = client.get(page.url, headers={"Accept-Encoding": "br, gzip"})
            br_body = served_br.get_data()
            gz_len = len(served_gz.get_data()) if served_gz.headers.get("Content-Encoding") == "gzip" \
                else len(gzip.compress(raw, 6))
            br_len = len(br_body) if served_br.headers.get("Content-Encoding") == "br" \
                else len(brotli.compress(raw, quality=5))
            finder = _Assets()
            finder.feed(page.html)
            assets = sum(asset(url) for url in dict.fromkeys(finder.urls))
            first = _header_bytes(served_br) + br_len + assets
            conditional = {"Accept-Encoding": "br, gzip"}
            if served_br.headers.get("ETag"):
                conditional["If-None-Match"] = served_br.headers["ETag"]
            if served_br.headers.get("Last-Modified"):
                conditional["If-Modified-Since"] = served_br.headers["Last-Modified"]
            again = client.get(page.url, headers=conditional)
            repeat = _header_bytes(again) + len(again.get_data())
            rows.append((_template(page), page.url, page.status, len(raw), gz_len, br_len,
                         len(finder.urls), first, again.status_code, repeat))

    width = min(48, max(len(r[1]) for r in rows))
    print(f"{'template':<30} {'url':<{width}} {'st':>3} {'raw B':>7} {'gzip B':>7} {'br B':>6} "
          f"{'assets':>6} {'first view B':>12} {'repeat':>6} {'repeat B':>8}")
    for template, url, status, raw, gz, br, n_assets, first, again, repeat in rows:
        url = url if len(url) <= width else url[:width - 1] + "…"
        print(f"{template[:30]:<30} {url:<{width}} {status:>3} {raw:>7,} {gz:>7,} {br:>6,} "
              f"{n_assets:>6} {first:>12,} {again:>6} {repeat:>8,}")
    print("\nassets (br, as served): " + ", ".join(f"{u} {n:,} B" for u, n in asset_bytes.items()))
    worst_br = max(rows, key=lambda r: r[5])
    worst_gz = max(rows, key=lambda r: r[4])
    worst_first = max(rows, key=lambda r: r[7])
    print(f"{len(result.pages)} pages crawled ({args.locale}), {len(rows)} shown; "
          f"first view = headers + HTML br + CSS + scripts; repeat = a conditional GET")
    budget = f"budget {HTML_BUDGET / KB:.0f} KB (DESIGN.md §4)"
    print(f"max HTML br   {worst_br[5]:>7,} B ({worst_br[5] / KB:.1f} KB) {worst_br[1]}  {budget}")
    print(f"max HTML gzip {worst_gz[4]:>7,} B ({worst_gz[4] / KB:.1f} KB) {worst_gz[1]}  {budget}")
    print(f"max first view {worst_first[7]:>6,} B ({worst_first[7] / KB:.1f} KB) {worst_first[1]}")
    print(f"max repeat view {max(r[9] for r in rows):>5,} B; "
          f"{sum(r[8] == 304 for r in rows)}/{len(rows)} pages answered 304")


if __name__ == "__main__":
    main()
