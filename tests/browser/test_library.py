"""The library in a real browser, JavaScript on and off: an editor uploads a PDF and publishes
it; a resident finds it, reads page 2 of the reading version and downloads the file."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.library import makers
from tests.content import ensure_sample_content
from tests.library.conftest import PARAGRAPHS
from tests.library.sample import LEGAL_TITLE

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
SLOW = 60_000  # publishing reads the text and makes the audio in the request (jobs run at once in tests)


def test_editor_uploads_and_publishes_a_pdf(page, js, app, make_user, tmp_path):
    make_user("thuvien-b@example.org", role="editor", unit="31", password=PASSWORD)
    pdf = tmp_path / "Luật BHYT.pdf"
    pdf.write_bytes(makers.make_pdf("Luật Bảo hiểm y tế (tóm tắt)", PARAGRAPHS))
    page.goto("/quan-tri/dang-nhap")
    page.fill("#email", "thuvien-b@example.org")
    page.fill("#password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/quan-tri/")
    page.click("main a[href='/quan-tri/thu-vien/']")
    page.wait_for_url("**/quan-tri/thu-vien/")
    page.click("main a[href='/quan-tri/thu-vien/moi']")
    page.fill("#title", f"Bảo hiểm y tế cho người cao tuổi ({js})")
    page.select_option("#kind", "legal")
    page.fill("#issuer", "Quốc hội")
    page.fill("#summary", "Người từ đủ 75 tuổi đang hưởng trợ cấp tuất được Nhà nước đóng bảo hiểm y tế.")
    page.set_input_files("#files", str(pdf))
    page.click("form.form button[type=submit]")
    page.wait_for_selector("text=Đã lưu.", timeout=SLOW)
    assert "Đã đọc được chữ" in page.inner_text("main"), f"[{js}] extraction state not shown"
    assert "Luật BHYT" in page.inner_text("main")
    page.click("main button:has-text('Đăng')")
    page.wait_for_selector("text=Đã đăng.", timeout=SLOW)
    assert "Đã có bản nghe phần tóm tắt" in page.inner_text("main"), f"[{js}]"
    page.click("main a:has-text('mở trang công khai')")
    page.wait_for_selector(f"h1:has-text('({js})')")
    assert page.locator("audio[preload=none]").count() == 1
    assert "PDF, " in page.inner_text("main") and "Đọc ngay tại đây (1 trang)" in page.inner_text("main")


def test_resident_finds_reads_page_two_and_downloads(page, js, app):
    ensure_sample_content(app)
    page.goto("/thu-vien/")
    page.select_option("#loai", "legal")
    if js == "nojs":
        page.click("form.filters button[type=submit]")
    page.wait_for_url("**loai=legal**")
    titles = page.locator("#danh-sach .card h2")
    titles.first.wait_for()
    assert LEGAL_TITLE in titles.all_inner_texts(), f"[{js}]"
    page.click(f"#danh-sach .card h2 a:has-text('{LEGAL_TITLE}')")
    page.wait_for_selector(f"h1:has-text('{LEGAL_TITLE}')")
    page.click("a:has-text('Đọc ngay tại đây')")
    page.wait_for_selector("h1:has-text('Trang 1/2')")
    page.click("nav.pager a[rel=next]")
    page.wait_for_selector("h1:has-text('Trang 2/2')")
    assert "Khoản 19" in page.inner_text("main .prose"), f"[{js}] page 2 lacks the end of the text"
    assert page.locator("audio[preload=none]").count() == 1, f"[{js}] no audio for the page"
    page.click(f"main a:has-text('{LEGAL_TITLE}')")
    page.wait_for_selector(f"h1:has-text('{LEGAL_TITLE}')")
    link = page.locator("main a[download]:has-text('PDF')")
    label = link.inner_text()
    assert "KB" in label
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as f:
        data = f.read()
    assert data.startswith(b"%PDF-") and f"{round(len(data) / 1024)} KB" in label
    assert not page.errors, page.errors


def test_opds_catalog_answers_an_e_reader(page, js, app):
    ensure_sample_content(app)
    response = page.request.get("/thu-vien/opds")
    assert response.ok and "kind=navigation" in response.headers["content-type"]
    assert "<feed" in response.text() and "Tài liệu mới nhất" in response.text()


RELATED_TITLES = ["Hướng dẫn làm thẻ bảo hiểm y tế cho người từ đủ 75 tuổi trở lên đang hưởng trợ cấp tuất",
                  "Hỏi đáp về khám chữa bệnh bảo hiểm y tế tại trạm y tế xã khi đi khám đúng tuyến ban đầu"]


def test_related_document_bullets_sit_by_the_first_line(page, js, app, make_user):
    """A long related title wraps at 320 px: its bullet must stand by its first line, not its last."""
    from tests.library.conftest import published_item

    slugs = [published_item(app, make_user, f"{title} ({js})") for title in RELATED_TITLES]
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/thu-vien/{slugs[0]}")
    link = page.locator("#cung-chu-de + ul.links li a").first
    expect(link).to_be_visible()
    box = link.evaluate("""a => {
        const probe = document.createElement('span');
        probe.textContent = '\\u200b';
        a.parentElement.insertBefore(probe, a);
        const r = a.getBoundingClientRect(), p = probe.getBoundingClientRect();
        return {top: r.top, height: r.height, probe: p.top, line: parseFloat(getComputedStyle(a).lineHeight)};
    }""")
    assert box["height"] > 1.5 * box["line"], f"[{js}] the title should wrap for this test: {box}"
    assert box["probe"] - box["top"] < 0.8 * box["line"], f"[{js}] the bullet is not by the first line: {box}"
