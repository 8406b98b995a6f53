"""Configuration from environment variables, with embedded defaults.

Nothing here runs at import time: `load_config()` is called by `create_app()`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url

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
    # mkstemp: a new file of our own, 0600 from its first byte whatever the umask (not chmodded
    # after a moment in which another local user could have opened it), unique per process.
    fd, name = tempfile.mkstemp(dir=instance, prefix=".secret_key-")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(key)
        os.link(tmp, path)  # fails if another process won the race
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text().strip()


def _oidc_client(env, prefix: str, scopes: str, label: str) -> dict:
    """An OpenID Connect client's settings: {prefix}ISSUER, _CLIENT_ID, _CLIENT_SECRET, _SCOPES
    and _BUTTON_LABEL (the provider's name on the sign-in button); off without an issuer."""
    return {f"{prefix}ISSUER": (env.get(f"{prefix}ISSUER") or "").strip().rstrip("/"),
            f"{prefix}CLIENT_ID": env.get(f"{prefix}CLIENT_ID") or "",
            f"{prefix}CLIENT_SECRET": env.get(f"{prefix}CLIENT_SECRET") or "",
            f"{prefix}SCOPES": env.get(f"{prefix}SCOPES") or scopes,
            f"{prefix}BUTTON_LABEL": env.get(f"{prefix}BUTTON_LABEL") or label}


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
    made_instance = not instance.exists()
    instance.mkdir(parents=True, exist_ok=True)
    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'portal.db'}"
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url[len("postgres://"):]
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    redis_url = env.get("REDIS_URL") or ""
    public_url = _public_url(env.get("PUBLIC_URL") or "")
    cfg = {
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": overrides.pop("SECRET_KEY", None) or _secret_key(instance),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        # The address residents use (https://matran.example.vn): every absolute link (feeds,
        # podcast, OPDS, OpenSearch) is built from it, never from the request's Host header.
        "PUBLIC_URL": public_url,
        # Host names the portal answers to (any other Host gets 400); by default, when PUBLIC_URL
        # is set: its host and this machine's loopback names (health checks). Not Flask's own
        # TRUSTED_HOSTS, whose refusal comes before routing, where no error page can be built.
        "ALLOWED_HOSTS": _allowed_hosts(env.get("ALLOWED_HOSTS") or "", public_url),
        "MEDIA_ROOT": env.get("MEDIA_ROOT") or str(instance / "media"),
        # The checkout's search_index/ for its own instance/; under PORTAL_INSTANCE when that is
        # given, like everything an instance writes: two instances must not share a Whoosh index.
        "SEARCH_INDEX_DIR": env.get("SEARCH_INDEX_DIR") or str(
            instance / "search_index" if overrides.get("INSTANCE_PATH") or env.get("PORTAL_INSTANCE")
            else PROJECT_ROOT / "search_index"),
        # "whoosh" (files in SEARCH_INDEX_DIR, one writer) or "postgresql" (full-text search in the
        # portal's PostgreSQL database, for several app servers and workers).
        "SEARCH_BACKEND": env.get("SEARCH_BACKEND") or "whoosh",
        "JOBS_DB": env.get("JOBS_DB") or str(instance / "jobs.db"),
        "JOBS_NAME": env.get("JOBS_NAME") or "portal",
        "JOBS_IMMEDIATE": _bool(env.get("JOBS_IMMEDIATE")),
        # Each job-worker process writes a heartbeat this often, from a thread of its own;
        # /healthz calls the worker down after WORKER_STALE_SECONDS without one.
        "WORKER_BEAT_SECONDS": float(env.get("WORKER_BEAT_SECONDS") or 15),
        "WORKER_STALE_SECONDS": float(env.get("WORKER_STALE_SECONDS") or 90),
        # Rate-limit counters shared by every worker: Redis when given (several instances), else a
        # SQLite file in the instance folder (one machine). Never per process ("memory://").
        "RATELIMIT_STORAGE_URI": redis_url or ratelimit_sqlite.storage_uri(str(instance / "ratelimits.db")),
        # Prepended to every counter's key: several portals may share one Redis.
        "RATELIMIT_KEY_PREFIX": env.get("RATELIMIT_KEY_PREFIX") or "",
        # Rendered public pages for anonymous visitors, shared by every worker (core/pagecache.py):
        # in Redis with REDIS_URL, else instance/pagecache.db; off on PostgreSQL without Redis.
        "PAGE_CACHE": _bool(env.get("PAGE_CACHE") or "1"),
        # Library views ("most read") are added up in each worker and written this often.
        "LIBRARY_VIEW_FLUSH_SECONDS": float(env.get("LIBRARY_VIEW_FLUSH_SECONDS") or 2),
        "PAGE_CACHE_KEY_PREFIX": env.get("PAGE_CACHE_KEY_PREFIX") or env.get("RATELIMIT_KEY_PREFIX") or "",
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
        # The public API (/api/v1/), per network address, shared by every worker like the others.
        "API_RATE_LIMIT": env.get("API_RATE_LIMIT") or "300 per minute;5000 per hour",
        # How long a city app or its CDN may keep an API answer before asking again (seconds).
        "API_MAX_AGE": int(env.get("API_MAX_AGE") or 60),
        "SESSION_COOKIE_NAME": "portal_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("COOKIE_SECURE")),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": _bool(env.get("COOKIE_SECURE")),
        # Staff sessions (portal/accounts/sessions.py): an absolute end fixed at login and an idle
        # timeout, both checked on the server; the cookie does not slide forward on each response.
        "SESSION_ABSOLUTE_HOURS": float(env.get("SESSION_ABSOLUTE_HOURS") or 12),
        "SESSION_IDLE_MINUTES": float(env.get("SESSION_IDLE_MINUTES") or 120),
        "SESSION_REFRESH_EACH_REQUEST": False,
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
        # "auto" (default): Google's natural voice when it answers, else the offline espeak-ng
        # voice, and what was made offline during an outage made again once it is back
        # (portal/media_render/natural.py); "espeak" (offline only); "gtts" (online, falling back
        # to espeak at each render); or "package.module:Class".
        "SPEECH_ENGINE": (env.get("SPEECH_ENGINE") or "auto").strip(),
        # Seconds the natural voice may take to answer each request before the offline one speaks.
        "SPEECH_NATURAL_TIMEOUT": float(env.get("SPEECH_NATURAL_TIMEOUT") or 5),
        # Where the natural voice is asked: translate.google.com, or a mirror answering like it.
        "SPEECH_NATURAL_URL": (env.get("SPEECH_NATURAL_URL") or "https://translate.google.com").strip(),
        # Seconds one speech render (a bulletin, a library page, a lesson step) may take before
        # its child process is stopped and the job retried later.
        "SPEECH_TIME_LIMIT": float(env.get("SPEECH_TIME_LIMIT") or 300),
        # Speech input (portal/speech_input): "viet-asr" (offline; installed on Linux with CPython
        # 3.11), "package.module:Class", or "none" (recordings are kept for staff to listen to).
        "RECOGNIZER": (env.get("RECOGNIZER") or "viet-asr").strip(),
        # Seconds one recording may take to be written down before the child is stopped.
        "RECOGNIZER_TIME_LIMIT": float(env.get("RECOGNIZER_TIME_LIMIT") or 120),
        # A spoken question (/tim-kiem/noi) is written down while the resident waits: at most this many
        # seconds from the request's start (under gunicorn's 30 s), and this many questions per address.
        "SPOKEN_QUESTION_TIME_LIMIT": float(env.get("SPOKEN_QUESTION_TIME_LIMIT") or 25),
        "SPOKEN_QUESTION_RATE_LIMIT": env.get("SPOKEN_QUESTION_RATE_LIMIT") or "20 per hour",
        # "Nghe lại": a petition's text read back in the offline voice, per address.
        "READ_ALOUD_RATE_LIMIT": env.get("READ_ALOUD_RATE_LIMIT") or "30 per hour",
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
        # The podcast's owner (itunes:owner, podcast:locked): Apple writes there to confirm a listing.
        "PODCAST_OWNER_EMAIL": env.get("PODCAST_OWNER_EMAIL") or env.get("SMTP_FROM") or "bientap@localhost",
        # Staff single sign-on over OpenID Connect (portal/accounts/oidc.py); off without an issuer.
        **_oidc_client(env, "OIDC_", scopes="openid email profile", label="Mặt trận số"),
        "OIDC_ROLE_CLAIM": env.get("OIDC_ROLE_CLAIM") or "role",
        "OIDC_UNIT_CLAIM": env.get("OIDC_UNIT_CLAIM") or "unit",
        "OIDC_CLOCK_SKEW_SECONDS": int(env.get("OIDC_CLOCK_SKEW_SECONDS") or 60),
        # On: a first login makes a disabled account that an administrator enables, and the role
        # and committee set here are kept (the claims are not trusted).
        "OIDC_APPROVE_FIRST_LOGIN": _bool(env.get("OIDC_APPROVE_FIRST_LOGIN")),
        # `amr` / `acr` values that mean the provider checked a second factor (space-separated).
        "OIDC_SECOND_FACTOR_AMR": env.get("OIDC_SECOND_FACTOR_AMR", "mfa otp hwk swk sms"),
        "OIDC_SECOND_FACTOR_ACR": env.get("OIDC_SECOND_FACTOR_ACR", ""),
        "OIDC_TIMEOUT_SECONDS": float(env.get("OIDC_TIMEOUT_SECONDS") or 10),
        # Residents' optional sign-in (VNeID, a provincial citizen account: portal/residents/), a
        # provider and a client of its own; off without an issuer. Skew and timeout as above.
        **_oidc_client(env, "RESIDENT_OIDC_", scopes="openid profile email phone", label="VNeID"),
        # A resident's session ends this long after signing in, or after this long unused.
        "RESIDENT_SESSION_HOURS": float(env.get("RESIDENT_SESSION_HOURS") or 4),
        "RESIDENT_SESSION_IDLE_MINUTES": float(env.get("RESIDENT_SESSION_IDLE_MINUTES") or 60),
    }
    cfg.update(overrides)
    if min(cfg["SESSION_ABSOLUTE_HOURS"], cfg["SESSION_IDLE_MINUTES"]) <= 0:
        raise ValueError("SESSION_ABSOLUTE_HOURS and SESSION_IDLE_MINUTES must be more than 0")
    # The cookie itself ends with the session's absolute lifetime (the server decides anyway).
    cfg.setdefault("PERMANENT_SESSION_LIFETIME", int(cfg["SESSION_ABSOLUTE_HOURS"] * 3600))
    _check_search_backend(cfg)
    _keep_private(cfg, made_instance)
    return cfg


