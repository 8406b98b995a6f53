"""Rate limits the portal applies itself, and the words for how long to wait.

Most limits are Flask-Limiter decorators (`@limiter.limit(configured("VERIFY_RATE_LIMIT"))`).
The petition limit is hit by hand, inside the route, after the idempotency check: a retried
final POST of a petition already stored gets its receipt whatever the limit, and previews or
refused forms cost nothing. Counters live where Flask-Limiter's live (SQLite file or Redis),
so they hold across workers and instances.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter.util import get_remote_address
from limits import parse_many

from portal.extensions import limiter

log = logging.getLogger(__name__)


def configured(name: str) -> Callable[[], str]:
    """A limit string read from the configuration at request time, for `@limiter.limit`."""
    return lambda: current_app.config[name]


def hit(config_name: str, scope: str) -> float | None:
    """Count one action of this address against the limits in `config_name` (e.g.
    "10 per hour"). None when allowed; else the time (epoch seconds) the window that is
    full resets. The count is atomic in the storage: N concurrent requests get exactly the
    limit's amount through."""
    return hit_address(get_remote_address(), config_name, scope)


def hit_address(address: str, config_name: str, scope: str) -> float | None:
    """`hit` for a given address, with no request (the page cache answering a hit)."""
    args = _args(scope, address)
    strategy = limiter.limiter
    try:
        for item in sorted(parse_many(current_app.config[config_name])):
            if not strategy.hit(item, *args):
                return strategy.get_window_stats(item, *args).reset_time
    except Exception as exc:  # the storage is down: let the resident through, as the decorators do
        log.warning("rate-limit storage unavailable for %s: %s", scope, type(exc).__name__)
    return None


def refund(config_name: str, scope: str) -> None:
    """Give back a hit that stored nothing: the same form sent twice at once (a double tap)
    passes the idempotency check twice, but only one petition is stored."""
    args = _args(scope)
    strategy = limiter.limiter
    try:
        for item in parse_many(current_app.config[config_name]):
            key = item.key_for(*args)
            if strategy.storage.get(key) > 0:  # a window that has just expired is left alone
                strategy.storage.incr(key, item.get_expiry(), amount=-1)
    except Exception as exc:
        log.warning("rate-limit storage unavailable for %s: %s", scope, type(exc).__name__)


def _args(scope: str, address: str | None = None) -> list[str]:
    args = [address or get_remote_address(), scope]  # the address Flask-Limiter's decorators count (extensions.py)
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX")
    return [prefix, *args] if prefix else args


def seconds_until(reset_at: float) -> int:
    return max(1, math.ceil(reset_at - time.time()))


def wait_sentence(seconds: int) -> str:
    """How long to wait, in plain words, rounded up ("about 45 minutes")."""
    if seconds < 60:
        return _("Please wait a minute, then try again.")
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return ngettext("Please wait about %(num)d minute, then try again.",
                        "Please wait about %(num)d minutes, then try again.", minutes)
    hours = math.ceil(minutes / 60)
    return ngettext("Please wait about %(num)d hour, then try again.",
                    "Please wait about %(num)d hours, then try again.", hours)
