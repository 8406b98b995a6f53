"""The record button (static/js/recorder.js) in Chromium with a fake microphone: "Bấm để nói",
then "Dừng", by keyboard; the recording lands in the form's own file field and goes up the
same server path as a chosen file (petition and spoken question); it stops by itself at the
limit; without MediaRecorder, or with JavaScript off, only the plain file field is there."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import new_context
from tests.browser.test_pages import axe_violations
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser
FAKE_MICROPHONE = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]
ECHO = "tests.speech_input.fakes:Echo"
FORM = "/phan-anh/gui?don-vi=11311"


@pytest.fixture(scope="module")
def chromium(playwright_instance):
    """Chromium whose microphone is a test tone and whose permission prompt says yes."""
    launched = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + FAKE_MICROPHONE)
    yield launched
    launched.close()


@pytest.fixture
def tab(chromium, live_server, request):
    context = new_context(chromium, live_server, getattr(request, "param", "js"))
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(f"uncaught: {exc}"))
    yield page
    context.close()


def record(page, seconds: float = 2.0) -> None:
    """Open "Nói thay vì gõ" (the petition form folds it), start and stop by keyboard, as someone
    who cannot use a pointer would."""
    if page.locator("details#noi:not([open]) summary").count():
        page.focus("#noi summary")
        page.keyboard.press("Enter")
    button = page.get_by_role("button", name="Bấm để nói")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".recorder [role=status]:has-text('Đang ghi âm')")
    page.wait_for_timeout(seconds * 1000)
    stop = page.get_by_role("button", name="Dừng")
    assert stop.evaluate("b => b === document.activeElement")  # the focus stays on the same button
    page.keyboard.press("Enter")
    page.wait_for_selector(".recorder [role=status]:has-text('Đã ghi xong')")


def test_a_petition_recorded_in_the_browser_goes_up_the_file_field_and_is_read_back(app, tab, monkeypatch):
    monkeypatch.setitem(app.config, "RECOGNIZER", ECHO)
    response = tab.goto(FORM)
    assert "microphone=(self)" in response.headers["permissions-policy"]
    tab.wait_for_selector(".recorder button", state="attached")
    tab.click("#noi summary")
    assert axe_violations(None, None, tab, "js") == []
    record(tab)
    chosen = tab.evaluate("() => { const f = document.querySelector('#recording').files[0];"
                          " return f && [f.name, f.type, f.size]; }")
    assert chosen and chosen[0].startswith("ghi-am.") and chosen[1].startswith("audio/") and chosen[2] > 1000, chosen
    assert tab.get_by_role("button", name="Ghi lại").is_visible()
    tab.fill("#phone", "0912 000 555")
    with tab.expect_navigation(url=re.compile(r".*/phan-anh/ghi-am/[0-9a-f]{32}$"), timeout=60_000):
        tab.click("button[value=ghi-am]", no_wait_after=True)
    tab.wait_for_selector("#body", timeout=30_000)
    assert "đèn đường" in tab.input_value("#body").lower()  # the recogniser got the browser's recording
    # Chrome's WebM states no duration: the length is the decoded sound's (it once said 1 s).
    seconds = int(re.search(r"Đã đính kèm bản ghi âm \((\d+) giây\)", tab.content()).group(1))
    assert 2 <= seconds <= 8, seconds
    assert tab.input_value("#phone") == "0912 000 555"
    # "Nghe lại" with htmx: the player comes into the page, the form stays as typed.
    tab.fill("#body", "Đèn đường ở ngõ năm hỏng đã một tháng, xin sửa giúp bà con trong ngõ.")
    tab.get_by_role("button", name="Nghe lại").click()
    tab.wait_for_selector("#nghe-lai audio source[type='audio/mpeg']", state="attached", timeout=30_000)
    assert tab.input_value("#body").startswith("Đèn đường ở ngõ năm")
    mp3 = tab.get_attribute("#nghe-lai audio source[type='audio/mpeg']", "src")
    assert tab.request.get(mp3).status == 200
    assert tab.errors == []


def test_a_browser_that_records_only_mp4_sends_an_m4a_the_server_takes(app, tab, monkeypatch, session):
    """Safari and iOS record audio/mp4 only: the button asks MediaRecorder what it can record and
    names the file after it; the server judges it by content and decodes it."""
    from sqlalchemy import select

    from portal.petitions.models import PetitionRecording

    monkeypatch.setitem(app.config, "RECOGNIZER", ECHO)
    tab.add_init_script("const can = MediaRecorder.isTypeSupported.bind(MediaRecorder);"
                        "MediaRecorder.isTypeSupported = t => t.startsWith('audio/mp4') && can(t);")
    tab.goto(FORM)
    record(tab, 2.5)
    chosen = tab.evaluate("() => { const f = document.querySelector('#recording').files[0]; return [f.name, f.type]; }")
    assert chosen == ["ghi-am.m4a", "audio/mp4"], chosen
    with tab.expect_navigation(url=re.compile(r".*/phan-anh/ghi-am/[0-9a-f]{32}$"), timeout=60_000):
        tab.click("button[value=ghi-am]", no_wait_after=True)
    tab.wait_for_selector("#body", timeout=30_000)
    [recording] = session.scalars(select(PetitionRecording)).all()
    assert recording.key.endswith(".m4a") and recording.mimetype == "audio/mp4" and 2 <= recording.seconds <= 9
    assert tab.errors == []


def test_recording_stops_by_itself_at_the_limit(tab):
    tab.clock.install()
    tab.goto(FORM)
    tab.click("#noi summary")
    tab.get_by_role("button", name="Bấm để nói").click()
    tab.wait_for_selector(".recorder [role=status]:has-text('Đang ghi âm')")
    tab.clock.fast_forward("03:01")
    tab.wait_for_selector(".recorder [role=status]:has-text('Đã ghi xong (3:0')")
    assert tab.evaluate("() => document.querySelector('#recording').files.length") == 1
    assert tab.errors == []


def test_a_spoken_question_recorded_on_the_search_page_is_searched(app, tab, monkeypatch):
    monkeypatch.setitem(app.config, "RECOGNIZER", ECHO)
    monkeypatch.setenv("ECHO_TEXT", "bảo hiểm y tế cho người cao tuổi")
    tab.goto("/tim-kiem")
    record(tab, 1.5)
    tab.get_by_role("button", name="Tìm bằng giọng nói").click()
    tab.wait_for_selector("text=Cổng đã nghe")
    assert tab.input_value("#q2") == "bảo hiểm y tế cho người cao tuổi"
    assert tab.errors == []


def test_after_a_timeout_the_recording_is_still_in_the_field_to_try_again(app, tab, monkeypatch):
    """A busy box: "took too long" in Vietnamese, the question typed before kept, and (with
    JavaScript) the recording put back in the field, so the resident need not speak again."""
    monkeypatch.setitem(app.config, "RECOGNIZER", "tests.speech_input.fakes:Hanging")
    monkeypatch.setitem(app.config, "SPOKEN_QUESTION_TIME_LIMIT", 2)
    tab.goto("/tim-kiem?q=b%E1%BA%A3o+hi%E1%BB%83m")
    record(tab, 1.5)
    tab.get_by_role("button", name="Tìm bằng giọng nói").click()
    tab.wait_for_selector("#noi-loi:has-text('mất quá lâu')", timeout=30_000)
    assert tab.input_value("#q2") == "bảo hiểm"
    assert tab.evaluate("() => document.querySelector('#giong-noi').files.length") == 1
    assert "vẫn còn trong ô" in tab.inner_text(".recorder [role=status]")
    monkeypatch.setitem(app.config, "RECOGNIZER", ECHO)
    monkeypatch.setenv("ECHO_TEXT", "bảo hiểm y tế cho người cao tuổi")
    tab.get_by_role("button", name="Tìm bằng giọng nói").click()
    tab.wait_for_selector("text=Cổng đã nghe", timeout=30_000)
    assert tab.input_value("#q2") == "bảo hiểm y tế cho người cao tuổi"
    assert tab.evaluate("() => document.querySelector('#giong-noi').files.length") == 0  # not kept after success
    assert tab.errors == []


def test_a_refused_microphone_says_so_and_leaves_the_file_field(tab):
    tab.add_init_script("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', "
                        "'NotAllowedError'));")
    tab.goto(FORM)
    tab.click("#noi summary")
    tab.get_by_role("button", name="Bấm để nói").click()
    tab.wait_for_selector(".recorder [role=status]:has-text('Không dùng được micrô')")
    assert tab.is_visible("#recording") and tab.errors == []


def test_without_media_recorder_only_the_file_field_is_there(tab):
    tab.add_init_script("delete window.MediaRecorder;")
    tab.goto(FORM)
    tab.wait_for_function("() => window.htmx !== undefined")
    tab.click("#noi summary")
    assert tab.locator(".recorder").count() == 0 and tab.is_visible("#recording")
    assert tab.errors == []


@pytest.mark.parametrize("tab", ["nojs"], indirect=True)
def test_without_javascript_the_plain_field_records(tab):
    tab.goto(FORM)
    field = tab.locator("#recording")
    assert field.get_attribute("accept") == "audio/*" and field.get_attribute("capture") is not None
    assert tab.locator(".recorder").count() == 0
    tab.goto("/tim-kiem")
    assert tab.locator("input[type=file][name=giong-noi]").count() == 1
