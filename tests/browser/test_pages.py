"""Every discovered public page in a real browser, in both languages, with JavaScript on and off:
axe-core, first-view requests, console/CSP errors, reflow at 320 px, text size, target size
and a visible focus ring.

Each page is opened once per (language, JS mode) in a fresh context (empty cache); the
measurements are kept and each test below asserts one of them over all pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE, new_context
from tests.browser.crawl import LOCALES, crawled

pytestmark = pytest.mark.browser

MAX_REQUESTS = 3
NARROW = {"width": 320, "height": 640}
MIN_TARGET = 44
NOSCRIPT = re.compile(r"</?noscript[^>]*>", re.I)
AXE = Axe()

TARGETS_JS = """(minimum) => {
  const sel = ['header', 'nav', 'main form', 'footer'].map(scope =>
    ['a[href]', 'button', 'input:not([type=hidden])', 'select', 'textarea', 'summary']
      .map(tag => `${scope} ${tag}`).join(', ')).join(', ');
  const small = [];
  for (const el of new Set(document.querySelectorAll(sel))) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || !el.getClientRects().length) continue;
    // WCAG 2.5.8 inline exception: a link inside a paragraph of running text.
    if (el.tagName === 'A' && el.closest('p') && style.display === 'inline') continue;
    let box = el.getBoundingClientRect();
    if ((el.type === 'checkbox' || el.type === 'radio') && el.labels && el.labels.length) {
      box = el.labels[0].getBoundingClientRect();  // the label is the target
    }
    if (box.height < minimum) small.push(`${el.outerHTML.slice(0, 140)} is ${box.height.toFixed(1)} px tall`);
  }
  return small;
}"""

TEXT_JS = """() => {
  const style = getComputedStyle(document.body);
  return {size: parseFloat(style.fontSize), line: style.lineHeight};
}"""

FOCUS_JS = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {tag: el.tagName, html: el.outerHTML.slice(0, 120), width: parseFloat(style.outlineWidth) || 0,
          style: style.outlineStyle};
}"""


@dataclass
class Visit:
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    scroll_width: int = 0
    font_size: float = 0
    line_height: str = ""
    small_targets: list[str] = field(default_factory=list)
    focus: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Visit({self.url!r})"


def axe_violations(browser, base_url: str, page, js: str) -> list[dict]:
    """axe-core's violations on the page as shown.

    axe-core runs on promises and timers, which Chromium stops when JavaScript is disabled
    (Axe().run would never return), so the no-JavaScript DOM is audited in a scripting context
    that serves the DOM snapshot (with <noscript> content shown) and blocks the site's scripts.
    """
    if js == "js":
        return AXE.run(page).response["violations"]
    snapshot, target = NOSCRIPT.sub("", page.content()), page.url
    audit = new_context(browser, base_url, "js", viewport=page.viewport_size)
    try:
        audit.route("**/*", lambda route: route.abort() if route.request.resource_type == "script"
                    else route.continue_())
        tab = audit.new_page()
        tab.route(lambda url: url == target, lambda route: route.fulfill(response=route.fetch(), body=snapshot))
        tab.goto(target)
        return AXE.run(tab).response["violations"]
    finally:
        audit.close()


def _console(result: Visit, message, document: str) -> None:
    """Keep errors, except the document's own status (a 404 page is meant to answer 404;
    the crawler checks every status)."""
    if message.type != "error":
        return
    if message.text.startswith("Failed to load resource") and message.location.get("url") == document:
        return
    result.errors.append(message.text)


def visit(browser, base_url: str, url: str, locale: str, js: str) -> Visit:
    context = new_context(browser, base_url, js, locale)
    result = Visit(url)
    try:
        page = context.new_page()
        page.on("request", lambda request: result.requests.append(request.url)
                if not request.url.startswith("data:") else None)
        page.on("console", lambda message: _console(result, message, base_url + url))
        page.on("pageerror", lambda exc: result.errors.append(f"uncaught: {exc}"))
        page.goto(url, wait_until="networkidle" if js == "js" else "load")
        text = page.evaluate(TEXT_JS)
        result.font_size, result.line_height = text["size"], text["line"]
        result.small_targets = page.evaluate(TARGETS_JS, MIN_TARGET)
        page.set_viewport_size(NARROW)
        result.scroll_width = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(PHONE)
        page.keyboard.press("Tab")
        result.focus = page.evaluate(FOCUS_JS)
        result.errors = list(result.errors)  # before axe adds its own script
        result.violations = axe_violations(browser, base_url, page, js)
    finally:
        context.close()
    return result


