from sqlalchemy import func, select

from portal.units.models import CENTRAL, COMMUNE, PROVINCE, Unit
from portal.units.service import communes_of, get_by_code, load_units, provinces


def test_all_committees_in_a_tree(session):
    counts = dict(session.execute(select(Unit.level, func.count()).group_by(Unit.level)).all())
    assert counts == {CENTRAL: 1, PROVINCE: 34, COMMUNE: 3321}
    central = get_by_code(session, "TW")
    assert central.parent is None
    for province in provinces(session):
        assert province.parent_id == central.id
    orphans = session.scalar(select(func.count()).select_from(Unit).where(
        Unit.level == COMMUNE, Unit.parent_id.is_(None)))
    assert orphans == 0


def test_commune_belongs_to_its_province(session):
    ward = get_by_code(session, "11311")
    assert ward.name == "Phường Hồng Bàng"
    assert ward.parent.name == "Thành phố Hải Phòng"
    assert ward.province_code == ward.parent.code
    assert ward.committee_name == "Ủy ban MTTQ Việt Nam phường Hồng Bàng"
    assert ward.parent.committee_name == "Ủy ban MTTQ Việt Nam thành phố Hải Phòng"
    assert get_by_code(session, "40").committee_name == "Ủy ban MTTQ Việt Nam tỉnh Nghệ An"


def test_loading_again_changes_nothing(session):
    result = load_units(session)
    assert result == {"added": 0, "updated": 0, "total": 3356}


def test_typing_without_diacritics_finds_the_ward(session):
    ward = get_by_code(session, "11311")
    found = communes_of(session, ward.province_code, "hong bang")
    assert [u.name for u in found] == ["Phường Hồng Bàng"]
    assert communes_of(session, ward.province_code, "Hồng Bàng") == found
    assert communes_of(session, ward.province_code, "%") == []


def test_names_are_nfc(session):
    import unicodedata

    names = session.scalars(select(Unit.name)).all()
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
