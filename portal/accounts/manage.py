"""The staff area's front page: what each role may do here."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.core.permissions import staff_required

from .forms import LogoutForm
from .models import ADMIN, EDITOR, HANDLER, TEAM

bp = Blueprint("staff", __name__, url_prefix="/quan-tri")

ROLE_NAMES = {
    ADMIN: _l("Administrator"),
    EDITOR: _l("Editor"),
    HANDLER: _l("Petition handler"),
    TEAM: _l("Community digital-technology team member"),
}

# What each role is responsible for; the feature areas link themselves in as they arrive.
DUTIES = {
    ADMIN: [_l("Manage staff accounts and their committees"), _l("Publish for every committee"),
            _l("Register news sources and watch the job queue")],
    EDITOR: [_l("Write and publish bulletins"), _l("Add documents to the digital library"),
             _l("Write digital-skills lessons")],
    HANDLER: [_l("Receive, answer and publish the petitions of your committee"),
              _l("See the deadlines and what is overdue")],
    TEAM: [_l("Send petitions for residents who cannot type"),
           _l("Record group lessons and guide residents through them")],
}


@bp.route("/")
@staff_required()
def dashboard():
    return render_template(
        "admin/dashboard.html",
        role_name=ROLE_NAMES[current_user.role],
        duties=DUTIES[current_user.role],
        logout_form=LogoutForm(),
    )
