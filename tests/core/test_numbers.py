"""Every number a visitor reads is written the way of their language: 5.000 in Vietnamese, 5,000 in
English, in error messages, hints, counts and page text alike (never a bare "5000")."""

import re

import pytest
from flask import render_template_string
from flask_babel import gettext, lazy_gettext, ngettext, pgettext
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import Length, NumberRange

from tests.petitions.factories import login_as, make_petition, register_staff_blueprint

LOCALES = [("vi", "5.000", "Tối đa 30.000 ký tự."), ("en", "5,000", "At most 30,000 characters.")]
BARE = re.compile(r"(?<![\d.,:/#-])\d{4,}(?![\d.,])")


@pytest.mark.parametrize(("lang", "five_thousand", "at_most"), LOCALES)
def test_messages_from_code(app, lang, five_thousand, at_most):
    with app.test_request_context(headers={"Cookie": f"lang={lang}"}):
        assert gettext("At most %(max)d characters.", max=30000) == at_most
        assert str(lazy_gettext("At most %(max)d characters.", max=30000)) == at_most
        assert five_thousand in ngettext("%(num)d supporter", "%(num)d supporters", 5000)
        assert five_thousand in pgettext("test", "%(n)d tries left", n=5000)
        # Small numbers keep their own format: "3 min 05 s", not "3 min 5 s".
        assert gettext("%(m)d min %(s)02d s", m=3, s=5).endswith("05" + (" giây" if lang == "vi" else " s"))


@pytest.mark.parametrize(("lang", "five_thousand", "at_most"), LOCALES)
def test_messages_wtforms_fills_in(app, lang, five_thousand, at_most):
    class Form(FlaskForm):
        text = StringField(validators=[Length(max=30000, message=lazy_gettext("At most %(max)d characters."))])
        count = IntegerField(validators=[NumberRange(min=1, max=5000,
                                                     message=lazy_gettext("A number from %(min)d to %(max)d."))])

    with app.test_request_context(method="POST", data={"text": "x" * 30001, "count": "9999"},
                                  headers={"Cookie": f"lang={lang}"}):
        form = Form(meta={"csrf": False})
        assert not form.validate()
        assert form.text.errors == [at_most]
        assert form.count.errors[0].endswith(f"1 {'đến' if lang == 'vi' else 'to'} {five_thousand}.")


@pytest.mark.parametrize(("lang", "five_thousand", "at_most"), LOCALES)
def test_messages_in_templates(app, lang, five_thousand, at_most):
    source = ('{{ _("At most %(max)d characters.", max=30000) }}|'
              '{{ ngettext("%(num)d supporter", "%(num)d supporters", n) }}|'
              '{% trans count=n %}{{ count }} result{% pluralize %}{{ count }} results{% endtrans %}|'
              '{{ _("Search: %(q)s", q="<b>") }}|{{ n|number }}')
    with app.test_request_context(headers={"Cookie": f"lang={lang}"}):
        parts = render_template_string(source, n=5000).split("|")
    assert parts[0] == at_most
    assert five_thousand in parts[1] and five_thousand in parts[2] and parts[4] == five_thousand
    assert "&lt;b&gt;" in parts[3]  # still escaped
    assert not BARE.search("|".join(parts))


def test_staff_page_shows_counts_the_vietnamese_way(app, make_user):
    register_staff_blueprint(app)
    make_user("xl@example.org", role="handler", unit="11311")
    pid = make_petition(app, supporters=5000)
    client, _token = login_as(app, "xl@example.org")
    html = client.get(f"/quan-tri/phan-anh/{pid}").get_data(as_text=True)
    assert "5.000" in html and "5000" not in html
