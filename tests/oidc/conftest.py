"""A real identity provider for the single sign-on tests: oidc-provider (tests/oidc/provider/,
pinned by its package-lock.json and installed with `npm ci` when node_modules is missing), started
on 127.0.0.1 with a client for the portal and Front officials whose claims carry a role and a
committee code, and a second client, for residents' optional sign-in, with residents whose
claims carry a name, an e-mail and a phone number. Its signing keys are made here, so a test
can rotate them (restart with a new key first) and forge tokens (signed with the provider's own
key, or another)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import time
import uuid
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from joserfc.jwk import RSAKey

from portal import create_app
from tests.browser.conftest import _QuietHandler
from tests.petitions.test_concurrency import _free_port

PROVIDER_DIR = Path(__file__).parent / "provider"
CLIENT_ID = "cong-mat-tran"
CLIENT_SECRET = "test-client-secret-0123456789abcdef"
SCOPES = "openid email profile mattran"
PLANTED_SUB = "079203004455"  # a subject like a 12-digit citizen ID number
RESIDENT_CLIENT_ID = "cong-mat-tran-cu-dan"
RESIDENT_CLIENT_SECRET = "test-resident-secret-0123456789abcdef"
RESIDENT_SCOPES = "openid profile email phone"
RESIDENT_CALLBACK = "/phan-anh/dang-nhap/callback"
STAFF_CALLBACK = "/quan-tri/dang-nhap/sso/callback"
# The test client's own address (Flask's test client says it is http://localhost).
LOCAL_PORTAL = "http://localhost"
ACCOUNTS = {
    "nguyen-van-a": {"email": "a@mattran.example.vn", "email_verified": True, "name": "Nguyễn Văn A",
                     "role": "handler", "unit": "11311"},
    "tran-thi-b": {"email": "b@mattran.example.vn", "email_verified": True, "name": "Trần Thị B",
                   "role": "admin", "unit": "TW"},
    "le-van-c": {"email": "c@mattran.example.vn", "email_verified": True, "name": "Lê Văn C",
                 "role": "chairman", "unit": "11311"},
    "pham-d": {"email": "d@mattran.example.vn", "email_verified": True, "name": "Phạm D",
               "role": "handler", "unit": "99999"},
    "moved-e": {"email": "e@mattran.example.vn", "email_verified": True, "name": "Vũ E",
                "role": "handler", "unit": "11311"},
    # Residents (the citizen-account client): a name, an e-mail and a phone number, no role.
    "cu-dan-hoa": {"name": "Đỗ Thị Hoa", "email": "hoa.cudan@example.vn", "email_verified": True,
                   "phone_number": "+84 912 345 678"},
    "cu-dan-binh": {"name": "Ngô Văn Bình", "email": "binh.cudan@example.vn", "email_verified": True,
                    "phone_number": "0987 654 321"},
    # Planted: every part of this identity is looked for on every public page, feed, search and log.
    PLANTED_SUB: {"name": "Quách Thị Riêng", "email": "rieng.tu.7791@example.vn", "email_verified": True,
                  "phone_number": "0967 123 884"},
}


def new_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": uuid.uuid4().hex[:12], "use": "sig", "alg": "RS256"})


def _ensure_installed() -> None:
    if (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    assert npm, "npm is missing: scripts/system-deps installs nodejs and npm"
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PROVIDER_DIR,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"npm ci in tests/oidc/provider failed:\n{done.stderr[-3000:]}"


class IdentityProvider:
    def __init__(self, workdir: Path, portal_bases: list[str]) -> None:
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.portal_bases = portal_bases
        self.accounts = {sub: dict(claims) for sub, claims in ACCOUNTS.items()}
        self.keys = [new_key()]
        self.proc: subprocess.Popen | None = None

    def _config(self) -> dict:
        clients = [{
            "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
            "redirect_uris": [base + "/quan-tri/dang-nhap/sso/callback" for base in self.portal_bases],
            "post_logout_redirect_uris": [base + "/" for base in self.portal_bases],
            "response_types": ["code"], "grant_types": ["authorization_code"],
            "token_endpoint_auth_method": "client_secret_basic",
            # One back-channel address per registration: the first gunicorn instance's.
            "backchannel_logout_uri": self.portal_bases[1] + "/quan-tri/dang-xuat/sso-backchannel",
            "backchannel_logout_session_required": True,
        }, {
            "client_id": RESIDENT_CLIENT_ID, "client_secret": RESIDENT_CLIENT_SECRET,
            "redirect_uris": [base + RESIDENT_CALLBACK for base in self.portal_bases],
            "post_logout_redirect_uris": [base + "/" for base in self.portal_bases],
            "response_types": ["code"], "grant_types": ["authorization_code"],
            "token_endpoint_auth_method": "client_secret_basic",
            # The browser tests' live server (tests/oidc/test_resident_browser.py).
            "backchannel_logout_uri": self.portal_bases[2] + "/phan-anh/dang-xuat/backchannel",
            "backchannel_logout_session_required": True,
        }]
        return {"issuer": self.issuer, "port": self.port, "clients": clients, "accounts": self.accounts,
                "cookieKey": uuid.uuid4().hex,
                "jwks": {"keys": [key.as_dict(private=True) for key in self.keys]}}

    def start(self) -> None:
        path = self.workdir / "provider.json"
        path.write_text(json.dumps(self._config()))
        path.chmod(0o600)
        node = shutil.which("node")
        assert node, "node is missing: scripts/system-deps installs nodejs"
        self.log_path = self.workdir / "provider.log"
        self.log = open(self.log_path, "ab")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen([node, "provider.mjs"], cwd=PROVIDER_DIR, stdout=self.log, stderr=self.log,
                                     env=dict(os.environ, PROVIDER_CONFIG=str(path), NODE_ENV="test"))
        for _ in range(200):
            try:
                requests.get(self.issuer + "/.well-known/openid-configuration", timeout=2).raise_for_status()
                return
            except requests.RequestException:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        pytest.fail("the identity provider did not start:\n" + (self.workdir / "provider.log").read_text()[-3000:])

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None
            self.log.close()

    def rotate(self) -> RSAKey:
        """A new signing key, listed first (so it signs); the old one is dropped."""
        self.stop()
        self.keys = [new_key()]
        self.start()
        return self.keys[0]


@pytest.fixture(scope="session")
def portal_bases() -> list[str]:
    """The test client's address and two gunicorn instances' (ports chosen before the provider
    starts, since the client registration names them)."""
    return [LOCAL_PORTAL, f"http://127.0.0.1:{_free_port()}", f"http://127.0.0.1:{_free_port()}"]


@pytest.fixture(scope="session")
def provider(tmp_path_factory, portal_bases):
    _ensure_installed()
    idp = IdentityProvider(tmp_path_factory.mktemp("idp"), portal_bases)
    idp.start()
    yield idp
    idp.stop()


def sso_settings(provider: IdentityProvider, **extra) -> dict:
    return {"OIDC_ISSUER": provider.issuer, "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_SCOPES": SCOPES, "OIDC_ROLE_CLAIM": "role", "OIDC_UNIT_CLAIM": "unit", **extra}


def resident_settings(provider: IdentityProvider, **extra) -> dict:
    return {"RESIDENT_OIDC_ISSUER": provider.issuer, "RESIDENT_OIDC_CLIENT_ID": RESIDENT_CLIENT_ID,
            "RESIDENT_OIDC_CLIENT_SECRET": RESIDENT_CLIENT_SECRET, "RESIDENT_OIDC_SCOPES": RESIDENT_SCOPES, **extra}


@pytest.fixture
def resident_app(app, app_config, provider):
    """The portal with residents' sign-in on (and staff single sign-on off)."""
    return create_app({**app_config, **resident_settings(provider)})


