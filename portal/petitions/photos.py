"""Petition photos are private: stored outside the public media area, shown to staff only."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import current_app

from portal.core.media import write_atomic

MAX_UPLOAD = 10 * 1024 * 1024
MAX_STORED = 100_000


def save_private_photo(jpeg: bytes) -> str:
    name = hashlib.sha256(jpeg).hexdigest()[:32]
    key = f"private/petitions/{name}.jpg"
    path = Path(current_app.config["MEDIA_ROOT"]) / key
    if not path.exists():
        write_atomic(path, jpeg)
    return key


def private_path(key: str) -> Path:
    if not key.startswith("private/petitions/") or ".." in key:
        raise ValueError("not a petition photo")
    return Path(current_app.config["MEDIA_ROOT"]) / key
