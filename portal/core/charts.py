"""Server-rendered SVG bar charts: a few KB, no JavaScript, no inline `style` (the CSP forbids it).

Colours and fonts are SVG presentation attributes, which the CSP allows. Each chart is an
image with a title and a description; the page puts a table with the same figures after it,
for screen readers and for anyone who prefers numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import format_number
from markupsafe import Markup, escape

WIDTH = 300  # viewBox units; the SVG scales to the column (at most 24rem wide, see site.css)
# Text of 19 units renders at ≥ 16 px even in the narrowest column: 270 px, a 320 px phone in large-text mode.
FONT = 19
LINE = 24      # one line of label text
BAR = 18
GAP = 12       # between a bar and the next row's label
KEY = 28       # one legend line
VALUE_ROOM = 60  # room right of the longest bar for its number
INK = "#1b1b1b"
LINE_CHARS = 26  # characters of a label line that fit the width at FONT; longer labels take two lines
LABEL_MAX = 2 * LINE_CHARS  # the table after the chart has the full name


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{round(x, 1):g}" y="{round(y, 1):g}"{extra}>{escape(content)}</text>'


def label_lines(label: str, room: int = LINE_CHARS) -> list[str]:
    """The label on one line, or broken at a space into two (the second shortened with "…")."""
    if len(label) <= room:
        return [label]
    cut = label.rfind(" ", 0, room + 1)
    first, rest = (label[:cut], label[cut + 1:]) if cut > 0 else (label[:room], label[room:])
    return [first, rest if len(rest) <= room else rest[:room - 1] + "…"]


def stacked_bars(chart_id: str, title: str, description: str, rows: list[tuple[str, object]],
                 segments: Sequence[tuple[str, str, object]], total: str) -> Markup:
    """One horizontal bar per row, its length the row's `total` attribute, split into `segments`:
    (attribute, colour, legend) triples whose values add up to the total. Colours keep ≥ 3:1
    against white (WCAG 1.4.11)."""
    legends = [label_lines(str(legend), LINE_CHARS - 3) for _attr, _colour, legend in segments]  # after the key
    legend_height = sum(KEY + LINE * (len(lines) - 1) for lines in legends) + 8
    labels = [label_lines(label) for label, _figures in rows]
    height = legend_height + sum(LINE * len(lines) + BAR + GAP for lines in labels) + 4
    biggest = max((getattr(f, total) for _label, f in rows), default=0) or 1
    scale = (WIDTH - VALUE_ROOM) / biggest
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img"'
        f' aria-labelledby="{chart_id}-t" aria-describedby="{chart_id}-d"'
        f' font-family="system-ui, sans-serif" font-size="{FONT}" fill="{INK}">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    y = 4
    for lines, (_attr, colour, _legend) in zip(legends, segments, strict=True):
        parts.append(f'<rect x="0" y="{y}" width="18" height="18" fill="{colour}"/>')
        for n, line in enumerate(lines):
            parts.append(_text(26, y + 15 + LINE * n, line))
        y += KEY + LINE * (len(lines) - 1)
    top = legend_height
    for lines, (_label, figures) in zip(labels, rows, strict=True):
        for n, line in enumerate(lines):
            parts.append(_text(0, top + LINE * (n + 1) - 5, line))
        bar_top = top + LINE * len(lines)
        x = 0.0
        for attr, colour, _legend in segments:
            width = getattr(figures, attr) * scale
            if width > 0:
                parts.append(f'<rect x="{x:.1f}" y="{bar_top}" width="{width:.1f}" height="{BAR}" fill="{colour}"/>')
                x += width
        parts.append(_text(x + 5, bar_top + 15, format_number(getattr(figures, total))))
        top = bar_top + BAR + GAP
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text above is escaped)  # nosec B704
