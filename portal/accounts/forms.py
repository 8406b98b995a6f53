from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Please enter your e-mail.")),
                                                 Length(max=254, message=_l("The e-mail is too long."))])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Please enter your password.")),
                                                         Length(max=200, message=_l("The password is too long."))])
    next = HiddenField()


class LogoutForm(FlaskForm):
    pass


class CodeForm(FlaskForm):
    """The six digits from the authenticator app (or, at login, a recovery code)."""

    code = StringField(_l("Code"), validators=[DataRequired(_l("Please enter the code.")),
                                               Length(max=20, message=_l("The code is too long."))])


class ConfirmForm(FlaskForm):
    pass