_SURVEYS: dict[tuple[str, str], list[Visit]] = {}


@pytest.fixture
def survey(app, browser, live_server):
    """Visits of every crawled page for (locale, js), made once per session."""

    def get(locale: str, js: str) -> list[Visit]:
        key = (locale, js)
        if key not in _SURVEYS:
            from tests.content import ensure_sample_content

            ensure_sample_content(app)
            urls = crawled(app, locale).urls_per_template()
            _SURVEYS[key] = [visit(browser, live_server, url, locale, js) for url in urls]
        return _SURVEYS[key]

    return get


def _check(visits: list[Visit], locale: str, js: str, what: str, problem) -> None:
    found = [f"[{locale}/{js}] {v.url}: {message}" for v in visits if (message := problem(v))]
    assert not found, f"{what} on {len(found)} page(s):\n" + "\n".join(found)


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        nodes = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                          for node in v["nodes"][:6])
        lines.append(f"  {v['id']} ({v.get('impact')}): {v['help']} [{len(v['nodes'])} node(s): {nodes}]")
    return "\n" + "\n".join(lines) if lines else ""


@pytest.mark.parametrize("locale", LOCALES)
def test_axe_finds_no_violations(survey, locale, js):
    _check(survey(locale, js), locale, js, "axe-core violations", lambda v: _describe(v.violations))


@pytest.mark.parametrize("locale", LOCALES)
def test_first_view_requests(survey, locale, js, live_server):
    host = urlsplit(live_server).netloc

    def problem(v: Visit) -> str:
        foreign = [url for url in v.requests if urlsplit(url).netloc != host]
        if foreign:
            return f"requests to other hosts: {foreign}"
        # A step opened with ?hinh=1 is the resident asking for its picture: that picture is
        # the answer to a request, not part of the first view.
        asked = "hinh=1" in urlsplit(v.url).query
        counted = [url for url in v.requests if not (asked and urlsplit(url).path.startswith("/media/public/lessons/"))]
        if len(counted) > MAX_REQUESTS:
            return f"{len(counted)} requests > {MAX_REQUESTS}: {counted}"
        return ""

    _check(survey(locale, js), locale, js, "first-view request budget broken", problem)


@pytest.mark.parametrize("locale", LOCALES)
def test_no_console_errors_or_csp_violations(survey, locale, js):
    _check(survey(locale, js), locale, js, "console errors", lambda v: "; ".join(v.errors))


@pytest.mark.parametrize("locale", LOCALES)
def test_reflows_at_320px(survey, locale, js):
    _check(survey(locale, js), locale, js, "horizontal scrolling at 320 px",
           lambda v: f"scrollWidth {v.scroll_width} > 320" if v.scroll_width > NARROW["width"] else "")


@pytest.mark.parametrize("locale", LOCALES)
def test_body_text_size_and_line_height(survey, locale, js):
    def problem(v: Visit) -> str:
        line = float(v.line_height[:-2]) if v.line_height.endswith("px") else 0.0
        if v.font_size < 18:
            return f"body font-size {v.font_size}px < 18px"
        if line < 1.5 * v.font_size:
            return f"body line-height {v.line_height} < 1.5 × {v.font_size}px"
        return ""

    _check(survey(locale, js), locale, js, "body text too small or too tight", problem)


@pytest.mark.parametrize("locale", LOCALES)
def test_targets_are_44px_tall(survey, locale, js):
    _check(survey(locale, js), locale, js, f"targets under {MIN_TARGET} px",
           lambda v: "\n    " + "\n    ".join(v.small_targets) if v.small_targets else "")


@pytest.mark.parametrize("locale", LOCALES)
def test_first_tab_shows_a_focus_ring(survey, locale, js):
    def problem(v: Visit) -> str:
        f = v.focus
        if f.get("tag") != "A":
            return f"the first Tab focused {f.get('html')!r}, not a link"
        if f["width"] < 2 or f["style"] in ("none", "hidden"):
            return f"focus outline is {f['width']}px {f['style']} on {f['html']!r}"
        return ""

    _check(survey(locale, js), locale, js, "no visible focus ring", problem)
