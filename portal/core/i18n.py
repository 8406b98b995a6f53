"""Locale choice: Vietnamese unless the visitor picked English (remembered in a cookie)."""

from __future__ import annotations

from flask import current_app, has_request_context, request

LANG_COOKIE = "lang"
SIZE_COOKIE = "chu"


def select_locale() -> str:
    if not has_request_context():  # jobs and CLI commands speak Vietnamese
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    lang = request.cookies.get(LANG_COOKIE, "")
    return lang if lang in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def large_text() -> bool:
    return request.cookies.get(SIZE_COOKIE) == "lon"
