"""Time-based one-time passwords (RFC 6238 over RFC 4226): 30-second steps, 6 digits, HMAC-SHA-1,
the settings every authenticator app (Google Authenticator, FreeOTP, Aegis) uses by default.

The one-time-password arithmetic is pyotp's (a maintained library, not code of our own); this
module keeps the portal's clock (which tests move), the ±1 step window and the no-replay rule.
Tested against the RFCs' own vectors."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from urllib.parse import quote, urlencode

import pyotp

STEP_SECONDS = 30
DIGITS = 6
# Codes from one step before or after are accepted: phone clocks drift and people type slowly.
TOLERANCE = 1
ISSUER = "Mặt trận số"


def now_ts() -> float:
    """The clock every login check reads (tests move it)."""
    return time.time()


def generate_secret() -> str:
    """160 random bits (RFC 4226 recommends them), base32 without padding: 32 letters and digits."""
    return pyotp.random_base32(32)


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, digits: int = DIGITS, digest=hashlib.sha1) -> str:
    return pyotp.HOTP(base64.b32encode(key).decode("ascii"), digits=digits, digest=digest).at(counter)


def current_step(at: float | None = None) -> int:
    return int((now_ts() if at is None else at) // STEP_SECONDS)


def code_at(secret: str, at: float | None = None) -> str:
    return hotp(_key(secret), current_step(at))


def matching_step(secret: str, code: str, last_step: int | None, at: float | None = None) -> int | None:
    """The time step `code` belongs to (within ±TOLERANCE), or None. A step at or before
    `last_step` (the last one accepted) is refused, so a code cannot be used twice (RFC 6238 §5.2)."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    key = _key(secret)
    now = current_step(at)
    for step in range(now - TOLERANCE, now + TOLERANCE + 1):
        if hmac.compare_digest(hotp(key, step), code) and (last_step is None or step > last_step):
            return step
    return None


def grouped(secret: str) -> str:
    """ "ABCD EFGH …": easier to type by hand into an app."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, account: str) -> str:
    """The otpauth:// address authenticator apps read (Google's Key Uri Format)."""
    label = quote(f"{ISSUER}:{account}", safe="")
    query = urlencode({"secret": secret, "issuer": ISSUER, "algorithm": "SHA1", "digits": DIGITS,
                       "period": STEP_SECONDS}, quote_via=quote)
    return f"otpauth://totp/{label}?{query}"


def qr_svg(uri: str) -> str:
    """An inline SVG QR code (segno): drawn on the server, no request to anyone else."""
    import segno

    return segno.make(uri, error="l").svg_inline(scale=4, dark="#000", light="#fff",
                                                 svgclass="qr", lineclass=None, omitsize=False)
