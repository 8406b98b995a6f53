"""A document of several files is spoken once, not once per file read (and once more for
publishing); the "read the text and make the audio again" button makes one render."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import User
from portal.db import db
from portal.jobs.queue import jobs
from portal.library import makers, service
from portal.library.models import Item, PageAudio
from portal.library.uploads import inspect
from portal.units.service import get_by_code
from tests.library.conftest import LONG, PARAGRAPHS

from .conftest import renders_waiting, run_queue


def _upload(title: str, lines: list[str]) -> service.Upload:
    data = makers.make_pdf(title, lines)
    return service.Upload(data, inspect(data, f"{title}.pdf", 10 * 1024 * 1024))


def _two_file_item(editor_id: int) -> Item:
    editor = db.session.get(User, editor_id)
    item = service.save(db.session, editor, service.ItemData(
        title="Luật Bảo hiểm y tế", kind="legal", summary="Ai được cấp thẻ, và cách làm.",
        unit=get_by_code(db.session, "31"))).item
    item = service.publish(db.session, editor, item)
    run_queue(jobs.huey)
    return service.save(db.session, editor, service.ItemData(
        title=item.title, kind=item.kind, summary=item.summary, unit=item.unit), item,
        uploads=[_upload("Phần một", PARAGRAPHS), _upload("Phần hai", LONG[:30])]).item


def _pages(item_id: int) -> int:
    return len(db.session.scalars(select(PageAudio).where(PageAudio.item_id == item_id)).all())


def test_a_two_file_document_is_spoken_once(queued, make_user, spoken):
    item = _two_file_item(make_user("bientap@example.org", role="editor", unit="31"))
    spoken.clear()
    run_queue(queued)  # both files are read, then the speech is made
    db.session.expire_all()
    assert item.audio_state == "done" and item.text_pages >= 2 and _pages(item.id) == item.text_pages
    assert len(spoken) == 1 + item.text_pages  # the summary and each page, once each
    assert len(set(spoken)) == len(spoken)


def test_the_retry_button_makes_one_render(queued, make_user, spoken):
    editor_id = make_user("bientap@example.org", role="editor", unit="31")
    item = _two_file_item(editor_id)
    run_queue(queued)
    spoken.clear()
    db.session.expire_all()  # as the editor's next request sees it
    service.retry(db.session, db.session.get(User, editor_id), item)  # what the button does
    assert renders_waiting(queued) == 1
    ran = run_queue(queued)
    assert sum("render" in name for name in ran) == 1, ran  # the reading of each file folded into it
    db.session.expire_all()
    assert item.audio_state == "done" and len(spoken) == 1 + item.text_pages
