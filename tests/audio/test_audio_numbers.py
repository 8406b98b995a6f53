"""Reading integers, decimals, digits and Roman numerals in Vietnamese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.audio.numbers import (
    DIGIT_WORDS,
    NORTH,
    SOUTH,
    NumberStyle,
    int_to_roman,
    read_decimal,
    read_digits,
    read_group,
    read_integer,
    read_ordinal,
    roman_to_int,
)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (31, "ba mươi mốt"),
        (55, "năm mươi lăm"),
        (99, "chín mươi chín"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1005, "một nghìn không trăm linh năm"),
        (1015, "một nghìn không trăm mười lăm"),
        (1050, "một nghìn không trăm năm mươi"),
        (1945, "một nghìn chín trăm bốn mươi lăm"),
        (2025, "hai nghìn không trăm hai mươi lăm"),
        (10_000, "mười nghìn"),
        (100_000, "một trăm nghìn"),
        (3_321, "ba nghìn ba trăm hai mươi mốt"),
        (1_000_000, "một triệu"),
        (1_500_000, "một triệu năm trăm nghìn"),
        (1_000_500, "một triệu năm trăm"),
        (1_000_005, "một triệu không trăm linh năm"),
        (2_005_000, "hai triệu không trăm linh năm nghìn"),
        (100_000_000, "một trăm triệu"),
        (1_000_000_000, "một tỷ"),
        (2_500_000_000, "hai tỷ năm trăm triệu"),
        (1_000_000_001, "một tỷ không trăm linh một"),
        (2_000_000_000_000, "hai nghìn tỷ"),
        (-5, "âm năm"),
    ],
)
def test_integers_are_read_by_the_vietnamese_rules(value: int, said: str) -> None:
    assert read_integer(value) == said


def test_southern_style_says_ngan_and_le() -> None:
    assert read_integer(1_005, SOUTH) == "một ngàn không trăm lẻ năm"
    assert read_integer(305, SOUTH) == "ba trăm lẻ năm"


def test_nham_is_a_choice_after_muoi_but_never_after_muoi_alone() -> None:
    colloquial = NumberStyle(five_after_tens="nhăm")
    assert read_integer(25, colloquial) == "hai mươi nhăm"
    assert read_integer(15, colloquial) == "mười lăm"
    assert read_integer(105, colloquial) == "một trăm linh năm"


def test_four_after_tens_can_be_bon() -> None:
    assert read_integer(24, NumberStyle(four_after_tens="bốn")) == "hai mươi bốn"
    assert read_integer(24, NORTH) == "hai mươi tư"


def test_inner_groups_say_khong_tram() -> None:
    assert read_group(5, inner=True) == "không trăm linh năm"
    assert read_group(5, inner=False) == "năm"
    assert read_group(70, inner=True) == "không trăm bảy mươi"
    with pytest.raises(ValueError):
        read_group(1000, inner=False)


def test_decimals_are_read_with_phay() -> None:
    assert read_decimal("2", "5") == "hai phẩy năm"
    assert read_decimal("3", "14") == "ba phẩy mười bốn"
    assert read_decimal("0", "05") == "không phẩy không năm"
    assert read_decimal("1", "2345") == "một phẩy hai ba bốn năm"


def test_digits_and_ordinals() -> None:
    assert read_digits("0912") == "không chín một hai"
    assert read_ordinal(1) == "nhất"
    assert read_ordinal(4) == "tư"
    assert read_ordinal(2) == "hai"
    assert read_ordinal(14) == "mười bốn"


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XIII", 13), ("XV", 15), ("XXI", 21)])
def test_roman_numerals(numeral: str, value: int) -> None:
    assert roman_to_int(numeral) == value
    assert int_to_roman(value) == numeral


@pytest.mark.parametrize("bad", ["", "IIII", "VX", "IC", "ABC"])
def test_malformed_roman_numerals_are_refused(bad: str) -> None:
    assert roman_to_int(bad) is None


_WORD_VALUES = {word: value for value, word in enumerate(DIGIT_WORDS)} | {"mốt": 1, "tư": 4, "lăm": 5}


def _parse_group(words: list[str]) -> int:
    value = 0
    if len(words) > 1 and words[1] == "trăm":
        value, words = 100 * _WORD_VALUES[words[0]], words[2:]
    if not words:
        return value
    if words[0] in ("linh", "lẻ"):
        return value + _WORD_VALUES[words[1]]
    if words[0] == "mười":
        return value + 10 + (_WORD_VALUES[words[1]] if len(words) > 1 else 0)
    if len(words) > 1 and words[1] == "mươi":
        return value + 10 * _WORD_VALUES[words[0]] + (_WORD_VALUES[words[2]] if len(words) > 2 else 0)
    return value + _WORD_VALUES[words[0]]


def _parse(words: list[str]) -> int:
    """Read Vietnamese number words back into an integer (the inverse of read_integer)."""
    if "tỷ" in words:
        cut = len(words) - 1 - words[::-1].index("tỷ")
        return _parse(words[:cut]) * 1_000_000_000 + (_parse(words[cut + 1 :]) if words[cut + 1 :] else 0)
    total = 0
    for scale, size in (("triệu", 1_000_000), ("nghìn", 1000), ("ngàn", 1000)):
        if scale in words:
            cut = words.index(scale)
            total += _parse_group(words[:cut]) * size
            words = words[cut + 1 :]
    return total + (_parse_group(words) if words else 0)


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from([NORTH, SOUTH]))
def test_every_integer_reads_back_to_itself(value: int, style: NumberStyle) -> None:
    said = read_integer(value, style)
    assert _parse(said.split()) == value
    assert not said.startswith("không trăm")
    assert "  " not in said
