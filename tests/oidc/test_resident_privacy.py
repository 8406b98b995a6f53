"""A resident's identity from the provider (the `sub`, a 12-digit number like a citizen ID, and
the name, e-mail and phone number of the claims, which fill the petition form) reaches no public
page, feed or search result, and no log record or access-log line: the resident signs in, sends a
petition with the filled-in details (name hidden from the public, as they chose), a handler
answers and publishes it, and the public side is crawled as in
tests/petitions/test_planted_personal_data.py."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote_plus

import requests

from tests.oidc.conftest import ACCOUNTS, PLANTED_SUB, resident_login
from tests.oidc.test_resident_signin import MINE, send
from tests.petitions.factories import register_staff_blueprint
from tests.petitions.test_planted_personal_data import _handle, _public_pages, record_access_log

CLAIMS = ACCOUNTS[PLANTED_SUB]
PHONE_DIGITS = re.sub(r"\D", "", CLAIMS["phone_number"])
PLANTED = {PLANTED_SUB: "sub", CLAIMS["name"]: "name", "Thị Riêng": "name", CLAIMS["email"]: "e-mail",
           CLAIMS["email"].split("@")[0]: "e-mail", CLAIMS["phone_number"]: "phone", PHONE_DIGITS: "phone",
           PHONE_DIGITS[1:]: "phone"}


def leaks(text: str) -> list[str]:
    squeezed = re.sub(r"[\s.\-]", "", text)
    return [where for secret, where in PLANTED.items()
            if secret in text or (secret.replace(" ", "").isdigit() and secret.replace(" ", "") in squeezed)]


def test_a_residents_identity_reaches_no_public_page_feed_search_or_log(resident_app, make_user, session, caplog,
                                                                          monkeypatch):
    caplog.set_level(logging.DEBUG)
    access_log = record_access_log(resident_app, monkeypatch)
    register_staff_blueprint(resident_app)
    make_user("xl@example.org", role="handler", unit="11311")
    resident = resident_app.test_client()
    assert resident_login(resident, requests.Session(), PLANTED_SUB).status_code == 302
    form = resident.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    assert CLAIMS["name"] in form and CLAIMS["email"] in form and PHONE_DIGITS in form  # filled in, for them only
    code = send(resident, "Cột điện nghiêng trước ngõ 12", consent_public="y", hide_name="y")
    assert code in resident.get(MINE).get_data(as_text=True)
    _handle(resident_app, session, code)

    pages = _public_pages(resident_app, [code])
    assert len(pages) > 60 and "Cột điện nghiêng" in pages[f"vi plain /phan-anh/{code}"]
    assert "/phan-anh/dang-nhap" in pages["vi plain /phan-anh/"]  # the sign-in is offered there
    found = {name: where for name, text in pages.items() if (where := leaks(text))}
    assert not found, found
    stranger = resident_app.test_client()
    for secret in PLANTED:
        for path in ("/tim-kiem?q=", "/hoi-dap?q=", "/thu-vien/opds/tim?q="):
            text = stranger.get(path + quote_plus(secret)).get_data(as_text=True)
            assert "/phan-anh/PA-" not in text, (path, secret)  # no petition is found by it
    records = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    assert caplog.records and not leaks(records), leaks(records)
    assert len(access_log) > 100 and not leaks("\n".join(access_log)), leaks("\n".join(access_log))
