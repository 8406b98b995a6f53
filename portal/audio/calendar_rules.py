"""Dates, fractions written like dates, and clock times, rewritten as they are said.

"1/2" is a date only when the day and month exist and the words around it say so
("sáng 1/2", "ngày 1/2 tới"); in running text it is a fraction ("1/2 số hộ" → "một phần hai").
"""

from __future__ import annotations

import re

from portal.audio.numbers import NumberStyle, read_integer, read_month

_ISO_DATE = re.compile(r"(?<![\w/.\-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w/\-]|[.,]\d)")
_DATE_RANGE = re.compile(
    r"(?<![\d/.])(\d{1,2})\s*[-–]\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/]|[.,]\d)"
)
_FULL_DATE = re.compile(r"(?<![\d/.,])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/]|[.,]\d)")
_MONTH_YEAR = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{4})(?![\d/]|[.,]\d)")
_DATE_SPAN = re.compile(
    r"(?<![\d/.,])(\d{1,2})/(\d{1,2})\s*[-–]\s*(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)"
)
_SCHOOL_YEAR = re.compile(r"(?<![\d/.,])(\d{4})/(\d{4})(?![\d/]|[.,]\d)")
# "30/4 và 1/5": a day-month right after another is a date too.
_AFTER_A_DATE = re.compile(r"\d{1,2}/\d{1,2}\s*(?:,|và|hoặc|đến)\s*$")
_DAY_MONTH = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)")
# Words before "12/3" that make it an address or a ratio, never a date.
_NOT_DATE_BEFORE = frozenset(
    {"số", "ngõ", "ngách", "hẻm", "kiệt", "nhà", "phòng", "lô", "căn", "tổ", "khu", "đường", "tỷ", "lệ"}
)
# Words around "1/2" that make it a date.
_DATE_BEFORE = frozenset(
    {"ngày", "mùng", "mồng", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "hôm", "từ", "đến", "tới",
     "trước", "sau", "vào", "dịp", "lễ", "tết", "rằm", "hạn", "kể"}
)
_DATE_AFTER = frozenset({"tới", "này", "năm", "hằng", "hàng", "vừa", "âm", "dương", "sắp"})
_PERIOD_BEFORE_YEAR = frozenset({"quý", "kỳ", "kì", "đợt", "số", "khóa", "khoá"})
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"(\w+)\W*$", text[:start])
    return match.group(1).lower() if match else ""


def _next_word(text: str, end: int) -> str:
    match = re.match(r"[^\w\n]*(\w+)", text[end:])
    return match.group(1).lower() if match else ""


def valid_date(day: int, month: int) -> bool:
    """A day that exists in some year: 29/2 does, 31/4 does not."""
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def read_fraction(numerator: int, denominator: int, style: NumberStyle) -> str:
    """"1/2" → "một phần hai", "3/4" → "ba phần tư"; larger ratios "15/20" → "mười lăm trên hai mươi"."""
    if 0 < numerator < denominator <= 10:
        below = "tư" if denominator == 4 else read_integer(denominator, style)
        return f"{read_integer(numerator, style)} phần {below}"
    return f"{read_integer(numerator, style)} trên {read_integer(denominator, style)}"


def _day_month(text: str, start: int, day: int, month: int, style: NumberStyle) -> str:
    lead = "" if _previous_word(text, start) == "ngày" else "ngày "
    return f"{lead}{read_integer(day, style)} tháng {read_month(month, style)}"


def _full_date(m: re.Match[str], day: int, month: int, year: int, style: NumberStyle) -> str:
    """Day, month and year read out ("ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi lăm");
    the text as it stands when the date does not exist."""
    if not valid_date(day, month):
        return m.group(0)
    return f"{_day_month(m.string, m.start(), day, month, style)} năm {read_integer(year, style)}"


