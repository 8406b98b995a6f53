"""Search results and helper answers kept by index generation: a search asked again is answered
without the engine until the index changes.

The key holds the index's generation (Whoosh: its table of contents; PostgreSQL: the stamp every
write leaves in search_writes), read before the search, so an entry can only be as old as the
index it was computed from: after any write, on any worker or instance, the next search reads the
new generation and misses. Two layers: a small dictionary in the process (bounded in entries and
characters), then the page cache's shared store (core/pagecache_store.py: Redis, or the SQLite
file every worker of the machine shares), so one worker's answer serves the others. Values are
JSON, never pickle. Only public index content is kept; the query is in the key as a hash only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from flask import current_app, has_app_context, has_request_context

log = logging.getLogger(__name__)

MAX_ENTRIES = 512
MAX_CHARS = 2_000_000  # of JSON: a few MB of one worker's memory
SHARED_SECONDS = 600
_lock = threading.Lock()
_entries: OrderedDict[str, tuple[int, object]] = OrderedDict()
_chars = 0
enabled = True  # bench/search.py --no-cache measures the engines alone


def _locale() -> str:
    if not has_request_context():
        return ""
    from flask_babel import get_locale

    return str(get_locale() or "")


def _generation(backend) -> str | None:
    try:
        return backend.generation()
    except Exception:  # noqa: BLE001 (no generation, no cache: the search itself will say what is wrong)
        return None


def _store():
    return current_app.extensions.get("page_cache") if has_app_context() else None


def _remember(key: str, value: object, size: int) -> None:
    global _chars
    if size > MAX_CHARS // 8:
        return
    with _lock:
        if key in _entries:
            _chars -= _entries.pop(key)[0]
        _entries[key] = (size, value)
        _chars += size
        while len(_entries) > MAX_ENTRIES or _chars > MAX_CHARS:
            _chars -= _entries.popitem(last=False)[1][0]


def _recall(key: str):
    with _lock:
        found = _entries.get(key)
        if found is not None:
            _entries.move_to_end(key)
        return None if found is None else found[1]


def clear() -> None:
    global _chars
    with _lock:
        _entries.clear()
        _chars = 0


def cached(backend, what: str, args: tuple, compute: Callable[[], object],
           dump: Callable[[object], dict], load: Callable[[dict], object]):
    """`compute()`, or what it gave for the same `what` and `args` on this generation of the index."""
    generation = _generation(backend) if enabled else None
    if generation is None:
        return compute()
    raw = json.dumps([what, generation, _locale(), *args], ensure_ascii=False, default=str)
    key = "search:" + hashlib.sha256(raw.encode()).hexdigest()
    found = _recall(key)
    if found is not None:
        return found
    store = _store()
    if store is not None:
        try:
            blob = store.get(key)
            if blob is not None:
                value = load(json.loads(blob))
                _remember(key, value, len(blob))
                return value
        except Exception:  # noqa: BLE001 (the shared store is a help, never a need)
            log.warning("search cache: shared store unreadable", exc_info=True)
            store = None
    content = None
    if store is not None:
        try:
            content = store.generation()
        except Exception:  # noqa: BLE001
            store = None
    value = compute()
    blob = json.dumps(dump(value), ensure_ascii=False, separators=(",", ":"))
    _remember(key, value, len(blob))
    if store is not None:
        try:
            store.put(key, content, time.time() + SHARED_SECONDS, blob.encode())
        except Exception:  # noqa: BLE001
            log.warning("search cache: shared store unwritable", exc_info=True)
    return value
