""""Nói thay vì gõ" on a 320 × 640 phone: folded into one line until opened, with JavaScript off
(a plain <details>) and on, so the category, the title and "Tiếp tục" are no longer pushed down
by its 440-510 px when open; it opens by itself when it has something to say; no sideways scroll."""

from __future__ import annotations

import pytest

from tests.browser.conftest import new_context

pytestmark = pytest.mark.browser
NARROW = {"width": 320, "height": 640}
FORM = "/phan-anh/gui?don-vi=11311"
MEASURE = """() => ({voice: document.querySelector('#noi').getBoundingClientRect().height,
  next: document.querySelector('#noi').nextElementSibling.getBoundingClientRect().top + scrollY,
  top: document.querySelector('#noi').getBoundingClientRect().top + scrollY,
  scrollWidth: document.documentElement.scrollWidth})"""


@pytest.mark.parametrize("js", ["nojs", "js"])
def test_the_voice_block_is_one_line_until_opened(browser, live_server, js, tmp_path_factory):
    shots = tmp_path_factory.mktemp("shots")
    context = new_context(browser, live_server, js, viewport=NARROW)
    page = context.new_page()
    try:
        page.goto(FORM)
        folded = page.evaluate(MEASURE)
        assert folded["voice"] <= 90, folded  # one summary line (two at most), was 444 px (JS off), 509 px (on)
        assert folded["next"] - folded["top"] <= 120, folded  # the category follows at once
        assert folded["scrollWidth"] <= 320, folded
        assert not page.is_visible("#recording")
        page.screenshot(path=str(shots / f"folded-{js}.png"))
        page.click("#noi summary")  # a tap opens it, JavaScript or not
        assert page.is_visible("#recording") and page.is_visible("button[value=ghi-am]")
        if js == "js":
            page.wait_for_selector(".recorder button")
            assert page.is_visible(".recorder button")
        opened = page.evaluate(MEASURE)
        assert opened["voice"] > 300 and opened["scrollWidth"] <= 320, opened
        page.locator("#noi").screenshot(path=str(shots / f"opened-{js}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("js", ["nojs", "js"])
def test_it_opens_by_itself_with_a_refusal(browser, live_server, js):
    context = new_context(browser, live_server, js, viewport=NARROW)
    page = context.new_page()
    try:
        page.goto(FORM)
        page.click("#noi summary")
        page.set_input_files("#recording", files=[{"name": "ghi-am.mp3", "mimeType": "audio/mpeg",
                                                    "buffer": b"not a recording at all " * 20}])
        page.click("button[value=ghi-am]")
        page.wait_for_selector("#recording-error")
        assert page.is_visible("#recording-error") and "Không đọc được tệp này" in page.inner_text("#recording-error")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
