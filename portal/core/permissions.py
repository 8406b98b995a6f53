"""Role checks for the staff area."""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import abort, redirect, request, url_for
from flask_login import current_user


def staff_required(*roles: str) -> Callable:
    """Require a logged-in staff member, with one of `roles` when given."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
