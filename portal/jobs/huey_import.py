"""Huey imported without the clients this process does not use.

`huey.storage` imports `redis` and `psycopg` at its top, for RedisHuey and PostgresHuey, whenever
they are installed: ~15 MiB in every web worker and in the job worker, while the embedded default
queues on SQLite (SqliteHuey) and a PostgreSQL site needs psycopg only through SQLAlchemy, which
imports it itself. `load()` imports huey with those two hidden unless the site uses them (Redis
for the queue) or the process has them already; `jobs.init_app` calls it, before any feature's
`from huey import crontab`, so the first import is the one that counts.
"""

from __future__ import annotations

import sys
from types import ModuleType

OPTIONAL_CLIENTS = ("redis", "psycopg")


def load(with_redis: bool) -> ModuleType:
    """The `huey` package; with `with_redis`, one whose RedisHuey works."""
    huey = sys.modules.get("huey")
    if huey is not None:
        if not with_redis or huey.storage.Redis is not None:
            return huey
        # Imported earlier in this process for a site without Redis (a test making one app after
        # another): import it afresh, this time with the client. Queues built before keep theirs.
        for name in [n for n in sys.modules if n == "huey" or n.startswith("huey.")]:
            del sys.modules[name]
    hidden = [name for name in OPTIONAL_CLIENTS
              if name not in sys.modules and not (with_redis and name == "redis")]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` raises ImportError
    try:
        import huey
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return huey
