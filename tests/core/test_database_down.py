"""The database fails mid-request: a light 503 page, the typed petition kept, nothing half-written."""

import re
from contextlib import contextmanager

from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from portal.db import db
from portal.petitions.models import Petition
from tests.conftest import csrf_from

TEXT = "Cống thoát nước ở tổ dân phố 7 bị tắc, mỗi khi mưa nước tràn vào nhà dân."


@contextmanager
def failing_writes(app):
    """Every INSERT fails as when the server is gone or the SQLite file is locked."""
    def refuse(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT"):
            raise OperationalError(statement, parameters, Exception("database is locked"))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", refuse)


def test_petition_survives_a_database_failure(app, client, session, caplog):
    html = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    submission = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', html).group(1)
    form = {"csrf_token": csrf_from(html), "submission_id": submission, "unit_code": "11311",
            "category": "ha-tang", "title": "Cống thoát nước tổ 7 bị tắc", "body": TEXT,
            "phone": "0912 777 888", "consent_public": "y", "buoc": "gui"}
    with failing_writes(app):
        response = client.post("/phan-anh/gui", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "chưa lưu được gì" in page
    assert TEXT in page and f'value="{submission}"' in page and 'action="/phan-anh/gui"' in page
    assert len(page.encode()) < 14 * 1024
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Petition)) == 0  # nothing half-written
    assert "0912 777 888" not in caplog.text and TEXT not in caplog.text
    # "Send again" re-posts the kept fields: the petition is stored once, with its receipt.
    kept = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    import html as html_lib
    kept = {k: html_lib.unescape(v) for k, v in kept.items()}
    again = client.post("/phan-anh/gui", data=kept)
    assert again.status_code == 303 and "/phan-anh/bien-nhan/" in again.headers["Location"]
    assert client.post("/phan-anh/gui", data=kept).headers["Location"] == again.headers["Location"]
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Petition)) == 1


def test_a_page_read_with_the_database_down_is_a_light_503(app, client):
    def refuse(conn, cursor, statement, parameters, context, executemany):
        raise OperationalError(statement, parameters, Exception("connection refused"))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", refuse)
    try:
        response = client.get("/phan-anh/")
    finally:
        event.remove(engine, "before_cursor_execute", refuse)
    assert response.status_code == 503 and "<form" not in response.get_data(as_text=True).split("<main")[1]
