"""Bulletins in a real browser, JavaScript on and off: the editor publishes, a resident
listens, downloads the e-book and filters the list."""

from __future__ import annotations

import pytest

from tests.content import ensure_sample_content

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_editor_writes_and_publishes_then_resident_listens(page, js, app, make_user):
    make_user("bientap-b@example.org", role="editor", unit="31", password=PASSWORD)
    page.goto("/quan-tri/dang-nhap")
    page.fill("#email", "bientap-b@example.org")
    page.fill("#password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/quan-tri/")
    page.click("main a[href='/quan-tri/ban-tin/']")
    page.wait_for_url("**/quan-tri/ban-tin/")
    page.click("main a[href='/quan-tri/ban-tin/moi']")
    page.wait_for_url("**/quan-tri/ban-tin/moi")
    page.fill("#title", "Lịch tiêm phòng cho trẻ tháng 12")
    page.fill("#summary", "Trạm y tế phường tiêm chủng mở rộng vào sáng thứ Bảy.")
    page.fill("#body", "Ngày 5/12/2026, trạm y tế tiêm chủng cho trẻ dưới 5 tuổi.\n\n- Mang theo sổ tiêm chủng.")
    page.select_option("#topic", "suc-khoe")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("text=Đã lưu.")
    page.click("main a:has-text('Xem trước')")
    page.wait_for_selector("text=Xem trước: trang sẽ hiển thị như thế này.")
    page.go_back()
    page.wait_for_selector("text=Bản nháp")
    page.click("form.inline-form button[type=submit]")
    page.wait_for_selector("text=Đã đăng.")
    assert "Đã có bản nghe" in page.inner_text("#media-state"), f"[{js}] no audio state shown"
    page.click("main a:has-text('mở trang công khai')")
    page.wait_for_selector("h1:has-text('Lịch tiêm phòng cho trẻ tháng 12')")
    sources = page.eval_on_selector_all("audio source", "els => els.map(e => e.type)") if js == "js" else None
    if sources is not None:
        assert sources == ["audio/ogg; codecs=opus", "audio/mpeg"]
    assert page.locator("audio[preload=none]").count() == 1
    mp3 = page.get_attribute("a[download]", "href")
    response = page.request.get(mp3)
    assert response.ok and response.headers["content-type"] == "audio/mpeg" and len(response.body()) > 10_000


def _set_media_state(app, title: str, state: str) -> int:
    from sqlalchemy import select

    from portal.bulletins.models import Bulletin
    from portal.db import db

    with app.app_context():
        bulletin = db.session.scalar(select(Bulletin).where(Bulletin.title == title))
        bulletin.media_state = state
        db.session.commit()
        return bulletin.id


def test_the_audio_state_updates_by_itself(page, js, app, make_user):
    """With htmx the state is asked for again until the audio is ready; without JavaScript the
    "check again" link opens a page that refreshes itself."""
    from portal.bulletins import service
    from portal.db import db
    from portal.units.service import get_by_code

    make_user("bientap-p@example.org", role="editor", unit="31", password=PASSWORD)
    title = f"Bản tin chờ bản nghe {js}"
    with app.app_context():
        from portal.accounts.models import User

        editor = db.session.query(User).filter_by(email="bientap-p@example.org").one()
        service.save(db.session, editor, service.BulletinData(title=title, summary="", body="Nội dung.",
                                                              topic="hoat-dong", unit=get_by_code(db.session, "31")))
    bulletin_id = _set_media_state(app, title, "waiting")
    page.goto("/quan-tri/dang-nhap")
    page.fill("#email", "bientap-p@example.org")
    page.fill("#password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/quan-tri/")
    page.goto(f"/quan-tri/ban-tin/{bulletin_id}")
    assert "đang chờ" in page.inner_text("#media-state").lower()
    _set_media_state(app, title, "done")
    if js == "js":
        page.wait_for_function("() => !document.querySelector('#media-state').hasAttribute('hx-trigger')",
                               timeout=12_000)
    else:
        page.click("#media-state a:has-text('Kiểm tra lại')")
        page.wait_for_url(f"**/quan-tri/ban-tin/{bulletin_id}/am-thanh")
    assert "Đã có bản nghe" in page.inner_text("#media-state"), f"[{js}] the state did not update"


def test_resident_downloads_epub_and_filters(page, js, app):
    ensure_sample_content(app)
    page.goto("/ban-tin/")
    page.select_option("#chu-de", "chuyen-doi-so")
    if js == "nojs":
        page.click("form.filters button[type=submit]")
    page.wait_for_url("**chu-de=chuyen-doi-so**")
    cards = page.locator("#danh-sach .card h2")
    cards.first.wait_for()
    assert cards.all_inner_texts() == ["Phường Hồng Bàng hỗ trợ đăng ký VNeID mức 2"], f"[{js}]"
    page.click("#danh-sach .card h2 a")
    page.wait_for_selector("h1:has-text('VNeID')")
    link = page.locator("a:has-text('Tải sách điện tử (EPUB')")
    assert "KB" in link.inner_text()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".epub")
    with open(download.path(), "rb") as f:
        assert f.read(2) == b"PK"
