"""Extension objects, created unbound; `create_app` binds them."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from portal.core import ratelimit_sqlite  # noqa: F401 (registers the portal-sqlite:// storage)
from portal.db import db
from portal.jobs.queue import jobs

babel = Babel()
compress = Compress()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
login_manager = LoginManager()

__all__ = ["babel", "compress", "csrf", "db", "jobs", "limiter", "login_manager"]
