"""SQLAlchemy 2 engine, session and declarative base shared by every feature."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker
from sqlalchemy.types import DateTime, TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 10}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # hide_parameters: SQL errors must not copy personal data into logs.
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, hide_parameters=True)


def _scope_id() -> int:
    from flask.globals import app_ctx

    try:
        return id(app_ctx._get_current_object())
    except RuntimeError:
        import threading

        return threading.get_ident()


class Database:
    """Holds the engine and a request-scoped session; bound by `init_app`."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        # One session per application context (not per thread), so a job run
        # inline inside a request gets its own session and its own teardown.
        self.session = scoped_session(sessionmaker(expire_on_commit=False), scopefunc=_scope_id)

    def init_app(self, app) -> None:
        self.bind(app)
        app.teardown_appcontext(self._teardown)

    def bind(self, app) -> None:
        """(Re)bind the engine to `app`'s database."""
        if self.engine is not None:
            self.session.remove()
            self.engine.dispose()
        self.engine = make_engine(app.config["DATABASE_URL"])
        self.session.configure(bind=self.engine)

    def _teardown(self, _exc) -> None:
        self.session.remove()

    def new_session(self) -> Session:
        """A session outside the request scope (jobs, CLI loops)."""
        assert self.engine is not None
        return Session(self.engine, expire_on_commit=False)


db = Database()
