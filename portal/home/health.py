"""/healthz: the database, the search index and the job queue, each checked for real."""

from __future__ import annotations

import logging

from flask import current_app, jsonify
from sqlalchemy import text

from portal.db import db
from portal.jobs.heartbeat import worker_status
from portal.jobs.queue import jobs
from portal.search import freshness
from portal.search.backend import current

from .routes import bp

log = logging.getLogger(__name__)


def _database() -> dict:
    try:
        db.session.execute(text("SELECT 1"))
        return {"ok": True, "backend": db.engine.dialect.name}
    except Exception as exc:
        db.session.rollback()
        log.warning("health: database down: %s", type(exc).__name__)
        return {"ok": False, "error": type(exc).__name__}


def _search() -> dict:
    try:
        return {"ok": True, **freshness.check(current())}
    except Exception as exc:
        log.warning("health: search index unusable: %s", type(exc).__name__)
        return {"ok": False, "error": type(exc).__name__}


def _jobs() -> dict:
    status = jobs.health()
    if status["ok"] and not current_app.config["JOBS_IMMEDIATE"]:
        try:
            worker = worker_status(db.session)
        except Exception as exc:
            db.session.rollback()
            worker = {"ok": False, "state": "unknown", "error": type(exc).__name__}
        if worker["state"] == "up":  # alive: busy while jobs wait or run, else idle
            worker["state"] = "busy" if status["pending"] or worker["renders_running"] else "idle"
        status["worker"] = worker
        status["ok"] = worker["ok"]
    return status


@bp.route("/healthz")
def healthz():
    checks = {"database": _database(), "search_index": _search(), "jobs": _jobs()}
    ok = all(check["ok"] for check in checks.values())
    response = jsonify(status="ok" if ok else "down", checks=checks)
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response
