"""Uploaded files are judged by what they contain, never by their name or declared type.

`inspect(data)` returns the format ("pdf", "epub", "docx", "odt", "mp3", "ogg", "jpg", "png",
"webp") or raises UploadError with a reason code the editor's page turns into a sentence.
Archives (EPUB, DOCX, ODT) are checked entry by entry against decompression bombs before
anything reads them; nothing is ever unpacked to disk.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

# What a ZIP-based document may expand to, in total and per entry (compression ratio).
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_RATIO = 200
EXTRACTABLE = ("pdf", "epub", "docx", "odt")
AUDIO = ("mp3", "ogg")
IMAGES = ("jpg", "png", "webp")

FORMAT_NAMES = {
    "pdf": "PDF", "epub": "EPUB", "docx": "Word (DOCX)", "odt": "OpenDocument (ODT)",
    "mp3": "MP3", "ogg": "Ogg", "jpg": "JPEG", "png": "PNG", "webp": "WebP",
}


class UploadError(ValueError):
    """`code` is one of: empty, too-large, unknown, broken, bomb."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Checked:
    format: str
    label: str  # a display name from the uploaded file name, without any path


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UploadError("broken") from exc
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise UploadError("bomb")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith("/") or "\\" in name or ".." in name.split("/"):
            raise UploadError("broken")
        total += info.file_size
        if total > MAX_UNPACKED:
            raise UploadError("bomb")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UploadError("bomb")
    return archive


def read_entry(archive: zipfile.ZipFile, name: str, limit: int = 20 * 1024 * 1024) -> bytes:
    """One entry, never more than `limit` bytes whatever its header claims."""
    with archive.open(name) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise UploadError("bomb")
    return data


def _zip_format(data: bytes) -> str:
    archive = open_zip(data)
    names = set(archive.namelist())
    mimetype = read_entry(archive, "mimetype", 200).strip() if "mimetype" in names else b""
    if mimetype == b"application/epub+zip" and "META-INF/container.xml" in names:
        return "epub"
    if mimetype == b"application/vnd.oasis.opendocument.text" and "content.xml" in names:
        return "odt"
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    raise UploadError("unknown")


def _pdf_ok(data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if b"%%EOF" not in data[-2048:]:
        raise UploadError("broken")
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) < 1:
            raise UploadError("broken")
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UploadError("broken") from exc


def _audio_ok(data: bytes, expected: str) -> None:
    import soundfile

    try:
        info = soundfile.info(io.BytesIO(data))
    except (RuntimeError, TypeError, ValueError, soundfile.LibsndfileError) as exc:
        raise UploadError("broken") from exc
    if info.frames <= 0 or info.samplerate <= 0 or info.format.upper() not in ("MP3", "OGG", "MPEG"):
        raise UploadError("broken")
    if (expected == "ogg") != (info.format.upper() == "OGG"):
        raise UploadError("broken")


def _image_ok(data: bytes) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UploadError("broken") from exc
    formats = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
    if fmt not in formats:
        raise UploadError("unknown")
    return formats[fmt]


def sniff(data: bytes) -> str:
    """The format the bytes are, checked through their structure, or UploadError."""
    if not data:
        raise UploadError("empty")
    head = data[:16]
    if head.startswith(b"%PDF-"):
        _pdf_ok(data)
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if head.startswith(b"OggS"):
        _audio_ok(data, "ogg")
        return "ogg"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        _audio_ok(data, "mp3")
        return "mp3"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return _image_ok(data)
    raise UploadError("unknown")


_UNSAFE = re.compile(r"[^\w .,()\-]+", re.UNICODE)


def safe_label(filename: str) -> str:
    """A name to show, from what the browser sent: no directories, no control characters."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub(" ", name.rsplit(".", 1)[0] if "." in name else name)
    name = re.sub(r"\s+", " ", name).strip(" .-")
    return name[:120]


def inspect(data: bytes, filename: str, max_bytes: int) -> Checked:
    if len(data) > max_bytes:
        raise UploadError("too-large")
    return Checked(format=sniff(data), label=safe_label(filename))
