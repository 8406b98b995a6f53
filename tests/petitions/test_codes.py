# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tracking codes: unambiguous symbols, a check symbol that catches typos, forgiving input."""

import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.petitions.codes import ALPHABET, CODE_SPACE, code_from_values, new_code, normalize_code

SHAPE = re.compile(rf"PA-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}")
VALUES = st.lists(st.integers(0, len(ALPHABET) - 1), min_size=7, max_size=7)
CODES = VALUES.map(code_from_values)


def body(code):
    return code[3:].replace("-", "")


def test_alphabet():
    assert len(set(ALPHABET)) == len(ALPHABET) == 23
    assert all(len(ALPHABET) % n for n in range(2, len(ALPHABET)))  # prime: the check catches every swap
    assert not set(ALPHABET) & set("0O1IL" + "AEIOUY" + "DW" + "SZ")
    assert CODE_SPACE == 23**7 == 3_404_825_447


def test_new_code_shape():
    for _ in range(1000):
        code = new_code()
        assert SHAPE.fullmatch(code), code
        assert normalize_code(code) == code


def test_known_code():
    assert code_from_values([ALPHABET.index(c) for c in "7K3M9QX"]) == "PA-7K3M-9QXP"
    with pytest.raises(ValueError):
        code_from_values([0] * 6)
    with pytest.raises(ValueError):
        code_from_values([23] + [0] * 6)


@pytest.mark.parametrize(
    "typed",
    [
        "PA-7K3M-9QXP",
        "pa-7k3m-9qxp",
        "7K3M9QXP",
        "7k3m 9qxp",
        "PA7K3M9QXP",
        " PA 7K3M.9QXP ",
        "PA–7K3M–9QXP",  # en dashes from a word processor
        "ＰＡ－７Ｋ３Ｍ－９ＱＸＰ",  # full-width, from some phone keyboards
        "PA-7K3M-9OXP",  # O read for Q
        "PA-7K3M-90XP",  # 0 read for Q
        "PA-1K3M-9QXP",  # 1 read for 7: J would fail the check, so 7 it is
        "PA-7K3M-9QXP\n",
    ],
)
def test_normalize_accepts_what_residents_type(typed):
    assert normalize_code(typed) == "PA-7K3M-9QXP"


@pytest.mark.parametrize(
    "typed",
    [
        None,
        "",
        "PA-",
        "xin chào",
        "PA-7K3M-9QXB",  # wrong check symbol
        "PA-K73M-9QXP",  # two symbols swapped
        "PA-7K3M-9QX",  # one missing
        "PA-7K3M-9QXPP",  # one too many
        "PB-7K3M-9QXP",  # another prefix
        "PA-7K3M-9QXP" * 3,
        "PA-7K3M-9QXÇ",
        "PA-2222-2222%00",
        "PA-ZZZZ-ZZZY",
        "1111111111",
    ],
)
def test_normalize_refuses_what_is_not_a_code(typed):
    assert normalize_code(typed) is None


def test_lookalikes_map_to_the_symbol_they_resemble():
    code = code_from_values([ALPHABET.index(c) for c in "J752QVB"])
    typed = body(code).replace("J", "I").replace("7", "L").replace("5", "S").replace("2", "Z").replace("V", "U")
    assert normalize_code(typed) == code
    assert normalize_code(body(code).replace("Q", "o")) == code
    assert normalize_code("PA-ZZZZ-ZZZZ") == "PA-2222-2222"  # a valid code: all values 0


def test_too_many_unreadable_symbols_are_refused():
    # Each 1, I or L may be a 7 or a J: eight of them are 256 readings, too many to trust one.
    assert normalize_code("PA-1111-1111") is None
    assert normalize_code("pa-lk3m-9qxp") == "PA-7K3M-9QXP"


def test_telex_and_vni_keyboards_eating_the_first_symbol():
    """Typed after "PA" without a dash, F (Telex) or 2 (VNI) puts a grave accent on the A."""
    for first in "F2":
        code = code_from_values([ALPHABET.index(first)] + [ALPHABET.index(c) for c in "7K3M9Q"])
        assert normalize_code("PÀ" + body(code)[1:]) == code
        assert normalize_code("pà" + body(code)[1:].lower()) == code
    code = code_from_values([ALPHABET.index(c) for c in "67K3M9Q"])
    assert normalize_code("PÂ" + body(code)[1:]) == code  # VNI 6 makes Â


@given(CODES)
def test_round_trip(code):
    assert SHAPE.fullmatch(code)
    for typed in (code, code.lower(), body(code), body(code).lower(), " ".join(body(code)), code.replace("-", " ")):
        assert normalize_code(typed) == code


@given(CODES)
def test_every_single_wrong_symbol_is_detected(code):
    symbols = body(code)
    for position in range(8):
        for wrong in ALPHABET:
            if wrong != symbols[position]:
                assert normalize_code(symbols[:position] + wrong + symbols[position + 1 :]) is None


@given(CODES)
def test_every_swap_of_two_symbols_is_detected(code):
    symbols = body(code)
    for i in range(8):
        for j in range(i + 1, 8):
            if symbols[i] != symbols[j]:
                swapped = list(symbols)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                assert normalize_code("".join(swapped)) is None


@given(st.text(max_size=50))
def test_normalize_never_raises_and_returns_canonical_codes(typed):
    result = normalize_code(typed)
    assert result is None or (SHAPE.fullmatch(result) and normalize_code(result) == result)


def test_few_collisions_and_even_symbols_among_100_000_codes():
    codes = [new_code() for _ in range(100_000)]
    # 23**7 ≈ 3.4e9 codes: 100,000 draws give 100,000**2 / (2 * 23**7) ≈ 1.47 expected duplicate
    # pairs, so some duplicates are normal (the database's unique constraint and a redraw handle
    # them). More than 12 happens once in about 10**8 runs of a fair generator (Poisson tail),
    # while one with a symbol's worth less entropy would give about 34.
    duplicates = len(codes) - len(set(codes))
    assert duplicates <= 12
    for position in range(7):  # the random symbols; the check symbol is derived from them
        counts = Counter(body(code)[position] for code in codes)
        assert set(counts) == set(ALPHABET)
        expected = len(codes) / len(ALPHABET)  # ≈ 4,348; one standard deviation ≈ 65
        assert all(abs(n - expected) < 0.15 * expected for n in counts.values()), counts
