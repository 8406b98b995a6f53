"""Rewriting of numbers in context: phones, dates, times, money, units, plain numbers.

Each rule turns digits into words, so a later rule never sees the same digits twice;
`normalize.py` decides the order.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from portal.audio.abbreviations import CURRENCIES, UNITS
from portal.audio.numbers import (
    NumberStyle,
    read_decimal,
    read_digits,
    read_integer,
    read_month,
    read_ordinal,
    roman_to_int,
)

Rule = Callable[[str, NumberStyle], str]

NUMBER = r"\d+(?:[.,]\d+)*"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _previous_word(text: str, start: int) -> str:
    """The word just before ``start`` (punctuation skipped), lower-cased."""
    match = re.search(r"(\w+)\W*$", text[:start])
    return match.group(1).lower() if match else ""


# Phone numbers -------------------------------------------------------------------------

# After these words a number of three or more digits is a phone number ("tổng đài 111").
# ("SĐT", "ĐT" are already spelled out as "số điện thoại", "điện thoại" by then.)
_PHONE_CONTEXT = re.compile(
    r"(?<!\w)((?i:điện thoại|số máy|hotline|đường dây nóng|tổng đài|fax|zalo|gọi))"
    r"(\s*(?:số\s*)?:?\s*)(\+?\d{3,}(?:[ .\-]\d{2,})*)(?!\w|[.,/]\d)"
)
_PHONE = re.compile(r"(?<![\w.,/])(?:\+84[ .\-]?|\(0\d{1,3}\)[ .\-]?|0)\d+(?:[ .\-]\d+)*(?!\w|[.,/]\d)")
_HOTLINE = re.compile(r"(?<![\w.,])1[89]00(?:[ .]\d{3,4}(?:[ .]\d{2,4})?|\d{4})(?!\w|[.,]\d)")
_PHONE_SEPARATORS = re.compile(r"[ .\-()]+")


def read_phone(raw: str) -> str:
    """Digit by digit, with a pause between the groups as written (4-3-3 when unbroken)."""
    prefix = ""
    if raw.startswith("+"):
        prefix, raw = "cộng ", raw[1:]
    groups = [group for group in _PHONE_SEPARATORS.split(raw) if group]
    if len(groups) == 1 and not prefix:
        digits = groups[0]
        if len(digits) == 10:  # mobile: 0912 345 678
            groups = [digits[:4], digits[4:7], digits[7:]]
        elif len(digits) == 11:  # landline: 024 3822 1234
            groups = [digits[:3], digits[3:7], digits[7:]]
        elif len(digits) == 8 and digits[:2] in ("18", "19"):  # hotline: 1900 1234
            groups = [digits[:4], digits[4:]]
    return prefix + ", ".join(read_digits(group) for group in groups)


def _phone_or_text(raw: str) -> str:
    """Read the longest leading run of groups that has a phone number's digit count."""
    expected = (11, 12) if raw.startswith("+84") else (10, 11)
    pieces = re.split(r"(?<=\d)(?=[ .\-]\d)", raw)
    for size in range(len(pieces), 0, -1):
        head = "".join(pieces[:size])
        if len(re.sub(r"\D", "", head)) in expected:
            return read_phone(head) + "".join(pieces[size:])
    return raw


def phones(text: str, style: NumberStyle) -> str:
    text = _PHONE_CONTEXT.sub(lambda m: f"{m.group(1)}{m.group(2)}{read_phone(m.group(3))}", text)
    text = _PHONE.sub(lambda m: _phone_or_text(m.group(0)), text)
    return _HOTLINE.sub(lambda m: read_phone(m.group(0)), text)


# Dates -------------------------------------------------------------------------------

_DATE_RANGE = re.compile(
    r"(?<![\d/.])(\d{1,2})\s*[-–]\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/]|[.,]\d)"
)
_FULL_DATE = re.compile(r"(?<![\d/.,])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/]|[.,]\d)")
_MONTH_YEAR = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{4})(?![\d/]|[.,]\d)")
_DAY_MONTH = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)")
# Words before "12/3" that make it an address or a fraction, not a date.
_NOT_DATE_BEFORE = frozenset(
    {"số", "ngõ", "ngách", "hẻm", "kiệt", "nhà", "phòng", "lô", "căn", "tổ", "khu", "đường", "tỷ", "lệ"}
)
_PERIOD_BEFORE_YEAR = frozenset({"quý", "kỳ", "kì", "đợt", "số", "khóa", "khoá"})


