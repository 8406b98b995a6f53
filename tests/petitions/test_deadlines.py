# SPDX-License-Identifier: AGPL-3.0-or-later
"""Answer deadlines in Vietnamese working days (holidays from the `holidays` package)."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.petitions.deadlines import (
    DEFAULT_DEADLINES,
    add_working_days,
    due_date,
    holiday_name,
    is_overdue,
    is_working_day,
    received_on,
    working_days_between,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    "day, name",
    [
        (date(2026, 1, 1), "Tết Dương lịch"),
        (date(2026, 2, 16), "Giao thừa Tết Nguyên Đán"),
        (date(2026, 2, 17), "Tết Nguyên Đán"),
        (date(2026, 2, 20), "Mùng bốn Tết Nguyên Đán"),
        (date(2026, 4, 26), "Giỗ Tổ Hùng Vương"),
        (date(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (date(2026, 4, 30), "Ngày Chiến thắng"),
        (date(2026, 5, 1), "Ngày Quốc tế Lao động"),
        (date(2026, 9, 1), "Quốc khánh"),
        (date(2026, 9, 2), "Quốc khánh"),
        (date(2026, 8, 31), "Ngày nghỉ (thay cho ngày 22/08/2026)"),
        (date(2026, 11, 24), "Ngày Văn hóa Việt Nam"),
    ],
)
def test_the_package_knows_the_2026_holidays(day, name):
    assert name in holiday_name(day)
    assert not is_working_day(day)


def test_tet_2026_comes_from_the_package():
    """Lunar New Year's Day 2026 is 17 February; the five days off run from the eve to the fourth day."""
    tet = {date(2026, 1, 1) + timedelta(days=n) for n in range(120)}
    tet = {day for day in tet if "Tết Nguyên Đán" in (holiday_name(day) or "")}
    assert tet == {date(2026, 2, 16) + timedelta(days=n) for n in range(5)}
    assert all(day.weekday() < 5 for day in tet)


def test_ordinary_days():
    assert is_working_day(date(2026, 3, 2))  # Monday
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday
    assert holiday_name(date(2026, 3, 2)) is None


def test_swapped_saturday_is_a_working_day():
    # The government moved a working day from Monday 31/8 to Saturday 22/8/2026 (per the package).
    assert is_working_day(date(2026, 8, 22))
    assert not is_working_day(date(2026, 8, 29))
    # The same across New Year: 2/1/2015 off, Saturday 27/12/2014 worked.
    assert is_working_day(date(2014, 12, 27)) and not is_working_day(date(2015, 1, 2))


@pytest.mark.parametrize(
    "start, days, expected",
    [
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
        (date(2026, 3, 7), 0, date(2026, 3, 7)),
        (date(2026, 3, 2), 1, date(2026, 3, 3)),
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday → Monday
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # from a Saturday
        (date(2026, 3, 2), 5, date(2026, 3, 9)),
        (date(2026, 3, 2), 10, date(2026, 3, 16)),
        (date(2026, 2, 13), 1, date(2026, 2, 23)),  # Tết: 16–20/2 off, with two weekends
        (date(2026, 2, 12), 2, date(2026, 2, 23)),
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # Giỗ Tổ on Sunday 26/4, observed Monday 27/4
        (date(2026, 4, 28), 2, date(2026, 5, 4)),  # 30/4 and 1/5 are Thursday and Friday
        (date(2026, 8, 21), 1, date(2026, 8, 22)),  # the swapped Saturday counts
        (date(2026, 8, 28), 1, date(2026, 9, 3)),  # 31/8 swapped, 1/9 and 2/9 Quốc khánh
        (date(2026, 11, 23), 1, date(2026, 11, 25)),  # Ngày Văn hóa Việt Nam
        (date(2025, 12, 29), 5, date(2026, 1, 6)),  # across New Year
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_extra_holidays():
    assert add_working_days(date(2026, 3, 2), 1, extra_holidays=[date(2026, 3, 3)]) == date(2026, 3, 4)
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 6), extra_holidays={date(2026, 3, 4)}) == 3
    assert not is_working_day(date(2026, 3, 3), [date(2026, 3, 3)])


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1)


