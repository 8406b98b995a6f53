"""The content generation of the page cache: bumped after every commit that wrote a table a
public page can show (SQLAlchemy session events, so no service needs to call it), read by
pagecache.py before it serves or stores a page."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

log = logging.getLogger("portal.core.pagecache")

# Tables that never show on a public page: writing them bumps nothing.
PRIVATE_TABLES = {
    "audit_log", "job_runs", "learners", "login_throttle", "news_imports", "news_sources",
    "notifications", "petition_photos", "recovery_codes", "search_writes", "staff_sessions",
    "team_session_lessons", "team_sessions", "worker_heartbeats",
    # added since: sign-in sessions and tokens, renders' bookkeeping, private recordings
    "resident_sessions", "oidc_logout_tokens", "petition_recordings", "media_renders",
}
# Tables whose new rows show on no public page while a test holds (a petition not yet published,
# its events): inserting such a row bumps nothing. The features that own them fill it (quiet_insert).
_quiet_inserts: dict[str, Callable[[object], bool]] = {}
# An execution option for counters ("most read") that change no page a reader could miss.
COUNTER = {"public_content": False}
# database -> store, so a commit bumps the generation of its own app's pages (by the database's
# address, not the engine object: an engine made again for the same database, as db.bind does,
# still bumps the same store)
_stores: dict = {}


def _database(engine) -> str:
    return str(getattr(getattr(engine, "engine", engine), "url", engine))


def bump(session_or_engine=None) -> None:
    """A new generation: every page stored so far is gone for every worker and instance."""
    from portal.db import db

    engine = session_or_engine.bind if isinstance(session_or_engine, Session) else session_or_engine or db.engine
    store = _stores.get(_database(engine))
    if store is not None:
        store.bump()


def quiet_insert(table: str, test: Callable[[object], bool]) -> None:
    """Inserting a row of `table` for which `test(row)` is true changes no public page, so it
    leaves every stored page in place (a new petition, which nobody but its committee sees until
    an answer is published). Updates and deletes of that table still bump, as any insert the test
    refuses. `test` must read only what the new row holds (no lazy load: it runs after a flush)."""
    _quiet_inserts[table] = test


def _table_of(obj) -> str:
    return inspect(obj).mapper.persist_selectable.name


def _quiet(obj) -> bool:
    test = _quiet_inserts.get(_table_of(obj))
    return test is not None and bool(test(obj))


def _after_flush(session: Session, _context) -> None:
    if (any(_table_of(obj) not in PRIVATE_TABLES and not _quiet(obj) for obj in session.new)
            or any(_table_of(obj) not in PRIVATE_TABLES for obj in (*session.dirty, *session.deleted))):
        session.info["page_cache_dirty"] = True


def _do_orm_execute(state) -> None:
    statement = state.statement
    if state.execution_options.get("public_content", True) is False:
        return
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(statement, "table", None)
        if getattr(table, "name", None) not in PRIVATE_TABLES:
            state.session.info["page_cache_dirty"] = True
    elif isinstance(statement, TextClause) and statement.text.lstrip()[:6].lower() in ("insert", "update",
                                                                                       "delete"):
        state.session.info["page_cache_dirty"] = True


def _after_commit(session: Session) -> None:
    if session.info.pop("page_cache_dirty", False):
        try:
            bump(session)
        except Exception:  # noqa: BLE001 (logged: pages stay stale at most TTL_SECONDS)
            log.error("page cache generation not bumped", exc_info=True)


def _after_rollback(session: Session) -> None:
    session.info.pop("page_cache_dirty", None)


def watch_commits(engine, store) -> None:
    """Bump `store` after every commit on `engine` that wrote public content."""
    _stores[_database(engine)] = store
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _do_orm_execute)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _after_rollback)
