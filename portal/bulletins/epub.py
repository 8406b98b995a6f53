"""EPUB 3 (with an NCX for old readers) for one bulletin or a month of a committee's bulletins."""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from portal.core.format import day
from portal.core.markdown import render_markdown

from .models import Bulletin

if TYPE_CHECKING:
    from ebooklib import epub

# ebooklib (and the lxml it builds on, ~4.9 MiB with feedgen) is imported by the functions that
# write a book, when one is asked for, not by every web worker at start.

CSS = b"""body{font-family:serif;line-height:1.6;margin:0 .5em}
h1{font-size:1.4em;line-height:1.25}h2{font-size:1.2em}.summary{font-style:italic}
.meta{color:#444;font-size:.9em}"""
NAMESPACE = uuid.UUID("6f1c1a52-7d0b-4c1e-9a53-2f6f0f3b6c11")


def _chapter(bulletin: Bulletin, name: str) -> epub.EpubHtml:
    from ebooklib import epub

    date = day(bulletin.publish_at)  # Vietnam's calendar day, as on the bulletin's page
    chapter = epub.EpubHtml(title=bulletin.title, file_name=name, lang="vi")
    chapter.content = (
        f"<h1>{_esc(bulletin.title)}</h1>"
        f"<p class=\"meta\">{_esc(bulletin.unit.committee_name)} · {date}</p>"
        + (f"<p class=\"summary\">{_esc(bulletin.summary)}</p>" if bulletin.summary else "")
        + str(render_markdown(bulletin.body))
    )
    chapter.add_link(href="style.css", rel="stylesheet", type="text/css")
    return chapter


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def build_epub(title: str, identifier: str, author: str, bulletins: Sequence[Bulletin],
               modified: datetime) -> bytes:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier(f"urn:uuid:{uuid.uuid5(NAMESPACE, identifier)}")
    book.set_title(title)
    book.set_language("vi")
    book.add_author(author)
    book.add_metadata("DC", "publisher", "Mặt trận Tổ quốc Việt Nam")
    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=CSS)
    book.add_item(style)
    chapters = []
    for i, bulletin in enumerate(bulletins, 1):
        chapter = _chapter(bulletin, f"ban-tin-{i:02d}.xhtml")
        book.add_item(chapter)
        chapters.append(chapter)
    book.toc = [epub.Link(c.file_name, c.title, f"c{i}") for i, c in enumerate(chapters, 1)]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters]
    out = io.BytesIO()
    epub.write_epub(out, book, {"epub3_pages": False, "mtime": modified.astimezone(timezone.utc).replace(tzinfo=None)})
    return out.getvalue()


def bulletin_epub(bulletin: Bulletin) -> bytes:
    return build_epub(bulletin.title, f"bulletin:{bulletin.id}", bulletin.unit.committee_name, [bulletin],
                      bulletin.updated_at)
