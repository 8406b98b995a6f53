"""The platform login in Chromium, with JavaScript on and off: the portal's login page, the
provider's own login form, back in the committee's inbox; then logging out ends the provider's
session too."""

from __future__ import annotations

import pytest

from tests.browser.conftest import JS_MODES, new_context
from tests.oidc.conftest import browser_sign_in, serve

pytestmark = pytest.mark.slow


@pytest.fixture
def sso_server(sso_app, portal_bases):
    yield from serve(sso_app, portal_bases[2])


@pytest.mark.parametrize("js", JS_MODES)
def test_platform_login_and_logout_in_a_browser(browser, sso_server, provider, js):
    context = new_context(browser, sso_server, js)
    try:
        page = context.new_page()
        page.goto("/quan-tri/phan-anh/")
        assert page.url.startswith(sso_server + "/quan-tri/dang-nhap")
        browser_sign_in(page, provider, "#sso-login", "nguyen-van-a")
        page.wait_for_url(sso_server + "/quan-tri/phan-anh/**")
        assert "Phản ánh" in page.content()

        page.goto("/quan-tri/")
        page.click("form[action='/quan-tri/dang-xuat'] button")
        page.wait_for_url(provider.issuer + "/**")  # the provider asks to confirm
        page.click("button[name=logout]")
        page.wait_for_load_state()
        assert page.url.split("?")[0] == sso_server + "/"  # back on the home page
        page.goto("/quan-tri/phan-anh/")
        assert page.url.startswith(sso_server + "/quan-tri/dang-nhap")
        page.click("#sso-login")
        page.wait_for_url(provider.issuer + "/**")
        assert page.locator("input[name=login]").count() == 1  # the provider's session ended too
    finally:
        context.close()