@pytest.fixture
def sso_app(app, app_config, provider):
    """The portal with single sign-on on, on the suite's database (`app` empties it after)."""
    return create_app({**app_config, **sso_settings(provider)})


def serve(app, base: str):
    """Serve `app` on `base`, one of the addresses registered at the provider (the gunicorn tests
    use it only while they run), for a browser test; a generator for a fixture to yield from."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", int(base.rsplit(":", 1)[1]), app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="oidc-live-server", daemon=True)
    thread.start()
    yield base
    server.shutdown()
    thread.join(timeout=5)


def browser_sign_in(page, provider: IdentityProvider, button: str, login: str) -> None:
    """In a Playwright page: press the portal's sign-in `button`, then fill the provider's form."""
    page.click(button)
    page.wait_for_url(provider.issuer + "/**")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")


FORM_RE = re.compile(r"<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>", re.S)
INPUT_RE = re.compile(r"<input[^>]*>", re.S)
ATTR_RE = re.compile(r'(\w+)="([^"]*)"')


def form_fields(html: str, index: int = 0) -> tuple[str, dict]:
    action, body = FORM_RE.findall(html)[index]
    fields = {}
    for tag in INPUT_RE.findall(body):
        attrs = dict(ATTR_RE.findall(tag))
        if "name" in attrs:
            fields[attrs["name"]] = unescape(attrs.get("value", ""))
    return unescape(action), fields


def provider_login(browser: requests.Session, url: str, login: str, callback: str = STAFF_CALLBACK) -> str:
    """Drive the provider from its authorization URL to the redirect back to the portal (the
    dev login form: any password); returns that redirect's URL."""
    answer = browser.get(url, allow_redirects=True, timeout=10)
    if "name=\"login\"" in answer.text:
        action, fields = form_fields(answer.text)
        fields.update(login=login, password="any")
        answer = browser.post(urljoin(answer.url, action), data=fields, allow_redirects=False, timeout=10)
    for _ in range(10):
        location = answer.headers.get("Location")
        assert location, f"the provider stopped at {answer.status_code}: {answer.text[:500]}"
        location = urljoin(answer.url, location)
        if callback in location:
            return location
        answer = browser.get(location, allow_redirects=False, timeout=10)
    raise AssertionError("no redirect back to the portal")


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def sso_login(client, browser: requests.Session, login: str, next_url: str = ""):
    """The whole login: the portal's start, the provider, the callback; returns the callback answer."""
    start = client.get("/quan-tri/dang-nhap/sso" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start.get_data(as_text=True)[:500]
    back = provider_login(browser, start.headers["Location"], login)
    return client.get(local_path(back))


def resident_login(client, browser: requests.Session, login: str, next_url: str = ""):
    """A resident's whole sign-in on the test client; returns the callback's answer."""
    start = client.get("/phan-anh/dang-nhap" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start.get_data(as_text=True)[:500]
    back = provider_login(browser, start.headers["Location"], login, RESIDENT_CALLBACK)
    return client.get(local_path(back))
