"""Hostile text typed into every text field, then shown in Chromium with JavaScript on.

A corpus of classic XSS payloads goes through the real forms (filled and sent in the browser)
of residents, handlers, editors and team members, and through the GET boxes (search, question
helper, petition look-up). Every page where the text comes back, public and staff, is then
checked in the browser: nothing the payloads would do has happened (no request to /xss/..., no
dialog, no uncaught error), no element or attribute they carry exists in the DOM (escaping
held, not only the Content-Security-Policy), no `javascript:` link, no template evaluated
(`{{7*7}}` is not 49), and the Content-Security-Policy reported no violation: neither a
`securitypolicyviolation` event nor a console error.

Only with JavaScript on: with it off nothing could run, and the htmx enhancement (boosted
forms and links, fragments swapped in) is part of what is checked.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest

from tests.browser.conftest import new_context
from tests.conftest import current_code

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
SLOW = 180_000  # publishing makes speech audio and indexes in the request (jobs run at once in tests)
HOME = "11311"  # Phường Hồng Bàng, Hải Phòng

# Each payload, if the browser ever treated it as markup, would request /xss/<n> (watched),
# or leave an element or attribute named data-xss / on* (looked for), or show "ssti49".
PAYLOADS = [
    '"><b/xss>',  # for the shortest fields: parsed as markup, it is a <b> with an attribute "xss"
    '"><i data-xss>',
    "<script>fetch('/xss/1')</script>",
    "<img src=x onerror=fetch('/xss/2') data-xss>",
    "\"><svg onload=fetch('/xss/3') data-xss>",
    "'><img src=/xss/4 data-xss>",
    "\" autofocus onfocus=fetch('/xss/5') data-xss=\"",
    "</textarea><img src=/xss/6 data-xss>",
    "</title><img src=/xss/7 data-xss>",
    "<a href=\"javascript:fetch('/xss/8')\" data-xss>a</a>",
    "[md](javascript:fetch('/xss/9'))",
    "[md](JaVaScRiPt:fetch('/xss/10'))",
    "[md](&#106;avascript:fetch('/xss/11'))",
    "<div hx-get=/xss/12 hx-trigger=load data-xss>h</div>",
    "<b hx-on:htmx:load=fetch('/xss/13') data-xss>b</b>",
    "ssti{{7*7}} ssti${7*7} ssti#{7*7}",
    "<iframe src=/xss/15 data-xss></iframe>",
    "<svg><script>fetch('/xss/16')</script></svg>",
    "&lt;img src=/xss/17 data-xss&gt;",
    "%3Cimg%20src%3D%2Fxss%2F18%20data-xss%3E",
    "\uff1cimg src=/xss/19 data-xss\uff1e",
    "<style>@import'/xss/20'</style>",
    "<details open ontoggle=fetch('/xss/21') data-xss>",
    "<math><mtext><table><mglyph><style><img src=/xss/22 data-xss>",
    '<meta http-equiv=refresh content="0;url=/xss/23" data-xss>',
    "javascript:fetch('/xss/24')",
    "<object data=/xss/25 data-xss></object>",
]
# Markdown's own ways to a link or an image (bulletin bodies and lesson steps are Markdown).
MARKDOWN = "\n\n".join([
    "[md link](javascript:fetch('/xss/30'))",
    "[md data](data:text/html;base64,PHNjcmlwdD5mZXRjaCgnL3hzcy8zMScpPC9zY3JpcHQ+)",
    "<javascript:fetch('/xss/32')>",
    "[ref link][r]\n\n[r]: javascript:fetch('/xss/33')",
    "<img src=/xss/34 data-xss>",
    "```html\n<script>fetch('/xss/35')</script>\n```",
    "| a | b |\n|---|---|\n| <img src=/xss/36 data-xss> | \"><svg onload=fetch('/xss/37')> |",
])
SEEN = "/xss/"  # the watched path
SHOWN = re.compile(r"data-xss|/xss[/>]|%2Fxss%2F")  # what every payload shows when it is rendered as text


def pack(limit: int, start: int = 0, tail: str = "") -> str:
    """As many payloads as fit in `limit` characters, from `start` on (fields see different ones)."""
    chosen: list[str] = []
    size = len(tail)
    for i in range(len(PAYLOADS)):
        payload = PAYLOADS[(start + i) % len(PAYLOADS)]
        extra = len(payload) + (1 if chosen or tail else 0)
        if size + extra <= limit:
            chosen.append(payload)
            size += extra
    assert chosen, f"no payload fits in {limit} characters"
    return " ".join(chosen) + (f" {tail}" if tail else "")


ALL = " ".join(PAYLOADS)

PROBE = """() => {
  const bad = [], urls = /^(href|src|action|formaction|data|xlink:href|poster|background|cite|srcset)$/;
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value;
      if (name.startsWith('on') || name.includes('xss')) bad.push(`<${tag} ${name}>`);
      else if (urls.test(name) && /^\\s*(javascript|vbscript):/i.test(value)) bad.push(`<${tag} ${name}=${value}>`);
      else if (/^(href|action|formaction|data)$/.test(name) && /^\\s*data:/i.test(value)
               && !(tag === 'link' && el.rel === 'icon')) bad.push(`<${tag} ${name}=${value}>`);
      else if (name.startsWith('hx-') && /\\/xss\\//.test(value)) bad.push(`<${tag} ${name}=${value}>`);
    }
  }
  for (const el of document.querySelectorAll('script:not([src]), style, iframe, object, embed, base, meta[http-equiv]'))
    bad.push(`<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 80)}`);
  const values = [...document.querySelectorAll('input, textarea')].map(el => el.value).join(' ');
  return {bad, csp: window.__csp || [], text: (document.body ? document.body.innerText : '') + ' ' + values,
          title: document.title};
}"""

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
"""


