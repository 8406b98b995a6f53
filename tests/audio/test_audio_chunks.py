"""Splitting normalised text into sentences for synthesis."""

from __future__ import annotations

import pytest

from portal.audio import Chunk, normalize_vi, split_sentences


def test_sentences_and_paragraphs() -> None:
    text = "Tiêu đề bản tin\nCâu thứ nhất. Câu thứ hai!\n\nĐoạn hai có một câu?"
    assert split_sentences(text) == [
        Chunk("Tiêu đề bản tin"),
        Chunk("Câu thứ nhất."),
        Chunk("Câu thứ hai!", ends_paragraph=True),
        Chunk("Đoạn hai có một câu?", ends_paragraph=True),
    ]


def test_abbreviation_dots_do_not_split_after_normalisation() -> None:
    spoken = normalize_vi("Đoàn công tác của TP. Huế và Q. Ba Đình đã tới. Sau đó họp.")
    assert [chunk.text for chunk in split_sentences(spoken)] == [
        "Đoàn công tác của thành phố Huế và quận Ba Đình đã tới.",
        "Sau đó họp.",
    ]


def test_long_sentences_are_cut_at_commas_then_between_words() -> None:
    clause = "bà con nhân dân trong khu dân cư đã tích cực tham gia đóng góp ý kiến"
    sentence = ", ".join([clause] * 8) + "."
    chunks = split_sentences(sentence, max_chars=120)
    assert len(chunks) > 1
    assert all(len(chunk.text) <= 120 for chunk in chunks)
    assert " ".join(chunk.text for chunk in chunks).split() == sentence.split()

    words = " ".join(["Mặt trận"] * 100)
    pieces = split_sentences(words, max_chars=60)
    assert all(len(chunk.text) <= 60 for chunk in pieces)
    assert " ".join(chunk.text for chunk in pieces) == words


def test_punctuation_only_lines_are_dropped() -> None:
    assert split_sentences("...\n\n , \n") == []
    assert split_sentences("") == []


def test_max_chars_must_fit_a_sentence() -> None:
    with pytest.raises(ValueError):
        split_sentences("Xin chào.", max_chars=5)
