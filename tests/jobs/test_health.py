"""/healthz answers 503 when a part is down."""

from datetime import timedelta

from portal.db import utcnow
from portal.jobs.models import WorkerHeartbeat


def test_search_index_broken(app, client, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "SEARCH_BACKEND", "whoosh")
    monkeypatch.setitem(app.config, "SEARCH_INDEX_DIR", str(tmp_path / "missing"))
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "down" and not body["checks"]["search_index"]["ok"]


def test_database_down(app, client, monkeypatch):
    from sqlalchemy import create_engine

    from portal.db import db

    broken = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2})
    monkeypatch.setattr(db.session, "registry", type(db.session.registry)(
        lambda: db.session.session_factory(bind=broken), db.session.registry.scopefunc))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert not response.get_json()["checks"]["database"]["ok"]


def test_dead_worker_is_reported(app, client, session, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_IMMEDIATE", False)
    session.add(WorkerHeartbeat(worker="host:1", seen_at=utcnow() - timedelta(minutes=30), beats=3))
    session.commit()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["jobs"]["worker"]["ok"] is False


def test_queue_storage_unreachable(app, client, monkeypatch):
    from portal.jobs.queue import jobs

    def down():
        raise ConnectionError("queue down")

    monkeypatch.setattr(jobs.huey, "pending_count", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["jobs"] == {"ok": False, "error": "ConnectionError"}
