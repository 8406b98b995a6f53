"""The petition limit in a real browser, JavaScript on (htmx-boosted form) and off: the page
says how long to wait, the petition comes back as typed, and sending later works."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
BODY = "Trạm bơm tiêu úng của thôn Đông hỏng từ tháng trước, ruộng lúa của 40 hộ dân bị ngập nặng."


def test_over_the_limit_the_petition_is_kept_and_the_wait_is_said(page, js, app, client, monkeypatch):
    from tests.petitions.test_resident_send import GOOD, _form

    monkeypatch.setitem(app.config, "PETITION_RATE_LIMIT", "1 per hour")
    # The browser and the test client both come from 127.0.0.1: this one fills the hour's limit.
    assert client.post("/phan-anh/gui", data={**_form(client), **GOOD, "buoc": "gui"}).status_code == 303
    page.goto("/phan-anh/gui?don-vi=11311")
    page.check("#category-3")
    page.fill("#title", "Trạm bơm thôn Đông hỏng mùa mưa")
    page.fill("#body", BODY)
    page.fill("#phone", "0912 000 666")
    page.click("button[value=xem-truoc]")
    page.wait_for_selector("#xem-truoc")
    page.click("button[value=gui]")
    alert = page.locator("div.error-summary[role=alert]")
    alert.wait_for()
    text = alert.inner_text()
    assert "chưa được gửi" in text and "Xin vui lòng chờ khoảng 60 phút nữa rồi thử lại." in text, f"[{js}] {text}"
    assert page.input_value("#title") == "Trạm bơm thôn Đông hỏng mùa mưa"
    assert page.input_value("#body") == BODY and page.input_value("#phone") == "0912 000 666"
    assert not [e for e in page.errors if "status of 429" not in e], page.errors  # the 429 itself is logged