def test_working_days_between():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == -1
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert working_days_between(date(2026, 3, 7), date(2026, 3, 8)) == 0
    # 2026: 261 weekdays (52 weeks and one Thursday), 13 of them holidays (1/1, 16–20/2, 27/4,
    # 30/4, 1/5, 31/8, 1/9, 2/9, 24/11), plus the swapped Saturday 22/8.
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 261 - 13 + 1


@given(st.dates(date(2024, 1, 1), date(2028, 12, 31)), st.integers(0, 80))
def test_counting_back_gives_the_days_added(start, days):
    end = add_working_days(start, days)
    assert working_days_between(start, end) == days
    assert working_days_between(end, start) == -days
    if days:
        assert is_working_day(end) and end > start
        assert add_working_days(start, days + 1) > end


@pytest.mark.parametrize(
    "received_at, level, expected",
    [
        (datetime(2026, 2, 13, 9, 0, tzinfo=HCM), "commune", date(2026, 3, 6)),
        (datetime(2026, 2, 13, 16, 59, tzinfo=HCM), "commune", date(2026, 3, 6)),
        (datetime(2026, 2, 13, 17, 0, tzinfo=HCM), "commune", date(2026, 3, 9)),  # after office hours
        (datetime(2026, 2, 14, 10, 0, tzinfo=HCM), "commune", date(2026, 3, 9)),  # on a Saturday
        (datetime(2026, 2, 17, 10, 0, tzinfo=HCM), "commune", date(2026, 3, 9)),  # during Tết
        (datetime(2026, 2, 13, 10, 30, tzinfo=timezone.utc), "commune", date(2026, 3, 9)),  # 17:30 in Vietnam
        (datetime(2026, 2, 13, 10, 30), "commune", date(2026, 3, 9)),  # naive means UTC
        (datetime(2026, 2, 12, 23, 0, tzinfo=timezone.utc), "commune", date(2026, 3, 6)),  # 06:00 on the 13th
        (datetime(2026, 4, 24, 10, 0, tzinfo=HCM), "province", date(2026, 5, 20)),
        (datetime(2026, 4, 24, 10, 0, tzinfo=HCM), "central", date(2026, 5, 20)),
        (datetime(2026, 8, 22, 10, 0, tzinfo=HCM), "commune", date(2026, 9, 9)),  # received on the swapped Saturday
    ],
)
def test_due_date(received_at, level, expected):
    assert due_date(received_at, level) == expected


def test_received_on():
    assert received_on(datetime(2026, 3, 6, 18, 0, tzinfo=HCM)) == date(2026, 3, 9)
    assert received_on(datetime(2026, 3, 6, 8, 0, tzinfo=HCM)) == date(2026, 3, 6)
    assert received_on(datetime(2026, 3, 7, 8, 0, tzinfo=HCM), extra_holidays=[date(2026, 3, 9)]) == date(2026, 3, 10)


def test_deadlines_are_configurable_but_the_defaults_are_not_mutable():
    assert dict(DEFAULT_DEADLINES) == {"central": 15, "province": 15, "commune": 10}
    with pytest.raises(TypeError):
        DEFAULT_DEADLINES["commune"] = 5  # type: ignore[index]
    received = datetime(2026, 3, 2, 9, 0, tzinfo=HCM)
    assert due_date(received, "commune", deadlines={"commune": 5}) == date(2026, 3, 9)
    assert due_date(received, "commune", extra_holidays=[date(2026, 3, 3)]) == date(2026, 3, 17)
    with pytest.raises(ValueError, match="ward"):
        due_date(received, "ward")


@pytest.mark.parametrize(
    "answered_on, today, overdue",
    [
        (None, date(2026, 3, 5), False),
        (None, date(2026, 3, 6), False),  # the due date itself is still on time
        (None, date(2026, 3, 9), True),
        (date(2026, 3, 6), date(2026, 4, 1), False),
        (date(2026, 3, 9), date(2026, 3, 9), True),
        (date(2026, 3, 1), date(2026, 3, 20), False),
    ],
)
def test_is_overdue(answered_on, today, overdue):
    assert is_overdue(date(2026, 3, 6), answered_on, today) is overdue
