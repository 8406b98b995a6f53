"""Lessons in a real browser, JavaScript on and off: a resident takes the scams lesson step by step,
listens, answers the quiz, gets a learner code and continues in a fresh browser; prints the
completion page; a team member records a session and finds it in the statistics."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_context
from tests.content import ensure_sample_content

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
COURSE = "/hoc-so/nhan-biet-lua-dao-tren-mang/"


def _take_lesson(page, js):
    page.pictures = []
    page.on("request", lambda r: page.pictures.append(r.url) if r.resource_type == "image" else None)
    page.goto("/hoc-so/")
    page.click("main a:text-is('Cuộc gọi giả danh công an')")
    page.wait_for_url("**/cuoc-goi-gia-danh-cong-an/")
    page.click("a:has-text('Bắt đầu')")
    for n in (1, 2, 3):
        page.wait_for_url(f"**/cuoc-goi-gia-danh-cong-an/{n}")
        expect(page.locator("main .meta").first).to_have_text(f"Bước {n} trên 3")
        audio = page.locator("audio[preload=none]")
        expect(audio).to_have_count(1)
        mp3 = page.get_attribute("audio source[type='audio/mpeg']", "src")
        response = page.request.get(mp3, headers={"Range": "bytes=0-99"})
        assert response.status == 206, f"[{js}] step {n} audio has no Range support"
        assert "MP3" in page.inner_text(".listen")
        if n == 1:  # the picture loads only when asked for (Chromium without JS ignores lazy loading)
            img = page.locator("main picture img")
            expect(img).to_have_count(0)
            assert not [u for u in page.pictures if "/media/" in u], f"[{js}] a picture loaded before it was asked for"
            page.click("main a:has-text('Xem hình minh họa')")
            expect(img).to_be_visible()
            for _ in range(50):
                if img.evaluate("el => el.complete && el.naturalWidth") > 0:
                    break
                page.wait_for_timeout(100)
            assert img.evaluate("el => el.naturalWidth") > 0, "the step picture did not load"
            assert [u for u in page.pictures if "/media/" in u], f"[{js}] the picture was not requested"
            assert ("hinh=1" in page.url) == (js == "nojs"), f"[{js}] with htmx the picture loads in place"
        page.click("a.primary.big")
    page.wait_for_url("**/kiem-tra")
    # A wrong answer first: the explanation shows, in place with JS, as a new page without.
    page.check("label:has-text('Đúng, cần làm theo ngay')")
    page.check("label:has-text('Kể cho con cháu nghe')")
    page.click("button:has-text('Kiểm tra câu trả lời')")
    expect(page.locator(".result")).to_contain_text("Bác trả lời đúng 0 trên 2 câu")
    expect(page.locator("#kiem-tra")).to_contain_text("Làm theo là mất tiền")
    page.check("label:has-text('Sai, đây là lừa đảo')")
    page.check("label:has-text('Báo cho công an xã, phường nơi mình ở')")
    page.click("button:has-text('Kiểm tra câu trả lời')")
    expect(page.locator(".result")).to_contain_text("Giỏi lắm! Bác trả lời đúng tất cả.")


def test_resident_takes_lesson_gets_code_and_continues_elsewhere(page, js, app, browser, live_server):
    ensure_sample_content(app)
    _take_lesson(page, js)
    page.click("a:has-text('Bài đã học, và mã để học tiếp trên điện thoại khác')")
    page.wait_for_url("**/hoc-so/da-hoc")
    page.click("button:has-text('Cho tôi một mã học viên')")
    page.wait_for_url("**/hoc-so/da-hoc**")
    code = page.inner_text("p.code").strip()
    assert re.fullmatch(r"HS-[2-9BCFGHJKMNPQRTVX]{4}-[2-9BCFGHJKMNPQRTVX]{3}", code), code
    other = new_context(browser, live_server, js)
    try:
        tab = other.new_page()
        tab.goto("/hoc-so/da-hoc")
        expect(tab.locator("main")).to_contain_text("Bác chưa học bài nào trên điện thoại này.")
        tab.fill("#code", "hs 0000 000")  # a wrong code first: refused politely, text kept
        tab.click("button:has-text('Học tiếp với mã này')")
        expect(tab.locator("main")).to_contain_text("Không tìm thấy mã này")
        assert tab.input_value("#code") == "hs 0000 000"
        tab.fill("#code", code.lower().replace("-", " "))
        tab.click("button:has-text('Học tiếp với mã này')")
        expect(tab.locator("main")).to_contain_text(f"Các bài đã học theo mã {code}")
        expect(tab.locator("main")).to_contain_text("Cuộc gọi giả danh công an")
        tab.goto(COURSE)
        expect(tab.locator("main .ok").first).to_contain_text("Đã học xong")
    finally:
        other.close()


def test_progress_survives_closing_the_browser_and_completion_page(page, js, app, context, browser,
                                                                    live_server):
    ensure_sample_content(app)
    _take_lesson(page, js)
    cookies = context.cookies()
    assert any(c["name"] == "hoc_so" and c["expires"] > 0 for c in cookies), "the progress cookie must persist"
    reopened = new_context(browser, live_server, js)
    try:
        reopened.add_cookies([c for c in cookies if c["name"] == "hoc_so"])
        tab = reopened.new_page()
        tab.goto(COURSE + "giay-hoan-thanh")
        expect(tab.locator("main")).to_contain_text("Còn lại")  # two more lessons in the course
        tab.goto(COURSE)
        expect(tab.locator("main .ok").first).to_contain_text("Đã học xong")
    finally:
        reopened.close()


def test_team_member_records_a_session_and_sees_it_in_statistics(page, js, app, make_user):
    ensure_sample_content(app)
    make_user(f"to-{js}@example.org", role="team", unit="11311", password=PASSWORD)
    before = _residents_taught(page)
    page.goto("/quan-tri/dang-nhap")
    page.fill("#email", f"to-{js}@example.org")
    page.fill("#password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/quan-tri/")
    page.click("text=Tổ công nghệ số: buổi học nhóm và hướng dẫn học")
    page.wait_for_url("**/to-cong-nghe/")
    page.click("a:has-text('Ghi nhận buổi học nhóm')")
    page.wait_for_url("**/to-cong-nghe/ghi")
    page.fill("#place", "Nhà văn hóa tổ dân phố 9")
    page.check("label:has-text('Không bao giờ đọc mã OTP')")
    page.fill("#residents", "41")
    page.fill("#finished_quiz", "52")  # more than took part: refused, the rest kept
    page.click("button:has-text('Ghi nhận buổi học')")
    expect(page.locator("main")).to_contain_text("không thể lớn hơn số người dân tham dự")
    assert page.input_value("#place") == "Nhà văn hóa tổ dân phố 9"
    page.fill("#finished_quiz", "37")
    page.click("button:has-text('Ghi nhận buổi học')")
    expect(page.locator("main")).to_contain_text("Đã ghi nhận buổi học")
    expect(page.locator("main table")).to_contain_text("Nhà văn hóa tổ dân phố 9")
    page.click("text=Xem số liệu trong trang thống kê")
    page.wait_for_url("**/thong-ke/11311")
    assert _residents_taught(page) == before + 41


def _residents_taught(page) -> int:
    page.goto("/thong-ke/11311")
    row = page.locator("tr:has(th:text-is('Số người dân được hướng dẫn')) td")
    return int(row.inner_text().replace(".", "")) if row.count() else 0
