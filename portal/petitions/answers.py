"""Public answered petitions: the list (/phan-anh/), one answer, its abuse report, the Atom feed."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone

from flask import Response, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import StringField

from portal.core.htmx import render_page
from portal.core.http import absolute_request_url, absolute_url, found_or_404
from portal.db import db
from portal.extensions import limiter
from portal.units.models import COMMUNE
from portal.units.service import get_by_code, provinces

from . import public
from .categories import CATEGORY_NAMES
from .routes import bp

PER_PAGE = 10
FEED_SIZE = 30
CODE_RE = re.compile(r"^[A-Za-z0-9-]{4,20}$")
REPORTED_KEY = "pa_reported"  # codes this browser has already reported (no double counting)


class ReportForm(FlaskForm):
    website = StringField(_l("Leave this field empty"))  # honeypot: hidden from people, filled by robots


@bp.route("/")
def index():
    category = request.args.get("loai", "")
    if category not in CATEGORY_NAMES:
        category = ""
    province = request.args.get("tinh", "")
    unit_code = request.args.get("don-vi", "")
    unit = get_by_code(db.session, unit_code) if unit_code and len(unit_code) <= 10 else None
    all_provinces = provinces(db.session)
    if province not in {p.code for p in all_provinces}:
        province = ""
    if unit is not None and province and unit.province_code != province:
        unit = None  # the province changed: a committee of another province no longer applies
    if unit is not None and unit.province_code and not province:
        province = unit.province_code
    page = max(1, min(request.args.get("trang", 1, type=int) or 1, 1000))
    items, total = public.list_public(
        db.session, province=province, unit=unit, category=category, page=page, per_page=PER_PAGE
    )
    committees = public.committees_with_answers(db.session, province)
    if unit is not None and unit not in committees:
        committees.insert(0, unit)
    return render_page(
        "petitions/page.html",
        "petitions/_list.html",
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        province=province,
        unit=unit,
        category=category,
        provinces=all_provinces,
        committees=committees,
        categories=CATEGORY_NAMES,
        commune=COMMUNE,
    )


def _answer_or_404(code: str) -> public.PublicAnswer:
    if not CODE_RE.match(code):
        abort(404)
    return found_or_404(public.get_public(db.session, code.upper()))


@bp.route("/<code>")
def show(code: str):
    answer = _answer_or_404(code)
    if code != answer.code:
        return redirect(url_for("petitions.show", code=answer.code), 301)
    # No form token here: the report form has its own page, so this one is the same for every
    # visitor without a session and the shared page cache can keep it.
    reported = answer.code in session.get(REPORTED_KEY, [])
    return render_template("petitions/answer.html", a=answer, reported=reported, paragraphs=public.paragraphs)


@bp.route("/<code>/bao-cao", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def report(code: str):
    """A visitor flags a public answer as abusive; staff review it and may hide it."""
    answer = _answer_or_404(code)
    if code != answer.code:
        return redirect(url_for("petitions.report", code=answer.code), 301)
    form = ReportForm()
    seen = list(session.get(REPORTED_KEY, []))
    if request.method == "GET":
        return render_template("petitions/report.html", a=answer, form=form, reported=answer.code in seen)
    if not form.validate_on_submit():
        abort(400)
    # Robots that fill the honeypot get the same thanks but count for nothing.
    if not form.website.data and answer.code not in seen:
        public.report_abuse(db.session, answer.code)
        session[REPORTED_KEY] = (seen + [answer.code])[-50:]
    flash(_("Thank you. The committee's staff will review this answer."), "ok")
    return redirect(url_for("petitions.show", code=answer.code), 303)  # the thanks shows at the top


def _html(item: public.PublicAnswer) -> str:
    def block(text: str) -> str:
        return "".join(f"<p>{'<br>'.join(str(escape(line)) for line in para)}</p>" for para in public.paragraphs(text))

    return (
        f"{block(item.body)}<h2>{escape(_('Answer from %(name)s', name=item.unit.committee_name))}</h2>"
        f"{block(item.answer)}"
    )


@bp.route("/feed.atom")
def atom():
    code = request.args.get("don-vi", "")
    unit = get_by_code(db.session, code) if code and len(code) <= 10 else None
    if code and unit is None:
        abort(404)
    items = public.latest(db.session, FEED_SIZE, unit)
    from feedgen.feed import FeedGenerator  # here, not at start: feedgen and its lxml, ~4 MiB per web worker

    fg = FeedGenerator()
    index_url = absolute_url("petitions.index")
    fg.id(index_url + (f"?don-vi={unit.code}" if unit else ""))
    fg.title(_("Answers to petitions") + (f" — {unit.committee_name}" if unit else ""))
    fg.subtitle(_("Public answers of the Vietnam Fatherland Front committees to residents' petitions."))
    fg.language("vi")
    fg.author({"name": unit.committee_name if unit else "Mặt trận Tổ quốc Việt Nam"})
    fg.link(href=index_url + (f"?don-vi={unit.code}" if unit else ""), rel="alternate")
    fg.link(href=absolute_request_url(), rel="self")
    stamps = [_updated(i) for i in items]
    fg.updated(max(stamps, default=datetime(2025, 7, 1, tzinfo=timezone.utc)))
    for item, stamp in zip(items, stamps, strict=True):
        fe = fg.add_entry(order="append")
        link = absolute_url("petitions.show", code=item.code)
        fe.id(link)
        fe.title(item.title)
        fe.link(href=link)
        fe.published(item.published_at or item.answered_at or item.received_at)
        fe.updated(stamp)
        fe.author({"name": item.unit.committee_name})
        fe.category(term=item.category, label=item.category_name)
        fe.summary(public.shorten(item.body, 300) or item.title)
        fe.content(_html(item), type="html")
    body = fg.atom_str(pretty=False)
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    response.set_etag(hashlib.blake2b(body, digest_size=12).hexdigest())
    return response.make_conditional(request)


def _updated(item: public.PublicAnswer) -> datetime:
    """Staff may correct the public wording after publication; readers then see the entry again."""
    return max(d for d in (item.published_at, item.answered_at, item.updated_at, item.received_at) if d is not None)


from . import integration  # noqa: E402,F401  (home-page section and search source)