def _valid_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _day_month(text: str, start: int, day: int, month: int, style: NumberStyle) -> str:
    lead = "" if _previous_word(text, start) == "ngày" else "ngày "
    return f"{lead}{read_integer(day, style)} tháng {read_month(month, style)}"


def dates(text: str, style: NumberStyle) -> str:
    def day_range(m: re.Match[str]) -> str:
        first, last, month = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not (_valid_date(first, month) and _valid_date(last, month) and first < last):
            return m.group(0)
        lead = "" if _previous_word(m.string, m.start()) == "ngày" else "ngày "
        said = f"{lead}{read_integer(first, style)} đến {read_integer(last, style)} tháng {read_month(month, style)}"
        return said + (f" năm {read_integer(int(m.group(4)), style)}" if m.group(4) else "")

    def full(m: re.Match[str]) -> str:
        day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not _valid_date(day, month):
            return m.group(0)
        return f"{_day_month(m.string, m.start(), day, month, style)} năm {read_integer(year, style)}"

    def month_year(m: re.Match[str]) -> str:
        first, year = int(m.group(1)), read_integer(int(m.group(2)), style)
        before = _previous_word(m.string, m.start())
        if before in _PERIOD_BEFORE_YEAR:
            return f"{read_integer(first, style)} năm {year}"
        if not 1 <= first <= 12:
            return m.group(0)
        lead = "" if before == "tháng" else "tháng "
        return f"{lead}{read_month(first, style)} năm {year}"

    def day_month(m: re.Match[str]) -> str:
        day, month = int(m.group(1)), int(m.group(2))
        if _valid_date(day, month) and _previous_word(m.string, m.start()) not in _NOT_DATE_BEFORE:
            return _day_month(m.string, m.start(), day, month, style)
        return f"{read_integer(day, style)} trên {read_integer(month, style)}"

    for pattern, rewrite in (
        (_DATE_RANGE, day_range), (_FULL_DATE, full), (_MONTH_YEAR, month_year), (_DAY_MONTH, day_month),
    ):
        text = pattern.sub(rewrite, text)
    return text


# Times -------------------------------------------------------------------------------

_CLOCK_H = re.compile(r"(?<![\w:.,])(\d{1,2})\s?h\s?(\d{2})?'?(?!\w)")
_CLOCK_G = re.compile(r"(?<![\w:.,])(\d{1,2})g(\d{2})(?!\w)")
_CLOCK_COLON = re.compile(r"(?<![\w:.,])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\w:]|[.,]\d)")


def _say_time(hours: int, minutes: int, seconds: int, style: NumberStyle) -> str | None:
    if hours > 24 or minutes > 59 or seconds > 59:
        return None
    said = f"{read_integer(hours, style)} giờ"
    if minutes:
        said += f" {read_integer(minutes, style)} phút"
    if seconds:
        said += f" {read_integer(seconds, style)} giây"
    return said


def times(text: str, style: NumberStyle) -> str:
    def rewrite(m: re.Match[str]) -> str:
        parts = [int(part) if part else 0 for part in m.groups()] + [0]
        return _say_time(parts[0], parts[1], parts[2], style) or m.group(0)

    for pattern in (_CLOCK_COLON, _CLOCK_G, _CLOCK_H):
        text = pattern.sub(rewrite, text)
    return text


# Roman numerals and ordinals ----------------------------------------------------------

_ROMAN_CONTEXT = re.compile(
    r"(?<!\w)((?i:quý|khóa|khoá|chương|phần|mục|đại hội|hội nghị|thế kỷ|thế kỉ|tập|đợt|"
    r"giai đoạn|phụ lục|bài|hạng|loại|cấp|kỳ|kì|vùng|quân khu|thứ))\s+([IVXL]+)(?!\w)"
)
_ORDINAL = re.compile(r"(?<!\w)((?i:thứ))\s+(\d+)(?![\w]|[.,]\d)")


def roman_numerals(text: str, style: NumberStyle) -> str:
    def rewrite(m: re.Match[str]) -> str:
        value = roman_to_int(m.group(2))
        if value is None:
            return m.group(0)
        ordinal = m.group(1).lower() == "thứ"
        words = read_ordinal(value, style) if ordinal else read_integer(value, style)
        return f"{m.group(1)} {words}"

    return _ROMAN_CONTEXT.sub(rewrite, text)


def ordinals(text: str, style: NumberStyle) -> str:
    return _ORDINAL.sub(lambda m: f"{m.group(1)} {read_ordinal(int(m.group(2)), style)}", text)


