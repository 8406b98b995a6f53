"""Forms and labels of the staff petition pages.

Every action on the detail page is its own small form. Field names differ from form to
form, so that the page's element ids are unique and a failed form can be shown again next
to the others.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import Session
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from portal.accounts.models import HANDLER, User
from portal.core.text import nfc

from .categories import CATEGORY_NAMES  # noqa: F401  (re-exported for the staff pages)
from .forms import Chars
from .models import ANSWERED, IN_PROGRESS, MERGED, PUBLISHED, RECEIVED, REJECTED, TRANSFERRED, WITHDRAWN, Petition
from .steps import (
    ANSWER_MAX,
    BULK_ACTIONS,
    NOTE_MAX,
    PUBLIC_BODY_MAX,
    PUBLIC_NAME_MAX,
    PUBLIC_TITLE_MAX,
    REASON_MAX,
    REJECT_REASON_CODES,
)

COLLEAGUE = _l("Choose a colleague of this committee.")

STATUS_NAMES = {
    RECEIVED: _l("Received"),
    IN_PROGRESS: _l("In progress"),
    ANSWERED: _l("Answered"),
    PUBLISHED: _l("Published"),
    TRANSFERRED: _l("Transferred"),
    REJECTED: _l("Rejected"),
    MERGED: _l("Merged"),
    WITHDRAWN: _l("Withdrawn"),
}

REJECT_REASONS = {
    "outside_competence": _l("Outside our competence"),
    "duplicate": _l("Duplicate of another petition"),
    "abusive": _l("Abusive"),
    "other": _l("Other reason"),
}
assert tuple(REJECT_REASONS) == REJECT_REASON_CODES

EVENT_LABELS = {
    "received": _l("Received"),
    "accepted": _l("Accepted, being handled"),
    "answered": _l("Answered"),
    "published": _l("Answer published"),
    "closed": _l("Closed: answered, not published (no consent)"),
    "public_wording": _l("Public wording edited"),
    "transferred": _l("Transferred to another committee"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn by the sender"),
    "corrected": _l("Corrected by the sender"),
    "review": _l("Review asked for by the sender"),
    "support": _l("A resident added their voice"),
    "merged": _l("Merged into another petition"),
    "merged_in": _l("Another petition was merged into this one"),
    "assigned": _l("Assigned"),
    "unassigned": _l("No longer assigned"),
    "note": _l("Internal note"),
    "hidden": _l("Public answer hidden"),
    "unhidden": _l("Public answer shown again"),
    "verify_locked": _l("Look-up locked after wrong tries"),
    "earlier_answer": _l("Earlier answer, before the review"),
    "verify_unlocked": _l("Look-up lock lifted"),
    **{f"reason.{code}": label for code, label in REJECT_REASONS.items()},
}

# Answer templates: a starting point the handler edits; `?mau=<category>` puts one in the form.
ANSWER_OPENING = _l("Dear resident,\n\n%(committee)s has received your petition %(code)s.")
ANSWER_CLOSING = _l("If you are not satisfied with this answer, you can ask once for a review with your tracking code.")
ANSWER_TEMPLATES = {
    "dat-dai": _l(
        "We asked the land officer to check the land records and the boundaries on site. "
        "What was found: … What will be done, and by when: …"
    ),
    "moi-truong": _l(
        "We went to the place with the environment officer on … and found: … The following will be done, and by when: …"
    ),
    "an-sinh": _l(
        "We checked your household against the rules for social support. "
        "Your household is / is not entitled to: … Next steps: …"
    ),
    "ha-tang": _l(
        "We passed your report to the body in charge of the road, power or water works: … They will repair it by: …"
    ),
    "y-te": _l("We worked with the health station on your petition. What was found: … What will be done: …"),
    "giao-duc": _l(
        "We worked with the school and the education office on your petition. What was found: … What will be done: …"
    ),
    "can-bo": _l(
        "We asked the people in charge to review the conduct you reported. "
        "The result of the review: … The measures taken: …"
    ),
    "khac": _l("We looked into your petition. What was found: … What will be done, and by when: …"),
}


def answer_template(category: str, committee: str, code: str) -> str:
    body = ANSWER_TEMPLATES.get(category, ANSWER_TEMPLATES["khac"])
    opening = str(ANSWER_OPENING) % {"committee": committee, "code": code}
    return f"{opening}\n\n{body}\n\n{ANSWER_CLOSING}"


def _text(value: str | None) -> str:
    """NFC, Unix line ends, no surrounding blanks."""
    return nfc(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _required(message) -> list:
    return [DataRequired(message)]


class ActionForm(FlaskForm):
    """Only the CSRF token: accept, publish, show again."""


class AnswerForm(FlaskForm):
    answer = TextAreaField(
        _l("Answer to the resident"),
        filters=[_text],
        validators=[*_required(_l("Please write the answer.")), Chars(high=ANSWER_MAX)],
    )


class PublicWordingForm(FlaskForm):
    public_title = StringField(
        _l("Public title"),
        filters=[_text],
        validators=[*_required(_l("Please enter the public title.")), Chars(high=PUBLIC_TITLE_MAX)],
    )
    public_body = TextAreaField(
        _l("Public text of the petition"),
        filters=[_text],
        validators=[*_required(_l("Please enter the public text.")), Chars(high=PUBLIC_BODY_MAX)],
    )
    # Absent from the page when the sender asked to hide the name (None: left as it is).
    public_name = StringField(_l("Public name of the sender"), filters=[_text],
                              validators=[Optional(), Chars(high=PUBLIC_NAME_MAX)])


class TransferForm(FlaskForm):
    unit_code = StringField(
        _l("Code of the committee to send it to"),
        filters=[_text],
        validators=[*_required(_l("Please enter the committee code.")), Chars(high=10)],
    )
    transfer_reason = TextAreaField(
        _l("Reason, shown to the resident"),
        filters=[_text],
        validators=[*_required(_l("Please give the reason for the transfer.")), Chars(high=REASON_MAX)],
    )


class RejectForm(FlaskForm):
    reject_reason = SelectField(_l("Reason"), choices=[SelectChoice(k, v) for k, v in REJECT_REASONS.items()],
                                invalid_choice_message=_l("Please choose a reason."))
    reject_note = TextAreaField(
        _l("Explanation"),
        filters=[_text],
        validators=[*_required(_l("Please explain the decision.")), Chars(high=REASON_MAX)],
    )
    reason_private = BooleanField(_l("Do not show the reason to the resident"))


class MergeForm(FlaskForm):
    target_code = StringField(
        _l("Code of the petition to merge into"),
        filters=[_text],
        validators=[*_required(_l("Please enter the code of the other petition.")), Chars(high=20)],
    )


class AssignForm(FlaskForm):
    assignee = SelectField(_l("Assign to"), coerce=int, choices=[], invalid_value_message=COLLEAGUE,
                           invalid_choice_message=COLLEAGUE)


class NoteForm(FlaskForm):
    note = TextAreaField(
        _l("Internal note (staff only)"),
        filters=[_text],
        validators=[*_required(_l("Please write the note.")), Chars(high=NOTE_MAX)],
    )


class HideForm(FlaskForm):
    hide_note = StringField(
        _l("Why (staff only, optional)"),
        filters=[_text],
        validators=[Optional(), Chars(high=REASON_MAX)],
    )


BULK_LABELS = {"accept": _l("Accept"), "assign_me": _l("Assign to me")}
assert set(BULK_LABELS) == set(BULK_ACTIONS)


class BulkForm(FlaskForm):
    bulk_action = SelectField(_l("With the selected petitions"),
                              choices=[SelectChoice(k, v) for k, v in BULK_LABELS.items()],
                              invalid_choice_message=_l("Please choose an action."))


def assign_form(session: Session, petition: Petition, **kwargs) -> AssignForm:
    """The assign form, offering the active handlers of the petition's committee (and whoever,
    e.g. an administrator, holds it now)."""
    form = AssignForm(**kwargs)
    people = list(session.scalars(select(User).where(User.role == HANDLER, User.active.is_(True),
                                                     User.unit_id == petition.unit_id).order_by(User.display_name)))
    if petition.assigned_to is not None and petition.assigned_to not in people:
        people.append(petition.assigned_to)
    form.assignee.choices = [SelectChoice(0, _l("Nobody")),
                             *(SelectChoice(u.id, u.display_name or u.email) for u in people)]
    return form
