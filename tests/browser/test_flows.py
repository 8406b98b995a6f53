"""Real flows in Chromium, each with JavaScript on and off (the `js` fixture), plus the htmx
enhancements with JavaScript on only."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from flask_babel import force_locale, gettext

from tests.browser.test_pages import axe_violations

pytestmark = pytest.mark.browser

PARTS = {"/ban-tin/", "/thu-vien/", "/phan-anh/", "/hoc-so/"}
PASSWORD = "correct horse battery"


def vietnamese(app, text: str) -> str:
    """`text` as the app translates it to Vietnamese (lazy strings too)."""
    with app.test_request_context(), force_locale("vi"):
        return gettext(text) if isinstance(text, str) else str(text)


def lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def body_font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")


def follow(page, selector: str) -> None:
    """Click a link that leaves the page (full load with or without JavaScript)."""
    with page.expect_navigation():
        page.click(selector)


def go(page, selector: str, url_glob: str) -> None:
    """Click a link or button and wait for the URL (htmx boosts some of them)."""
    page.click(selector)
    page.wait_for_url(url_glob)


def nav_texts(page) -> list[str]:
    return [text.strip() for text in page.locator("nav ul a").all_inner_texts()]


def test_skip_link_moves_focus_to_main(page, js):
    page.goto("/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className")
    assert first == "skip", f"[{js}] the first Tab should reach the skip link, got class {first!r}"
    page.keyboard.press("Enter")
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.id]")
    assert focused == ["MAIN", "noi-dung"], f"[{js}] after the skip link, focus is on {focused}, not <main>"


def test_language_switch_is_remembered(page, js, live_server):
    page.goto("/")
    assert lang(page) == "vi" and "Bản tin" in nav_texts(page), f"[{js}] not Vietnamese by default"
    follow(page, "footer a[hreflang=en]")
    assert lang(page) == "en", f"[{js}] <html lang> is {lang(page)!r} after choosing English"
    assert "Bulletins" in nav_texts(page), f"[{js}] nav still reads {nav_texts(page)} in English"
    assert urlsplit(page.url).path == "/", f"[{js}] the switch should come back to the page, got {page.url}"
    go(page, "nav a[href='/thu-vien/']", "**/thu-vien/")
    page.reload()  # a fresh load: the choice must come from the cookie
    assert lang(page) == "en" and "Bulletins" in nav_texts(page), f"[{js}] English forgotten on the next page"
    follow(page, "footer a[hreflang=vi]")
    assert urlsplit(page.url).path == "/thu-vien/", f"[{js}] switching back left the page: {page.url}"
    assert lang(page) == "vi" and "Bản tin" in nav_texts(page), f"[{js}] not back to Vietnamese: {nav_texts(page)}"


def test_large_text_is_bigger_and_remembered(page, js):
    page.goto("/")
    normal = body_font_size(page)
    follow(page, "footer a[href*='/co-chu/lon']")
    large = body_font_size(page)
    assert large > normal, f"[{js}] 'larger text' left body text at {large}px (was {normal}px)"
    assert "chu-lon" in page.evaluate("document.documentElement.className")
    go(page, "nav a[href='/hoc-so/']", "**/hoc-so/")
    page.reload()
    assert body_font_size(page) == large, f"[{js}] larger text forgotten on the next page"
    follow(page, "footer a[href*='/co-chu/thuong']")
    assert body_font_size(page) == normal, f"[{js}] 'normal text' did not restore {normal}px"


def test_header_search_keeps_the_query_and_helps_when_empty(page, js):
    query = "xyzzy không có"
    page.goto("/thu-vien/")
    page.fill("#tim", query)
    page.press("#tim", "Enter")
    page.wait_for_url("**/tim-kiem?**")
    parts = urlsplit(page.url)
    assert parts.path == "/tim-kiem" and parse_qs(parts.query).get("q") == [query], f"[{js}] landed on {page.url}"
    assert page.input_value("#tim") == query, f"[{js}] the header box lost the query"
    assert page.input_value("#q2") == query, f"[{js}] the page's search box lost the query"
    results = page.locator("#ket-qua")
    assert query in results.inner_text(), f"[{js}] the empty result does not repeat the query"
    links = {urlsplit(href).path for href in results.locator("a").evaluate_all("els => els.map(a => a.href)")}
    assert links >= PARTS, f"[{js}] the empty result should link to the four parts, links: {sorted(links)}"


def _log_in(page, email: str, password: str) -> int:
    """Fill and send the login form; returns the status of the POST's answer."""
    page.goto("/quan-tri/dang-nhap")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.click("main form button[type=submit]")
    return answer.value.status


