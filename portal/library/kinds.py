"""The kinds of library items, named in the visitor's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_NAMES = {
    "legal": _l("Legal text"),
    "guide": _l("Guide"),
    "ebook": _l("E-book"),
    "form": _l("Form"),
    "audio": _l("Audio"),
}