# Money, percentages, units -------------------------------------------------------------

_DOLLAR = re.compile(rf"\$\s?({NUMBER})")
_PERCENT = re.compile(rf"({NUMBER})\s?%")
_CURRENCY = re.compile(rf"({NUMBER}|nghìn|ngàn|triệu|tỷ)\s?({_alternation(list(CURRENCIES))})(?!\w)")
_PER = re.compile(r"(đồng|đô la Mỹ)/(?=[^\W\d_])")
_UNIT = re.compile(rf"({NUMBER})\s?({_alternation(list(UNITS))})(?![\w²³/])")


def money_and_units(text: str, style: NumberStyle) -> str:
    text = _DOLLAR.sub(r"\1 đô la Mỹ", text)
    text = _PERCENT.sub(r"\1 phần trăm", text)
    text = _UNIT.sub(lambda m: f"{m.group(1)} {UNITS[m.group(2)]}", text)
    text = _CURRENCY.sub(lambda m: f"{m.group(1)} {CURRENCIES[m.group(2)]}", text)
    text = re.sub(r"(?<!\w)VN[ĐD](?!\w)", "Việt Nam đồng", text)
    return _PER.sub(r"\1 mỗi ", text)


# Ranges, signs, plain numbers ------------------------------------------------------------

_RANGE = re.compile(rf"(?<![\w.,])({NUMBER})\s*[-–—]\s*(?={NUMBER}(?!\w))")
_NEGATIVE = re.compile(r"(?<![\w.,])[-−](?=\d)")
_LETTER_HYPHEN_DIGIT = re.compile(r"(?<=[^\W\d_])-(?=\d)")
_DOC_NUMBER_YEAR = re.compile(r"(?<![\w/])(\d{1,5})/(\d{4})/(?=[A-ZĐ])")
_DOC_NUMBER = re.compile(r"(?<![\w/])(\d{1,5})-(?=[A-ZĐ]{2})")
_ASSEMBLY_TERM = re.compile(r"(?<!\w)QH(\d{1,2})(?!\w)")
_ANY_NUMBER = re.compile(NUMBER)


def document_numbers(text: str, style: NumberStyle) -> str:
    """"15/2020/NĐ-CP" → "15 năm 2020 NĐ-CP"; "57-NQ/TW" → "57 NQ/TW"; "QH13" → "Quốc hội khóa 13"."""
    text = _DOC_NUMBER_YEAR.sub(r"\1 năm \2 ", text)
    text = _ASSEMBLY_TERM.sub(r"Quốc hội khóa \1", text)
    return _DOC_NUMBER.sub(r"\1 ", text)


def ranges_and_signs(text: str, style: NumberStyle) -> str:
    text = _RANGE.sub(r"\1 đến ", text)
    text = _NEGATIVE.sub("âm ", text)
    text = _LETTER_HYPHEN_DIGIT.sub(" ", text)
    return re.sub(r"~\s?(?=\d)", "khoảng ", text)


def read_number_token(token: str, style: NumberStyle) -> str:
    """Read one run of digits with dots and commas, Vietnamese style ("." groups, "," decimals)."""
    grouped = re.fullmatch(r"(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?", token)
    if grouped:
        whole = grouped.group(1).replace(".", "")
        if grouped.group(2):
            return read_decimal(whole, grouped.group(2), style)
        return read_integer(int(whole), style)
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", token):  # English grouping: 1,500,000
        return read_integer(int(token.replace(",", "")), style)
    decimal = re.fullmatch(r"(\d+),(\d+)", token)
    if decimal:
        return read_decimal(decimal.group(1), decimal.group(2), style)
    if "." in token:  # versions and the like: "4.0" → "bốn chấm không"
        return " chấm ".join(read_number_token(part, style) for part in token.split("."))
    if "," in token:
        return ", ".join(read_number_token(part, style) for part in token.split(","))
    if (token.startswith("0") and len(token) > 1) or len(token) > 15:
        return read_digits(token)
    return read_integer(int(token), style)


def plain_numbers(text: str, style: NumberStyle) -> str:
    def rewrite(m: re.Match[str]) -> str:
        words = read_number_token(m.group(0), style)
        # Keep words apart from letters stuck to the number ("F0" → "F không").
        before = " " if m.start() and m.string[m.start() - 1].isalpha() else ""
        after = " " if m.end() < len(m.string) and m.string[m.end()].isalpha() else ""
        return f"{before}{words}{after}"

    return _ANY_NUMBER.sub(rewrite, text)
