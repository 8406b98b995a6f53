"""Template filters: counts ("5.000"), file sizes ("2,4 MB"), durations ("3 phút 05 giây"), dates, localised;
and every number put into a translated message written the same way ("tối đa 5.000 ký tự").

Dates: every date a resident or an editor reads is in Vietnam time (Asia/Ho_Chi_Minh), whatever
the server's clock: a bulletin published at 21:58 UTC on 1 December is dated 02/12 on its page,
in its e-book and in the monthly collection. One style per kind of page: `day` ("02/12/2026")
on public pages and in e-books, `moment` ("02/12/2026 04:58") on staff pages.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from numbers import Real
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask
from flask_babel import Domain, format_decimal, get_translations, gettext
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from markupsafe import Markup

try:
    VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
except ZoneInfoNotFoundError:  # no tz database on the machine: UTC+7, unchanged since 1975
    from datetime import timedelta

    VIETNAM = timezone(timedelta(hours=7), "ICT")


def vietnam_time(moment: datetime) -> datetime:
    """`moment` on Vietnam's clock (a naive value is taken as UTC, as the database stores it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(VIETNAM)


def vietnam_date(moment: datetime | date) -> date:
    """The calendar day in Vietnam of `moment` (a date is already one)."""
    return vietnam_time(moment).date() if isinstance(moment, datetime) else moment


def vietnam_month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The UTC instants where a month starts and ends in Vietnam (for monthly collections)."""
    start = datetime(year, month, 1, tzinfo=VIETNAM)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=VIETNAM)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def day(value: datetime | date | None) -> str:
    """A day as residents read it: "02/12/2026", in Vietnam time."""
    return vietnam_date(value).strftime("%d/%m/%Y") if value else ""


def moment(value: datetime | None) -> str:
    """A day and time as staff read it: "02/12/2026 04:58", in Vietnam time."""
    return vietnam_time(value).strftime("%d/%m/%Y %H:%M") if value else ""


def filesize(n: int | None) -> str:
    n = int(n or 0)
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{format_decimal(round(n / 1024))} KB"
    return f"{format_decimal(round(n / 1024 / 1024, 1), format='#,##0.0')} MB"


def duration(seconds: float | None) -> str:
    total = int(round(seconds or 0))
    minutes, secs = divmod(total, 60)
    if minutes:
        return gettext("%(m)d min %(s)02d s", m=minutes, s=secs)
    return gettext("%(s)d s", s=secs)


def nowrap(value) -> Markup:
    """A code ("PA-J35M-K2N9", "HS-B8G3-2Q8") that must never break at its dashes inside a sentence."""
    return Markup('<span class="nowrap">%s</span>') % value  # noqa: S704  # nosec B704 (the value is escaped by %)


def number(n: int | float | None) -> str:
    """A count in the visitor's locale: "5.000" in Vietnamese, "5,000" in English."""
    return format_decimal(n or 0)


def localise_numbers(string: str, variables) -> tuple[str, object]:
    """Numbers of four digits and more, and fractions, in the visitor's locale ("5.000" / "5,000"):
    their placeholder (%(max)d, %(count)s) becomes %(max)s and the value its formatted text. Smaller
    whole numbers read the same in every locale and keep their own format (%(s)02d)."""
    if not isinstance(variables, dict):
        return string, variables
    variables = dict(variables)
    for key, value in variables.items():
        if isinstance(value, Real) and not isinstance(value, bool) and (abs(value) >= 1000 or value != int(value)):
            variables[key] = format_decimal(value)
            string = re.sub(r"%\(" + re.escape(key) + r"\)[-+ 0#]*\d*(?:\.\d+)?[dfis]", f"%({key})s", string)
    return string, variables


def interpolate(string: str, variables) -> str:
    string, variables = localise_numbers(string, variables)
    return string % variables


class LocalisedDomain(Domain):
    """The message domain every gettext call goes through, so no message writes "5000"."""

    def gettext(self, string, **variables):
        s = self.get_translations().ugettext(string)
        return interpolate(s, variables) if variables else s

    def ngettext(self, singular, plural, num, **variables):
        variables.setdefault("num", num)
        return interpolate(self.get_translations().ungettext(singular, plural, num), variables)

    def pgettext(self, context, string, **variables):
        s = self.get_translations().upgettext(context, string)
        return interpolate(s, variables) if variables else s

    def npgettext(self, context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        return interpolate(self.get_translations().unpgettext(context, singular, plural, num), variables)


def _lazy_mod(self: LazyString, other):
    # WTForms fills a lazy message itself ("At most %(max)d characters." % {"max": 30000}).
    return interpolate(str(self), other)


def _template_gettext(translate, with_count: bool):
    """Jinja's own i18n callables format with %; these format numbers first, and escape as it does."""

    @pass_context
    def call(context, *args, **variables):
        if with_count:
            variables.setdefault("num", args[-1])
        string, variables = localise_numbers(translate(get_translations(), *args), variables)
        if context.eval_ctx.autoescape:
            # The catalog is ours (trusted markup, as Jinja treats it); the % below escapes the values.
            string = Markup(string)  # noqa: S704  # nosec B704
        return string % variables if variables else string

    return call


def init_format(app: Flask) -> None:
    config = app.extensions["babel"]
    # flask_babel.gettext & co. (and lazy_gettext) ask get_domain(), which answers this instance.
    config.instance.domain_instance = LocalisedDomain(domain=config.default_domain)
    LazyString.__mod__ = _lazy_mod
    app.jinja_env.globals.update(
        gettext=_template_gettext(lambda t, s: t.ugettext(s), False),
        _=_template_gettext(lambda t, s: t.ugettext(s), False),
        ngettext=_template_gettext(lambda t, s, p, n: t.ungettext(s, p, n), True),
        pgettext=_template_gettext(lambda t, c, s: t.upgettext(c, s), False),
        npgettext=_template_gettext(lambda t, c, s, p, n: t.unpgettext(c, s, p, n), True),
    )
    app.add_template_filter(number, "number")
    app.add_template_filter(nowrap, "nowrap")
    app.add_template_filter(filesize, "filesize")
    app.add_template_filter(duration, "duration")
    app.add_template_filter(day, "day")
    app.add_template_filter(moment, "moment")
    from .markdown import render_markdown

    app.add_template_filter(render_markdown, "markdown")
