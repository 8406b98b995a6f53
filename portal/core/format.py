"""Template filters: counts ("5.000"), file sizes ("2,4 MB"), durations ("3 phút 05 giây"), dates, localised.

Dates: every date a resident or an editor reads is in Vietnam time (Asia/Ho_Chi_Minh), whatever
the server's clock: a bulletin published at 21:58 UTC on 1 December is dated 02/12 on its page,
in its e-book and in the monthly collection. One style per kind of page: `day` ("02/12/2026")
on public pages and in e-books, `moment` ("02/12/2026 04:58") on staff pages.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask
from flask_babel import format_decimal, gettext

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


def number(n: int | float | None) -> str:
    """A count in the visitor's locale: "5.000" in Vietnamese, "5,000" in English."""
    return format_decimal(n or 0)


def init_format(app: Flask) -> None:
    app.add_template_filter(number, "number")
    app.add_template_filter(filesize, "filesize")
    app.add_template_filter(duration, "duration")
    app.add_template_filter(day, "day")
    app.add_template_filter(moment, "moment")
    from .markdown import render_markdown

    app.add_template_filter(render_markdown, "markdown")
