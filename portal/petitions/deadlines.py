# SPDX-License-Identifier: AGPL-3.0-or-later
"""Answer deadlines for petitions, counted in Vietnamese working days.

A working day is Monday to Friday, minus the public holidays of the `holidays` package for
Vietnam (Tết Dương lịch, the days of Tết Nguyên đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, the two
days of Quốc khánh, and from 2026 Ngày Văn hóa Việt Nam 24/11), including its observed days
("nghỉ bù" when a holiday falls on a weekend) and the government's swapped days off. A Saturday
that the government turns into a working day in exchange for a swapped day off (2026-08-22 for
2026-08-31) counts as a working day, as it does for the officials who answer petitions.

Counting follows the civil-law rule: the day a petition is received is not counted; a deadline of
N working days ends on the N-th working day after it. A petition received at or after 17:00
local time, or on a day off, is treated as received on the next working day.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

# Working days to answer, per level of the committee. Read-only; callers pass their own mapping
# (from configuration, say) to `due_date` to change them.
DEFAULT_DEADLINES: Mapping[str, int] = MappingProxyType({"central": 15, "province": 15, "commune": 10})
OFFICE_CLOSES = time(17, 0)
_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=1)
def vietnam_timezone() -> tzinfo:
    """Asia/Ho_Chi_Minh; a fixed UTC+7 (unchanged since 1975) where the tz database is missing."""
    try:
        return ZoneInfo("Asia/Ho_Chi_Minh")
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=7), "ICT")


_LOADING = threading.Lock()


def _vietnam() -> type[holidays.HolidayBase]:
    """The package's `holidays.countries.vietnam.Vietnam`, loaded without `holidays.countries`:
    that package imports the calendars of every country it knows (~250) to offer each under its
    code, ~7 MiB in each web worker from its first petition, for the one calendar used here."""
    name = "holidays.countries.vietnam"
    with _LOADING:
        module = sys.modules.get(name)
        if module is None:
            path = Path(holidays.__file__).parent / "countries" / "vietnam.py"
            spec = importlib.util.spec_from_file_location(name, path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # as an import would (holidays.countries finds it there)
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[name]
                raise
    return module.Vietnam


@lru_cache(maxsize=64)
def _holidays(year: int) -> holidays.HolidayBase:
    """The package's calendar for `year` and its neighbours, names in Vietnamese whatever the locale
    (what `holidays.country_holidays("VN", ...)` returns).

    Neighbouring years are loaded because a swap may cross New Year (2015-01-02 off for
    2014-12-27 worked) and the package records it under the year of the day off.
    """
    return _vietnam()(years=range(year - 1, year + 2), language="vi", expand=False)


@lru_cache(maxsize=64)
def _calendar(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(days off, weekend days worked) within `year`."""
    calendar = _holidays(year)
    days_off = frozenset(day for day in calendar if day.year == year)
    weekend_workdays = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return days_off, weekend_workdays


def is_working_day(day: date, extra_holidays: Iterable[date] = ()) -> bool:
    """Whether offices work on `day`; `extra_holidays` adds days off (a local holiday, say)."""
    if day in frozenset(extra_holidays):
        return False
    days_off, weekend_workdays = _calendar(day.year)
    if day.weekday() >= 5:
        return day in weekend_workdays
    return day not in days_off


def holiday_name(day: date) -> str | None:
    """The Vietnamese name of the public holiday on `day`, for explaining a deadline."""
    name = _holidays(day.year).get(day)
    return str(name) if name else None


def add_working_days(start: date, days: int, extra_holidays: Iterable[date] = ()) -> date:
    """The `days`-th working day after `start` (`start` itself is not counted; 0 gives `start`)."""
    if days < 0:
        raise ValueError("days must not be negative")
    extra = frozenset(extra_holidays)
    day = start
    while days:
        day += _ONE_DAY
        if is_working_day(day, extra):
            days -= 1
    return day


def next_working_day(day: date, extra_holidays: Iterable[date] = ()) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    extra = frozenset(extra_holidays)
    return day if is_working_day(day, extra) else add_working_days(day, 1, extra)


def working_days_between(a: date, b: date, extra_holidays: Iterable[date] = ()) -> int:
    """Working days after `a` up to and including `b`; negative when `b` is before `a`.

    The inverse of `add_working_days`: `working_days_between(a, add_working_days(a, n)) == n`.
    """
    if b < a:
        return -working_days_between(b, a, extra_holidays)
    extra = frozenset(extra_holidays)
    return sum(is_working_day(a + timedelta(days=offset), extra) for offset in range(1, (b - a).days + 1))


def local_datetime(moment: datetime) -> datetime:
    """`moment` in Vietnam's time; a naive datetime is taken to be UTC, as the database stores it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(vietnam_timezone())


def received_on(received_at: datetime, extra_holidays: Iterable[date] = ()) -> date:
    """The working day a petition counts as received: after office hours or on a day off, the next one."""
    extra = frozenset(extra_holidays)
    local = local_datetime(received_at)
    day = local.date()
    if local.time() >= OFFICE_CLOSES:
        return add_working_days(day, 1, extra)
    return next_working_day(day, extra)


def due_date(
    received_at: datetime,
    level: str,
    deadlines: Mapping[str, int] = DEFAULT_DEADLINES,
    extra_holidays: Iterable[date] = (),
) -> date:
    """The last day on which the committee's answer is on time."""
    if level not in deadlines:
        raise ValueError(f"no deadline for level {level!r}; known: {', '.join(sorted(deadlines))}")
    extra = frozenset(extra_holidays)
    return add_working_days(received_on(received_at, extra), deadlines[level], extra)


def configured() -> Mapping[str, int]:
    """The deadlines set by PETITION_DEADLINES (the defaults outside an application)."""
    from flask import current_app, has_app_context

    return current_app.config.get("PETITION_DEADLINES", DEFAULT_DEADLINES) if has_app_context() \
        else DEFAULT_DEADLINES


def is_overdue(due: date, answered_on: date | None, today: date) -> bool:
    """Answered after the due date, or still unanswered once the due date has passed."""
    return (answered_on if answered_on is not None else today) > due
