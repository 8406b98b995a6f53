"""Files under MEDIA_ROOT: content-addressed names, atomic writes, Range-capable serving.

Public files live under MEDIA_ROOT/public/<area>/; anything else (e.g. petition photos)
is never served by the public route.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from flask import Blueprint, abort, current_app, send_file

bp = Blueprint("media", __name__)

MIMETYPES = {
    "opus": "audio/ogg; codecs=opus", "ogg": "audio/ogg", "mp3": "audio/mpeg",
    "epub": "application/epub+zip", "pdf": "application/pdf", "webp": "image/webp",
    "jpg": "image/jpeg", "png": "image/png", "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
_KEY = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)*/[A-Za-z0-9_-]+\.[a-z0-9]{2,5}$")
YEAR = 365 * 24 * 3600


def media_root() -> Path:
    return Path(current_app.config["MEDIA_ROOT"])


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same directory, then rename: readers never
    see half a file, and a crash leaves no file under the final name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_public(area: str, data: bytes, ext: str, name: str | None = None) -> str:
    """Store bytes under public/<area>/ and return the key; the name defaults to a hash."""
    name = name or hashlib.sha256(data).hexdigest()[:32]
    key = f"public/{area}/{name}.{ext}"
    if not _KEY.match(key):
        raise ValueError(f"unsafe media key {key!r}")
    path = media_root() / key
    if not path.exists():
        write_atomic(path, data)
    return key


def path_of(key: str) -> Path:
    if not _KEY.match(key) or ".." in key:
        raise ValueError(f"unsafe media key {key!r}")
    return media_root() / key


def size_of(key: str | None) -> int:
    if not key:
        return 0
    try:
        return path_of(key).stat().st_size
    except (OSError, ValueError):
        return 0


@bp.route("/media/<path:key>")
def serve(key: str):
    """Public media, with Range (resume, seek), ETag and a year of caching: names change
    whenever content does."""
    if not key.startswith("public/") or not _KEY.match(key):
        abort(404)
    ext = key.rsplit(".", 1)[1]
    if ext not in MIMETYPES:
        abort(404)
    path = path_of(key)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=MIMETYPES[ext], conditional=True, max_age=YEAR, etag=True)
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    response.headers["Accept-Ranges"] = "bytes"
    return response
