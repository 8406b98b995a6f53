"""Petitions in a real browser, JavaScript on and off: a resident chooses the committee,
writes, checks, sends and follows the petition; the commune's handler answers and
publishes; the answer is public on /phan-anh/ and on the home page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def _choose_commune(page, js: str) -> None:
    page.goto("/phan-anh/gui")
    page.check("#cap-xa")
    page.select_option("#tinh", "31")
    page.click("main form.form button[type=submit]")
    page.wait_for_selector("#q")
    if js == "js":  # htmx narrows the list as one types
        page.fill("#q", "hong bang")
        expect(page.locator("#don-vi option")).to_have_count(1)
    else:
        page.fill("#q", "hong bang")
        page.click("section form[role=search] button[type=submit]")
        page.wait_for_url("**q=hong+bang**")
    assert page.locator("#don-vi option").all_inner_texts() == ["Phường Hồng Bàng"]
    page.click("#ds-xa button[type=submit]")
    page.wait_for_url("**don-vi=11311**")


def test_resident_sends_and_follows_then_handler_answers(page, js, browser, live_server, make_user):
    from tests.browser.conftest import new_context

    _choose_commune(page, js)
    page.check("#category-3")  # infrastructure
    page.fill("#title", "Ổ gà lớn trước cổng chợ Hồng Bàng")
    page.fill("#body", "Trước cổng chợ có ổ gà sâu, trời mưa đọng nước, xe máy đã ngã hai lần. "
                       "Nhà tôi ở số 8 ngõ 3 phố Lê Lợi, gọi 0912 000 555 khi cần.")
    page.fill("#name", "Trần Văn Minh")
    page.fill("#phone", "0912 000 555")
    page.check("#consent_public")
    page.click("button[value=xem-truoc]")
    page.wait_for_selector("#xem-truoc")
    preview = page.inner_text("section[aria-labelledby=xem-truoc]").replace("\n", " ")
    assert "[địa chỉ đã ẩn]" in preview and "[số điện thoại đã ẩn]" in preview, f"[{js}] {preview}"
    page.click("button[value=gui]")
    page.wait_for_selector("p.code")
    code = page.inner_text("p.code").strip()
    assert re.fullmatch(r"PA-[2-9A-Z]{4}-[2-9A-Z]{4}", code), f"[{js}] {code}"

    page.goto(f"/phan-anh/tra-cuu?ma={code.lower()}")
    page.fill("#secret", "0555")
    page.click("#xac-minh ~ form button[type=submit]")
    page.wait_for_selector("section[aria-labelledby=rieng]")
    assert "0912000555" in page.inner_text("section[aria-labelledby=rieng]")

    make_user("xl-b@example.org", role="handler", unit="11311", password=PASSWORD)
    staff = new_context(browser, live_server, js)
    desk = staff.new_page()
    desk.goto("/quan-tri/dang-nhap")
    desk.fill("#email", "xl-b@example.org")
    desk.fill("#password", PASSWORD)
    desk.click("form.form button[type=submit]")
    desk.wait_for_url("**/quan-tri/")
    desk.goto("/quan-tri/phan-anh/")
    desk.click(f"a:has-text('{code}')")
    desk.wait_for_selector("h1:has-text('Ổ gà lớn trước cổng chợ Hồng Bàng')")
    desk.click("form[action$='/nhan'] button[type=submit]")
    desk.wait_for_selector("form[action$='/nhan']", state="detached")
    desk.fill("textarea[name=answer]", "Ủy ban đã đề nghị đơn vị quản lý đường vá ổ gà trong tuần này.")
    desk.click("form[action$='/tra-loi'] button[type=submit]")
    desk.wait_for_selector("form[action$='/cong-bo']")
    desk.click("form[action$='/cong-bo'] button[type=submit]")
    desk.wait_for_selector("form[action$='/an'], form[action$='/hien']")
    staff.close()

    page.goto("/phan-anh/")
    page.click(f"a[href='/phan-anh/{code}']")
    page.wait_for_selector("text=Ủy ban đã đề nghị đơn vị quản lý đường vá ổ gà")
    body = page.inner_text("main")
    assert "0912 000 555" not in body and "0912000555" not in body and "số 8 ngõ 3" not in body, f"[{js}]"
    page.goto("/")
    assert "Ổ gà lớn trước cổng chợ Hồng Bàng" in page.inner_text("main")