class Watch:
    """Everything a context saw that a payload could have caused."""

    def __init__(self, context) -> None:
        self.hits: list[str] = []  # requests to /xss/...
        self.dialogs: list[str] = []
        self.errors: list[str] = []  # console errors (CSP reports among them) and uncaught exceptions
        context.add_init_script(LISTEN)
        context.on("request", self._request)

    def _request(self, request) -> None:
        if urlsplit(request.url).path.startswith(SEEN):
            self.hits.append(request.url)

    def page(self, context):
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        tab.on("console", self._console)
        tab.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        return tab

    def _console(self, message) -> None:
        if message.type != "error":
            return
        # A page that answers 4xx on purpose (a wrong look-up code) logs its own status.
        if message.text.startswith("Failed to load resource") and SEEN not in message.location.get("url", ""):
            return
        self.errors.append(message.text)


def check(watch: Watch, page, where: str, shown: bool = True) -> None:
    """Nothing ran, nothing was injected, no CSP violation; `shown`: the payloads are on the page as text."""
    page.wait_for_load_state("networkidle")
    found = page.evaluate(PROBE)
    problems = []
    if found["bad"]:
        problems.append(f"markup from the payloads in the DOM: {found['bad'][:8]}")
    if found["csp"]:
        problems.append(f"securitypolicyviolation: {found['csp']}")
    if watch.hits:
        problems.append(f"requests made by payloads: {watch.hits}")
    if watch.dialogs:
        problems.append(f"dialogs opened: {watch.dialogs}")
    if watch.errors:
        problems.append(f"console errors: {watch.errors}")
    if "ssti49" in found["text"] or "ssti49" in found["title"]:
        problems.append("a template expression was evaluated (ssti49)")
    if shown and not SHOWN.search(found["text"]):
        problems.append("the payloads are not on the page, so this check proved nothing")
    assert not problems, f"{where} ({page.url}):\n  " + "\n  ".join(problems)


def fill_and_send(page, form: str, values: dict, button: str = "button[type=submit]", fragment: bool = False) -> None:
    """Fill the named fields of `form` (a selector) and send it with `button`, in the browser;
    `fragment`: htmx swaps a part of the page in, not a new <main>."""
    target = page.locator(form).first
    details = target.locator("xpath=ancestor::details[1]")
    if details.count() and not details.evaluate("d => d.open"):
        details.locator("summary").first.click()
    for name, value in values.items():
        field = target.locator(f"[name='{name}']").first
        kind = field.evaluate("el => el.tagName.toLowerCase() + ':' + (el.type || '')")
        if kind in ("input:checkbox", "input:radio"):
            target.locator(f"[name='{name}'][value='{value}']").check() if value is not True else field.check()
        elif kind.startswith("select"):
            field.select_option(**value) if isinstance(value, dict) else field.select_option(value)
        else:
            field.fill(value)
    page.evaluate("document.querySelector('main').dataset.sent = '1'")
    with page.expect_response(lambda r: r.request.method == "POST", timeout=SLOW):
        target.locator(button).first.click()
    if fragment:
        page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')",
                               timeout=SLOW)
    else:  # boosted by htmx (no navigation) or not: wait for a new <main>, the answer's
        page.wait_for_function("() => { const m = document.querySelector('main'); return m && !m.dataset.sent; }",
                               timeout=SLOW)
    page.wait_for_load_state("networkidle", timeout=SLOW)


