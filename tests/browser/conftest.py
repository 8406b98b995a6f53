"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright (sync API).

Every browser test runs twice: with JavaScript on ("js") and off ("nojs").
A missing browser fails the run: skipped tests are not allowed in this project.
"""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (other browser tests import them from here)

PHONE = {"width": 360, "height": 640}
JS_MODES = ("js", "nojs")


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code="-", size="-") -> None:  # errors are still logged
        pass


@pytest.fixture(scope="session")
def live_server(app):
    """The test app served by werkzeug in a daemon thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def new_context(browser, base_url: str, js: str, locale: str | None = None, viewport: dict | None = None):
    """A fresh context (empty cache, no cookies) with JavaScript on or off, phone-sized."""
    context = browser.new_context(base_url=base_url, java_script_enabled=(js == "js"),
                                  viewport=viewport or PHONE)
    context.set_default_timeout(10_000)
    if locale:
        context.add_cookies([{"name": "lang", "value": locale, "url": base_url}])
    return context


@pytest.fixture(params=JS_MODES)
def js(request) -> str:
    return request.param


@pytest.fixture
def context(browser, live_server, js):
    ctx = new_context(browser, live_server, js)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page that collects console errors (CSP violations among them) in `page.errors`."""
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    tab.errors = errors
    return tab
