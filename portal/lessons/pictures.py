"""Simple phone-screen illustrations drawn with Pillow for the demo lessons (no downloaded art).

Each picture is a phone outline with a title bar and a drawing for its kind; it then goes
through the same pipeline as an upload (core.images: WebP + JPEG, ≤ 30 KB, no metadata).
"""

from __future__ import annotations

import io
import random
from typing import TYPE_CHECKING

from portal.core.fonts import first_covering
from portal.core.images import ProcessedImage, process_image

if TYPE_CHECKING:
    from PIL import ImageDraw

# Pillow is imported by the functions that draw (the demo seeding), not by every web worker.

W, H = 360, 300
FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
RED, GREEN, BLUE, INK, SOFT = (166, 27, 27), (29, 107, 50), (11, 74, 162), (27, 27, 27), (246, 243, 238)


def _font(size: int):
    from PIL import ImageFont

    path = first_covering(FONT_PATHS)  # only a font with every Vietnamese letter ("Mức 2")
    return ImageFont.truetype(str(path), size) if path else ImageFont.load_default(size)


def _phone(draw: ImageDraw.ImageDraw, title: str) -> tuple[int, int, int, int]:
    draw.rounded_rectangle((100, 8, 260, 292), radius=18, fill=INK)
    draw.rectangle((110, 30, 250, 272), fill="white")
    draw.rectangle((110, 30, 250, 58), fill=RED)
    draw.text((180, 44), title[:16], font=_font(13), fill="white", anchor="mm")
    return 110, 58, 250, 272


def _call(d, box):
    x0, y0, x1, y1 = box
    d.ellipse((150, y0 + 20, 210, y0 + 80), fill=(200, 200, 200))
    d.text((180, y0 + 100), "Số lạ", font=_font(16), fill=INK, anchor="mm")
    d.ellipse((125, y1 - 60, 165, y1 - 20), fill=RED)
    d.ellipse((195, y1 - 60, 235, y1 - 20), fill=GREEN)


def _chat(d, box):
    x0, y0, x1, y1 = box
    for i, right in enumerate((False, True, False, True)):
        top = y0 + 14 + i * 48
        d.rounded_rectangle((x1 - 100, top, x1 - 8, top + 34) if right else (x0 + 8, top, x0 + 100, top + 34),
                            radius=10, fill=(220, 235, 250) if right else SOFT, outline=(180, 180, 180))


def _settings(d, box):
    x0, y0, x1, y1 = box
    for i, size in enumerate((12, 18, 26)):
        d.text((x0 + 14, y0 + 30 + i * 50), "Aa", font=_font(size), fill=INK, anchor="lm")
    d.line((x0 + 60, y0 + 130, x1 - 14, y0 + 130), fill=BLUE, width=4)
    d.ellipse((x1 - 44, y0 + 120, x1 - 24, y0 + 140), fill=BLUE)


def _qr(d, box, seed: str):
    x0, y0, x1, y1 = box
    rng = random.Random(seed)
    cell, left, top = 8, x0 + 22, y0 + 24
    for r in range(12):
        for c in range(12):
            if rng.random() < 0.5:
                d.rectangle((left + c * cell, top + r * cell, left + c * cell + cell - 1, top + r * cell + cell - 1),
                            fill=INK)
    for cx, cy in ((0, 0), (9, 0), (0, 9)):
        x, y = left + cx * cell, top + cy * cell
        d.rectangle((x, y, x + 23, y + 23), outline=INK, width=4)


def _warning(d, box):
    x0, y0, x1, y1 = box
    d.polygon(((180, y0 + 20), (235, y0 + 120), (125, y0 + 120)), fill=(255, 221, 87), outline=RED)
    d.text((180, y0 + 90), "!", font=_font(40), fill=RED, anchor="mm")
    d.text((180, y0 + 160), "OTP ****", font=_font(18), fill=INK, anchor="mm")


def _id_card(d, box):
    x0, y0, x1, y1 = box
    d.rounded_rectangle((x0 + 12, y0 + 24, x1 - 12, y0 + 120), radius=8, fill=SOFT, outline=RED, width=2)
    d.ellipse((x0 + 22, y0 + 44, x0 + 62, y0 + 84), fill=(200, 200, 200))
    for i in range(3):
        d.line((x0 + 72, y0 + 50 + i * 16, x1 - 22, y0 + 50 + i * 16), fill=(150, 150, 150), width=3)
    d.text((180, y0 + 160), "Mức 2 ✓", font=_font(18), fill=GREEN, anchor="mm")


def _page(d, box):
    x0, y0, x1, y1 = box
    d.rectangle((x0 + 10, y0 + 14, x1 - 10, y0 + 40), outline=(120, 120, 120), width=2)
    for i in range(6):
        d.line((x0 + 12, y0 + 62 + i * 20, x1 - 12 - (i % 3) * 20, y0 + 62 + i * 20), fill=(150, 150, 150), width=4)
    d.rounded_rectangle((x0 + 30, y1 - 46, x1 - 30, y1 - 16), radius=6, fill=RED)


KINDS = {"call": _call, "chat": _chat, "settings": _settings, "warning": _warning, "id": _id_card, "page": _page}


def draw(kind: str, title: str) -> ProcessedImage:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (W, H), SOFT)
    d = ImageDraw.Draw(img)
    box = _phone(d, title)
    if kind == "qr":
        _qr(d, box, title)
    else:
        KINDS.get(kind, _page)(d, box)
    out = io.BytesIO()
    img.save(out, "PNG")
    return process_image(out.getvalue())
