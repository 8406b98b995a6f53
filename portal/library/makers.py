"""Real documents made by the project itself: PDF (fpdf2 with a system TrueType font that
carries Vietnamese), EPUB (EbookLib), DOCX and ODT (their XML in a ZIP). Used by the demo
content and by the tests, whose extraction must get the same Vietnamese text back."""

from __future__ import annotations

import io
import os
import uuid
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape  # escapes text we write; parses nothing  # nosec B406

from portal.core.fonts import first_covering

# Fonts with Vietnamese glyphs found on common Linux systems (Debian's fonts-dejavu-core first).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


class NoFont(RuntimeError):
    pass


def find_font() -> Path:
    """LIBRARY_PDF_FONT if set, else the first system font of FONT_CANDIDATES; only a font that
    carries every Vietnamese letter (a PDF cannot fall back to another font for one letter)."""
    found = first_covering((os.environ.get("LIBRARY_PDF_FONT"), *FONT_CANDIDATES))
    if found is not None:
        return found
    raise NoFont("no TrueType font with Vietnamese letters was found; install fonts-dejavu-core "
                 "(Debian/Ubuntu) or set LIBRARY_PDF_FONT to a .ttf file")


def make_pdf(title: str, paragraphs: list[str], author: str = "") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author(author or "Mặt trận Tổ quốc Việt Nam")
    pdf.set_lang("vi")
    pdf.add_font("body", fname=str(find_font()))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("body", size=16)
    pdf.multi_cell(0, 9, title)
    pdf.ln(4)
    pdf.set_font("body", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6.5, paragraph)
        pdf.ln(2.5)
    return bytes(pdf.output())


def make_epub(title: str, chapters: list[tuple[str, list[str]]], author: str = "") -> bytes:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'thu-vien:' + title)}")
    book.set_title(title)
    book.set_language("vi")
    book.add_author(author or "Mặt trận Tổ quốc Việt Nam")
    items = []
    for number, (heading, paragraphs) in enumerate(chapters, 1):
        chapter = epub.EpubHtml(title=heading, file_name=f"chuong-{number:02d}.xhtml", lang="vi")
        chapter.content = f"<h1>{escape(heading)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        book.add_item(chapter)
        items.append(chapter)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    out = io.BytesIO()
    epub.write_epub(out, book, {"epub3_pages": False})
    return out.getvalue()


_DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/word/document.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def make_docx(title: str, paragraphs: list[str]) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def para(text: str, style: str = "") -> str:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f'<w:p>{props}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body = para(title, "Title") + "".join(para(p) for p in paragraphs)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        z.writestr("word/document.xml", document)
    return out.getvalue()


def make_odt(title: str, paragraphs: list[str]) -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    body = f'<text:h text:outline-level="1">{escape(title)}</text:h>' + "".join(
        f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()
