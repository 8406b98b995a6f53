"""The exact page to read: a feature whose long texts are read page by page (the library)
registers `locate` with its search source; the question helper links a quote to that page."""

from __future__ import annotations

from flask import has_app_context

from .registry import registry


def locate(hit, passage: str) -> str:
    """The address of the page holding `passage` of this hit, or the hit's own address."""
    source = registry.sources.get(hit.kind)
    if source is None or source.locate is None or not has_app_context():
        return hit.url
    return source.locate(hit.url, passage) or hit.url
