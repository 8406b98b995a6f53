"""The OpenID Connect relying party (staff single sign-on, and residents' optional sign-in), on
Authlib (a maintained library: no JWT checks written by hand here).

Authlib does the Authorization Code flow with PKCE S256, `state` and `nonce` (kept in the signed
session cookie until the callback), verifies the ID token against the provider's JWKS (fetching
it again when a token names a key it does not know: key rotation), `iss`, `aud`, `exp`/`iat`
within the allowed skew. This module adds what the portal asks on top: only asymmetric signing
algorithms (so neither `alg: none` nor HS256 keyed with a public key can pass), the discovery
document's issuer must be the configured one, and the back-channel logout token's checks
(OpenID Connect Back-Channel Logout 1.0, section 2.6), which Authlib does not cover.

One client per provider: STAFF from the `OIDC_*` settings, RESIDENT from `RESIDENT_OIDC_*` (VNeID
or a provincial citizen account); each is off while its issuer is unset. The client and the
provider's metadata (and JWKS) live in the app object of each process: a
cache of the provider's public documents only, never anything of a session."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import FlaskOAuth2App, OAuth
from flask import Flask, current_app, session
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry
from requests import RequestException

from portal.core.http import absolute_url

from .oidc_names import ID_TOKEN, PREFIXES, STAFF

ASYMMETRIC = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
# A logout token is accepted this long after its `iat` (plus the skew), and its `jti` is kept as
# long (logout_tokens.py): an older copy is refused by its age, a younger one by its `jti`.
LOGOUT_TOKEN_MAX_AGE = 600
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
# Everything a provider or a forged token can make go wrong; each ends in a polite refusal.
FAILURES = (OAuthError, JoseError, RequestException, ValueError, KeyError, TypeError, RuntimeError)


class TokenRefused(ValueError):
    """A token (ID token, logout token) or a provider answer that does not pass the checks."""


class PortalOIDCApp(FlaskOAuth2App):
    def load_server_metadata(self):
        fresh = "_loaded_at" not in self.server_metadata
        metadata = super().load_server_metadata()
        if fresh:
            expected = getattr(self, "expected_issuer", None)
            if expected and metadata.get("issuer", "").rstrip("/") != expected:
                self.server_metadata.clear()  # not kept: the next login asks again
                raise TokenRefused("the discovery document names another issuer")
            offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
            metadata["id_token_signing_alg_values_supported"] = [alg for alg in offered if alg in ASYMMETRIC]
        return metadata


class PortalOAuth(OAuth):
    oauth2_client_cls = PortalOIDCApp


def init_oidc(app: Flask) -> None:
    """Register a client for each provider whose issuer is set; without one nothing changes."""
    oauth = None
    for name, prefix in PREFIXES.items():
        issuer = app.config.get(prefix + "ISSUER")
        if not issuer:
            continue
        oauth = oauth or PortalOAuth(app)
        oauth.register(
            name,
            client_id=app.config[prefix + "CLIENT_ID"],
            client_secret=app.config[prefix + "CLIENT_SECRET"],
            server_metadata_url=issuer + "/.well-known/openid-configuration",
            client_kwargs={"scope": app.config[prefix + "SCOPES"], "code_challenge_method": "S256",
                           "default_timeout": app.config["OIDC_TIMEOUT_SECONDS"]},
        )
        oauth.create_client(name).expected_issuer = issuer
        # Logging out posts a form that is redirected to the provider's end-session page.
        parts = urlsplit(issuer)
        origins = app.config.setdefault("CSP_FORM_ACTION_EXTRA", [])
        if f"{parts.scheme}://{parts.netloc}" not in origins:
            origins.append(f"{parts.scheme}://{parts.netloc}")


def client(name: str = STAFF) -> PortalOIDCApp:
    return current_app.extensions["authlib.integrations.flask_client"].create_client(name)


def skew() -> int:
    return int(current_app.config["OIDC_CLOCK_SKEW_SECONDS"])


def _decode(oidc: PortalOIDCApp, token: str):
    metadata = oidc.load_server_metadata()
    registry = JWSRegistry(algorithms=metadata["id_token_signing_alg_values_supported"], strict_check_header=False)
    try:
        return jwt.decode(token, KeySet.import_key_set(oidc.fetch_jwk_set()), registry=registry)
    except InvalidKeyIdError:
        # A key we have not seen: the provider may have rotated its keys.
        return jwt.decode(token, KeySet.import_key_set(oidc.fetch_jwk_set(force=True)), registry=registry)


def complete_login(oidc: PortalOIDCApp, wanted: tuple[str, ...]) -> tuple[dict, str]:
    """At the callback: check `state`, exchange the code (with the PKCE verifier), verify the ID
    token; returns its claims (completed from the userinfo endpoint when the provider keeps some
    of the `wanted` claims there: a role, a committee, a phone number) and the raw ID token
    (the hint for logging out later)."""
    token = oidc.authorize_access_token(leeway=skew())
    if "userinfo" not in token or "id_token" not in token:
        raise TokenRefused("the provider's answer has no ID token")
    claims = dict(token["userinfo"])
    if any(name not in claims for name in wanted) and oidc.load_server_metadata().get("userinfo_endpoint"):
        extra = dict(oidc.userinfo(token=token))
        if extra.get("sub") != claims["sub"]:
            raise TokenRefused("the userinfo answer is about someone else")
        claims = {**extra, **claims}
    return claims, token["id_token"]


def verify_logout_token(oidc: PortalOIDCApp, raw: str) -> dict:
    """The claims of a back-channel logout token, after every check of section 2.6."""
    from joserfc.jwt import JWTClaimsRegistry

    decoded = _decode(oidc, raw)
    typ = decoded.header.get("typ")
    if typ is not None and typ.lower() not in ("logout+jwt", "application/logout+jwt", "jwt"):
        raise TokenRefused("not a logout token")
    claims = decoded.claims
    registry = JWTClaimsRegistry(leeway=skew(), iss={"essential": True, "value": oidc.server_metadata["issuer"]},
                                 aud={"essential": True, "value": oidc.client_id},
                                 iat={"essential": True}, jti={"essential": True})
    registry.validate(claims)
    if not isinstance(claims["iat"], int | float) or claims["iat"] < time.time() - LOGOUT_TOKEN_MAX_AGE - skew():
        raise TokenRefused("the logout token is too old")
    if not isinstance(claims["jti"], str) or not claims["jti"]:
        raise TokenRefused("the logout token has no usable jti")
    events = claims.get("events")
    if not isinstance(events, dict) or not isinstance(events.get(BACKCHANNEL_EVENT), dict):
        raise TokenRefused("the logout event is missing")
    if "nonce" in claims:
        raise TokenRefused("a logout token carries no nonce")
    if not (isinstance(claims.get("sid"), str) and claims["sid"]) and not (isinstance(claims.get("sub"), str)
                                                                          and claims["sub"]):
        raise TokenRefused("a logout token names a sid or a sub")
    return claims


def logout_url(oidc: PortalOIDCApp, id_token: str | None, back_to: str) -> str | None:
    """The provider's end-session address (RP-initiated logout), when it has one."""
    try:
        if not oidc.load_server_metadata().get("end_session_endpoint"):
            return None
        return oidc.create_logout_url(post_logout_redirect_uri=back_to, id_token_hint=id_token,
                                      client_id=oidc.client_id)["url"]
    except FAILURES:
        return None


def provider_logout_url() -> str | None:
    """Where logging out here sends the browser next: the provider's end-session page, when the
    login came through single sign-on and the provider has one."""
    id_token = session.get(ID_TOKEN)
    if not current_app.config.get("OIDC_ISSUER") or not isinstance(id_token, str):
        return None
    return logout_url(client(), id_token, absolute_url("home.index"))