def test_staff_login_and_logout(app, page, js, make_user, live_server, browser):
    from portal.accounts.manage import ROLE_NAMES
    from portal.accounts.models import ADMIN
    from tests.conftest import current_code

    uid = make_user(email="admin@example.org", role=ADMIN, password=PASSWORD)
    _log_in(page, "admin@example.org", PASSWORD)
    # Administrators have two-step login: the code from their authenticator app comes next.
    page.wait_for_url("**/quan-tri/dang-nhap/ma-xac-thuc")
    assert page.locator("#code").get_attribute("autocomplete") == "one-time-code", f"[{js}] code field"
    violations = axe_violations(browser, live_server, page, js)
    assert violations == [], f"[{js}] axe on the code step: {[v['id'] for v in violations]}"
    page.fill("#code", current_code(app, uid))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/quan-tri/")
    role = vietnamese(app, ROLE_NAMES[ADMIN])
    shown = page.locator("main").inner_text()
    assert role in shown and "admin@example.org" in shown, f"[{js}] the dashboard does not show the role {role!r}"
    page.click("main form[action$='/dang-xuat'] button")
    page.wait_for_url(f"{live_server}/")
    page.goto("/quan-tri/")
    assert urlsplit(page.url).path == "/quan-tri/dang-nhap", f"[{js}] after logout /quan-tri/ showed {page.url}"


def test_admin_enrols_two_step_login_at_first_login(app, page, js, make_user, live_server, browser):
    from portal.accounts import totp

    make_user(email="admin@example.org", role="admin", password=PASSWORD, two_factor=False)
    _log_in(page, "admin@example.org", PASSWORD)
    page.wait_for_url("**/quan-tri/bao-mat/xac-thuc-hai-buoc")
    assert page.locator("main svg").count() == 1, f"[{js}] no QR code drawn on the page"
    violations = axe_violations(browser, live_server, page, js)
    assert violations == [], f"[{js}] axe on the enrolment page: {[v['id'] for v in violations]}"
    page.goto("/quan-tri/")  # nothing else opens before enrolment
    page.wait_for_url("**/quan-tri/bao-mat/xac-thuc-hai-buoc")
    key = page.locator("#khoa").inner_text()  # typed by hand into the app
    page.fill("#code", totp.code_at(key))
    page.click("main form.form button[type=submit]")
    codes = page.locator("main ol.codes li")
    codes.first.wait_for()
    assert codes.count() == 10, f"[{js}] expected 10 recovery codes"
    page.click("main a.button.primary")
    page.wait_for_url("**/quan-tri/")
    assert "admin@example.org" in page.locator("main").inner_text(), f"[{js}] not in the staff area"


def test_wrong_password_is_explained_next_to_the_field(app, page, js, make_user):
    make_user(email="admin@example.org", role="admin", password=PASSWORD)
    status = _log_in(page, "admin@example.org", "not the password")
    error = page.locator(".field #password-error")
    try:
        error.wait_for(state="visible", timeout=5_000)
    except Exception:
        pytest.fail(f"[{js}] no error shown next to the password field after a wrong password: the POST "
                    f"answered {status} and the page was not updated ({page.url})")
    expected = vietnamese(app, "The e-mail or password is not correct.")
    assert error.inner_text().strip() == expected, f"[{js}] error reads {error.inner_text()!r}, not {expected!r}"
    field = page.locator(".field:has(#password)")
    assert field.locator("#password-error").count() == 1, f"[{js}] the error is not in the password's field"
    described = page.get_attribute("#password", "aria-describedby") or ""
    assert "password-error" in described, f"[{js}] the password input is not described by its error"
    assert page.input_value("#email") == "admin@example.org", f"[{js}] the typed e-mail was not kept"


@pytest.mark.parametrize("js", ["js"])
def test_boosted_navigation_does_not_reload(page, js):
    page.goto("/")
    page.wait_for_function("window.htmx !== undefined")
    home_h1 = page.locator("h1").inner_text()
    page.evaluate("window.__marker = 1")
    page.click("nav a[href='/thu-vien/']")
    page.wait_for_url("**/thu-vien/")
    assert page.evaluate("window.__marker") == 1, "the nav link reloaded the whole page (hx-boost not working)"
    h1 = page.locator("main h1")
    h1.wait_for(state="visible")
    assert h1.inner_text() != home_h1, f"the library's heading is not shown (still {home_h1!r})"
    current = page.get_attribute("nav a[aria-current=page]", "href")
    assert current == "/thu-vien/", f"aria-current is on {current!r} after boosted navigation"


@pytest.mark.parametrize("js", ["js"])
def test_search_as_you_type_updates_results_and_url(page, js):
    page.goto("/tim-kiem")
    page.wait_for_function("window.htmx !== undefined")
    page.evaluate("window.__marker = 1")
    page.locator("#q2").press_sequentially("xyzzy")
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("q") == ["xyzzy"], timeout=5_000)
    page.locator("#ket-qua", has_text="xyzzy").wait_for(timeout=5_000)
    assert page.evaluate("window.__marker") == 1, "typing in #q2 reloaded the page"
    assert page.locator("#ket-qua header, #ket-qua h1").count() == 0, "#ket-qua received a whole page"
    assert page.locator("header").count() == 1, "the page now has two headers"
