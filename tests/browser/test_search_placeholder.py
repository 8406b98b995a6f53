"""The header search box's hint fits a 320-px phone whole, in normal and large text, both languages
(it was cut to "Tìm, ví dụ:")."""

import pytest

from tests.browser.conftest import new_context

NARROW = {"width": 320, "height": 640}

# The placeholder's text drawn in the input's own font, against the input's width inside its padding.
MEASURE = """() => {
  const input = document.querySelector('#tim');
  const style = getComputedStyle(input);
  const probe = document.createElement('span');
  probe.textContent = input.placeholder;
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre';
  for (const p of ['font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing']) {
    probe.style.setProperty(p, style.getPropertyValue(p));
  }
  document.body.appendChild(probe);
  const text = probe.getBoundingClientRect().width;
  probe.remove();
  const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {text, inner, placeholder: input.placeholder};
}"""


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("size", ["thuong", "lon"])
def test_header_search_hint_fits_at_320_px(browser, live_server, locale, size):
    # JavaScript on only to measure; the hint is plain HTML, the same without it.
    context = new_context(browser, live_server, "js", locale=locale, viewport=NARROW)
    if size == "lon":
        context.add_cookies([{"name": "chu", "value": "lon", "url": live_server}])
    try:
        tab = context.new_page()
        tab.goto("/")
        found = tab.evaluate(MEASURE)
        assert found["placeholder"].strip()
        assert found["text"] <= found["inner"], found
    finally:
        context.close()