def _public_url(text: str) -> str:
    """ "https://matran.example.vn/" → "https://matran.example.vn"; anything but a scheme and a
    host (a path, a query) stops the start: links would silently point elsewhere."""
    text = text.strip().rstrip("/")
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query or parts.fragment \
            or parts.username or parts.password:
        raise ValueError(f"PUBLIC_URL must be like https://matran.example.vn (a scheme and a host only), got {text!r}")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _allowed_hosts(text: str, public_url: str) -> list[str] | None:
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    if not names and public_url:
        names = [urlsplit(public_url).hostname or "", "localhost", "127.0.0.1"]
    return names or None  # None: any Host is answered


# The database, the job queue and the secret key are the portal's alone, whatever the umask
# (SQLite makes its -wal and -shm files with the database file's mode).
PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


def _keep_private(cfg: dict, made_instance: bool) -> None:
    instance = Path(cfg["INSTANCE_PATH"])
    if made_instance:
        # Others may pass through (not list) when the public media under it are read by nginx.
        media_inside = Path(os.path.abspath(cfg["MEDIA_ROOT"])).is_relative_to(os.path.abspath(instance))
        os.chmod(instance, 0o711 if media_inside else PRIVATE_DIR)
    files = [instance / "secret_key"]
    url = make_url(cfg["DATABASE_URL"])
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" \
            and not url.database.startswith("file:"):
        files += [Path(url.database), Path(f"{url.database}-wal"), Path(f"{url.database}-shm")]
    if not cfg["REDIS_URL"]:
        files += [Path(cfg["JOBS_DB"]), Path(f"{cfg['JOBS_DB']}-wal"), Path(f"{cfg['JOBS_DB']}-shm")]
    for path in files:
        _private_file(path, create=not path.name.endswith(("-wal", "-shm", "secret_key")))


def _private_file(path: Path, create: bool) -> None:
    """Make `path` 0600: an SQLite file that does not exist yet is created empty with that mode
    (SQLite takes an empty file as a new database), one that exists (from an older version,
    or copied in) is narrowed. A file of another user (a root shell's CLI) is left as it is."""
    try:
        if create and path.parent.is_dir():
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return
    if info.st_mode & 0o777 != PRIVATE_FILE and info.st_uid == os.geteuid():
        os.chmod(path, PRIVATE_FILE)


def _check_search_backend(cfg: dict) -> None:
    name = cfg["SEARCH_BACKEND"]
    if name not in ("whoosh", "postgresql"):
        raise ValueError(f"SEARCH_BACKEND must be 'whoosh' or 'postgresql', got {name!r}")
    if name == "postgresql" and not cfg["DATABASE_URL"].startswith("postgresql"):
        raise ValueError("SEARCH_BACKEND=postgresql needs DATABASE_URL to point at PostgreSQL")
