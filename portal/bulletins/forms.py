from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateTimeLocalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from .topics import TOPIC_NAMES


class BulletinForm(FlaskForm):
    title = StringField(_l("Title"), validators=[
        DataRequired(_l("Please enter a title.")), Length(max=200, message=_l("At most %(max)d characters."))])
    summary = TextAreaField(_l("Summary"), validators=[
        Optional(), Length(max=300, message=_l("At most %(max)d characters."))])
    body = TextAreaField(_l("Text (Markdown)"), validators=[
        DataRequired(_l("Please write the text of the bulletin.")),
        Length(max=30000, message=_l("At most %(max)d characters."))])
    topic = SelectField(_l("Topic"), choices=[SelectChoice(k, v) for k, v in TOPIC_NAMES.items()])
    unit_code = StringField(_l("Committee code"), validators=[
        DataRequired(_l("Please enter the committee code.")), Length(max=10)])
    cover = FileField(_l("Cover picture (optional)"))
    cover_token = HiddenField()  # a picture chosen before a refused save, kept (signed)
    cover_alt = StringField(_l("Describe the picture for people who cannot see it"), validators=[
        Optional(), Length(max=200, message=_l("At most %(max)d characters."))])


class PublishForm(FlaskForm):
    publish_at = DateTimeLocalField(_l("Publish at (leave empty to publish now)"), format="%Y-%m-%dT%H:%M",
                                    validators=[Optional()])


class ActionForm(FlaskForm):
    pass
