"""Images from uploads: checked by content, EXIF/GPS removed, resized to a byte budget."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

MAX_PIXELS = 40_000_000  # refuse decompression bombs early
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class ImageError(ValueError):
    pass


@dataclass
class ProcessedImage:
    webp: bytes
    jpeg: bytes
    width: int
    height: int


def _encode(img: Image.Image, fmt: str, quality: int) -> bytes:
    out = io.BytesIO()
    # No exif= argument: Pillow writes no EXIF (so no GPS) unless asked to.
    img.save(out, fmt, quality=quality, optimize=True, **({"method": 6} if fmt == "WEBP" else {}))
    return out.getvalue()


def process_image(data: bytes, max_bytes: int = 30_000, max_width: int = 800) -> ProcessedImage:
    """Decode by content (the file name is never trusted), drop metadata, and shrink
    quality then size until both WebP and JPEG fit in `max_bytes`."""
    # Pillow (~3.4 MiB) is imported when an image is processed, not by every web worker at start.
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ImageError("not a supported image")
            probe.verify()
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageError("not a readable image") from exc
    img = ImageOps.exif_transpose(img).convert("RGB")
    if img.width > max_width:
        img = img.resize((max_width, round(img.height * max_width / img.width)), Image.LANCZOS)
    while True:
        for quality in (80, 70, 60, 50, 40):
            webp, jpeg = _encode(img, "WEBP", quality), _encode(img, "JPEG", quality)
            if len(webp) <= max_bytes and len(jpeg) <= max_bytes:
                return ProcessedImage(webp, jpeg, img.width, img.height)
        if img.width <= 160:
            raise ImageError("image cannot be made small enough")
        img = img.resize((int(img.width * 0.75), int(img.height * 0.75)), Image.LANCZOS)
