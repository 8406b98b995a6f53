"""Logging out on the platform logs the person out here, on every instance: two real gunicorn
servers (two workers each) share the suite's database (SQLite, or PostgreSQL + Redis in the
scale-out pass). A handler logs in through the first; the copied cookie opens the inbox on the
second; the provider's logout (RP-initiated, from the portal, then confirmed on the provider)
makes it send the back-channel logout token to the first, and the second refuses the cookie."""

from __future__ import annotations

import time
from contextlib import ExitStack
from urllib.parse import urljoin

import pytest
import requests

from tests.conftest import csrf_from
from tests.oidc.conftest import form_fields, provider_login, sso_settings
from tests.scale.servers import serve, suite_env

pytestmark = pytest.mark.slow
INBOX = "/quan-tri/phan-anh/"


@pytest.fixture
def instances(app, app_config, provider, portal_bases):
    env = suite_env(app_config, **{k: str(v) for k, v in sso_settings(provider).items()})
    with ExitStack() as stack:
        yield [serve(stack, env, base=base)[1] for base in portal_bases[1:]]


def _inbox(base: str, cookie: str) -> int:
    answers = {requests.get(base + INBOX, cookies={"portal_session": cookie}, allow_redirects=False,
                            timeout=60).status_code for _ in range(6)}  # several times: both workers
    assert len(answers) == 1, answers
    return answers.pop()


def test_platform_logout_ends_the_session_on_every_instance(instances, provider):
    first, second = instances
    browser = requests.Session()
    start = browser.get(first + "/quan-tri/dang-nhap/sso", allow_redirects=False, timeout=60)
    back = provider_login(browser, start.headers["Location"], "nguyen-van-a")
    assert browser.get(back, allow_redirects=False, timeout=60).status_code == 302
    copied = browser.cookies.get("portal_session", domain="127.0.0.1")
    assert _inbox(first, copied) == 200 and _inbox(second, copied) == 200

    # Logging out here (on the second instance) goes on to the provider's end-session page.
    token = csrf_from(browser.get(second + "/quan-tri/", timeout=60).text)
    out = browser.post(second + "/quan-tri/dang-xuat", data={"csrf_token": token}, allow_redirects=False, timeout=60)
    end = out.headers["Location"]
    assert end.startswith(provider.issuer)
    confirm = browser.get(end, timeout=60)
    action, fields = form_fields(confirm.text)
    fields["logout"] = "yes"
    done = browser.post(urljoin(confirm.url, action), data=fields, allow_redirects=False, timeout=60)
    assert done.status_code in (302, 303) and done.headers["Location"].startswith(second + "/")

    # The copy of the cookie is dead on both instances; and the provider's session is over too:
    # a new login asks for the account again.
    assert _inbox(first, copied) == 302 and _inbox(second, copied) == 302
    again = browser.get(first + "/quan-tri/dang-nhap/sso", allow_redirects=True, timeout=60)
    assert 'name="login"' in again.text


def test_back_channel_logout_alone_ends_a_session_on_every_instance(instances, provider):
    """Logging out on the platform only (another application's logout button): the provider
    calls the first instance's back-channel address, and the session ends everywhere."""
    first, second = instances
    browser = requests.Session()
    start = browser.get(second + "/quan-tri/dang-nhap/sso", allow_redirects=False, timeout=60)
    back = provider_login(browser, start.headers["Location"], "nguyen-van-a")
    assert browser.get(back, allow_redirects=False, timeout=60).status_code == 302
    copied = browser.cookies.get("portal_session", domain="127.0.0.1")
    assert _inbox(first, copied) == 200 and _inbox(second, copied) == 200

    confirm = browser.get(provider.issuer + "/session/end", timeout=60)
    action, fields = form_fields(confirm.text)
    fields["logout"] = "yes"
    browser.post(urljoin(confirm.url, action), data=fields, allow_redirects=False, timeout=60)
    # The provider may send its logout tokens just after answering the browser: a moment's wait.
    for _ in range(50):
        if _inbox(first, copied) == 302:
            break
        time.sleep(0.1)
    assert "backchannel.success" in provider.log_path.read_text(), provider.log_path.read_text()[-2000:]
    assert _inbox(first, copied) == 302 and _inbox(second, copied) == 302
