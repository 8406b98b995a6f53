"""The index is `stale` only when it disagrees with the database and no update is on its way:
while the update of a new bulletin waits in the queue (behind the first start's audio renders,
say) it is only behind."""

from __future__ import annotations

from portal.bulletins import service
from portal.db import db
from portal.jobs.queue import jobs
from portal.search import index
from portal.search.backend import from_config
from portal.units.service import get_by_code


def test_an_index_behind_its_queued_updates_is_not_stale(app, app_config, make_user, tmp_path):
    from portal import create_app
    from portal.accounts.models import User

    admin_id = make_user("admin-fresh@example.org", role="admin")
    queued = create_app({**app_config, "JOBS_IMMEDIATE": False, "JOBS_DB": str(tmp_path / "jobs.db"),
                         "JOBS_NAME": app_config["JOBS_NAME"] + "-fresh", "SEARCH_INDEX_DIR": str(tmp_path / "index")})
    client = queued.test_client()
    try:
        with queued.app_context():
            index.rebuild(from_config(queued.config), [])
            admin = db.session.get(User, admin_id)
            data = service.BulletinData(title="Lịch tiếp công dân tháng 12", body="Thứ Năm hằng tuần.",
                                        topic="suc-khoe", summary="Lịch tiếp dân.", unit=get_by_code(db.session, "31"))
            service.publish(db.session, admin, service.save(db.session, admin, data))  # queues its index update

        search = client.get("/healthz").get_json()["checks"]["search_index"]
        assert search["differences"]["bulletin"] == {"index": 0, "published": 1}
        assert search["updates_waiting"] == 1 and search["stale"] is False

        # The update is lost (the queue emptied by hand, a worker that dropped it): now it is stale.
        jobs.huey.flush()
        search = client.get("/healthz").get_json()["checks"]["search_index"]
        assert search["differences"]["bulletin"] == {"index": 0, "published": 1}
        assert search["updates_waiting"] == 0 and search["stale"] is True
    finally:
        jobs.huey.flush()
        db.bind(app)
        jobs.init_app(app)
