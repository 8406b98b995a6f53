"""The Front committees: central, 34 provinces/cities, 3,321 communes/wards/special zones."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.text import collation_key
from portal.db import Base

CENTRAL = "central"
PROVINCE = "province"
COMMUNE = "commune"
LEVELS = (CENTRAL, PROVINCE, COMMUNE)
CENTRAL_CODE = "TW"
# The administrative word before a place's proper name ("Thành phố Hà Nội", "Xã Ea Súp").
DIVISION_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_folded: Mapped[str] = mapped_column(String(120), index=True)
    level: Mapped[str] = mapped_column(String(10))
    division_type: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    province_code: Mapped[str | None] = mapped_column(String(10))

    parent: Mapped[Unit | None] = relationship(remote_side=[id])

    __table_args__ = (Index("ix_units_level_province", "level", "province_code"),)

    @property
    def committee_name(self) -> str:
        """The committee's official name, e.g. "Ủy ban MTTQ Việt Nam phường Hồng Bàng"."""
        if self.level == CENTRAL:
            return self.name
        place = self.name
        for prefix in DIVISION_PREFIXES:
            if place.startswith(prefix):
                place = prefix.lower() + place[len(prefix):]
                break
        else:
            if self.level == PROVINCE:  # the package names provinces without "Tỉnh"
                place = f"tỉnh {place}"
        return f"Ủy ban MTTQ Việt Nam {place}"

    @property
    def proper_name(self) -> str:
        """The name without its division word: "Thành phố Hà Nội" → "Hà Nội"."""
        for prefix in DIVISION_PREFIXES:
            if self.name.startswith(prefix) and len(self.name) > len(prefix):
                return self.name[len(prefix):]
        return self.name

    @property
    def sort_key(self) -> tuple:
        """Lists for residents go by the proper name in Vietnamese order: Hà Nội under H, not T."""
        return collation_key(self.proper_name), self.code

    def __repr__(self) -> str:
        return f"<Unit {self.code} {self.name}>"