def dates(text: str, style: NumberStyle) -> str:
    def iso(m: re.Match[str]) -> str:
        return _full_date(m, int(m.group(3)), int(m.group(2)), int(m.group(1)), style)

    def day_range(m: re.Match[str]) -> str:
        first, last, month = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not (valid_date(first, month) and valid_date(last, month) and first < last):
            return m.group(0)
        lead = "" if _previous_word(m.string, m.start()) == "ngày" else "ngày "
        said = f"{lead}{read_integer(first, style)} đến {read_integer(last, style)} tháng {read_month(month, style)}"
        return said + (f" năm {read_integer(int(m.group(4)), style)}" if m.group(4) else "")

    def full(m: re.Match[str]) -> str:
        return _full_date(m, int(m.group(1)), int(m.group(3)), int(m.group(4)), style)

    def month_year(m: re.Match[str]) -> str:
        first, year = int(m.group(1)), read_integer(int(m.group(2)), style)
        before = _previous_word(m.string, m.start())
        if before in _PERIOD_BEFORE_YEAR:
            return f"{read_integer(first, style)} năm {year}"
        if not 1 <= first <= 12:
            return m.group(0)
        lead = "" if before == "tháng" else "tháng "
        return f"{lead}{read_month(first, style)} năm {year}"

    def span(m: re.Match[str]) -> str:
        first, last = (int(m.group(1)), int(m.group(2))), (int(m.group(3)), int(m.group(4)))
        if not (valid_date(*first) and valid_date(*last) and first[::-1] < last[::-1]):
            return m.group(0)
        start = _day_month(m.string, m.start(), *first, style)
        return f"{start} đến ngày {read_integer(last[0], style)} tháng {read_month(last[1], style)}"

    def school_year(m: re.Match[str]) -> str:
        first, last = int(m.group(1)), int(m.group(2))
        if last != first + 1:
            return m.group(0)
        return f"{read_integer(first, style)} đến {read_integer(last, style)}"

    def day_month(m: re.Match[str]) -> str:
        day, month = int(m.group(1)), int(m.group(2))
        before = _previous_word(m.string, m.start())
        if before in _NOT_DATE_BEFORE or not valid_date(day, month):
            return read_fraction(day, month, style)
        in_context = (
            before in _DATE_BEFORE
            or _next_word(m.string, m.end()) in _DATE_AFTER
            or bool(_AFTER_A_DATE.search(m.string[: m.start()]))
        )
        # Without a context only a day that cannot be a proper fraction ("12/3") is a date.
        if in_context or day > month:
            return _day_month(m.string, m.start(), day, month, style)
        return read_fraction(day, month, style)

    for pattern, rewrite in (
        (_ISO_DATE, iso), (_DATE_RANGE, day_range), (_FULL_DATE, full), (_SCHOOL_YEAR, school_year),
        (_MONTH_YEAR, month_year), (_DATE_SPAN, span), (_DAY_MONTH, day_month),
    ):
        text = pattern.sub(rewrite, text)
    return text


# Times -------------------------------------------------------------------------------

# "7h", "7h30", "12h15p", "7 h 30'", "7g30", "14:30", "8:15:30".
_CLOCK = (
    r"(?:(\d{1,2})\s?h\s?(\d{2})?(?:\s?(p|ph)(?!\w)|')?"
    r"|(\d{1,2})g(\d{2})"
    r"|(\d{1,2}):(\d{2})(?::(\d{2}))?)"
)
_CLOCK_ONE = re.compile(rf"(?<![\w:.,]){_CLOCK}(?![\w:]|[.,]\d)")
_CLOCK_RANGE = re.compile(rf"(?<![\w:.,])({_CLOCK})\s*[-–]\s*({_CLOCK})(?![\w:]|[.,]\d)")


def _say_time(m: re.Match[str], offset: int, style: NumberStyle) -> str | None:
    """Read the clock matched by ``_CLOCK`` whose first group is ``offset``.

    Minutes are said as a newsreader says them ("bảy giờ ba mươi"); "phút" is added only
    when the writer wrote it ("12h15p") or when seconds follow.
    """
    groups = m.groups()[offset : offset + 8]
    hours_h, minutes_h, said_p, hours_g, minutes_g, hours_c, minutes_c, seconds_c = groups
    hours = hours_h or hours_g or hours_c
    minutes = minutes_h or minutes_g or minutes_c
    h, mi, s = int(hours), int(minutes or 0), int(seconds_c or 0)
    if h > 24 or mi > 59 or s > 59:
        return None
    said = f"{read_integer(h, style)} giờ"
    if mi:
        said += f" {read_integer(mi, style)}" + (" phút" if said_p or s else "")
    if s:
        said += f" {read_integer(s, style)} giây"
    return said


def times(text: str, style: NumberStyle) -> str:
    def span(m: re.Match[str]) -> str:
        first, last = _say_time(m, 1, style), _say_time(m, 10, style)
        if first is None or last is None:
            return m.group(0)
        lead = "" if _previous_word(m.string, m.start()) == "từ" else "từ "
        return f"{lead}{first} đến {last}"

    def one(m: re.Match[str]) -> str:
        return _say_time(m, 0, style) or m.group(0)

    text = _CLOCK_RANGE.sub(span, text)
    return _CLOCK_ONE.sub(one, text)
