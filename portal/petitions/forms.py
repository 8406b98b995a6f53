"""Residents' forms: the petition, the tracking look-up, verification, review and correction."""

from __future__ import annotations

import re

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import BooleanField, EmailField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Optional, ValidationError

from .categories import CATEGORY_NAMES
from .masking import find_personal_data_in_name

TITLE_MIN, TITLE_MAX = 10, 150
BODY_MIN, BODY_MAX = 30, 5000
NAME_MAX = 120
MAX_PHOTOS = 3
_PHONE = re.compile(r"^(?:\+?84|0)(\d{9})$")
TOO_LONG = _l("%(count)s characters: at most %(max)s fit here. Please shorten it; what you wrote is kept below.")
NAME_HOLDS_DATA = _l(
    "Please write only your name here. Your name is shown on the public page with the answer, so an address, "
    "a phone number, an e-mail or an ID number must not be in it: put your phone number or e-mail in their "
    "own fields below, where they are never published."
)


def normalise_phone(raw: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    match = _PHONE.match(digits)
    return f"0{match.group(1)}" if match else ""


class Chars:
    """A length limit checked by the server only, its numbers written the reader's way (5.000).

    No `maxlength` attribute: with it, a browser silently cuts a longer pasted text (JavaScript
    off, nothing tells the resident), whereas the server's answer says so and keeps the text."""

    def __init__(self, low: int = 0, high: int = 0, short=None, long=TOO_LONG):
        self.low, self.high, self.short, self.long = low, high, short, long

    def __call__(self, form, field) -> None:
        count = len(field.data or "")
        message = self.short if count < self.low else self.long if self.high and count > self.high else None
        if message is not None:  # the numbers are written out only for a message (Babel costs)
            numbers = {"count": format_decimal(count), "min": format_decimal(self.low),
                       "max": format_decimal(self.high)}
            raise ValidationError(str(message) % numbers)


def _title_field() -> StringField:
    """The petition's title, as sent and as corrected: the same limits."""
    return StringField(_l("Title"), validators=[
        DataRequired(_l("Please write a short title.")),
        Chars(TITLE_MIN, TITLE_MAX, _l("The title needs %(min)s to %(max)s characters.")),
    ])


def _body_field(label) -> TextAreaField:
    return TextAreaField(label, validators=[
        DataRequired(_l("Please describe the matter.")),
        Chars(BODY_MIN, BODY_MAX, _l("The text needs %(min)s to %(max)s characters.")),
    ])


class PetitionForm(FlaskForm):
    submission_id = HiddenField()
    unit_code = HiddenField()
    category = RadioField(
        _l("What is it about?"),
        choices=[SelectChoice(k, v) for k, v in CATEGORY_NAMES.items()],
        validators=[DataRequired(_l("Please choose what the petition is about."))],
    )
    title = _title_field()
    body = _body_field(_l("What happened, where and since when?"))
    photos = MultipleFileField(_l("Photos (up to 3, optional)"))
    name = StringField(_l("Your name"), validators=[Optional(), Chars(high=NAME_MAX)])
    phone = StringField(_l("Phone number"), validators=[Optional(), Chars(high=20)])
    email = EmailField(
        _l("E-mail"),
        validators=[Optional(), Chars(high=254), Email(message=_l("This e-mail address does not look right."))],
    )
    hide_name = BooleanField(_l("Do not show my name publicly"))
    consent_public = BooleanField(
        _l("I agree that the question and the answer are published (without my contact details)")
    )
    website = StringField(_l("Leave this field empty"))  # honeypot: people never see it
    photo_tokens = HiddenField()
    # "Speak instead of typing": a recording written down by the job worker (voice_routes.py).
    recording = FileField(_l("Record or choose a recording (up to 3 minutes)"))
    recording_token = HiddenField()

    def validate_name(self, field) -> None:
        """The name is public (unless hidden): refuse one that carries contact data, an ID number
        or an address, rather than publish it, or publish it cut up by placeholders."""
        if field.data and find_personal_data_in_name(field.data):
            raise ValidationError(NAME_HOLDS_DATA)

    def validate_phone(self, field) -> None:
        if field.data and not normalise_phone(field.data):
            raise ValidationError(_l("Please enter a Vietnamese phone number, e.g. 0912 345 678."))


class LookupForm(FlaskForm):
    class Meta:
        csrf = False  # a plain GET look-up

    ma = StringField(
        _l("Tracking code"), validators=[DataRequired(_l("Please enter the tracking code.")), Chars(high=30)]
    )


class VerifyForm(FlaskForm):
    secret = StringField(
        _l("Last 4 digits of your phone number, or your e-mail"),
        validators=[
            DataRequired(_l("Please enter the last 4 digits of your phone number or your e-mail.")),
            Chars(high=254),
        ],
    )


class ReviewForm(FlaskForm):
    reason = TextAreaField(
        _l("Why are you not satisfied with the answer?"),
        validators=[
            DataRequired(_l("Please give the reason.")),
            Chars(10, 2000, _l("The reason needs %(min)s to %(max)s characters.")),
        ],
    )


class CorrectForm(FlaskForm):
    title = _title_field()
    body = _body_field(_l("Text"))


class ActionForm(FlaskForm):
    pass
