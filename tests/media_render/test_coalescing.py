"""One render per item change: later requests fold into the render that waits or runs, on
SQLite and PostgreSQL, from one process or from many sessions at once."""

from __future__ import annotations

import threading

from portal.accounts.models import User
from portal.bulletins import service
from portal.bulletins.models import Bulletin
from portal.db import db
from portal.units.service import get_by_code

from .conftest import renders_waiting, run_queue


def _data(body: str, session=None) -> service.BulletinData:
    return service.BulletinData(title="Lịch họp tổ dân phố", summary="Họp tháng Mười Hai.", body=body,
                                topic="hoat-dong", unit=get_by_code(session or db.session, "31"))


def _published(editor_id: int) -> tuple[User, Bulletin]:
    editor = db.session.get(User, editor_id)
    bulletin = service.save(db.session, editor, _data("Họp lúc 19 giờ."))
    return editor, service.publish(db.session, editor, bulletin)


def test_ten_quick_saves_of_one_bulletin_render_it_once(queued, make_user, spoken):
    editor_id = make_user("bientap@example.org", role="editor", unit="31")
    editor, bulletin = _published(editor_id)
    for minute in range(10):
        service.save(db.session, editor, _data(f"Họp lúc 19 giờ {minute} phút."), bulletin)
    assert renders_waiting(queued) == 1
    run_queue(queued)
    assert spoken == ["Lịch họp tổ dân phố\nHọp tháng Mười Hai.\nHọp lúc 19 giờ 9 phút."]  # the last text, once
    db.session.expire_all()
    assert bulletin.media_state == "done" and bulletin.media_text_hash == service.media_hash(bulletin)


def test_saves_from_ten_sessions_at_once_queue_one_render(queued, make_user, spoken):
    editor_id = make_user("bientap@example.org", role="editor", unit="31")
    _editor, bulletin = _published(editor_id)
    bulletin_id = bulletin.id
    start, errors = threading.Barrier(10), []

    def save(n: int) -> None:
        try:
            with db.new_session() as session:
                editor, target = session.get(User, editor_id), session.get(Bulletin, bulletin_id)
                start.wait(10)
                service.save(session, editor, service.BulletinData(
                    title=target.title, summary="", body=f"Phiên bản {n}.", topic="hoat-dong", unit=target.unit),
                    target)
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert renders_waiting(queued) == 1
    run_queue(queued)
    assert len(spoken) == 1


def test_a_save_during_a_render_is_rendered_by_that_job_not_beside_it(queued, make_user, spoken, monkeypatch):
    editor_id = make_user("bientap@example.org", role="editor", unit="31")
    editor, bulletin = _published(editor_id)
    from portal.media_render import jobs as pipeline

    real = pipeline.speak

    def speak_and_edit(text):
        if len(spoken) == 0:  # the editor saves again while the first text is being spoken
            with db.new_session() as session:
                service.save(session, session.get(User, editor_id), _data("Đổi giờ: 20 giờ.", session),
                             session.get(Bulletin, bulletin.id))
            assert renders_waiting(queued) == 0  # folded into this job
        return real(text)

    monkeypatch.setattr(pipeline, "speak", speak_and_edit)
    assert run_queue(queued).count("portal.media_render.jobs.render") == 1
    assert [text.rsplit("\n", 1)[1] for text in spoken] == ["Họp lúc 19 giờ.", "Đổi giờ: 20 giờ."]
    db.session.expire_all()
    assert bulletin.body == "Đổi giờ: 20 giờ." and bulletin.media_text_hash == service.media_hash(bulletin)
    assert bulletin.media_state == "done"
