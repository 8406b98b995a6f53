"""A resident on a basic phone speaks the petition instead of typing it, JavaScript off: the
recording goes up through the plain file field, the draft page waits for the words, the form
comes back filled with them, the resident corrects them and sends."""

from __future__ import annotations

import re

import pytest

from portal.speech_input.recognizers import VietAsrRecognizer
from tests.browser.conftest import new_context
from tests.speech_input.clips import DATA

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not VietAsrRecognizer.installed(),
                                 reason="viet-asr installs only on Linux, CPython 3.11")]


@pytest.mark.parametrize("js", ["nojs", "js"])
def test_resident_speaks_checks_corrects_and_sends(app, browser, live_server, monkeypatch, tmp_path, js):
    monkeypatch.setitem(app.config, "RECOGNIZER", "viet-asr")
    context = new_context(browser, live_server, js)
    page = context.new_page()
    try:
        page.goto("/phan-anh/gui?don-vi=11311")
        assert page.locator("#noi summary strong").inner_text() == "Nói thay vì gõ"
        page.click("#noi summary")  # folded into one line until opened, JavaScript on or off
        assert page.is_visible("#recording")
        page.fill("#phone", "0912 000 555")
        recording = tmp_path / "ghi-am-tu-dien-thoai"  # no extension: judged by its content
        recording.write_bytes((DATA / "natural.amr").read_bytes())
        page.set_input_files("#recording", str(recording))
        # In the tests the job runs inside the upload's request (immediate mode): a slow response.
        with page.expect_navigation(url=re.compile(r".*/phan-anh/ghi-am/[0-9a-f]{32}$"), timeout=90_000):
            page.click("button[value=ghi-am]", no_wait_after=True)
        page.wait_for_selector("#body", timeout=30_000)  # written down (the wait page refreshes itself)
        words = page.input_value("#body")
        assert "khúc cây" in words, words
        assert page.input_value("#phone") == "0912 000 555"
        assert page.locator("#noi audio source").count() == 2  # the words read back in the portal's voice
        page.check("#category-3")
        page.fill("#title", "Cây đổ chắn lối đi ngõ 7")
        page.fill("#body", "Bạn cầm khúc cây ném vào bãi cỏ ở đằng xa; cây đổ chắn lối đi ngõ 7 đã ba ngày.")
        page.click("button[value=xem-truoc]")
        page.wait_for_selector("#xem-truoc")
        assert "chỉ ủy ban nghe" in page.inner_text("section[aria-labelledby=xem-truoc]")
        page.click("button[value=gui]")
        page.wait_for_selector("p.code")
        assert re.fullmatch(r"PA-[2-9A-Z]{4}-[2-9A-Z]{4}", page.inner_text("p.code").strip())
    finally:
        context.close()

    from sqlalchemy import select

    from portal.db import db
    from portal.petitions.models import Petition

    with app.app_context():
        petition = db.session.scalar(select(Petition).where(Petition.title == "Cây đổ chắn lối đi ngõ 7"))
        assert petition.body.startswith("Bạn cầm khúc cây") and len(petition.recordings) == 1
        assert "khúc cây" in petition.recordings[0].transcript
