"""Every font the portal names carries every Vietnamese letter: the families in the CSS, the
templates and the Python (SVG charts, EPUB styles), as fontconfig resolves them on this machine,
and the font files the drawing code (lesson pictures, demo PDFs) names. Checked twice: the
font's character map (fontTools) and an actual rendering (Pillow) that must not be the font's
.notdef box."""

from __future__ import annotations

import re
import shutil
import subprocess  # nosec B404  (fc-list / fc-match with fixed arguments)
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from portal.core.fonts import VIETNAMESE_LETTERS, first_covering, missing_letters
from portal.lessons import pictures
from portal.library import makers

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = (re.compile(r"""font-family\s*:\s*([^;}\n]+)"""),  # CSS, also inside style="" and Python strings
            re.compile(r"""font-family\s*=\s*["']([^"']+)["']"""))  # an SVG/HTML attribute
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-monospace", "ui-sans-serif",
           "ui-serif", "ui-rounded", "math", "emoji", "fangsong"}
KEYWORDS = {"inherit", "initial", "unset", "revert", "-apple-system", "blinkmacsystemfont"}
FONT_FILE = re.compile(r"""["']([^"']+\.(?:ttf|otf|ttc))["']""", re.IGNORECASE)


def _sources():
    for pattern in ("static/css/*.css", "templates/**/*.html", "portal/**/*.py"):
        for path in ROOT.glob(pattern):
            yield path, path.read_text(encoding="utf-8")


def named_families() -> set[str]:
    names = set()
    for _path, text in _sources():
        for match in (m for pattern in FAMILIES for m in pattern.finditer(text)):
            for name in match.group(1).split(","):
                name = name.strip().strip("\"'\\ ")
                if name and name.lower() not in KEYWORDS and not name.startswith("{"):
                    names.add(name)
    return names


def _fc(*args: str) -> list[str]:
    out = subprocess.run([shutil.which(args[0]) or args[0], *args[1:]], capture_output=True, text=True,  # nosec B603
                         check=True, timeout=30).stdout
    return [line for line in out.splitlines() if line.strip()]


def family_files(name: str) -> list[str]:
    """The files a browser on this machine uses for `name`: fontconfig's pick for a generic
    family, the installed files of a named one (none when it is not installed: the next one
    of the list is used then, and checked in its turn)."""
    if name.lower() in GENERIC:
        return _fc("fc-match", "-f", "%{file}\n", name)
    return _fc("fc-list", "--format", "%{file}\n", f":family={name}")


def python_font_files() -> set[str]:
    found = set(makers.FONT_CANDIDATES) | set(pictures.FONT_PATHS)
    for path, text in _sources():
        if path.suffix == ".py":
            found |= set(FONT_FILE.findall(text))
    return {f for f in found if Path(f).is_file()}


def _renders_every_letter(path: str) -> str:
    """Letters whose rendering is the .notdef box (or nothing): drawn, not just looked up."""
    # Basic layout: HarfBuzz (raqm) would stack a base letter and loose marks for a missing
    # precomposed letter, which is exactly the "Nguyêñ" this test is about.
    font = ImageFont.truetype(path, 32, layout_engine=ImageFont.Layout.BASIC)

    def drawn(text: str) -> bytes:
        image = Image.new("L", (64, 64))
        ImageDraw.Draw(image).text((8, 4), text, font=font, fill=255)
        return image.tobytes()

    notdef = drawn("\U000f0000")  # a private-use plane-15 code point: .notdef in any font
    return "".join(ch for ch in VIETNAMESE_LETTERS if drawn(ch) in (notdef, drawn(" ")))


def test_the_letter_list_is_complete():
    assert len(VIETNAMESE_LETTERS) == 2 * (12 * 6 + 17)
    assert all(ch in VIETNAMESE_LETTERS for ch in "NguyễnThịHườngĐỖỸỶ")


def test_every_font_the_portal_names_carries_every_vietnamese_letter():
    assert shutil.which("fc-match") and shutil.which("fc-list"), "fontconfig is needed (Chromium uses it too)"
    families = named_families()
    assert {"sans-serif", "system-ui", "serif"} <= families  # the scan found the CSS, the charts and the EPUB
    files = {f: name for name in families for f in family_files(name)} | {f: "(Python)" for f in python_font_files()}
    assert files, "no font file found to check"
    bad = {}
    for path, name in sorted(files.items()):
        missing = missing_letters(path) + _renders_every_letter(path)
        if missing:
            bad[f"{name}: {path}"] = "".join(sorted(set(missing)))[:40]
    assert bad == {}, f"fonts without every Vietnamese letter: {bad}"


def test_the_drawing_code_picks_only_fonts_with_every_letter(tmp_path):
    mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
    assert "ễ" in missing_letters(mono) and "ễ" in _renders_every_letter(mono), "both checks must see the gap"
    assert first_covering([mono, *pictures.FONT_PATHS]) != Path(mono)
    assert missing_letters(makers.find_font()) == ""
