"""Uploads are judged by content: hostile, broken, oversized and bomb files are refused."""

import io
import zipfile

import numpy as np
import pytest
import soundfile

from portal.library import makers
from portal.library.uploads import UploadError, inspect, safe_label, sniff

from .conftest import PARAGRAPHS


def _zip(entries: dict[str, bytes], stored_first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == stored_first else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_bomb(kind: str) -> bytes:
    zeros = b"\0" * (120 * 1024 * 1024)
    if kind == "docx":
        return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": zeros})
    if kind == "odt":
        return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": zeros}, "mimetype")
    return _zip({"mimetype": b"application/epub+zip", "META-INF/container.xml": b"<c/>", "OEBPS/a.xhtml": zeros},
                "mimetype")


def test_real_documents_are_recognised_by_content():
    assert sniff(makers.make_pdf("Tiêu đề", PARAGRAPHS)) == "pdf"
    assert sniff(makers.make_epub("Sổ tay", [("Chương 1", PARAGRAPHS)])) == "epub"
    assert sniff(makers.make_docx("Mẫu đơn", PARAGRAPHS)) == "docx"
    assert sniff(makers.make_odt("Hướng dẫn", PARAGRAPHS)) == "odt"


def test_audio_and_images_are_recognised(tmp_path):
    tone = (np.sin(np.linspace(0, 440 * 2 * np.pi, 16000)) * 0.3).astype("float32")
    for fmt, subtype in (("MP3", "MPEG_LAYER_III"), ("OGG", "OPUS")):
        buf = io.BytesIO()
        soundfile.write(buf, tone, 16000, format=fmt, subtype=subtype)
        assert sniff(buf.getvalue()) == fmt.lower()
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buf, "PNG")
    assert sniff(buf.getvalue()) == "png"


@pytest.mark.parametrize("data", [
    b"<script>alert(1)</script>",
    b"<!doctype html><html><body onload=alert(1)>",
    b"#!/bin/sh\nrm -rf /\n",
    b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows program
])
def test_scripts_and_programs_are_refused_whatever_their_name(data):
    with pytest.raises(UploadError) as exc:
        inspect(data, "luat-bao-hiem.pdf", 1024 * 1024)
    assert exc.value.code == "unknown"


def test_a_script_behind_a_pdf_header_is_refused():
    with pytest.raises(UploadError) as exc:
        sniff(b"%PDF-1.7\n<script>alert(1)</script>\n")
    assert exc.value.code == "broken"


def test_truncated_pdf_and_plain_zip_are_refused():
    pdf = makers.make_pdf("Tiêu đề", PARAGRAPHS)
    with pytest.raises(UploadError):
        sniff(pdf[: len(pdf) // 2])
    with pytest.raises(UploadError) as exc:
        sniff(_zip({"a.txt": b"hello"}))
    assert exc.value.code == "unknown"


@pytest.mark.parametrize("kind", ["docx", "odt", "epub"])
def test_zip_bombs_are_refused(kind):
    bomb = zip_bomb(kind)
    assert len(bomb) < 1024 * 1024  # tiny on the wire
    with pytest.raises(UploadError) as exc:
        sniff(bomb)
    assert exc.value.code == "bomb"


def test_archive_with_path_traversal_is_refused():
    with pytest.raises(UploadError):
        sniff(_zip({"mimetype": b"application/epub+zip", "../../etc/passwd": b"x", "META-INF/container.xml": b""},
                   "mimetype"))


def test_size_limit_and_empty_file():
    with pytest.raises(UploadError) as exc:
        inspect(b"%PDF-" + b"0" * 2000, "a.pdf", 1000)
    assert exc.value.code == "too-large"
    with pytest.raises(UploadError) as exc:
        inspect(b"", "a.pdf", 1000)
    assert exc.value.code == "empty"


def test_file_names_lose_their_paths():
    assert safe_label("../../etc/passwd") == "passwd"
    assert safe_label("C:\\Users\\Ba\\Luật đất đai 2024.pdf") == "Luật đất đai 2024"
    assert safe_label("/tmp/<script>x.pdf") == "script x"
