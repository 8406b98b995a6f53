"""What the gunicorn master loads before it forks its workers (`--preload`, as `make run` and
docs/deploy/gunicorn.conf.py start it), so that every worker shares those pages instead of
building its own copy on its first requests: the ORM's mappers configured, the search backend's
modules (with numpy), the Vietnamese and English locale data and message catalogs, and every
template compiled. Measured with bench/load.py (3 workers, after the load run): 83 → 59 MiB PSS
per web worker. Last, what is loaded is moved out of the garbage collector's sight (gc.freeze(),
which the gc module's documentation names for fork without exec): a collection in a worker would
otherwise write to every page holding one of those objects and so copy it. The collection just
before it leaves holes that workers fill (the documentation's fuller recipe disables the
collector from the start instead); it keeps the import garbage from being frozen for good. Opens
no database connection, socket or file of the instance: a forked worker must not share one
(tests/deploy/test_configs.py checks it)."""

from __future__ import annotations

import gc
import importlib
from datetime import datetime, timezone

from flask import Flask

_SEARCH_MODULES = {
    # whoosh.searching (with its scoring, highlight, classify): what Index.searcher() imports
    "whoosh": ("portal.search.whoosh_index", "portal.search.whoosh_match", "portal.search.whoosh_postings",
               "whoosh.searching"),
    "postgresql": ("portal.search.postgresql_index",),
}


def warm(app: Flask) -> None:
    from flask_babel import force_locale, format_datetime, format_decimal, get_translations
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    for module in _SEARCH_MODULES.get(app.config.get("SEARCH_BACKEND") or "whoosh", ()):
        importlib.import_module(module)
    with app.test_request_context("/"):
        for locale in app.config["LANGUAGES"]:
            with force_locale(locale):
                get_translations()  # the message catalogs
                format_decimal(1234.5)
                format_datetime(datetime.now(timezone.utc), "d/M/yyyy HH:mm")
    env = app.jinja_env
    for name in env.list_templates(filter_func=lambda name: name.endswith((".html", ".xml", ".txt"))):
        env.get_template(name)
    gc.collect()
    gc.freeze()  # after this, only objects made in a worker are scanned (and copied) by its collections
