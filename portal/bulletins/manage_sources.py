"""Admins register news feeds (/quan-tri/ban-tin/nguon-tin); new entries become drafts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length

from portal.accounts.models import ADMIN
from portal.accounts.service import audit
from portal.core.permissions import staff_required
from portal.db import db
from portal.units.service import get_by_code

from .forms import ActionForm
from .jobs import import_source
from .manage import bp
from .models import NewsSource
from .news import describe
from .topics import TOPIC_NAMES


class SourceForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Please enter a name.")), Length(max=200)])
    url = URLField(_l("Feed address (RSS or Atom)"), validators=[
        DataRequired(_l("Please enter the feed address.")),
        URL(require_tld=False, message=_l("Please enter a full address starting with http:// or https://.")),
        Length(max=500)])
    unit_code = StringField(_l("Committee code"), validators=[DataRequired(_l("Please enter the committee code."))])
    topic = SelectField(_l("Topic"), choices=[SelectChoice(k, v) for k, v in TOPIC_NAMES.items()])


@bp.route("/nguon-tin", methods=["GET", "POST"])
@staff_required(ADMIN)
def sources():
    form = SourceForm()
    status = 200
    if form.validate_on_submit():
        unit = get_by_code(db.session, form.unit_code.data.strip())
        exists = db.session.scalar(select(NewsSource).where(NewsSource.url == form.url.data.strip()))
        if unit is None:
            form.unit_code.errors.append(_("No committee has this code."))
        elif exists:
            form.url.errors.append(_("This feed is already registered."))
        else:
            source = NewsSource(name=form.name.data.strip(), url=form.url.data.strip(), unit=unit,
                                topic=form.topic.data)
            db.session.add(source)
            db.session.flush()
            audit(db.session, current_user, "news_source.create", "news_source", source.id, url=source.url)
            db.session.commit()
            flash(_("The feed is registered; it is checked every 30 minutes."), "success")
            return redirect(url_for(".sources"))
        status = 400
    elif form.is_submitted():
        status = 400
    items = db.session.scalars(select(NewsSource).order_by(NewsSource.name)).all()
    return render_template("bulletins/manage/sources.html", form=form, items=items, action_form=ActionForm(),
                           feed_problem=describe), status


def _source(source_id: int) -> NewsSource:
    source = db.session.get(NewsSource, source_id)
    if source is None:
        abort(404)
    return source


@bp.route("/nguon-tin/<int:source_id>/kiem-tra", methods=["POST"])
@staff_required(ADMIN)
def check_source(source_id: int):
    source = _source(source_id)
    if ActionForm().validate_on_submit():
        import_source.enqueue(source.id)
        flash(_("The feed will be checked now."), "success")
    return redirect(url_for(".sources"))


@bp.route("/nguon-tin/<int:source_id>/tat", methods=["POST"])
@staff_required(ADMIN)
def toggle_source(source_id: int):
    source = _source(source_id)
    if ActionForm().validate_on_submit():
        source.active = not source.active
        audit(db.session, current_user, "news_source.toggle", "news_source", source.id, active=source.active)
        db.session.commit()
    return redirect(url_for(".sources"))
