"""Where rendered public pages and the content generation are kept, shared by every worker:
Redis when REDIS_URL is set (every instance), else a SQLite file in the instance folder (every
worker of the machine). A page is stored under the generation read before it was rendered, and
is found only while that generation is still the current one: a bump hides every page at once."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time

# A stored page: 4 bytes giving the length of a JSON head (status, headers, expiry, hook), then
# the body as sent (compressed). No pickle: whoever can write the cache must not run code.
_HEAD_LENGTH = 4


def pack(entry: dict, body: bytes) -> bytes:
    head = json.dumps(entry, separators=(",", ":")).encode()
    return len(head).to_bytes(_HEAD_LENGTH, "big") + head + body


def unpack(blob: bytes) -> tuple[dict, bytes]:
    size = int.from_bytes(blob[:_HEAD_LENGTH], "big")
    return json.loads(blob[_HEAD_LENGTH:_HEAD_LENGTH + size]), blob[_HEAD_LENGTH + size:]


class SqliteStore:
    """One small SQLite file (WAL): a row holding the generation, and the pages of recent
    generations. A hit costs one indexed SELECT on a connection each thread keeps open."""

    MAX_PAGES = 3000  # query strings are the visitor's to choose: the oldest pages make room

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._inserts = 0
        with self._open() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS generation (id INTEGER PRIMARY KEY CHECK (id = 1), "
                         "value INTEGER NOT NULL)")
            conn.execute("INSERT OR IGNORE INTO generation (id, value) VALUES (1, 1)")
            conn.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, generation INTEGER NOT NULL, "
                         "expires REAL NOT NULL, blob BLOB NOT NULL)")
        os.chmod(path, 0o600)

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    def _conn(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():  # never a connection inherited over fork
            local.conn, local.pid = self._open(), os.getpid()
        return local.conn

    def generation(self) -> int:
        return self._conn().execute("SELECT value FROM generation WHERE id = 1").fetchone()[0]

    def get(self, key: str) -> bytes | None:
        row = self._conn().execute(
            "SELECT p.blob FROM pages p JOIN generation g ON g.id = 1 AND p.generation = g.value "
            "WHERE p.key = ? AND p.expires > ?", (key, time.time())).fetchone()
        return row[0] if row else None

    def put(self, key: str, generation: int, expires: float, blob: bytes) -> None:
        conn = self._conn()
        conn.execute("INSERT OR REPLACE INTO pages (key, generation, expires, blob) VALUES (?, ?, ?, ?)",
                     (key, generation, expires, blob))
        self._inserts += 1
        if self._inserts % 100 == 0:
            conn.execute("DELETE FROM pages WHERE rowid <= (SELECT max(rowid) FROM pages) - ?", (self.MAX_PAGES,))

    def bump(self) -> None:
        conn = self._conn()
        conn.execute("UPDATE generation SET value = value + 1 WHERE id = 1")
        conn.execute("DELETE FROM pages WHERE generation < (SELECT value FROM generation WHERE id = 1)")


# One round trip for a hit: the generation and the page stored under it.
_GET_SCRIPT = """
local generation = redis.call('GET', KEYS[1]) or '0'
return {generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2])}
"""


class RedisStore:
    """The generation is one counter; pages expire by themselves (at most TTL seconds, fewer when
    their content is due to change), so old generations take no room for long."""

    TTL = 600

    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.counter = f"{prefix}pagecache:generation"
        self.pages = f"{prefix}pagecache:page:"
        self._get = self.client.register_script(_GET_SCRIPT)

    def generation(self) -> int:
        return int(self.client.get(self.counter) or 0)

    def get(self, key: str) -> bytes | None:
        _generation, blob = self._get(keys=[self.counter], args=[self.pages, key])
        return blob

    def put(self, key: str, generation: int, expires: float, blob: bytes) -> None:
        ttl = int(min(self.TTL, expires - time.time()))
        if ttl > 0:
            self.client.set(f"{self.pages}{generation}:{key}", blob, ex=ttl)

    def bump(self) -> None:
        self.client.incr(self.counter)


def make_store(config: dict) -> SqliteStore | RedisStore | None:
    """None (no page cache) when pages could not be kept consistent: PostgreSQL without Redis may
    mean several instances, which a file on one machine would not keep fresh."""
    if config.get("REDIS_URL"):
        return RedisStore(config["REDIS_URL"], config.get("PAGE_CACHE_KEY_PREFIX") or "")
    if config["DATABASE_URL"].startswith("sqlite"):
        return SqliteStore(os.path.join(config["INSTANCE_PATH"], "pagecache.db"))
    return None
