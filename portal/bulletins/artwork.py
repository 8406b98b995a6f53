"""The podcast's cover art, drawn by the portal itself (Pillow), never downloaded.

Apple Podcasts wants a square JPEG or PNG of 1400–3000 px in RGB; the feed names it in
`itunes:image`. It is drawn once into the public media (the demo seeding draws it, and the
first podcast request does when nothing did) and named after its design, so a new design
gets a new address that podcast apps fetch again.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from portal.core import media

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

SIZE = 1400
DESIGN = "1"  # bump when the drawing changes
KEY = f"public/podcast/bia-ban-tin-v{DESIGN}.png"
# Fonts that carry every Vietnamese letter (never DejaVu Sans Mono: it has no "ễ").
FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf")
RED, YELLOW, WHITE = (183, 28, 28), (255, 214, 0), (255, 255, 255)
LINES = ("Bản tin", "Mặt trận Tổ quốc", "Việt Nam")
TAGLINE = "Cổng Mặt trận số"


def font_path() -> str:
    for path in FONTS:
        if Path(path).is_file():
            return path
    raise FileNotFoundError("DejaVu Sans Bold is needed to draw the podcast cover (Debian: fonts-dejavu-core)")


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    import math

    points = []
    for i in range(10):  # the five-pointed star of the flag: outer and inner points in turn
        radius = r if i % 2 == 0 else r * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=YELLOW)


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, font: ImageFont.FreeTypeFont, fill) -> None:
    left, _top, right, _bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((SIZE - (right - left)) / 2 - left, y), text, font=font, fill=fill)


def draw() -> bytes:
    """The cover as PNG bytes: a red square, the yellow star, the portal's name in white."""
    from PIL import Image, ImageDraw, ImageFont  # here: Pillow is ~3.4 MiB in every web worker otherwise

    image = Image.new("RGB", (SIZE, SIZE), RED)
    pen = ImageDraw.Draw(image)
    pen.rectangle((40, 40, SIZE - 40, SIZE - 40), outline=YELLOW, width=16)
    _star(pen, SIZE / 2, 380, 220)
    path = font_path()
    big, small = ImageFont.truetype(path, 120), ImageFont.truetype(path, 72)
    for i, line in enumerate(LINES):
        _centred(pen, 680 + i * 160, line, big, WHITE)
    _centred(pen, 1180, TAGLINE, small, YELLOW)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True, dpi=(72, 72))
    return out.getvalue()


def ensure() -> str:
    """The cover's media key, drawing it first when it is not there yet."""
    if not media.path_of(KEY).exists():
        media.save_public("podcast", draw(), "png", name=f"bia-ban-tin-v{DESIGN}")
    return KEY
