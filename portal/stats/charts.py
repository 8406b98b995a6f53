"""Server-rendered SVG bar charts: a few KB, no JavaScript, no inline `style` (the CSP forbids it).

Colours and fonts are SVG presentation attributes, which the CSP allows. Each chart is an
image with a title and a description; the page puts a table with the same figures after it,
for screen readers and for anyone who prefers numbers.
"""

from __future__ import annotations

from flask_babel import format_number
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from .figures import Figures

WIDTH = 320  # viewBox units; the SVG scales to the column, so a phone shows it near 1:1
ROW = 38     # label line + bar
BAR = 14
VALUE_ROOM = 44  # room right of the longest bar for its number
INK = "#1b1b1b"
LABEL_MAX = 40  # characters that fit the width; the table after the chart has the full name

# (attribute of Figures, colour, legend). Colours keep ≥ 3:1 against white (WCAG 1.4.11).
SEGMENTS = (
    ("on_time", "#1d6b32", _l("Answered on time")),
    ("late", "#b35c00", _l("Answered late")),
    ("overdue", "#a3121a", _l("Overdue, not answered")),
    ("rest", "#757575", _l("Not yet due, or closed")),
)


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{round(x, 1):g}" y="{round(y, 1):g}"{extra}>{escape(content)}</text>'


def stacked_bars(chart_id: str, title: str, description: str, rows: list[tuple[str, Figures]],
                 segments=SEGMENTS, total: str = "received") -> Markup:
    """One horizontal bar per row, its length the `total` attribute (petitions received by default),
    split into `segments`: (attribute, colour, legend) triples whose values add up to the total."""
    legend_height = 20 * len(segments) + 6
    height = legend_height + ROW * len(rows) + 4
    biggest = max((getattr(f, total) for _label, f in rows), default=0) or 1
    scale = (WIDTH - VALUE_ROOM) / biggest
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img"'
        f' aria-labelledby="{chart_id}-t" aria-describedby="{chart_id}-d"'
        f' font-family="system-ui, sans-serif" font-size="14" fill="{INK}">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for i, (_attr, colour, legend) in enumerate(segments):
        y = 4 + 20 * i
        parts.append(f'<rect x="0" y="{y}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(18, y + 11, str(legend)))
    for i, (label, figures) in enumerate(rows):
        top = legend_height + ROW * i
        parts.append(_text(0, top + 15, label if len(label) <= LABEL_MAX else label[:LABEL_MAX - 1] + "…"))
        x = 0.0
        for attr, colour, _legend in segments:
            width = getattr(figures, attr) * scale
            if width > 0:
                parts.append(f'<rect x="{x:.1f}" y="{top + 20}" width="{width:.1f}" height="{BAR}" fill="{colour}"/>')
                x += width
        parts.append(_text(x + 4, top + 32, format_number(getattr(figures, total))))
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text above is escaped)  # nosec B704
