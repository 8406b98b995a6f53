"""The light reading version: an item's extracted text cut into pages of a few KB, at
paragraph (or, for a very long paragraph, sentence) boundaries, so a phone on a weak
signal reads a long legal text page by page instead of downloading the whole file."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A paragraph of its own marks where the next file's text starts when an item's reading version
# joins several files: FILE_MARK, then "number|count|label|FORMAT". Pages render it as a heading
# in the reader's language; speech and search get the label only (plain()).
FILE_MARK = "\ue000"  # private use: never in a real text, and not whitespace (strip keeps it)
PAGE_CHARS = 3000  # about 4 KB of UTF-8 Vietnamese, ~1.5 KB compressed
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def _pieces(paragraph: str, limit: int) -> Iterable[str]:
    if len(paragraph) <= limit:
        yield paragraph
        return
    current = ""
    for sentence in _SENTENCE_END.split(paragraph):
        while len(sentence) > limit:  # one huge "sentence": cut at a space
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            if current:
                yield current
                current = ""
            yield sentence[:cut].strip()
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > limit:
            yield current
            current = ""
        current = f"{current} {sentence}".strip()
    if current:
        yield current


def paginate(text: str, limit: int = PAGE_CHARS) -> list[list[str]]:
    """Pages, each a list of paragraphs; no page is longer than `limit` characters."""
    pages: list[list[str]] = []
    page: list[str] = []
    size = 0
    for paragraph in (p.strip() for p in text.split("\n\n")):
        for piece in _pieces(paragraph, limit) if paragraph else ():
            if page and size + len(piece) > limit:
                pages.append(page)
                page, size = [], 0
            page.append(piece)
            size += len(piece) + 2
    if page:
        pages.append(page)
    return pages


def heading_like(paragraph: str) -> bool:
    """Short lines such as "Điều 12. Đối tượng tham gia" or "Chương II" read as headings."""
    return len(paragraph) <= 90 and bool(re.match(r"^(Chương|Mục|Điều|Phần|Bước|Chapter|Article|Part)\s", paragraph))


def file_mark(number: int, count: int, label: str, fmt: str) -> str:
    return f"{FILE_MARK}{number}|{count}|{label.replace('|', ' ')}|{fmt}"


def file_start(paragraph: str) -> dict | None:
    """The file a marker paragraph announces (number, count, label, format), else None."""
    if not paragraph.startswith(FILE_MARK):
        return None
    number, count, label, fmt = (paragraph[1:].split("|") + ["", "", "", ""])[:4]
    return {"number": int(number) if number.isdigit() else 0, "count": int(count) if count.isdigit() else 0,
            "label": label, "format": fmt}


def plain(paragraph: str) -> str:
    """A paragraph for speech or search: a file marker becomes its label."""
    found = file_start(paragraph)
    return paragraph if found is None else f"{found['label']} ({found['format']})".strip()
