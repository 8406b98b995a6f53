"""The 3,356 Front committees (portal/units), as the API lists them."""

from __future__ import annotations

from flask import request
from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from portal.db import db
from portal.units.models import Unit

from .http import json_response, next_url, problem
from .openapi import page_model
from .params import CommitteeParams, parse
from .schemas import Committee


def _rows(stmt):
    parent = aliased(Unit)
    stmt = stmt.add_columns(parent.code).outerjoin(parent, Unit.parent_id == parent.id)
    return [Committee(code=u.code, name=u.name, level=u.level, division_type=u.division_type, parent=code,
                      province=u.province_code) for u, code in db.session.execute(stmt)]


def list_view():
    from portal.db import utcnow

    params, invalid = parse(CommitteeParams, request.args)
    if params is None:
        return problem(400, invalid=invalid)
    stmt = select(Unit)
    if params.level:
        stmt = stmt.where(Unit.level == params.level)
    if params.province:
        code = params.province.upper()
        stmt = stmt.where(or_(Unit.code == code, Unit.province_code == code))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    items = _rows(stmt.order_by(Unit.id).limit(params.per_page).offset((params.page - 1) * params.per_page))
    body = page_model(Committee)(items=items, page=params.page, per_page=params.per_page, total=total,
                                 next=next_url(params.page, params.per_page, total), as_of=utcnow())
    return json_response(body, max_age=86400, unversioned=("as_of",))


def item_view(code: str):
    found = _rows(select(Unit).where(Unit.code == code.upper()[:10]))
    return json_response(found[0], max_age=86400) if found else problem(404)
