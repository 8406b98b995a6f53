"""The job worker: `python -m portal.jobs.consumer [huey_consumer's options]`.

The same as `huey_consumer portal.worker.huey [options]`, but the app is created before huey's
consumer module is imported, so that huey is first imported for this site's configuration
(`portal.jobs.huey_import`): without the Redis and PostgreSQL clients on the embedded default,
~15 MiB less than `huey_consumer`, which imports all of huey before it reads its arguments.
"""

from __future__ import annotations

import importlib
import sys


def main(argv: list[str] | None = None) -> None:
    importlib.import_module("portal.worker")  # first: creates the app, and jobs.init_app imports huey
    from huey.bin.huey_consumer import consumer_main

    sys.argv = [sys.argv[0], "portal.worker.huey", *(sys.argv[1:] if argv is None else argv)]
    consumer_main()


if __name__ == "__main__":
    main()
