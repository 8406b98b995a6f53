"""Petition photos are private: stored outside the public media area, shown to staff only."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from flask import current_app

from portal.core.media import write_atomic

MAX_UPLOAD = 10 * 1024 * 1024
MAX_STORED = 100_000
AREA = "private/petitions"
# How long a photo chosen on a form that was not sent yet is kept (kept_photos.py); the
# periodic clean-up removes it after that when no petition points at it.
KEPT_SECONDS = 24 * 3600


def save_private_photo(jpeg: bytes) -> str:
    name = hashlib.sha256(jpeg).hexdigest()[:32]
    key = f"{AREA}/{name}.jpg"
    path = Path(current_app.config["MEDIA_ROOT"]) / key
    if path.exists():
        # The same photo again (another petition, or the same one previewed twice): mark it as
        # fresh, so that the clean-up of unsent previews does not take it before its row exists.
        with contextlib.suppress(OSError):
            os.utime(path)
    else:
        write_atomic(path, jpeg)
    return key


def private_path(key: str) -> Path:
    if not key.startswith(f"{AREA}/") or ".." in key:
        raise ValueError("not a petition photo")
    return Path(current_app.config["MEDIA_ROOT"]) / key


def photo_exists(key: str) -> bool:
    try:
        return private_path(key).is_file()
    except ValueError:
        return False
