"""Template filters: counts ("5.000"), file sizes ("2,4 MB"), durations ("3 phút 05 giây"), localised."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_decimal, gettext


def filesize(n: int | None) -> str:
    n = int(n or 0)
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{format_decimal(round(n / 1024))} KB"
    return f"{format_decimal(round(n / 1024 / 1024, 1), format='#,##0.0')} MB"


def duration(seconds: float | None) -> str:
    total = int(round(seconds or 0))
    minutes, secs = divmod(total, 60)
    if minutes:
        return gettext("%(m)d min %(s)02d s", m=minutes, s=secs)
    return gettext("%(s)d s", s=secs)


def number(n: int | float | None) -> str:
    """A count in the visitor's locale: "5.000" in Vietnamese, "5,000" in English."""
    return format_decimal(n or 0)


def init_format(app: Flask) -> None:
    app.add_template_filter(number, "number")
    app.add_template_filter(filesize, "filesize")
    app.add_template_filter(duration, "duration")
    from .markdown import render_markdown

    app.add_template_filter(render_markdown, "markdown")
