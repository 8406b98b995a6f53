from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import DateField, MultipleFileField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from .kinds import KIND_NAMES

MAX = _l("At most %(max)d characters.")


class LocalDateField(DateField):
    """A date field whose parse error is our own sentence (translated like every other)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_l("Please write the date as year-month-day, e.g. 2026-11-23.")) from exc


class ItemForm(FlaskForm):
    title = StringField(_l("Title"), validators=[
        DataRequired(_l("Please enter a title.")), Length(max=200, message=MAX)])
    kind = SelectField(lazy_pgettext("library", "Kind"), choices=[SelectChoice(k, v) for k, v in KIND_NAMES.items()])
    issuer = StringField(_l("Issuing body or author"), validators=[Optional(), Length(max=200, message=MAX)])
    issued_on = LocalDateField(_l("Date issued"), validators=[Optional()],
                          render_kw={"placeholder": "2026-11-23"})
    unit_code = StringField(_l("Committee code"), validators=[
        DataRequired(_l("Please enter the committee code.")), Length(max=10)])
    category_id = SelectField(_l("Library section"), coerce=int, validate_choice=True)
    tags = StringField(_l("Tags (separated by commas)"), validators=[Optional(), Length(max=300, message=MAX)])
    summary = TextAreaField(_l("Plain-language summary"), validators=[
        DataRequired(_l("Please explain the document in plain words.")), Length(max=3000, message=MAX)])
    files = MultipleFileField(_l("Add files"))


class CategoryForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Please enter a name.")), Length(max=120, message=MAX)])
    parent_id = SelectField(_l("Inside category"), coerce=int)


class ActionForm(FlaskForm):
    pass
