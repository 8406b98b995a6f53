"""What public answers give the rest of the portal: a home-page section, search documents, statistics.

Only the public wording and the committee's answer reach the index: never the sender's
name or contact data, the original text, or internal notes. Documents are keyed by the
petition's id, so the staff side refreshes them with `refresh("answer", str(petition.id))`.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l

from portal.db import db
from portal.home.sections import sections
from portal.search.registry import SearchDocument, registry
from portal.stats.registry import sections as stats_sections

from . import public, stats_view


def _document(a: public.PublicAnswer) -> SearchDocument:
    return SearchDocument(
        kind="answer",
        key=str(a.id),
        title=a.title,
        summary=public.shorten(a.body, 250),
        text=f"{a.body}\n\n{a.answer}",
        url=a.url,
        unit_code=a.unit.code,
        province_code=a.unit.province_code or "",
        published=a.published_at or a.answered_at,
    )


def _all():
    for answer in public.all_public(db.session):
        yield _document(answer)


def _one(key: str):
    """The document for one key; None removes it from the index (hidden, unpublished, gone)."""
    if key.isdigit():
        answer = public.get_public_by_id(db.session, int(key))
    else:  # a petition code also works, for callers that only know the code
        answer = public.get_public(db.session, key.upper())
    return _document(answer) if answer is not None else None


def _home():
    items = public.latest(db.session, 3)
    return render_template("petitions/_home.html", items=items, shorten=public.shorten)


registry.register("answer", lambda: _l("Answers to petitions"), _all, _one)
sections.register(20, _home)
stats_sections.register(10, stats_view.national, stats_view.committee)
from . import api  # noqa: E402,F401  (the public API's collection)
