"""Plain text out of PDF (pypdf), EPUB (its XHTML through lxml), DOCX and ODT (their XML).

Each extractor returns paragraphs separated by blank lines, NFC-normalised. A file that
yields no text (a scanned PDF without a text layer, say) raises ExtractionError: the
editor must see that, never an empty reading version.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from functools import lru_cache
from typing import TYPE_CHECKING

from .reading import FILE_MARK, heading_like
from .uploads import UploadError, open_zip, read_entry

if TYPE_CHECKING:
    from lxml import etree

MAX_CHARS = 2_000_000
MAX_PDF_PAGES = 2000


class ExtractionError(Exception):
    pass


@lru_cache(maxsize=1)
def _safe_xml() -> etree.XMLParser:
    """The parser, built (and lxml, ~3.6 MiB, imported) when a document is first read, not by
    every web worker at start."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


_SPACES = re.compile(r"[ \t\u00a0]+")


def _clean(paragraphs: list[str]) -> str:
    out = []
    for p in paragraphs:
        p = _SPACES.sub(" ", unicodedata.normalize("NFC", p).replace(FILE_MARK, "")).strip()
        if p:
            out.append(p)
    text = "\n\n".join(out)
    if not any(ch.isalpha() for ch in text):
        raise ExtractionError("no text found (a scan without a text layer?)")
    return text[:MAX_CHARS]


# A numbered clause or list item starts its own paragraph even after a full-width line:
# "1.", "2)", "1.2.", "a)", "đ)", "-", "•", "Khoản 3", "Điều 5." (see heading_like).
_CLAUSE = re.compile(r"^(\d{1,3}(\.\d{1,3})*[.)]|[a-zđ]\)|[-–•+]|Khoản \d)\s", re.IGNORECASE)


# "Điều 26." opens an article; "Điều 26 của Luật này" wrapped to a line start is a reference.
_ARTICLE = re.compile(r"^(Điều|Article)\s+\d+\w?\.(\s|$)")


def _starts_paragraph(line: str, before: str) -> bool:
    if _CLAUSE.match(line) or _ARTICLE.match(line):
        return True
    return heading_like(line) and not line.startswith(("Điều", "Article")) and before[-1:] in ".:;!?)"


def _pdf_paragraphs(text: str) -> list[str]:
    """pypdf gives wrapped lines. A heading or a numbered clause starts a paragraph; a line
    that begins in lower case continues the sentence before it (so a title wrapped in a large
    font stays one paragraph); otherwise a line clearly shorter than the page's longest ends one."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    block: list[str] = []
    for i, line in enumerate(lines):
        block.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not following or _starts_paragraph(following, line):
            ends = True
        elif following[0].islower():
            ends = False
        else:
            ends = len(line) < 0.75 * width
        if ends:
            paragraphs.append(_join(block))
            block = []
    if block:
        paragraphs.append(_join(block))
    return paragraphs


def _join(lines: list[str]) -> str:
    """Wrapped lines joined; a word hyphenated at a line end ("thông-\ntin") is not rejoined,
    since Vietnamese syllables are separate words and a hyphen there is usually real."""
    return " ".join(lines)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionError("the PDF is password-protected")
        paragraphs: list[str] = []
        for page in reader.pages[:MAX_PDF_PAGES]:
            paragraphs += _pdf_paragraphs(page.extract_text() or "")
    except ExtractionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractionError(f"the PDF could not be read ({type(exc).__name__})") from exc
    return _clean(paragraphs)


def _xml(data: bytes) -> etree._Element:
    from lxml import etree

    root = etree.fromstring(data, _safe_xml())
    if root is None:
        raise ExtractionError("unreadable XML")
    return root


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text_of(el: etree._Element, breaks: frozenset[str]) -> str:
    parts = [el.text or ""]
    for child in el:
        name = _local(child.tag)
        if name in breaks or name == "s":  # line breaks, tabs, ODF's repeated spaces
            parts.append(" ")
        if name not in ("script", "style"):
            parts.append(_text_of(child, breaks))
        parts.append(child.tail or "")
    return "".join(parts)


def _block_texts(root: etree._Element, blocks: set[str], breaks: frozenset[str] = frozenset()) -> list[str]:
    """Text of each outermost block element (paragraph, heading, list item), in document order."""
    return [_text_of(el, breaks) for el in root.iter()
            if _local(el.tag) in blocks and not any(_local(a.tag) in blocks for a in el.iterancestors())]


def docx_text(data: bytes) -> str:
    archive = _open(data)
    root = _xml(read_entry(archive, "word/document.xml"))
    paragraphs = []
    for p in root.iter("{*}p"):
        parts = []
        for node in p.iter():
            name = _local(node.tag)
            if name == "t" and node.text:
                parts.append(node.text)
            elif name in ("tab", "br"):
                parts.append(" ")
        paragraphs.append("".join(parts))
    return _clean(paragraphs)


def odt_text(data: bytes) -> str:
    archive = _open(data)
    root = _xml(read_entry(archive, "content.xml"))
    body = next(root.iter("{*}text"), root)
    return _clean(_block_texts(body, {"p", "h"}, frozenset({"tab", "line-break"})))


def epub_text(data: bytes) -> str:
    """The spine's documents in reading order (read from the OPF, as a reader would)."""
    archive = _open(data)
    container = _xml(read_entry(archive, "META-INF/container.xml"))
    rootfile = next((el.get("full-path") for el in container.iter("{*}rootfile")), None)
    if not rootfile or rootfile not in archive.namelist():
        raise ExtractionError("the EPUB has no package document")
    opf = _xml(read_entry(archive, rootfile))
    base = posixpath.dirname(rootfile)
    manifest = {el.get("id"): el.get("href") for el in opf.iter("{*}item")}
    names = set(archive.namelist())
    paragraphs: list[str] = []
    for ref in opf.iter("{*}itemref"):
        href = manifest.get(ref.get("idref"))
        if not href:
            continue
        name = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
        if name not in names or ref.get("linear") == "no":
            continue
        doc = _xml(read_entry(archive, name))
        if doc.find(".//{*}nav") is not None and "nav" in (ref.get("idref") or ""):
            continue  # the table of contents repeats the headings
        paragraphs += _block_texts(doc, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td",
                                         "dt", "dd", "pre"}, frozenset({"br"}))
    return _clean(paragraphs)


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return open_zip(data)
    except UploadError as exc:
        raise ExtractionError(f"the archive is not safe to read ({exc.code})") from exc


EXTRACTORS = {"pdf": pdf_text, "epub": epub_text, "docx": docx_text, "odt": odt_text}


def extract_text(fmt: str, data: bytes) -> str:
    from lxml import etree

    try:
        return EXTRACTORS[fmt](data)
    except UploadError as exc:
        raise ExtractionError(f"the archive is not safe to read ({exc.code})") from exc
    except etree.LxmlError as exc:
        raise ExtractionError(f"unreadable XML ({type(exc).__name__})") from exc
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ExtractionError(f"a part of the document is missing ({type(exc).__name__})") from exc
