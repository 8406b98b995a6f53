"""Text comes back from real PDF, EPUB, DOCX and ODT files, with correct Vietnamese."""

import unicodedata

import pytest

from portal.library import makers
from portal.library.extract import ExtractionError, extract_text
from portal.library.reading import PAGE_CHARS, paginate

from .conftest import LONG, PARAGRAPHS


@pytest.mark.parametrize("fmt,data", [
    ("pdf", lambda: makers.make_pdf("Luật Bảo hiểm y tế", PARAGRAPHS)),
    ("epub", lambda: makers.make_epub("Sổ tay bảo hiểm y tế", [("Chương 1. Ai được cấp thẻ", PARAGRAPHS)])),
    ("docx", lambda: makers.make_docx("Mẫu tờ khai", PARAGRAPHS)),
    ("odt", lambda: makers.make_odt("Hướng dẫn", PARAGRAPHS)),
])
def test_extraction_keeps_the_vietnamese_text(fmt, data):
    text = extract_text(fmt, data())
    assert unicodedata.is_normalized("NFC", text)
    for paragraph in PARAGRAPHS:
        assert paragraph in text, (fmt, text)
    assert "\n\nĐiều 12." in "\n\n" + text.split("\n\n", 1)[1]  # a paragraph of its own


def test_long_pdf_keeps_order_over_several_pdf_pages():
    text = extract_text("pdf", makers.make_pdf("Luật Đất đai (trích)", LONG))
    assert text.index("Khoản 1:") < text.index("Điều 4.") < text.index("Khoản 59:")


def test_a_pdf_without_text_is_a_failure_not_an_empty_text():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a "scan": drawing, no text layer
    with pytest.raises(ExtractionError):
        extract_text("pdf", bytes(pdf.output()))


def test_broken_archive_is_a_failure():
    with pytest.raises(ExtractionError):
        extract_text("docx", b"PK\x03\x04 not really a zip")


def test_reading_pages_are_a_few_kilobytes_and_lose_nothing():
    text = "\n\n".join(LONG * 3)
    pages = paginate(text)
    assert len(pages) > 5
    assert all(sum(len(p) for p in page) <= PAGE_CHARS for page in pages)
    assert all(len("\n\n".join(page).encode()) < 6000 for page in pages)
    assert [p for page in pages for p in page] == [p for p in text.split("\n\n")]


def test_a_huge_paragraph_is_cut_at_sentences():
    paragraph = " ".join(f"Câu số {n} nói về quyền lợi của người dân." for n in range(400))
    pages = paginate(paragraph)
    assert len(pages) > 3 and all(len(page[0]) <= PAGE_CHARS for page in pages)
    assert " ".join(p for page in pages for p in page) == paragraph
