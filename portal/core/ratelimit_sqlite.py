"""Rate-limit counters in a SQLite file, shared by every process of one machine.

The embedded default has no Redis, and the `limits` package's memory storage counts per
gunicorn worker (three workers let "10 per hour" through ~30 times). This storage keeps the
counters in `instance/ratelimits.db`: WAL, one atomic `INSERT … ON CONFLICT DO UPDATE …
RETURNING` per hit, so concurrent workers (and threads) never lose or double a count. Scale-out
(several machines) uses Redis instead (REDIS_URL), which `limits` supports as it is.

Registered under the `portal-sqlite` scheme: RATELIMIT_STORAGE_URI = "portal-sqlite:///<path>".
Only the fixed-window strategy (the portal's) is supported.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import urllib.parse

from limits.storage import Storage

SCHEME = "portal-sqlite"
# Expired counters are deleted by the process that notices, at most this often.
PURGE_EVERY = 300.0

_SCHEMA = "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires REAL NOT NULL)"
# An expired counter starts again from `amount` with a new window; a live one grows. The SET
# expressions read the row as it was, so both columns see the same old `expires`.
_INCR = (
    "INSERT INTO counters (key, value, expires) VALUES (:key, :amount, :expires) "
    "ON CONFLICT (key) DO UPDATE SET "
    "value = CASE WHEN counters.expires <= :now THEN excluded.value ELSE counters.value + excluded.value END, "
    "expires = CASE WHEN counters.expires <= :now THEN excluded.expires ELSE counters.expires END "
    "RETURNING value"
)


def storage_uri(path: str) -> str:
    return f"{SCHEME}://{urllib.parse.quote(os.path.abspath(path))}"


class SQLiteStorage(Storage):
    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options) -> None:
        path = urllib.parse.unquote(urllib.parse.urlparse(uri or "").path)
        if not path:
            raise ValueError(f"{SCHEME}:// needs a file path, e.g. {SCHEME}:///srv/portal/instance/ratelimits.db")
        self.path = path
        self.timeout = float(options.get("timeout", 10))
        self._local = threading.local()
        self._purged = 0.0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        """One connection per thread and per process: a connection opened before gunicorn
        forks its workers (with --preload) must not be shared by them."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            return conn
        if not os.path.exists(self.path):
            # Created 0600 whatever the umask: the keys hold visitors' network addresses.
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # a lost last second of counts on power loss is fine
        conn.execute(_SCHEMA)
        self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        conn = self._connection()
        value = conn.execute(_INCR, {"key": key, "amount": amount, "expires": now + expiry, "now": now}).fetchone()[0]
        if now - self._purged > PURGE_EVERY:
            self._purged = now
            conn.execute("DELETE FROM counters WHERE expires <= ?", (now,))
        return int(value)

    def get(self, key: str) -> int:
        row = self._connection().execute("SELECT value FROM counters WHERE key = ? AND expires > ?",
                                         (key, time.time())).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        now = time.time()
        row = self._connection().execute("SELECT expires FROM counters WHERE key = ? AND expires > ?",
                                         (key, now)).fetchone()
        return float(row[0]) if row else now

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1").fetchone()
            return True
        except sqlite3.Error:
            return False

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))
