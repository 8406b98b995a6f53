"""Static files: fingerprinted names, precompressed bodies, a year of immutable caching.

`asset_url("css/site.css")` gives `/static/css/site.3f2a9c1b7d.css`. The file on disk
keeps its plain name; the hash in the URL changes whenever the content does.

A bundle is one file made of several, so that a page still loads one script (DESIGN §4: HTML,
one CSS, one deferred script): `js/portal.js` is the pinned htmx, byte for byte, then the record
button (`js/recorder.js`). Every page loads it, because htmx's boosted navigation swaps only the
body and never runs a new page's scripts. The app serves it from its parts; `flask build-assets`
also writes it to the disk (git-ignored) with its .br/.gz, for nginx.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
from pathlib import Path

import brotli
from flask import Blueprint, Flask, abort, current_app, request
from werkzeug.wrappers import Response

from portal.config import PROJECT_ROOT
from portal.core.media import is_file

STATIC_ROOT = PROJECT_ROOT / "static"
COMPRESSIBLE = {".css", ".js", ".svg", ".xml", ".txt", ".json"}
_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})(?P<ext>\.[A-Za-z0-9]+)$")
YEAR = 365 * 24 * 3600
BUNDLES = {"js/portal.js": ("js/htmx-1.9.12.min.js", "js/recorder.js")}

bp = Blueprint("assets", __name__)


class AssetStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._hashes: dict[str, tuple[float, str]] = {}
        self._compressed: dict[tuple[str, str, str], bytes] = {}

    def path(self, name: str) -> Path | None:
        if name in BUNDLES:
            return self.root / name
        path = (self.root / name).resolve()
        if self.root.resolve() not in path.parents or not is_file(path):
            return None
        return path

    def _parts(self, name: str) -> list[Path]:
        parts = [self.path(part) for part in BUNDLES.get(name, (name,))]
        if None in parts:
            raise FileNotFoundError(name)
        return parts  # type: ignore[return-value]

    def raw(self, name: str) -> bytes:
        """The file's bytes; a bundle's parts one after the other, each on its own lines."""
        return b"\n".join(part.read_bytes().rstrip(b"\n") for part in self._parts(name)) + b"\n" \
            if name in BUNDLES else self._parts(name)[0].read_bytes()

    def digest(self, name: str) -> str:
        mtime = max(part.stat().st_mtime for part in self._parts(name))
        cached = self._hashes.get(name)
        if cached and cached[0] == mtime:
            return cached[1]
        digest = hashlib.sha256(self.raw(name)).hexdigest()[:10]
        self._hashes[name] = (mtime, digest)
        return digest

    def url(self, name: str) -> str:
        stem, dot, ext = name.rpartition(".")
        return f"/static/{stem}.{self.digest(name)}.{ext}" if dot else f"/static/{name}"

    def body(self, name: str, encoding: str) -> bytes:
        """The file's bytes in `encoding` ("br", "gzip" or ""): from a precompressed
        file written by `flask build-assets` when present, else compressed once here."""
        path = self.path(name)
        assert path is not None
        digest = self.digest(name)
        key = (name, digest, encoding)
        if key not in self._compressed:
            raw = self.raw(name)
            suffix = {"br": ".br", "gzip": ".gz"}.get(encoding)
            pre = path.with_name(path.name + suffix) if suffix and name not in BUNDLES else None
            if pre and pre.exists() and pre.stat().st_mtime >= path.stat().st_mtime:
                data = pre.read_bytes()
            elif encoding == "br":
                data = brotli.compress(raw, quality=11)
            elif encoding == "gzip":
                data = gzip.compress(raw, compresslevel=9, mtime=0)
            else:
                data = raw
            self._compressed[key] = data
        return self._compressed[key]

    def build(self) -> list[Path]:
        """Write .br and .gz beside each compressible file (for nginx's gzip_static/brotli_static)."""
        written = []
        for name in BUNDLES:
            target = self.root / name
            target.write_bytes(self.raw(name))
            written.append(target)
        for path in sorted(self.root.rglob("*")):
            if path.suffix not in COMPRESSIBLE or not path.is_file():
                continue
            raw = path.read_bytes()
            for suffix, data in ((".br", brotli.compress(raw, quality=11)),
                                 (".gz", gzip.compress(raw, compresslevel=9, mtime=0))):
                target = path.with_name(path.name + suffix)
                target.write_bytes(data)
                written.append(target)
        return written


def _store() -> AssetStore:
    return current_app.extensions["assets"]


@bp.route("/static/<path:filename>")
def static(filename: str) -> Response:
    match = _HASHED.match(filename)
    name = f"{match['stem']}{match['ext']}" if match else filename
    store = _store()
    path = store.path(name)
    if path is None or path.suffix in (".br", ".gz"):
        abort(404)
    immutable = bool(match) and match["hash"] == store.digest(name)
    encoding = ""
    if path.suffix in COMPRESSIBLE:
        accepted = request.accept_encodings
        encoding = "br" if accepted["br"] else "gzip" if accepted["gzip"] else ""
    data = store.body(name, encoding)
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if mimetype.startswith("text/") or mimetype in ("application/javascript", "image/svg+xml"):
        mimetype += "; charset=utf-8"
    response = Response(data, content_type=mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    if path.suffix in COMPRESSIBLE:
        response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable" if immutable else "public, max-age=300"
    response.set_etag(f"{store.digest(name)}-{encoding or 'id'}")
    return response.make_conditional(request)


def init_assets(app: Flask) -> None:
    store = AssetStore(STATIC_ROOT)
    app.extensions["assets"] = store
    app.register_blueprint(bp)
    app.add_template_global(store.url, "asset_url")
