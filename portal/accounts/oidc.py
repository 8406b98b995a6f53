"""OpenID Connect (staff single sign-on, residents' optional sign-in): what the rest of the portal
calls. The relying party itself (`oidc_client.py`: Authlib, joserfc, requests, ~16 MiB in each web
worker) is imported only when a provider's issuer is set, or when a name of it is asked for."""

from __future__ import annotations

from flask import Flask, current_app

from .oidc_names import ID_TOKEN, PREFIXES, RESIDENT, STAFF

__all__ = ["ID_TOKEN", "PREFIXES", "RESIDENT", "STAFF", "enabled", "init_oidc"]


def init_oidc(app: Flask) -> None:
    """Register a client for each provider whose issuer is set; without one nothing changes."""
    if any(app.config.get(prefix + "ISSUER") for prefix in PREFIXES.values()):
        from . import oidc_client

        oidc_client.init_oidc(app)


def enabled(app: Flask | None = None, name: str = STAFF) -> bool:
    return bool((app or current_app).config.get(PREFIXES[name] + "ISSUER"))


def __getattr__(name: str):
    """FAILURES, client(), complete_login(), verify_logout_token(), logout_url(), TokenRefused …"""
    if name.startswith("__"):
        raise AttributeError(name)
    from . import oidc_client

    return getattr(oidc_client, name)
