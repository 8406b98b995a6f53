"""The signed-in resident, for the features that need one (petitions: "Phản ánh của tôi", the
form's contact fields), without importing the feature that signs residents in: portal/residents/
fills this registry when its blueprint is registered, and a feature asks only through here.

A `Resident` carries no identity of the provider (no issuer, no `sub`): `key` is an opaque keyed
hash, the only thing a feature may store to find the resident's own records again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app

EXTENSION = "portal.residents"


@dataclass(frozen=True)
class Resident:
    key: str
    # From the provider's claims, for filling forms (editable there); personal data: never on a
    # public page, a feed, the search index or a log line.
    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class SignIn:
    """What the resident sign-in feature offers the others."""

    enabled: Callable[[], bool]
    current: Callable[[], Resident | None]


def _registered() -> SignIn | None:
    return current_app.extensions.get(EXTENSION)


def enabled() -> bool:
    """Whether residents may sign in here at all (RESIDENT_OIDC_ISSUER is set)."""
    registered = _registered()
    return registered is not None and registered.enabled()


def current() -> Resident | None:
    """The resident signed in with this request's session, else None."""
    registered = _registered()
    if registered is None or not registered.enabled():
        return None
    return registered.current()


def current_key() -> str | None:
    resident = current()
    return resident.key if resident else None
