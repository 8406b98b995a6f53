"""The SQLite rate-limit storage of the embedded default: counts from many processes at once
are neither lost nor doubled, windows expire, and it is what the embedded default uses."""

from __future__ import annotations

import multiprocessing
import os
import stat
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from portal.config import load_config
from portal.core.ratelimit_sqlite import SQLiteStorage, storage_uri

PROCESSES, HITS = 4, 60


def _hammer(uri: str, queue) -> None:
    storage = storage_from_string(uri)
    queue.put([storage.incr("shared", 3600) for _ in range(HITS)])


def test_counts_from_many_processes_are_exact(tmp_path):
    uri = storage_uri(str(tmp_path / "ratelimits.db"))
    queue = multiprocessing.get_context("fork").Queue()
    workers = [multiprocessing.get_context("fork").Process(target=_hammer, args=(uri, queue)) for _ in range(PROCESSES)]
    for w in workers:
        w.start()
    seen = [value for _ in workers for value in queue.get(timeout=60)]
    for w in workers:
        w.join(timeout=60)
    # Every increment returned a distinct count: none lost, none counted twice.
    assert sorted(seen) == list(range(1, PROCESSES * HITS + 1))
    assert storage_from_string(uri).get("shared") == PROCESSES * HITS


def test_a_limit_allows_exactly_its_amount_and_the_window_expires(tmp_path):
    storage = storage_from_string(storage_uri(str(tmp_path / "r.db")))
    assert isinstance(storage, SQLiteStorage)
    strategy, item = FixedWindowRateLimiter(storage), parse("3 per 2 seconds")
    assert [strategy.hit(item, "10.0.0.1", "x") for _ in range(5)] == [True, True, True, False, False]
    assert strategy.hit(item, "10.0.0.2", "x")  # another address has its own count
    reset = strategy.get_window_stats(item, "10.0.0.1", "x").reset_time
    assert time.time() < reset <= time.time() + 2
    time.sleep(2.1)
    assert strategy.get_window_stats(item, "10.0.0.1", "x").remaining == 3
    assert strategy.hit(item, "10.0.0.1", "x")  # a new window starts from one
    assert storage.get(item.key_for("10.0.0.1", "x")) == 1


def test_clear_reset_and_private_file(tmp_path):
    old = os.umask(0)
    try:
        storage = storage_from_string(storage_uri(str(tmp_path / "sub dir" / "r.db")))
        storage.incr("a", 60)
        storage.incr("b", 60)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "sub dir" / "r.db").stat().st_mode) == 0o600  # keys hold addresses
    storage.clear("a")
    assert storage.get("a") == 0 and storage.get("b") == 1
    assert storage.reset() == 1 and storage.get("b") == 0 and storage.check()


def test_the_embedded_default_shares_counters_and_redis_replaces_them(tmp_path, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    cfg = load_config({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert cfg["RATELIMIT_STORAGE_URI"] == storage_uri(str(tmp_path / "ratelimits.db"))
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert load_config({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})["RATELIMIT_STORAGE_URI"] == \
        "redis://127.0.0.1:6379/0"
