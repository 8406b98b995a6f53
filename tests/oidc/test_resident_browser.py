"""A resident signs in in Chromium, JavaScript off and on (the provider's own login form), finds
the form filled with their name, phone and e-mail, sends a petition, sees it on "Phản ánh của
tôi" (no axe-core violation there), and signs out (at the provider too; with JavaScript, htmx's
boosted form is sent on to the provider)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import JS_MODES, new_context
from tests.browser.test_pages import axe_violations
from tests.oidc.conftest import browser_sign_in, serve

pytestmark = pytest.mark.slow


@pytest.fixture
def resident_server(resident_app, portal_bases):
    yield from serve(resident_app, portal_bases[2])


@pytest.mark.parametrize("js", JS_MODES)
def test_a_resident_signs_in_sends_and_finds_the_petition(browser, resident_server, provider, js):
    context = new_context(browser, resident_server, js)
    try:
        page = context.new_page()
        page.goto("/phan-anh/cua-toi")
        assert "Đăng nhập bằng VNeID" in page.content()
        browser_sign_in(page, provider, "#resident-login", "cu-dan-binh")
        page.wait_for_url(resident_server + "/phan-anh/cua-toi")
        assert "Bạn chưa gửi phản ánh nào khi đăng nhập" in page.content()

        page.goto("/phan-anh/gui?don-vi=11311")
        assert page.input_value("#name") == "Ngô Văn Bình"
        assert page.input_value("#phone") == "0987654321"
        assert page.input_value("#email") == "binh.cudan@example.vn"
        page.check("input[name=category][value=moi-truong]")
        page.fill("#title", "Rác để đầu ngõ 9 nhiều ngày")
        page.fill("#body", "Rác thải để ở đầu ngõ 9 đã nhiều ngày không ai thu gom, mùi rất khó chịu.")
        page.click("button[value=xem-truoc]")
        page.click("button[value=gui]")
        page.wait_for_url(resident_server + "/phan-anh/bien-nhan/**")
        code = page.url.rsplit("/", 1)[1]

        page.goto("/phan-anh/cua-toi")
        assert code in page.content() and "Rác để đầu ngõ 9 nhiều ngày" in page.content()
        if js == "js":  # (without JavaScript the audit reloads the page without the session)
            assert axe_violations(browser, resident_server, page, js) == []
        page.click(".resident form button")
        page.wait_for_url(provider.issuer + "/**")  # the provider asks to confirm
        page.click("button[name=logout]")
        page.wait_for_load_state()
        assert page.url.split("?")[0] == resident_server + "/"
        page.goto("/phan-anh/cua-toi")
        assert code not in page.content() and "Đăng nhập bằng VNeID" in page.content()
    finally:
        context.close()
