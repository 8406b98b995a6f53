"""Removing media files that no row points at any more: files stored before their row (a
petition's photos at preview, a bulletin's cover kept after a refused save) whose row never came.

Each feature says which of its keys are still used; the folder walk, the age rule and the
batching are here once."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from flask import current_app

BATCH = 500  # keys per "which of these are used?" question (SQL IN lists stay short)


def remove_unreferenced(area: str, older_than: float, used: Callable[[list[str]], Iterable[str]]) -> int:
    """Remove the files directly in MEDIA_ROOT/`area` last written more than `older_than` seconds
    ago whose key ("area/name") is not among `used(keys)`; returns how many were removed. A file
    written again recently (a photo chosen again) is young, so it stays."""
    folder = Path(current_app.config["MEDIA_ROOT"]) / area
    cutoff = time.time() - older_than
    old: dict[str, Path] = {}
    for path in folder.iterdir() if folder.is_dir() else ():
        try:
            if not path.is_file() or path.stat().st_mtime >= cutoff:
                continue
        except OSError:  # removed meanwhile
            continue
        old[f"{area}/{path.name}"] = path
    keys, removed = sorted(old), 0
    for start in range(0, len(keys), BATCH):
        chunk = keys[start:start + BATCH]
        still_used = set(used(chunk))
        for key in chunk:
            if key not in still_used:
                old[key].unlink(missing_ok=True)
                removed += 1
    return removed
