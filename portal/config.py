"""Configuration from environment variables, with embedded defaults.

Nothing here runs at import time: `load_config()` is called by `create_app()`.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from portal.core import ratelimit_sqlite

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance: Path) -> str:
    """Use SECRET_KEY when given, else a random key kept in instance/."""
    given = os.environ.get("SECRET_KEY")
    if given:
        return given
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(key)
    os.chmod(tmp, 0o600)
    try:
        os.link(tmp, path)  # fails if another process won the race
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text().strip()


def _deadlines(text: str) -> dict[str, int]:
    """ "central=15,province=15,commune=10" → {"central": 15, ...}; a bad value stops the start."""
    pairs = [part.split("=", 1) for part in text.split(",") if part.strip()]
    result = {level.strip(): int(days) for level, days in pairs}
    if set(result) != {"central", "province", "commune"} or min(result.values()) < 1:
        raise ValueError(f"PETITION_DEADLINES needs central=, province= and commune= days, got {text!r}")
    return result


def load_config(overrides: dict | None = None) -> dict:
    env = os.environ
    overrides = dict(overrides or {})
    instance = Path(overrides.get("INSTANCE_PATH") or env.get("PORTAL_INSTANCE") or PROJECT_ROOT / "instance")
    instance.mkdir(parents=True, exist_ok=True)
    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'portal.db'}"
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url[len("postgres://"):]
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    redis_url = env.get("REDIS_URL") or ""
    cfg = {
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": overrides.pop("SECRET_KEY", None) or _secret_key(instance),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": env.get("MEDIA_ROOT") or str(instance / "media"),
        "SEARCH_INDEX_DIR": env.get("SEARCH_INDEX_DIR") or str(PROJECT_ROOT / "search_index"),
        # "whoosh" (files in SEARCH_INDEX_DIR, one writer) or "postgresql" (full-text search in the
        # portal's PostgreSQL database, for several app servers and workers).
        "SEARCH_BACKEND": env.get("SEARCH_BACKEND") or "whoosh",
        "JOBS_DB": env.get("JOBS_DB") or str(instance / "jobs.db"),
        "JOBS_NAME": env.get("JOBS_NAME") or "portal",
        "JOBS_IMMEDIATE": _bool(env.get("JOBS_IMMEDIATE")),
        # Rate-limit counters shared by every worker: Redis when given (several instances), else a
        # SQLite file in the instance folder (one machine). Never per process ("memory://").
        "RATELIMIT_STORAGE_URI": redis_url or ratelimit_sqlite.storage_uri(str(instance / "ratelimits.db")),
        # Prepended to every counter's key: several portals may share one Redis.
        "RATELIMIT_KEY_PREFIX": env.get("RATELIMIT_KEY_PREFIX") or "",
        # No X-RateLimit-* headers on every answer: they overwrote the Retry-After of 503 pages.
        # A 429 sets Retry-After from the window that is full (core/errors.py).
        "RATELIMIT_HEADERS_ENABLED": False,
        # Counter storage down (Redis unreachable, disk full): log it and let the request through
        # rather than refuse every login and petition with a 500. The login and petition-secret
        # lockouts are kept in the database and still hold.
        "RATELIMIT_SWALLOW_ERRORS": True,
        # Per network address (see the README on shared addresses); "N per minute;M per hour".
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT") or "10 per minute;50 per hour",
        "VERIFY_RATE_LIMIT": env.get("VERIFY_RATE_LIMIT") or "10 per hour",
        "SUPPORT_RATE_LIMIT": env.get("SUPPORT_RATE_LIMIT") or "20 per hour",
        "SESSION_COOKIE_NAME": "portal_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("COOKIE_SECURE")),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": _bool(env.get("COOKIE_SECURE")),
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "MAX_CONTENT_LENGTH": int(env.get("MAX_UPLOAD_BYTES") or 25 * 1024 * 1024),
        "LIBRARY_MAX_FILE_BYTES": int(env.get("LIBRARY_MAX_FILE_BYTES") or 20 * 1024 * 1024),
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LANGUAGES": ("vi", "en"),
        "COMPRESS_MIMETYPES": [
            "text/html", "text/css", "text/xml", "application/json", "application/javascript",
            "application/atom+xml", "application/rss+xml", "image/svg+xml",
        ],
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_BR_LEVEL": 5,
        "COMPRESS_LEVEL": 6,
        "COMPRESS_MIN_SIZE": 256,
        # "espeak" (offline, default) or "gtts" (online; falls back to espeak when unreachable).
        "SPEECH_ENGINE": env.get("SPEECH_ENGINE") or "espeak",
        # Seconds one speech render (a bulletin, a library page, a lesson step) may take before
        # its child process is stopped and the job retried later.
        "SPEECH_TIME_LIMIT": float(env.get("SPEECH_TIME_LIMIT") or 300),
        "NEWS_FETCH_TIMEOUT": float(env.get("NEWS_FETCH_TIMEOUT") or 20),
        # Petitions: notifications go to the outbox table unless SMTP / an SMS gateway is set.
        "SMTP_HOST": env.get("SMTP_HOST") or "",
        "SMTP_PORT": int(env.get("SMTP_PORT") or 25),
        "SMTP_USER": env.get("SMTP_USER") or "",
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD") or "",
        "SMTP_FROM": env.get("SMTP_FROM") or "",
        "SMS_GATEWAY_URL": env.get("SMS_GATEWAY_URL") or "",
        "PETITION_CORRECTION_MINUTES": int(env.get("PETITION_CORRECTION_MINUTES") or 30),
        "PETITION_RETENTION_MONTHS": int(env.get("PETITION_RETENTION_MONTHS") or 24),
        # New petitions stored per address (previews, refused forms and retries do not count;
        # community teams, logged in, are exempt).
        "PETITION_RATE_LIMIT": env.get("PETITION_RATE_LIMIT") or "10 per hour",
        # Working days to answer, per level: "central=15,province=15,commune=10".
        "PETITION_DEADLINES": _deadlines(env.get("PETITION_DEADLINES") or "central=15,province=15,commune=10"),
        # The question helper: "" = the offline passage answerer; or "package.module:Class".
        "QUESTION_ANSWERER": env.get("QUESTION_ANSWERER") or "",
        "DEMO_PASSWORD": env.get("PORTAL_DEMO_PASSWORD") or "matran-demo-2026",
        "SITE_NAME": "Cổng Mặt trận số",
    }
    cfg.update(overrides)
    _check_search_backend(cfg)
    return cfg


def _check_search_backend(cfg: dict) -> None:
    name = cfg["SEARCH_BACKEND"]
    if name not in ("whoosh", "postgresql"):
        raise ValueError(f"SEARCH_BACKEND must be 'whoosh' or 'postgresql', got {name!r}")
    if name == "postgresql" and not cfg["DATABASE_URL"].startswith("postgresql"):
        raise ValueError("SEARCH_BACKEND=postgresql needs DATABASE_URL to point at PostgreSQL")
