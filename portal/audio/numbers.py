"""Reading numbers aloud in Vietnamese.

The rules a listener expects:

* units after a ten: 1 is "mốt" (hai mươi mốt) but "một" after "mười"; 5 is "lăm"
  (or the northern colloquial "nhăm" after "mươi"); 4 may be "tư" after "mươi";
* a ten of 1 is "mười", any other ten is "<digit> mươi";
* an empty tens place inside a number is "linh" (north) or "lẻ" (south): 105 → "một trăm linh năm";
* an empty hundreds place inside a larger number is said: 1.005 → "một nghìn không trăm linh năm";
* groups of three digits take "nghìn"/"ngàn", "triệu", "tỷ"; past "tỷ" the scale repeats
  ("nghìn tỷ", "triệu tỷ").
"""

from __future__ import annotations

from dataclasses import dataclass

DIGIT_WORDS: tuple[str, ...] = (
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
)
# Ordinals that differ from the cardinal: "thứ nhất", "thứ tư".
ORDINAL_WORDS: dict[int, str] = {1: "nhất", 4: "tư"}
BILLION = 1_000_000_000


@dataclass(frozen=True)
class NumberStyle:
    """Regional choices that are all correct Vietnamese; the north's are the default."""

    thousand: str = "nghìn"
    empty_tens: str = "linh"
    five_after_tens: str = "lăm"
    four_after_tens: str = "tư"


NORTH = NumberStyle()
SOUTH = NumberStyle(thousand="ngàn", empty_tens="lẻ", five_after_tens="lăm", four_after_tens="tư")


def _units_after_tens(tens: int, units: int, style: NumberStyle) -> str:
    if units == 0:
        return ""
    if units == 1 and tens >= 2:
        return "mốt"
    if units == 5:
        return "lăm" if tens == 1 else style.five_after_tens
    if units == 4 and tens >= 2:
        return style.four_after_tens
    return DIGIT_WORDS[units]


def read_group(value: int, *, inner: bool, style: NumberStyle = NORTH) -> str:
    """Read 0–999. ``inner`` groups follow a larger group, so empty hundreds are spoken."""
    if not 0 <= value <= 999:
        raise ValueError(f"not a three-digit group: {value}")
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or inner:
        words += [DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(style.empty_tens)
            words.append(DIGIT_WORDS[units])
    else:
        words.append("mười" if tens == 1 else f"{DIGIT_WORDS[tens]} mươi")
        tail = _units_after_tens(tens, units, style)
        if tail:
            words.append(tail)
    if not words:
        return DIGIT_WORDS[0]
    return " ".join(words)


def _read_below_billion(value: int, *, inner: bool, style: NumberStyle) -> list[str]:
    scales = ("triệu", style.thousand, "")
    groups = (value // 1_000_000, value // 1000 % 1000, value % 1000)
    words: list[str] = []
    for group, scale in zip(groups, scales, strict=True):
        if group == 0:
            continue
        words.append(read_group(group, inner=inner or bool(words), style=style))
        if scale:
            words.append(scale)
    return words


def read_integer(value: int, style: NumberStyle = NORTH) -> str:
    """Read any integer, e.g. 1_500_000 → "một triệu năm trăm nghìn"."""
    if value < 0:
        return f"âm {read_integer(-value, style)}"
    if value == 0:
        return DIGIT_WORDS[0]
    words: list[str] = []
    if value >= BILLION:
        words += [read_integer(value // BILLION, style), "tỷ"]
        value %= BILLION
    if value:
        words += _read_below_billion(value, inner=bool(words), style=style)
    return " ".join(words)


def read_digits(digits: str) -> str:
    """Read a string of digits one by one: "0912" → "không chín một hai"."""
    return " ".join(DIGIT_WORDS[int(ch)] for ch in digits if ch.isdigit())


def read_ordinal(value: int, style: NumberStyle = NORTH) -> str:
    """The word after "thứ": 1 → "nhất", 4 → "tư", 2 → "hai", 21 → "hai mươi mốt"."""
    return ORDINAL_WORDS.get(value) or read_integer(value, style)


def read_decimal(whole: str, fraction: str, style: NumberStyle = NORTH) -> str:
    """Read a decimal written with a comma: ("2", "5") → "hai phẩy năm".

    Short fractions are read as a number ("3,14" → "ba phẩy mười bốn"), as people do;
    fractions with a leading zero or longer than three digits are read digit by digit.
    """
    head = read_integer(int(whole), style)
    if fraction.startswith("0") or len(fraction) > 3:
        tail = read_digits(fraction)
    else:
        tail = read_integer(int(fraction), style)
    return f"{head} phẩy {tail}"


def read_month(month: int, style: NumberStyle = NORTH) -> str:
    """Months 1–12; April is always "tháng tư"."""
    return "tư" if month == 4 else read_integer(month, style)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(numeral: str) -> int | None:
    """Value of a well-formed Roman numeral (I–MMMCMXCIX), else None."""
    if not numeral or any(ch not in _ROMAN_VALUES for ch in numeral):
        return None
    total = 0
    for index, ch in enumerate(numeral):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    # Reject oddities such as "IIII" or "VX" by writing the value back out.
    return total if 0 < total < 4000 and int_to_roman(total) == numeral else None


def int_to_roman(value: int) -> str:
    pairs = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )
    out: list[str] = []
    for amount, letters in pairs:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)
