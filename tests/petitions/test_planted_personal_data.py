"""Personal data planted in every field a resident fills never reaches the public.

Distinct phone numbers, e-mails, 12-digit ID numbers (CCCD) and house addresses go into the name,
the title, the text, the phone and e-mail fields, a correction of title and text, and a request
for review, each through the real flow on the test client (send, verify, correct; a handler
accepts, answers and publishes; the resident asks for a review). A row stored before names were
checked carries them in its name as well, and a second resident hides their name. Then every
public page reachable from the home page and the petitions page is crawled (in Vietnamese and
English, plain, htmx-boosted and as htmx fragments), with the feeds, the podcast, OPDS,
OpenSearch, the statistics, the look-up page of a stranger and search results for every planted
string and its digits; the log records (DEBUG and up) and the access-log lines gunicorn would
write with the project's own formats are read too. None of the planted strings may appear, nor
their digits with the spaces, dots or dashes taken out.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import quote, quote_plus, urlsplit

import pytest
from sqlalchemy import select

from portal.petitions.models import Petition
from tests.conftest import PROJECT_ROOT, csrf_from
from tests.petitions.factories import login_as, register_staff_blueprint
from tests.petitions.test_public_answers import add_petition
from tests.petitions.test_resident_send import _form

# Where each is planted: (phone, e-mail, ID number, house address "number ngõ number …").
PLANTED = {
    "name": ("0913 572 846", "ten.thu.5728@example.vn", "001203004567", "Số 17 ngõ 42 phố Lạch Tray"),
    "title": ("0936 214 785", "tieu.de.3621@example.vn", "031198002314", "số 231 ngõ 87 phố Lạch Tray"),
    "text": ("0978 403 615", "noi.dung.4036@example.vn", "034187005926", "nhà số 58 ngõ 319 phố Tô Hiệu"),
    "contact fields": ("0862 917 354", "lien.he.8629@example.vn", "", ""),
    "corrected title": ("0945 728 163", "sua.tieu.de.9457@example.vn", "036201007812", "số 64 ngõ 12 phố Cầu Đất"),
    "corrected text": ("0389 156 274", "sua.noi.dung.3891@example.vn", "025193004471",
                       "nhà số 95 ngõ 203 phố Văn Cao"),
    "review reason": ("0707 324 918", "xem.xet.7073@example.vn", "040202009183",
                      "nhà số 12A ngõ 77 phố Trần Nguyên Hãn"),
    "older row's name": ("0824 663 190", "cu.ten.8246@example.vn", "019205006634", "số 33 ngõ 8 phố Hàng Kênh"),
}
HIDDEN_NAME = "Lê Thị Kín Tên"  # ticked "do not show my name"
PUBLIC_WORDS = "Cột điện nghiêng"  # in the corrected title: the petition is found by it
SKIP = ("/quan-tri", "/static/", "/media/", "/dem-ky-tu", "/ngon-ngu/", "/co-chu/", "/phan-anh/gui?")
BINARY = (".epub", ".mp3", ".opus", ".pdf", ".jpg", ".png", ".webp", ".svg", ".ico", ".woff2")


def _sentence(field: str) -> str:
    phone, email, id_number, address = PLANTED[field]
    return f"gọi {phone}, thư {email}, CCCD {id_number}, {address}"


def _secrets() -> dict[str, str]:
    """Each form a planted value could leak in → where it was planted."""
    found = {HIDDEN_NAME: "hidden name", "Kín Tên": "hidden name"}
    for field, (phone, email, id_number, address) in PLANTED.items():
        digits = re.sub(r"\D", "", phone)
        found.update({phone: field, digits: field, digits[1:]: field, email: field, email.split("@")[0]: field})
        if id_number:
            house, alley = re.search(r"(\d+[A-Z]?) ngõ (\d+)", address).groups()
            found.update({id_number: field, address: field, f"{house} ngõ {alley}": field})
    return found


SECRETS = _secrets()


def _leaks(text: str) -> list[tuple[str, str]]:
    squeezed = re.sub(r"[\s.\-]", "", text)
    leaks = []
    for secret, field in SECRETS.items():
        if secret in text or (secret.replace(" ", "").isdigit() and re.sub(r"\D", "", secret) in squeezed):
            leaks.append((secret, field))
    return leaks


# -- the gunicorn access log, with the formats `make run` and docs/deploy use ----------------

def _access_log_formats() -> list[str]:
    make = re.search(r"--access-logformat '([^']+)'", (PROJECT_ROOT / "Makefile").read_text()).group(1)
    deploy = (PROJECT_ROOT / "docs/deploy/gunicorn.conf.py").read_text()
    conf = re.search(r"^access_log_format = '([^']+)'", deploy, re.M).group(1)
    return [make, conf]


@pytest.fixture
def access_log(app, monkeypatch):
    return record_access_log(app, monkeypatch)


def record_access_log(app, monkeypatch) -> list[str]:
    """The lines gunicorn would write for every request `app` serves from now on."""
    from gunicorn.config import Config
    from gunicorn.glogging import Logger, SafeAtoms

    logger, formats, lines = Logger(Config()), _access_log_formats(), []
    inner = app.wsgi_app

    def logged(environ, start_response):
        seen = {}

        def respond(status, headers, exc_info=None):
            seen.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        result = inner(environ, respond)
        try:
            body = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
        query = environ.get("QUERY_STRING", "")
        env = {**environ, "RAW_URI": environ.get("PATH_INFO", "") + (f"?{query}" if query else "")}
        request = SimpleNamespace(headers=[(k[5:].replace("_", "-"), v) for k, v in environ.items()
                                           if k.startswith("HTTP_")])
        response = SimpleNamespace(status=seen["status"], sent=len(body), headers=seen["headers"])
        atoms = SafeAtoms(logger.atoms(response, request, env, timedelta(milliseconds=12)))
        lines.extend(fmt % atoms for fmt in formats)
        return [body]

    monkeypatch.setattr(app, "wsgi_app", logged)
    return lines


# -- the flows ------------------------------------------------------------------------------

def _send(client, **fields) -> str:
    base = _form(client)
    data = {**base, "category": "ha-tang", "consent_public": "y", **fields}
    preview = client.post("/phan-anh/gui", data={**data, "buoc": "xem-truoc"})
    assert preview.status_code == 200, preview.get_data(as_text=True)[:3000]
    public_part = preview.get_data(as_text=True).split("mọi người sẽ đọc được:", 1)[1].split("<form", 1)[0]
    assert not _leaks(public_part), _leaks(public_part)  # the preview of what the public reads is clean
    sent = client.post("/phan-anh/gui", data={**data, "buoc": "gui"})
    assert sent.status_code == 303
    return sent.headers["Location"].rsplit("/", 1)[1]


def _verified_page(client, code: str, secret: str) -> str:
    page = client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)
    assert client.post(f"/phan-anh/tra-cuu/{code}/xac-minh",
                       data={"csrf_token": csrf_from(page), "secret": secret}).status_code == 303
    return client.get(f"/phan-anh/tra-cuu?ma={code}").get_data(as_text=True)


def _handle(app, session, code: str) -> None:
    """A handler of the committee accepts, answers and publishes."""
    client, token = login_as(app, "xl@example.org")
    pid = session.scalar(select(Petition.id).where(Petition.code == code))
    for step, data in (("nhan", {}), ("tra-loi", {"answer": "Ủy ban đã cho dựng lại cột điện và thay bóng đèn."}),
                       ("cong-bo", {})):
        assert client.post(f"/quan-tri/phan-anh/{pid}/{step}", data={**data, "csrf_token": token}).status_code == 302


def _resident_flows(app, session) -> tuple[str, str, str]:
    resident = app.test_client()
    phone, email = PLANTED["contact fields"][:2]
    # The name: refused while it holds contact data, an ID number or an address.
    n_phone, n_email, n_id, n_address = PLANTED["name"]
    for name in (f"Nguyễn Văn Thu, {n_address}, CCCD {n_id}", f"Nguyễn Văn Thu {n_phone}", f"Thu {n_email}"):
        refused = resident.post("/phan-anh/gui", data={**_form(resident), "category": "ha-tang", "name": name,
                                                       "title": "Đèn đường hỏng cả tháng", "phone": phone,
                                                       "body": "Đèn đường trong ngõ hỏng cả tháng nay rồi.",
                                                       "consent_public": "y", "buoc": "gui"})
        assert refused.status_code == 400 and "Vui lòng chỉ ghi họ tên" in refused.get_data(as_text=True)
    code = _send(resident, name="Nguyễn Văn Thu", phone=phone, email=email,
                 title=f"Đèn hỏng, {_sentence('title')}",
                 body=f"Đèn đường trước nhà tôi hỏng đã lâu.\r\nLiên hệ: {_sentence('text')}.")
    # Correct within the window, after confirming with the last 4 digits of the phone.
    page = _verified_page(resident, code, re.sub(r"\D", "", phone)[-4:])
    corrected = resident.post(f"/phan-anh/tra-cuu/{code}/sua", data={
        "csrf_token": csrf_from(page), "title": f"{PUBLIC_WORDS}, {_sentence('corrected title')}",
        "body": f"Cột điện trước ngõ nghiêng sắp đổ, dây điện võng thấp.\r\n{_sentence('corrected text')}."})
    assert corrected.status_code == 303
    other = _send(app.test_client(), name=HIDDEN_NAME, hide_name="y", phone="0335 000 111",
                  title="Cống thoát nước bị tắc ở đầu ngõ", body="Cống thoát nước bị tắc, mưa là ngập cả ngõ.")
    older = add_petition(session, "11311", name="Trần Thị Cũ " + _sentence("older row's name"))
    return code, other, older.code


def _review(app, code: str) -> None:
    resident = app.test_client()
    page = _verified_page(resident, code, re.sub(r"\D", "", PLANTED["contact fields"][0])[-4:])
    response = resident.post(f"/phan-anh/tra-cuu/{code}/xem-xet-lai", data={
        "csrf_token": csrf_from(page), "reason": f"Câu trả lời chưa thỏa đáng, {_sentence('review reason')}."})
    assert response.status_code == 303


# -- reading the public side ---------------------------------------------------------------

def _crawl(client, seeds: list[str], limit: int = 220, headers: dict | None = None) -> dict[str, str]:
    pages, queue, seen = {}, list(seeds), set()
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, headers=headers or {})
        assert response.status_code < 500, url
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append(_local(response.headers["Location"]) or "/")
            continue
        text = response.get_data(as_text=True) if not url.endswith(BINARY) else ""
        pages[url] = text
        for link in re.findall(r'(?:href|src)="([^"]+)"', text):
            path = _local(htmllib.unescape(link))
            if path and not path.startswith(SKIP) and not urlsplit(path).path.endswith(BINARY) and path not in seen:
                queue.append(path)
    return pages


def _local(link: str) -> str:
    parts = urlsplit(link)
    if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _public_pages(app, codes: list[str]) -> dict[str, str]:
    seeds = ["/", "/phan-anh/", *(f"/phan-anh/{c}" for c in codes), "/phan-anh/feed.atom",
             "/phan-anh/feed.atom?don-vi=11311", "/phan-anh/?don-vi=11311", "/phan-anh/?tinh=31", "/ban-tin/",
             "/ban-tin/feed.atom", "/ban-tin/podcast.rss", "/thu-vien/", "/thu-vien/opds", "/thu-vien/opds/moi",
             "/thu-vien/opds/opensearch.xml", "/thong-ke", "/thong-ke/11311", "/thong-ke/31", "/thong-ke/TW",
             "/hoc-so/", *(f"/phan-anh/tra-cuu?ma={c}" for c in codes), *(f"/phan-anh/bien-nhan/{c}" for c in codes),
             f"/tim-kiem?q={quote_plus(PUBLIC_WORDS)}", f"/hoi-dap?q={quote_plus(PUBLIC_WORDS)}"]
    pages = {}
    for lang in ("vi", "en"):
        client = app.test_client()  # a stranger: no receipt, not verified
        client.set_cookie("lang", lang)
        for name, headers in (("plain", None), ("boosted", {"HX-Request": "true", "HX-Boosted": "true"})):
            for url, text in _crawl(client, seeds, headers=headers).items():
                pages[f"{lang} {name} {url}"] = text
        for url in ("/phan-anh/", "/phan-anh/?don-vi=11311", *(f"/phan-anh/{c}" for c in codes)):
            pages[f"{lang} fragment {url}"] = client.get(url, headers={"HX-Request": "true"}).get_data(as_text=True)
    return pages


def _searches(client) -> dict[str, tuple[str, str]]:
    """Search results for every planted string and its digits: (page, the string searched for)."""
    found = {}
    for secret in SECRETS:
        for path in ("/tim-kiem?q=", "/hoi-dap?q=", "/thu-vien/opds/tim?q=", "/tim-kiem?loai=answer&q="):
            url = path + quote_plus(secret)
            found[url] = (client.get(url).get_data(as_text=True), secret)
    return found


def _echoes(query: str) -> set[str]:
    """The forms a page repeats a query in: as typed, HTML-escaped, URL-encoded once or twice
    (the language and text-size links carry the page's address in `next`)."""
    once = {query, htmllib.escape(query), quote_plus(query), quote(query), quote(query, safe="")}
    return once | {quote(form, safe="") for form in once} | {htmllib.escape(form) for form in once}


def _without_words(suggestion: str, query: str) -> str:
    """"Did you mean …" spells the visitor's query again with some words changed: take out the
    words that came from the query (in any case and encoding), keep those that came from the index."""
    for word in query.split():
        for form in _echoes(word) | _echoes(word.lower()):
            suggestion = re.sub(rf"(?<![\w%]){re.escape(form)}(?!\w)", "", suggestion)
    return suggestion


def _assert_nothing_public(app, codes: list[str], when: str) -> dict[str, str]:
    pages = _public_pages(app, codes)
    assert len(pages) > 60, sorted(pages)
    leaks = {name: found for name, text in pages.items() if (found := _leaks(text))}
    assert not leaks, (when, leaks)
    client = app.test_client()
    for url, (text, secret) in _searches(client).items():
        if not re.search(r"[^\W\d_]{2,} ", secret):  # a number or an address token, not words like "ngõ"
            assert "/phan-anh/PA-" not in text, (when, url)  # no petition is found by it
        # The page repeats the query the visitor typed; once that is taken out, nothing planted may show.
        for echo in sorted(_echoes(secret), key=len, reverse=True):
            text = text.replace(echo, "")
        text = re.sub(r'<p class="suggest">.*?</p>', lambda m: _without_words(m.group(), secret), text, flags=re.S)
        assert not _leaks(text), (when, url, _leaks(text))
    return pages


def test_planted_personal_data_reaches_no_public_page_feed_search_or_log(app, make_user, session, caplog,
                                                                           access_log):
    caplog.set_level(logging.DEBUG)
    register_staff_blueprint(app)
    make_user("xl@example.org", role="handler", unit="11311")
    code, other, older = _resident_flows(app, session)
    for petition_code in (code, other):
        _handle(app, session, petition_code)

    pages = _assert_nothing_public(app, [code, other, older], "after publication")
    answer = pages[f"vi plain /phan-anh/{code}"]
    assert PUBLIC_WORDS in answer and "[số điện thoại đã ẩn]" in answer and "[địa chỉ đã ẩn]" in answer
    assert "<dt>Người gửi</dt><dd>Nguyễn Văn Thu</dd>" in answer  # the name, as the resident saw it would be
    assert "Người gửi" not in pages[f"vi plain /phan-anh/{other}"]
    assert "Trần Thị Cũ gọi [số điện thoại đã ẩn]" in pages[f"en plain /phan-anh/{older}"]
    assert f"/phan-anh/{code}" in pages[f"vi plain /tim-kiem?q={quote_plus(PUBLIC_WORDS)}"]  # indexed, yet clean

    _review(app, code)
    _assert_nothing_public(app, [code, other, older], "after the review request")

    records = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    assert caplog.records and not _leaks(records), _leaks(records)
    assert len(access_log) > 500 and not _leaks("\n".join(access_log)), _leaks("\n".join(access_log))
