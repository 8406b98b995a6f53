"""The one script every page loads: the pinned htmx byte for byte, then the record button;
fingerprinted, immutable for a year, and written to the disk by `flask build-assets` for nginx."""

from __future__ import annotations

import hashlib
import re
import shutil

from portal.core.assets import STATIC_ROOT, AssetStore

HTMX_SHA256 = "449317ade7881e949510db614991e195c3a099c4c791c24dacec55f9f4a2a452"  # docs/security.md


def test_every_page_loads_one_bundle_that_starts_with_the_pinned_htmx(client):
    html = client.get("/").get_data(as_text=True)
    [src] = re.findall(r'<script src="([^"]+)" defer></script>', html)
    assert re.fullmatch(r"/static/js/portal\.[0-9a-f]{10}\.js", src)
    response = client.get(src)
    assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]
    htmx = (STATIC_ROOT / "js/htmx-1.9.12.min.js").read_bytes()
    assert hashlib.sha256(htmx).hexdigest() == HTMX_SHA256
    assert response.data.startswith(htmx.rstrip(b"\n") + b"\n")
    assert response.data.endswith((STATIC_ROOT / "js/recorder.js").read_bytes())
    assert client.get(src, headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"


def test_build_writes_the_bundle_and_its_compressed_copies(tmp_path):
    root = tmp_path / "static"
    shutil.copytree(STATIC_ROOT, root, ignore=shutil.ignore_patterns("*.br", "*.gz", "portal.js"))
    store = AssetStore(root)
    written = {p.relative_to(root).as_posix() for p in store.build()}
    assert {"js/portal.js", "js/portal.js.br", "js/portal.js.gz"} <= written
    assert (root / "js/portal.js").read_bytes() == store.raw("js/portal.js")
    (root / "js/recorder.js").write_text("/* changed */\n")
    assert store.raw("js/portal.js").endswith(b"/* changed */\n")  # served from its parts, not the old copy
