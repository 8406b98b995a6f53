"""Staff single sign-on over OpenID Connect: what the rest of the portal calls. The relying party
itself (`oidc_client.py`: Authlib, joserfc, requests, ~16 MiB in each web worker) is imported
only when OIDC_ISSUER is set, or when a name of it is asked for."""

from __future__ import annotations

from flask import Flask, current_app


def init_oidc(app: Flask) -> None:
    """Register the staff client when OIDC_ISSUER is set; without it nothing changes."""
    if app.config.get("OIDC_ISSUER"):
        from . import oidc_client

        oidc_client.init_oidc(app)


def enabled(app: Flask | None = None) -> bool:
    return bool((app or current_app).config.get("OIDC_ISSUER"))


def __getattr__(name: str):
    """FAILURES, client(), complete_login(), verify_logout_token(), logout_url(), TokenRefused …"""
    if name.startswith("__"):
        raise AttributeError(name)
    from . import oidc_client

    return getattr(oidc_client, name)
