"""flask-login wiring."""

from __future__ import annotations

from flask import Flask, session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from portal.db import db

from .service import load_session_user
from .sessions import SESSION_KEY


def init_login(app: Flask, manager: LoginManager) -> None:
    manager.init_app(app)
    manager.login_view = "accounts.login"
    manager.login_message = _l("Please log in to open this page.")
    manager.session_protection = "strong"

    @manager.user_loader
    def load_user(token: str):
        # Also reached from a "remember me" cookie: without a live server-side session in the
        # same cookie it opens nothing, so such a cookie is no way around logout.
        return load_session_user(db.session, token, session.get(SESSION_KEY))
