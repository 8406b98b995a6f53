"""Residents' forms: the petition, the tracking look-up, verification, review and correction."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, EmailField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from .categories import CATEGORY_NAMES

TITLE_MIN, TITLE_MAX = 10, 150
BODY_MIN, BODY_MAX = 30, 5000
MAX_PHOTOS = 3
_PHONE = re.compile(r"^(?:\+?84|0)(\d{9})$")


def normalise_phone(raw: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    match = _PHONE.match(digits)
    return f"0{match.group(1)}" if match else ""


class PetitionForm(FlaskForm):
    submission_id = HiddenField()
    unit_code = HiddenField()
    category = RadioField(
        _l("What is it about?"),
        choices=[SelectChoice(k, v) for k, v in CATEGORY_NAMES.items()],
        validators=[DataRequired(_l("Please choose what the petition is about."))],
    )
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(_l("Please write a short title.")),
            Length(min=TITLE_MIN, max=TITLE_MAX, message=_l("The title needs %(min)d to %(max)d characters.")),
        ],
    )
    body = TextAreaField(
        _l("What happened, where and since when?"),
        validators=[
            DataRequired(_l("Please describe the matter.")),
            Length(min=BODY_MIN, max=BODY_MAX, message=_l("The text needs %(min)d to %(max)d characters.")),
        ],
    )
    photos = MultipleFileField(_l("Photos (up to 3, optional)"))
    name = StringField(
        _l("Your name"), validators=[Optional(), Length(max=120, message=_l("At most %(max)d characters."))]
    )
    phone = StringField(_l("Phone number"), validators=[Optional(), Length(max=20)])
    email = EmailField(
        _l("E-mail"),
        validators=[Optional(), Length(max=254), Email(message=_l("This e-mail address does not look right."))],
    )
    hide_name = BooleanField(_l("Do not show my name publicly"))
    consent_public = BooleanField(
        _l("I agree that the question and the answer are published (without my contact details)")
    )
    website = StringField(_l("Leave this field empty"))  # honeypot: people never see it
    photo_tokens = HiddenField()

    def validate_phone(self, field) -> None:
        if field.data and not normalise_phone(field.data):
            raise ValidationError(_l("Please enter a Vietnamese phone number, e.g. 0912 345 678."))


class LookupForm(FlaskForm):
    class Meta:
        csrf = False  # a plain GET look-up

    ma = StringField(
        _l("Tracking code"), validators=[DataRequired(_l("Please enter the tracking code.")), Length(max=30)]
    )


class VerifyForm(FlaskForm):
    secret = StringField(
        _l("Last 4 digits of your phone number, or your e-mail"),
        validators=[
            DataRequired(_l("Please enter the last 4 digits of your phone number or your e-mail.")),
            Length(max=254),
        ],
    )


class ReviewForm(FlaskForm):
    reason = TextAreaField(
        _l("Why are you not satisfied with the answer?"),
        validators=[
            DataRequired(_l("Please give the reason.")),
            Length(min=10, max=2000, message=_l("The reason needs %(min)d to %(max)d characters.")),
        ],
    )


class CorrectForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(_l("Please write a short title.")),
            Length(min=TITLE_MIN, max=TITLE_MAX, message=_l("The title needs %(min)d to %(max)d characters.")),
        ],
    )
    body = TextAreaField(
        _l("Text"),
        validators=[
            DataRequired(_l("Please describe the matter.")),
            Length(min=BODY_MIN, max=BODY_MAX, message=_l("The text needs %(min)d to %(max)d characters.")),
        ],
    )


class ActionForm(FlaskForm):
    pass
