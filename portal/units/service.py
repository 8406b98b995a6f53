"""Loading and looking up the committees."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.core.text import fold

from .models import CENTRAL, CENTRAL_CODE, COMMUNE, PROVINCE, Unit

CENTRAL_NAME = "Ủy ban Trung ương MTTQ Việt Nam"


def _source_rows() -> list[dict]:
    """Every unit from the vietnam-provinces package (July-2025 divisions)."""
    from vietnam_provinces import Province, Ward

    rows = [dict(code=CENTRAL_CODE, name=CENTRAL_NAME, level=CENTRAL, division_type="trung ương",
                 parent=None, province_code=None)]
    for p in Province.iter_all():
        code = f"{int(p.code):02d}"
        rows.append(dict(code=code, name=p.name, level=PROVINCE, division_type=p.division_type.value,
                         parent=CENTRAL_CODE, province_code=code))
    for w in Ward.iter_all():
        pcode = f"{int(w.province_code):02d}"
        rows.append(dict(code=f"{int(w.code):05d}", name=w.name, level=COMMUNE,
                         division_type=w.division_type.value, parent=pcode, province_code=pcode))
    return rows


def load_units(session: Session) -> dict[str, int]:
    """Insert or update all 3,356 units; running it again changes nothing."""
    existing = {u.code: u for u in session.scalars(select(Unit))}
    added = updated = 0
    for row in _source_rows():  # parents come before children in this order
        parent = existing[row["parent"]] if row["parent"] else None
        unit = existing.get(row["code"])
        values = dict(name=row["name"], name_folded=fold(row["name"]), level=row["level"],
                      division_type=row["division_type"], province_code=row["province_code"])
        if unit is None:
            unit = Unit(code=row["code"], parent=parent, **values)
            session.add(unit)
            existing[row["code"]] = unit
            added += 1
            if row["level"] != COMMUNE:
                session.flush()
        elif any(getattr(unit, k) != v for k, v in values.items()) or unit.parent is not parent:
            for k, v in values.items():
                setattr(unit, k, v)
            unit.parent = parent
            updated += 1
    session.commit()
    return {"added": added, "updated": updated, "total": len(existing)}


def count_units(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Unit)) or 0


def get_by_code(session: Session, code: str) -> Unit | None:
    return session.scalar(select(Unit).where(Unit.code == code))


def by_proper_name(units) -> list[Unit]:
    """Units in the order a resident looks for them: "Thành phố Hải Phòng" under H, Đà Nẵng after D."""
    return sorted(units, key=lambda u: u.sort_key)


def provinces(session: Session) -> list[Unit]:
    return by_proper_name(session.scalars(select(Unit).where(Unit.level == PROVINCE)))


def communes_of(session: Session, province_code: str, query: str = "", limit: int | None = None) -> list[Unit]:
    stmt = select(Unit).where(Unit.level == COMMUNE, Unit.province_code == province_code)
    folded = fold(query)
    if folded:
        for word in folded.split():
            stmt = stmt.where(Unit.name_folded.contains(word, autoescape=True))
    # At most ~170 communes in a province: sorting them here keeps the Vietnamese order SQL lacks.
    found = by_proper_name(session.scalars(stmt))
    return found[:limit] if limit else found
