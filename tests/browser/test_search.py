"""Search and the question helper in Chromium: a plain GET form without JavaScript; with htmx,
results that follow the typing without a page load. axe-core on both pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.search import index
from portal.search.backend import current
from portal.search.registry import registry
from tests.browser.test_pages import axe_violations
from tests.search.corpus import DOCS

pytestmark = pytest.mark.browser


@pytest.fixture
def corpus(app):
    with app.app_context():
        backend = current()
    index.rebuild(backend, DOCS)
    yield
    with app.app_context():
        index.rebuild(backend, registry.all_documents())


def test_resident_searches_without_diacritics(page, js, corpus, browser, live_server):
    page.goto("/")
    page.fill("#tim", "lua dao qua mang")
    with page.expect_navigation():
        page.press("#tim", "Enter")
    results = page.locator("#ket-qua ol.results li > a")
    expect(results.first).to_be_visible()
    urls = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert {"/hoc-so/an-toan/nhan-biet-lua-dao", "/ban-tin/canh-giac-lua-dao",
            "/thu-vien/cam-nang-lua-dao-truc-tuyen"} <= set(urls[:3]), f"[{js}] {urls}"
    expect(page.locator("#ket-qua mark").first).to_have_text("lừa")
    page.click("details.filters-fold summary")  # the filters fold away under the results' search box
    page.select_option("#loai", "document")
    if js == "nojs":
        with page.expect_navigation():
            page.click("form.search-page button[type=submit]")
    expect(page.locator("#ket-qua ol.results li > a").first).to_have_attribute(
        "href", "/thu-vien/cam-nang-lua-dao-truc-tuyen")
    hrefs = page.locator("#ket-qua ol.results li > a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    assert all(h.startswith("/thu-vien/") for h in hrefs), f"[{js}] {hrefs}"
    assert "loai=document" in page.url
    assert not axe_violations(browser, live_server, page, js), f"[{js}] axe-core violations"
    assert not page.errors, page.errors


@pytest.mark.parametrize("js", ["js"])
def test_results_follow_the_typing_with_htmx(page, corpus):
    page.goto("/tim-kiem")
    page.evaluate("window.stillTheSamePage = true")
    page.locator("#q2").press_sequentially("vneid mu", delay=40)
    expect(page.locator("#ket-qua ol.results li > a").first).to_have_attribute(
        "href", "/hoc-so/dich-vu-cong/vneid-muc-2")
    assert page.evaluate("window.stillTheSamePage === true"), "the page was reloaded"
    assert "q=vneid" in page.url  # the address can be shared or bookmarked
    assert not page.errors, page.errors


def test_resident_asks_a_question(page, js, corpus, browser, live_server):
    page.goto("/")
    page.fill("#hoi", "làm sao đăng ký VNeID mức 2?")
    with page.expect_navigation():
        page.click("form[action='/hoi-dap'] button")
    quote = page.locator("figure.quote").first
    expect(quote).to_contain_text("mang căn cước đến công an xã")
    expect(quote.locator("a")).to_have_attribute("href", "/hoc-so/dich-vu-cong/vneid-muc-2")
    page.fill("#hoi", "giá vàng hôm nay bao nhiêu")
    if js == "js":
        page.click("form[action='/hoi-dap'] button")
    else:
        with page.expect_navigation():
            page.click("form[action='/hoi-dap'] button")
    expect(page.locator("#tra-loi .empty")).to_be_visible()
    assert not axe_violations(browser, live_server, page, js), f"[{js}] axe-core violations"
    assert not page.errors, page.errors


@pytest.mark.parametrize("size", ["thuong", "lon"])
@pytest.mark.parametrize("mode", ["js", "nojs"])
def test_on_a_phone_the_first_result_comes_before_the_filters(browser, live_server, corpus, size, mode):
    """320 px wide: the filters are folded (a details element, no JavaScript needed), so the first
    result shows on the first screen (it was three screens down, below the filters)."""
    from tests.browser.conftest import new_context

    context = new_context(browser, live_server, mode, viewport={"width": 320, "height": 640})
    if size == "lon":
        context.add_cookies([{"name": "chu", "value": "lon", "url": live_server}])
    try:
        tab = context.new_page()
        tab.goto("/tim-kiem?q=vneid")
        first = tab.locator("#ket-qua ol.results li").first.bounding_box()
        assert first is not None and first["y"] < 640, first
        assert not tab.locator("#loai").is_visible()
        tab.click("details.filters-fold summary")
        assert tab.locator("#loai").is_visible()
    finally:
        context.close()
