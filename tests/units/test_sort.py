"""Provinces and communes are listed by their proper name in Vietnamese alphabetical order."""

import re

from portal.core.text import collation_key
from portal.units.service import communes_of, provinces


def test_vietnamese_alphabet_order():
    names = ["Điện Biên", "Gia Lai", "Đà Nẵng", "Hải Phòng", "Cao Bằng", "Hà Nội", "Ea Súp", "Cà Mau",
             "Phường 10", "Phường 2", "Ân Thi", "An Giang", "Hưng Yên", "Huế"]
    assert sorted(names, key=collation_key) == [
        "An Giang", "Ân Thi", "Cà Mau", "Cao Bằng", "Đà Nẵng", "Điện Biên", "Ea Súp", "Gia Lai", "Hà Nội",
        "Hải Phòng", "Huế", "Hưng Yên", "Phường 2", "Phường 10"]


def test_provinces_sort_by_proper_name(session):
    names = [p.name for p in provinces(session)]
    proper = [p.proper_name for p in provinces(session)]
    hanoi, haiphong, danang = (names.index(f"Thành phố {n}") for n in ("Hà Nội", "Hải Phòng", "Đà Nẵng"))
    # Hà Nội, Hà Tĩnh, Hải Phòng: all among the H's, by syllable then tone
    assert proper[hanoi:haiphong + 1] == ["Hà Nội", "Hà Tĩnh", "Hải Phòng"]
    assert proper[hanoi - 1][0] == "G" and proper[haiphong + 1][0] == "H"
    d_names = [i for i, n in enumerate(proper) if n[0] == "D"]
    e_names = [i for i, n in enumerate(proper) if n[0] in "EÊ"]
    assert all(i < danang for i in d_names) and all(danang < i for i in e_names)
    assert proper[danang - 1][0] in "CD" and proper[danang + 1][0] == "Đ"  # Đà Nẵng opens the Đ's
    assert proper == sorted(proper, key=collation_key)


def test_communes_sort_by_proper_name(session):
    proper = [c.proper_name for c in communes_of(session, "31")]
    assert proper == sorted(proper, key=collation_key)
    assert proper[0][0] in "AÁÀ"  # not every "Phường …" first and every "Xã …" last
    assert [c.proper_name for c in communes_of(session, "31", limit=5)] == proper[:5]


def test_the_committee_chooser_lists_provinces_by_proper_name(client):
    html = client.get("/phan-anh/gui").get_data(as_text=True)
    listed = re.findall(r'<option value="\d\d"[^>]*>([^<]+)</option>', html)
    assert len(listed) == 34
    assert listed.index("Gia Lai") < listed.index("Thành phố Hà Nội") < listed.index("Hà Tĩnh")
    assert listed.index("Hà Tĩnh") < listed.index("Thành phố Hải Phòng") < listed.index("Hưng Yên")
    assert listed.index("Cà Mau") < listed.index("Thành phố Đà Nẵng") < listed.index("Điện Biên")
