from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

AT_MOST = _l("At most %(max)d characters.")


class QuizForm(FlaskForm):
    """Only the CSRF token: the answers are read from the request by quiz.check."""


class CodeForm(FlaskForm):
    code = StringField(_l("Your learner code"), validators=[
        DataRequired(_l("Please type your learner code.")), Length(max=40, message=AT_MOST)])


class CertificateForm(FlaskForm):
    name = StringField(_l("Your name (optional, only printed on this page)"), validators=[
        Optional(), Length(max=80, message=AT_MOST)])


class ActionForm(FlaskForm):
    pass


class CourseForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Please enter a title.")),
                                                 Length(max=200, message=AT_MOST)])
    summary = TextAreaField(_l("What the course teaches"), validators=[Optional(), Length(max=400, message=AT_MOST)])
    unit_code = StringField(_l("Committee code"), validators=[
        DataRequired(_l("Please enter the committee code.")), Length(max=10)])
    position = IntegerField(_l("Order in the course list"), default=0, validators=[
        Optional(), NumberRange(min=0, max=999, message=_l("A number from %(min)d to %(max)d."))])


class LessonForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Please enter a title.")),
                                                 Length(max=200, message=AT_MOST)])
    summary = TextAreaField(_l("What the resident will be able to do"), validators=[
        Optional(), Length(max=400, message=AT_MOST)])
    minutes = IntegerField(_l("Minutes it takes"), default=5, validators=[
        DataRequired(_l("Please give the minutes the lesson takes.")),
        NumberRange(min=1, max=120, message=_l("A number from %(min)d to %(max)d."))])


class StepForm(FlaskForm):
    title = StringField(_l("Heading of the step"), validators=[
        DataRequired(_l("Please enter a heading.")), Length(max=200, message=AT_MOST)])
    text = TextAreaField(_l("Text (a few short sentences)"), validators=[
        DataRequired(_l("Please write the text of the step.")), Length(max=3000, message=AT_MOST)])
    picture = FileField(_l("Picture (optional)"))
    picture_alt = StringField(_l("Describe the picture for people who cannot see it"), validators=[
        Optional(), Length(max=300, message=AT_MOST)])


class ChoiceForm(FlaskForm):
    class Meta:
        csrf = False

    text = StringField(_l("Answer option"), validators=[Optional(), Length(max=300, message=AT_MOST)])
    correct = BooleanField(_l("This answer is right"))
    explanation = StringField(_l("Why it is right or wrong"), validators=[
        Optional(), Length(max=600, message=AT_MOST)])


class QuestionForm(FlaskForm):
    prompt = StringField(_l("Question"), validators=[DataRequired(_l("Please write the question.")),
                                                     Length(max=400, message=AT_MOST)])
    multiple = BooleanField(_l("Several answers may be right"))
    choices = FieldList(FormField(ChoiceForm), min_entries=4, max_entries=4)


class TeamSessionForm(FlaskForm):
    held_on = DateField(_l("Date"), format=["%Y-%m-%d", "%d/%m/%Y"], validators=[
        DataRequired(_l("Please give the date as dd/mm/yyyy."))])
    place = StringField(_l("Place"), validators=[DataRequired(_l("Please say where the session was held.")),
                                                 Length(max=200, message=AT_MOST)])
    unit_code = StringField(_l("Commune or ward code"), validators=[
        DataRequired(_l("Please enter the committee code.")), Length(max=10)])
    lessons = SelectMultipleField(_l("Lessons taught in this session"), coerce=int, validators=[
        DataRequired(_l("Please tick at least one lesson."))])
    residents = IntegerField(_l("Residents who took part"), validators=[
        DataRequired(_l("Please give the number of residents.")),
        NumberRange(min=1, max=2000, message=_l("A number from %(min)d to %(max)d."))])
    finished_quiz = IntegerField(_l("Of them, residents who finished the quiz"), default=0, validators=[
        Optional(), NumberRange(min=0, max=2000, message=_l("A number from %(min)d to %(max)d."))])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=500, message=AT_MOST)])


class GuideForm(FlaskForm):
    code = StringField(_l("The resident's learner code (leave empty to make a new one)"), validators=[
        Optional(), Length(max=40, message=AT_MOST)])
    lesson_id = SelectField(_l("Lesson"), coerce=int)
    log_out = BooleanField(_l("Log me out of this phone when the lesson opens"), default=True)