@pytest.fixture
def browse(browser, live_server):
    """browse() -> (watch, page): a fresh JavaScript-on context whose every page is watched."""
    contexts = []

    def open_one():
        context = new_context(browser, live_server, "js")
        context.set_default_timeout(20_000)
        contexts.append(context)
        watch = Watch(context)
        return watch, watch.page(context)

    yield open_one
    for context in contexts:
        context.close()


def create_staff(app, email: str, role: str, unit: str | None, name: str) -> int:
    """A staff account made with the operators' command, its display name hostile."""
    from sqlalchemy import select

    from portal.accounts.models import User
    from portal.db import db

    args = ["create-user", email, "--role", role, "--name", name] + (["--unit", unit] if unit else [])
    result = app.test_cli_runner().invoke(args=args, env={"PORTAL_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def log_in(app, page, email: str, user_id: int | None = None) -> None:
    page.goto("/quan-tri/dang-nhap")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    if user_id is not None:  # administrators answer the two-step code
        page.wait_for_url("**/ma-xac-thuc")
        page.fill("#code", current_code(app, user_id))
        page.click("main form button[type=submit]")
    page.wait_for_url("**/quan-tri/")


def petition_code(page) -> str:
    return page.inner_text("p.code").strip()


def test_petition_fields_resident_and_handler(app, browse):
    from tests.petitions.factories import make_petition

    watch, page = browse()
    # The resident, through the form: first with a phone and an e-mail that are not valid,
    # so the page comes back with every value kept in its field.
    page.goto(f"/phan-anh/gui?don-vi={HOME}")
    check(watch, page, "petition form", shown=False)
    texts = {"title": pack(150, 1), "body": ALL, "name": pack(120, 3), "phone": pack(20),
             "email": pack(60, 0, "@x.vn")}
    fill_and_send(page, "main form.form", {"category": "ha-tang", **texts, "consent_public": True},
                  "button[value=xem-truoc]")
    assert page.locator(".field.has-error #phone").count() == 1, "the invalid phone was accepted"
    check(watch, page, "petition form shown again with errors")
    fill_and_send(page, "main form.form", {"phone": "0912 000 555", "email": ""}, "button[value=xem-truoc]")
    page.wait_for_selector("#xem-truoc")
    check(watch, page, "petition preview")
    fill_and_send(page, "main form.form", {}, "button[value=gui]")
    page.wait_for_selector("p.code")
    check(watch, page, "petition receipt")
    code = petition_code(page)

    # Looking it up: a hostile code, a hostile secret, then the private details and a correction.
    page.goto(f"/phan-anh/tra-cuu?ma={quote(pack(30))}")
    check(watch, page, "look-up with a hostile code")
    page.goto(f"/phan-anh/tra-cuu?ma={code}")
    fill_and_send(page, "main form[action$='/xac-minh']", {"secret": pack(254, 7)})
    check(watch, page, "look-up with a hostile secret", shown=False)
    fill_and_send(page, "main form[action$='/xac-minh']", {"secret": "0555"})
    page.wait_for_selector("section[aria-labelledby=rieng]")
    check(watch, page, "private details")
    fill_and_send(page, "main form[action$='/sua']", {"title": pack(150, 9), "body": pack(5000, 11)})
    check(watch, page, "correction saved")

    # The handler, whose display name is hostile too.
    handler_id = create_staff(app, "xl-xss@example.org", "handler", HOME, pack(120, 13))
    assert handler_id
    other = make_petition(app, HOME, title=pack(150, 5), body=ALL)
    third = make_petition(app, HOME, title=pack(150, 8), body=pack(1000, 2))
    desk_watch, desk = browse()
    log_in(app, desk, "xl-xss@example.org")
    desk.goto("/quan-tri/phan-anh/")
    check(desk_watch, desk, "staff inbox")
    desk.goto(f"/quan-tri/phan-anh/?q={quote(pack(100, 4))}")
    check(desk_watch, desk, "staff inbox searched with a hostile query", shown=False)
    desk.goto("/quan-tri/phan-anh/")
    desk.click(f"a:has-text('{code}')")
    desk.wait_for_selector("form[action$='/nhan']")
    check(desk_watch, desk, "staff petition page")
    fill_and_send(desk, "form[action$='/nhan']", {})
    fill_and_send(desk, "form[action$='/ghi-chu']", {"note": pack(2000, 6)})
    check(desk_watch, desk, "internal note")
    fill_and_send(desk, "form[action$='/gop']", {"target_code": pack(20)})
    check(desk_watch, desk, "merge with a hostile code")
    assign = desk.locator("form[action$='/giao'] select option").all_inner_texts()
    fill_and_send(desk, "form[action$='/giao']", {"assignee": {"label": assign[-1]}})
    check(desk_watch, desk, "assigned to the hostile name")
    fill_and_send(desk, "form[action$='/tra-loi']", {"answer": ALL})
    check(desk_watch, desk, "answer saved")
    fill_and_send(desk, "form[action$='/loi-van']", {"public_title": pack(150, 10), "public_body": ALL})
    check(desk_watch, desk, "public wording saved")
    fill_and_send(desk, "form[action$='/cong-bo']", {})
    desk.wait_for_selector("form[action$='/an']")
    check(desk_watch, desk, "published")

    for url, what in ((f"/phan-anh/{code}", "public answer"), ("/phan-anh/", "public answers list"),
                      ("/", "home page"), (f"/tim-kiem?q={quote('xss')}", "search results"),
                      (f"/hoi-dap?q={quote('fetch xss data')}", "question helper")):
        page.goto(url)
        check(watch, page, what)

    fill_and_send(desk, "form[action$='/an']", {"hide_note": pack(500, 15)})
    check(desk_watch, desk, "public answer hidden")
    fill_and_send(desk, "form[action$='/hien']", {})
    check(desk_watch, desk, "public answer shown again")
    petition_page = desk.url

    # The resident asks for a review with a hostile reason; it goes to the province's handler.
    page.goto(f"/phan-anh/tra-cuu?ma={code}")
    fill_and_send(page, "main form[action$='/xem-xet-lai']", {"reason": pack(2000, 12)})
    check(watch, page, "review asked for")
    province_id = create_staff(app, "xl-tinh-xss@example.org", "handler", "31", pack(120, 19))
    assert province_id
    above_watch, above = browse()
    log_in(app, above, "xl-tinh-xss@example.org")
    above.goto(urlsplit(petition_page).path)
    above.wait_for_selector("form[action$='/nhan']")
    check(above_watch, above, "province handler reads the review")

    # A second petition transferred, a third rejected, each with a hostile reason.
    desk.goto(f"/quan-tri/phan-anh/{third}")
    fill_and_send(desk, "form[action$='/tu-choi']", {"reject_reason": "other", "reject_note": pack(1000, 16)})
    check(desk_watch, desk, "rejected with a public reason")
    desk.goto(f"/quan-tri/phan-anh/{other}")
    fill_and_send(desk, "form[action$='/chuyen']", {"unit_code": pack(10), "transfer_reason": pack(500, 17)})
    check(desk_watch, desk, "transfer to a hostile committee code")
    fill_and_send(desk, "form[action$='/chuyen']", {"unit_code": "31", "transfer_reason": pack(500, 17)})
    check(desk_watch, desk, "transferred")
    from portal.db import db
    from portal.petitions.models import Petition

    with app.app_context():
        codes = {pid: db.session.get(Petition, pid).code for pid in (other, third)}
    for pid, what in ((other, "transferred"), (third, "rejected")):
        page.goto(f"/phan-anh/tra-cuu?ma={codes[pid]}")
        check(watch, page, f"look-up of the {what} petition", shown=False)
        fill_and_send(page, "main form[action$='/xac-minh']", {"secret": "5678"})
        page.wait_for_selector("section[aria-labelledby=rieng]")
        check(watch, page, f"private details of the {what} petition")


def test_petition_entered_by_a_team_member_with_a_hostile_name(app, browse):
    create_staff(app, "to-xss@example.org", "team", HOME, pack(120, 14))
    watch, page = browse()
    log_in(app, page, "to-xss@example.org")
    page.goto(f"/phan-anh/gui?don-vi={HOME}")
    fill_and_send(page, "main form.form", {
        "category": "khac", "title": "Xin hỗ trợ đăng ký VNeID cho người già",
        "body": "Bà con trong tổ dân phố cần được hướng dẫn đăng ký VNeID mức 2 tại nhà văn hóa."},
        "button[value=xem-truoc]")
    fill_and_send(page, "main form.form", {}, "button[value=gui]")
    page.wait_for_selector("p.code")
    check(watch, page, "receipt naming the team member")


def test_bulletin_fields_editor_and_public(app, browse, make_user):
    editor = create_staff(app, "bt-xss@example.org", "editor", "31", pack(120, 18))
    assert editor
    watch, page = browse()
    log_in(app, page, "bt-xss@example.org")
    page.goto("/quan-tri/ban-tin/moi")
    values = {"title": pack(200, 1), "summary": pack(300, 4), "body": f"{ALL}\n\n{MARKDOWN}\n\nxssword",
              "unit_code": pack(10), "cover_alt": pack(200, 7)}
    fill_and_send(page, "main form.form", values)
    check(watch, page, "bulletin form shown again (bad committee code)")
    fill_and_send(page, "main form.form", {"unit_code": "31"})
    page.wait_for_selector("text=Đã lưu.")
    check(watch, page, "bulletin saved")
    edit_page = page.url
    page.click("main a:has-text('Xem trước')")
    page.wait_for_load_state("networkidle")
    check(watch, page, "bulletin preview")
    page.goto(edit_page)
    fill_and_send(page, "form.inline-form", {})
    page.wait_for_selector("text=Đã đăng.", timeout=SLOW)
    check(watch, page, "bulletin published")
    page.goto("/quan-tri/ban-tin/")
    page.locator("main table a").first.click()
    page.wait_for_load_state("networkidle")
    public = page.locator("main a:has-text('mở trang công khai')").get_attribute("href")
    for url, what in ((public, "bulletin page"), ("/ban-tin/", "bulletin list"), ("/", "home page"),
                      ("/tim-kiem?q=xssword", "search results"), ("/hoi-dap?q=xssword", "question helper")):
        page.goto(url)
        check(watch, page, what)
    page.goto(public)
    links = page.eval_on_selector_all("main .prose a", "els => els.map(a => a.getAttribute('href'))")
    assert all(href is None or re.match(r"(https?:|mailto:|tel:|/|#)", href) for href in links), links


def _id_in(url: str) -> int:
    return int(re.search(r"/(\d+)(?:[/?#]|$)", urlsplit(url).path + "/").group(1))


def test_library_fields_editor_and_public(app, browse):
    create_staff(app, "tv-xss@example.org", "editor", "31", pack(120, 20))
    watch, page = browse()
    log_in(app, page, "tv-xss@example.org")
    page.goto("/quan-tri/thu-vien/danh-muc")
    fill_and_send(page, "main form.form", {"name": pack(120, 21)})
    check(watch, page, "library section added")
    page.goto("/quan-tri/thu-vien/moi")
    category = page.locator("#category_id option").all_inner_texts()[-1]
    values = {"title": pack(200, 2) + " xssword", "kind": "guide", "issuer": pack(200, 5), "issued_on": pack(60, 1),
              "unit_code": "31", "category_id": {"label": category}, "tags": pack(300, 8), "summary": ALL}
    fill_and_send(page, "main form.form", values)
    check(watch, page, "library form shown again (bad date)")
    fill_and_send(page, "main form.form", {"issued_on": "2026-11-23"})
    page.wait_for_selector("text=Đã lưu.", timeout=SLOW)
    check(watch, page, "library item saved")
    page.goto(f"/quan-tri/thu-vien/{_id_in(page.url)}/xem-truoc")
    check(watch, page, "library preview")
    page.go_back()
    page.wait_for_load_state("networkidle")
    fill_and_send(page, "main form[action$='/dang']", {})
    page.wait_for_selector("text=Đã đăng.", timeout=SLOW)
    check(watch, page, "library item published")
    public = page.locator("main a:has-text('mở trang công khai')").get_attribute("href")
    for url, what in ((public, "library item page"), ("/thu-vien/", "library list"),
                      ("/thu-vien/?q=xssword", "library search"), ("/quan-tri/thu-vien/", "staff library list"),
                      ("/tim-kiem?q=xssword", "search results")):
        # (The question helper quotes a library item's reading pages, and this item has no file: the
        # helper's quotes are checked with the bulletin's and the petition's payloads.)
        page.goto(url)
        check(watch, page, what)


def test_lesson_fields_editor_team_and_resident(app, browse):
    create_staff(app, "hs-xss@example.org", "editor", "31", pack(120, 22))
    watch, page = browse()
    log_in(app, page, "hs-xss@example.org")
    page.goto("/quan-tri/hoc-so/khoa/moi")
    fill_and_send(page, "main form.form", {"title": pack(200, 3), "summary": pack(400, 6), "unit_code": pack(10)})
    check(watch, page, "course form shown again (bad committee code)")
    fill_and_send(page, "main form.form", {"unit_code": "31"})
    course = _id_in(page.url)
    check(watch, page, "course saved")
    page.goto(f"/quan-tri/hoc-so/khoa/{course}/bai/moi")
    fill_and_send(page, "main form.form", {"title": pack(200, 9) + " xssword", "summary": pack(400, 12),
                                           "minutes": "5"})
    lesson = _id_in(page.url)
    check(watch, page, "lesson saved")
    page.goto(f"/quan-tri/hoc-so/bai/{lesson}/buoc/moi")
    fill_and_send(page, "main form.form", {"title": pack(200, 15), "text": pack(3000, 18, MARKDOWN),
                                           "picture_alt": pack(300, 21)})
    check(watch, page, "step saved")
    for start in (4, 14):
        page.goto(f"/quan-tri/hoc-so/bai/{lesson}/cau-hoi/moi")
        choices = {}
        for i in range(2):
            choices[f"choices-{i}-text"] = pack(300, start + i)
            choices[f"choices-{i}-explanation"] = pack(600, start + 5 + i)
        fill_and_send(page, "main form.form", {"prompt": pack(400, start), **choices, "choices-0-correct": True})
        check(watch, page, "question saved")
    fill_and_send(page, f"main form[action$='/bai/{lesson}/trang-thai']", {})
    page.goto(f"/quan-tri/hoc-so/khoa/{course}")
    fill_and_send(page, f"main form[action$='/khoa/{course}/trang-thai']", {})
    check(watch, page, "course published")
    page.goto(f"/quan-tri/hoc-so/bai/{lesson}/xem-truoc/1")
    check(watch, page, "step preview")
    page.goto(f"/quan-tri/hoc-so/bai/{lesson}")
    public = page.locator("main a:has-text('mở trang công khai')").first.get_attribute("href")

    # A resident: the course, the lesson, its step, the quiz, the certificate with a hostile name.
    resident_watch, resident = browse()
    resident.goto(public)
    check(resident_watch, resident, "lesson page")
    resident.goto(public + "1")
    check(resident_watch, resident, "lesson step")
    resident.goto(public + "kiem-tra")
    check(resident_watch, resident, "quiz")
    for question in resident.locator("main fieldset.question").all():
        # The right answer is the one written first (the lowest id); the page shuffles the options.
        choices = question.locator("input").all()
        min(choices, key=lambda c: int(c.get_attribute("value"))).check()
    fill_and_send(resident, "main form:has(input[type=radio], input[type=checkbox])", {}, fragment=True)
    check(resident_watch, resident, "quiz checked")
    course_url = public.rstrip("/").rsplit("/", 1)[0] + "/"
    for url, what in ((course_url, "course page"), ("/hoc-so/", "courses"), ("/", "home page"),
                      ("/tim-kiem?q=xssword", "search results"), ("/hoi-dap?q=xssword", "question helper")):
        resident.goto(url)
        check(resident_watch, resident, what)
    resident.goto(course_url + "giay-hoan-thanh")
    fill_and_send(resident, "main form.form", {"name": pack(80, 1)})
    check(resident_watch, resident, "certificate with a hostile name")
    resident.goto("/hoc-so/da-hoc")
    fill_and_send(resident, "main form[action$='/ma-hoc-vien']", {"code": pack(40, 2)})
    check(resident_watch, resident, "a hostile learner code", shown=False)

    # A team member records a session (place and note hostile) and guides a resident.
    create_staff(app, "to-hs-xss@example.org", "team", HOME, pack(120, 23))
    team_watch, team = browse()
    log_in(app, team, "to-hs-xss@example.org")
    team.goto("/quan-tri/hoc-so/to-cong-nghe/ghi")
    team.locator(f"main input[name=lessons][value='{lesson}']").check()
    fill_and_send(team, "main form.form", {"held_on": pack(40, 4), "place": pack(200, 5), "residents": "12",
                                           "finished_quiz": "7", "note": pack(500, 7)})
    check(team_watch, team, "session form shown again (bad date)")
    fill_and_send(team, "main form.form", {"held_on": "20/11/2026"})
    check(team_watch, team, "sessions list")
    team.goto("/thong-ke")
    check(team_watch, team, "statistics", shown=False)
    team.goto("/quan-tri/hoc-so/to-cong-nghe/huong-dan")
    fill_and_send(team, "main form.form", {"code": pack(40, 8)})
    check(team_watch, team, "guided mode with a hostile learner code", shown=False)


def test_news_source_fields_admin(app, browse, make_user):
    admin = make_user("ad-xss@example.org", role="admin", password=PASSWORD)
    watch, page = browse()
    log_in(app, page, "ad-xss@example.org", admin)
    page.goto("/quan-tri/ban-tin/nguon-tin")
    fill_and_send(page, "main form.form", {"name": pack(200, 2), "url": "javascript:fetch('/xss/40')",
                                           "unit_code": pack(10)})
    check(watch, page, "news source form shown again")
    fill_and_send(page, "main form.form", {"url": "javascript://example.org/%0afetch('/xss/41')",
                                           "unit_code": "31"})
    check(watch, page, "news source list")
    page.goto("/quan-tri/tai-khoan/")
    check(watch, page, "staff accounts", shown=False)


def test_search_and_look_up_boxes(app, browse):
    watch, page = browse()
    for start in (0, 5, 10, 15, 20):
        query = pack(200, start)
        page.goto("/tim-kiem")
        page.fill("#q2", query)
        page.press("#q2", "Enter")
        page.wait_for_url("**/tim-kiem?**")
        check(watch, page, f"search for payloads {start}…")
        page.goto(f"/hoi-dap?q={quote(query)}")
        check(watch, page, f"question helper asked payloads {start}…")
        page.goto("/thu-vien/?q=" + quote(query))
        check(watch, page, f"library search for payloads {start}…", shown=False)
    page.goto("/quan-tri/dang-nhap")
    fill_and_send(page, "main form", {"email": pack(254, 3), "password": pack(100, 6)})
    check(watch, page, "login form shown again", shown=False)


def _raw_places(payload: str) -> list[str]:
    """Where a payload breaks out when a template forgets to escape it."""
    places = []
    if "<" in payload:
        places.append(f"<p>{payload}</p>")
    if payload.startswith('"'):
        places.append(f'<input aria-label="x" value="{payload}">')
    if payload.startswith("'"):
        places.append(f"<input aria-label='x' value='{payload}'>")
    return places


def _serve(body: str, headers: dict):
    return lambda route: route.fulfill(status=200, body=body, headers=headers)


def test_the_check_catches_every_payload_left_unescaped(browse, live_server):
    """The check above can fail: each markup payload, served unescaped under the site's own
    Content-Security-Policy, is caught (the others are inert text unless something decodes
    them: entities, percent-encoding, full-width brackets, Markdown links, `javascript:` text)."""
    from portal.core.http import CSP

    cases = [(payload, place) for payload in PAYLOADS for place in _raw_places(payload)]
    assert len(cases) >= 20
    missed, reports = [], []
    for _payload, place in cases:
        watch, page = browse()
        html = f"<!doctype html><html lang=vi><head><title>t</title></head><body>{place}</body></html>"
        headers = {"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": CSP}
        page.route("**/khong-thoat", _serve(html, headers))
        page.goto("/khong-thoat")
        try:
            check(watch, page, "unescaped", shown=False)
        except AssertionError as caught:
            reports.append(str(caught))
        else:
            missed.append(place)
        page.context.close()
    assert not missed, f"served unescaped, these went unnoticed: {missed}"
    # The policy's own reports are heard too (an inline script or handler is refused).
    inline_script = [r for r in reports if "xss/1'" in r]
    assert any("securitypolicyviolation: [" in r for r in reports), inline_script
    assert any("console errors: [" in r and "Content Security Policy" in r for r in reports), inline_script
