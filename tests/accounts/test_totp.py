"""The TOTP arithmetic against RFC 4226 and RFC 6238's own test vectors."""

import base64
import hashlib
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from portal.accounts import totp

RFC_SECRET = b"12345678901234567890"


def test_rfc4226_hotp_vectors():
    expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
    assert [totp.hotp(RFC_SECRET, counter) for counter in range(10)] == expected


@pytest.mark.parametrize("at, sha1, sha256, sha512", [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
])
def test_rfc6238_vectors(at, sha1, sha256, sha512):
    step = totp.current_step(at)
    assert totp.hotp(RFC_SECRET, step, digits=8) == sha1
    assert totp.hotp(b"12345678901234567890123456789012", step, 8, hashlib.sha256) == sha256
    assert totp.hotp(b"1234567890" * 6 + b"1234", step, 8, hashlib.sha512) == sha512
    # The base32 form apps use gives the same (6-digit) code.
    assert totp.code_at(base64.b32encode(RFC_SECRET).decode(), at) == sha1[-6:]


def test_one_step_either_side_and_no_replay():
    secret = totp.generate_secret()
    at = 1_800_000_015.0
    step = totp.current_step(at)
    before, now, after, far = (totp.code_at(secret, at + d * 30) for d in (-1, 0, 1, 2))
    assert totp.matching_step(secret, now, None, at) == step
    assert totp.matching_step(secret, before, None, at) == step - 1
    assert totp.matching_step(secret, after, None, at) == step + 1
    assert totp.matching_step(secret, far, None, at) is None
    assert totp.matching_step(secret, now, step, at) is None  # already used: replay
    assert totp.matching_step(secret, before, step, at) is None  # older than the last one used
    assert totp.matching_step(secret, after, step, at) == step + 1
    assert totp.matching_step(secret, f" {now[:3]} {now[3:]} ", None, at) == step  # spaces typed
    assert totp.matching_step(secret, "12345", None, at) is None
    assert totp.matching_step(secret, "abcdef", None, at) is None


def test_secret_grouping_uri_and_qr():
    secret = totp.generate_secret()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret) and len(base64.b32decode(secret)) == 20
    assert totp.grouped(secret).replace(" ", "") == secret and len(totp.grouped(secret).split()) == 8
    uri = totp.provisioning_uri(secret, "admin@example.org")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    assert unquote(parts.path) == "/Mặt trận số:admin@example.org"
    query = parse_qs(parts.query)
    assert query == {"secret": [secret], "issuer": ["Mặt trận số"], "algorithm": ["SHA1"], "digits": ["6"],
                     "period": ["30"]}
    svg = totp.qr_svg(uri)
    assert svg.startswith("<svg") and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
