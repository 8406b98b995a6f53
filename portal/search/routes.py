"""/tim-kiem: one search box over everything; /hoi-dap: the question helper."""

from __future__ import annotations

from flask import Blueprint, request
from flask_babel import gettext as _
from sqlalchemy import select

from portal.core.htmx import is_partial_request, render_page
from portal.core.text import clean_line
from portal.db import db
from portal.units.models import PROVINCE, Unit
from portal.units.service import get_by_code, provinces

from . import jobs, questions, searching  # noqa: F401  (jobs: the worker must know the index tasks)
from .backend import current
from .registry import registry

bp = Blueprint("search", __name__)

MAX_QUERY = 200
PER_PAGE = 10


def _place() -> tuple[Unit | None, Unit | None]:
    """The province filter (?tinh=) and the committee filter (?don-vi=), when they exist."""
    province = get_by_code(db.session, request.args.get("tinh", "")[:10]) if request.args.get("tinh") else None
    unit = get_by_code(db.session, request.args.get("don-vi", "")[:10]) if request.args.get("don-vi") else None
    if province is not None and province.level != PROVINCE:
        province = None
    return province, unit


def _looks_like_a_question(query: str) -> bool:
    return query.endswith("?") or len(query.split()) >= 4


@bp.route("/tim-kiem")
def results():
    return results_page(clean_line(request.args.get("q", ""), MAX_QUERY))


def results_page(query: str, status: int = 200, always_answer: bool = False, **extra):
    """The results of `query` with the filters of the address; a spoken question (spoken.py)
    gets the helper's answer however it is worded."""
    kind = request.args.get("loai", "")
    if kind not in registry.sources:
        kind = ""
    page = min(max(request.args.get("trang", 1, type=int) or 1, 1), 100)
    province, unit = _place()
    found, answer = searching.Results(), None
    if query:
        found = searching.find(current(), query, kind=kind,
                               province=province.code if province else "", unit=unit.code if unit else "",
                               page=page, per_page=PER_PAGE, live=is_partial_request(),
                               hidden=tuple(registry.unlisted()))
        if page == 1 and (always_answer or _looks_like_a_question(query)):
            answer = questions.answerer().answer(query)
    codes = {h.unit_code for h in found.hits if h.unit_code}
    names = {u.code: u.committee_name for u in db.session.scalars(select(Unit).where(Unit.code.in_(codes)))} \
        if codes else {}
    labels = {s.kind: s.label() for s in registry.sources.values()} | {"page": _("Portal page")}
    listed = {k: v for k, v in labels.items() if k not in registry.unlisted() or k == kind}
    return render_page("search/page.html", "search/_results.html", query=query, found=found, hits=found.hits,
                       total=found.total, page=page, per_page=PER_PAGE, kind=kind, labels=labels, listed=listed,
                       names=names, province=province, unit=unit, provinces=provinces(db.session), answer=answer,
                       status=status, **extra)


@bp.route("/hoi-dap")
def ask():
    return ask_page(clean_line(request.args.get("q", ""), MAX_QUERY))


def ask_page(question: str, status: int = 200, **extra):
    answer = questions.answerer().answer(question) if question else None
    labels = {s.kind: s.label() for s in registry.sources.values()} | {"page": _("Portal page")}
    return render_page("search/ask.html", "search/_answer.html", status=status, question=question, answer=answer,
                       labels=labels, **extra)


from . import spoken  # noqa: E402,F401  (POST /tim-kiem/noi: a spoken question)
