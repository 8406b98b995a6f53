"""Rewriting of numbers in context: document numbers, phones, money, units, plain numbers.

Each rule turns digits into words, so a later rule never sees the same digits twice;
`normalize.py` decides the order.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from portal.audio.abbreviations import (
    ABBREVIATIONS,
    CURRENCIES,
    DOCUMENT_ISSUERS,
    DOCUMENT_KINDS,
    UNITS,
)
from portal.audio.numbers import (
    NumberStyle,
    read_decimal,
    read_digits,
    read_integer,
    read_ordinal,
    roman_to_int,
)

Rule = Callable[[str, NumberStyle], str]

NUMBER = r"\d+(?:[.,]\d+)*"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# Document numbers ----------------------------------------------------------------------

# "07/2021/NĐ-CP", "57-NQ/TW", "1234/QĐ-UBND", "75/2015/QH13": a number, maybe a year, and a
# code of capitalised parts. Without a year the code must start with a kind of document.
_CODE_PART = r"[A-ZĐ][A-Za-zĐđƯư]*\d*"
_DOCUMENT = re.compile(
    rf"(?<![\w/.,])(\d{{1,5}})(?:/(\d{{4}}))?[/-]({_CODE_PART}(?:[-/]{_CODE_PART})*)(?![\w/-])"
)
_ASSEMBLY_TERM = re.compile(r"QH(\d{1,2})")
_KIND_WORDS = (*DOCUMENT_KINDS.values(), "văn bản", "luật", "pháp lệnh")
_STANDALONE_TERM = re.compile(r"(?<!\w)QH\d{1,2}(?!\w)")


def _issuer(part: str, style: NumberStyle) -> str:
    term = _ASSEMBLY_TERM.fullmatch(part)
    if term:
        return f"Quốc hội khóa {read_integer(int(term.group(1)), style)}"
    return DOCUMENT_ISSUERS.get(part) or ABBREVIATIONS.get(part) or part


def document_numbers(text: str, style: NumberStyle) -> str:
    """Read a document number as an official does: "Nghị định số 07/2021/NĐ-CP" →
    "Nghị định số bảy năm hai nghìn không trăm hai mươi mốt của Chính phủ"."""

    def rewrite(m: re.Match[str]) -> str:
        parts = re.split(r"[-/]", m.group(3))
        kind = DOCUMENT_KINDS.get(parts[0])
        named = m.string[max(0, m.start() - 24) : m.start()].lower()
        # "Công văn 456/UBND-VX": no kind in the code, but the sentence names one.
        if not (m.group(2) or kind or any(word in named for word in _KIND_WORDS)):
            return m.group(0)
        said = read_integer(int(m.group(1)), style)
        if m.group(2):
            said += f" năm {read_integer(int(m.group(2)), style)}"
        if kind:
            parts = parts[1:]
            # "Nghị định số 07/..." already names the kind; a bare "số 07/..." does not.
            if kind not in named:
                said += f" {kind}"
        if parts:
            said += " của " + " ".join(_issuer(part, style) for part in parts)
        return said

    text = _DOCUMENT.sub(rewrite, text)
    return _STANDALONE_TERM.sub(lambda m: _issuer(m.group(0), style), text)


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
# Bank accounts ("STK" is "số tài khoản" by now): digit by digit, in fours when unbroken.
_ACCOUNT = re.compile(r"(?<!\w)((?i:tài khoản))(\s*(?:số\s*)?:?\s*)(\d{2,}(?:[ .\-]\d{2,})*)(?!\w|[.,]\d)")


def _read_account(raw: str) -> str:
    if len(re.sub(r"\D", "", raw)) < 6:  # "tài khoản 2 lần" is not an account number
        return raw
    groups = [group for group in _PHONE_SEPARATORS.split(raw) if group]
    if len(groups) == 1:
        groups = [raw[i : i + 4] for i in range(0, len(raw), 4)]
    return ", ".join(read_digits(group) for group in groups)


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
    text = _ACCOUNT.sub(lambda m: m.group(1) + m.group(2) + _read_account(m.group(3)), text)
    text = _PHONE_CONTEXT.sub(lambda m: f"{m.group(1)}{m.group(2)}{read_phone(m.group(3))}", text)
    text = _PHONE.sub(lambda m: _phone_or_text(m.group(0)), text)
    return _HOTLINE.sub(lambda m: read_phone(m.group(0)), text)


# Roman numerals and ordinals ----------------------------------------------------------

_ROMAN_CONTEXT = re.compile(
    r"(?<!\w)((?i:quý|khóa|khoá|chương|phần|mục|đại hội|hội nghị|thế kỷ|thế kỉ|tập|đợt|"
    r"giai đoạn|phụ lục|bài|hạng|loại|cấp|kỳ|kì|vùng|quân khu|thứ))\s+([IVXL]+)(?:/(\d{4}))?(?!\w|/)"
)
_ORDINAL = re.compile(r"(?<!\w)((?i:thứ))\s+(\d+)(?![\w]|[.,]\d)")


def roman_numerals(text: str, style: NumberStyle) -> str:
    def rewrite(m: re.Match[str]) -> str:
        value = roman_to_int(m.group(2))
        if value is None:
            return m.group(0)
        ordinal = m.group(1).lower() == "thứ"
        words = read_ordinal(value, style) if ordinal else read_integer(value, style)
        # "quý IV/2026" → "quý bốn năm hai nghìn không trăm hai mươi sáu"
        year = f" năm {read_integer(int(m.group(3)), style)}" if m.group(3) else ""
        return f"{m.group(1)} {words}{year}"

    return _ROMAN_CONTEXT.sub(rewrite, text)


def ordinals(text: str, style: NumberStyle) -> str:
    return _ORDINAL.sub(lambda m: f"{m.group(1)} {read_ordinal(int(m.group(2)), style)}", text)


# Money, percentages, units -------------------------------------------------------------

_DOLLAR = re.compile(rf"\$\s?({NUMBER})")
_PERCENT = re.compile(rf"({NUMBER})\s?%")
_PERMILLE = re.compile(rf"({NUMBER})\s?‰")
# "đồng/người/tháng", "con/m²", "lần/tuần": a slash after a quantity means "mỗi" when what
# follows is a unit or a thing counted per; "12 xã/phường" stays a list.
_PER_WORDS = ("người", "hộ", "khẩu", "tháng", "năm", "ngày", "tuần", "giờ", "buổi", "lượt", "lần",
              "suất", "ca", "kỳ", "quý", "đợt", "trẻ", "em", "cháu", "học sinh", "xuất")
_PER_AFTER_QUANTITY = re.compile(rf"(?<=[^\W\d_])/({_alternation([*_PER_WORDS, *UNITS])})(?![^\W_])")
_CURRENCY = re.compile(rf"({NUMBER}|nghìn|ngàn|triệu|tỷ)\s?({_alternation(list(CURRENCIES))})(?!\w)")
_PER = re.compile(r"(đồng|đô la Mỹ)/(?=[^\W\d_])")
_UNIT = re.compile(rf"({NUMBER})\s?({_alternation(list(UNITS))})(?![\w²³/])")


def _per(m: re.Match[str]) -> str:
    # Only after a number ("2 triệu đồng/người"), not in a plain list of words.
    if not re.search(r"\d[^\d\n,;.]{0,30}$", m.string[: m.start()]):
        return m.group(0)
    return f" mỗi {UNITS.get(m.group(1), m.group(1))}"


def money_and_units(text: str, style: NumberStyle) -> str:
    text = _DOLLAR.sub(r"\1 đô la Mỹ", text)
    text = _PERCENT.sub(r"\1 phần trăm", text)
    text = _PERMILLE.sub(r"\1 phần nghìn", text)
    text = _PER_AFTER_QUANTITY.sub(_per, text)
    text = _UNIT.sub(lambda m: f"{m.group(1)} {UNITS[m.group(2)]}", text)
    text = _CURRENCY.sub(lambda m: f"{m.group(1)} {CURRENCIES[m.group(2)]}", text)
    text = re.sub(r"(?<!\w)VN[ĐD](?!\w)", "Việt Nam đồng", text)
    return _PER.sub(r"\1 mỗi ", text)


# Ranges, signs, plain numbers ------------------------------------------------------------

_RANGE = re.compile(rf"(?<![\w.,])({NUMBER})\s*[-–—]\s*(?={NUMBER}(?!\w))")
_NEGATIVE = re.compile(r"(?<![\w.,])[-−](?=\d)")
_LETTER_HYPHEN_DIGIT = re.compile(r"(?<=[^\W\d_])-(?=\d)")
_ANY_NUMBER = re.compile(NUMBER)


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
    if token.startswith("0") and len(token) <= 3:  # a count written "05": "năm", not "không năm"
        return read_integer(int(token), style)
    if token.startswith("0") or len(token) > 15:  # codes: every digit
        return read_digits(token)
    return read_integer(int(token), style)


def plain_numbers(text: str, style: NumberStyle) -> str:
    def rewrite(m: re.Match[str]) -> str:
        code = m.group(0).isdigit() and re.search(r"(?i:\bmã)\s*(?:số\s*)?:?\s*$", m.string[: m.start()])
        words = read_digits(m.group(0)) if code else read_number_token(m.group(0), style)
        # Keep words apart from letters stuck to the number ("F0" → "F không").
        before = " " if m.start() and m.string[m.start() - 1].isalpha() else ""
        after = " " if m.end() < len(m.string) and m.string[m.end()].isalpha() else ""
        return f"{before}{words}{after}"

    return _ANY_NUMBER.sub(rewrite, text)
