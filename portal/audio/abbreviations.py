"""Abbreviations common in the Front's bulletins, and how they are said.

Kept apart from the rules so editors can extend the lists without touching code. Keys are
matched case-sensitively as whole words; the longest key wins ("UBMTTQ" before "MTTQ").
"""

from __future__ import annotations

# Whole words (letters only, no trailing dot).
ABBREVIATIONS: dict[str, str] = {
    # The Front and the political system
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBTƯMTTQVN": "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "ĐBQH": "đại biểu Quốc hội",
    "QH": "Quốc hội",
    "TƯ": "Trung ương",
    "TW": "Trung ương",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BCĐ": "Ban Chỉ đạo",
    "ĐCSVN": "Đảng Cộng sản Việt Nam",
    "CHXHCN": "Cộng hòa xã hội chủ nghĩa",
    "CHXHCNVN": "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "VN": "Việt Nam",
    "TPHCM": "thành phố Hồ Chí Minh",
    "HCM": "Hồ Chí Minh",
    "CAND": "Công an nhân dân",
    "QĐND": "Quân đội nhân dân",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "HLHPNVN": "Hội Liên hiệp Phụ nữ Việt Nam",
    "HND": "Hội Nông dân",
    "HCCB": "Hội Cựu chiến binh",
    "CCB": "cựu chiến binh",
    "ĐTN": "Đoàn Thanh niên",
    "TNCS": "Thanh niên Cộng sản",
    "LĐLĐ": "Liên đoàn Lao động",
    "HTX": "hợp tác xã",
    "KDC": "khu dân cư",
    "TDP": "tổ dân phố",
    "NTM": "nông thôn mới",
    # Public services, documents, insurance
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "BHTN": "bảo hiểm thất nghiệp",
    "CCCD": "căn cước công dân",
    "CMND": "chứng minh nhân dân",
    "VNeID": "vê en e ai đi",
    "STK": "số tài khoản",
    "OTP": "ô tê pê",
    "QR": "kiu a",
    "CLB": "câu lạc bộ",
    "DVC": "dịch vụ công",
    "DVCTT": "dịch vụ công trực tuyến",
    "SĐT": "số điện thoại",
    "ĐT": "điện thoại",
    "CNTT": "công nghệ thông tin",
    "CĐS": "chuyển đổi số",
    "KT-XH": "kinh tế - xã hội",
    "ANTT": "an ninh trật tự",
    "ATGT": "an toàn giao thông",
    "PCCC": "phòng cháy chữa cháy",
    "KCN": "khu công nghiệp",
    "GD&ĐT": "giáo dục và đào tạo",
    "GDĐT": "giáo dục và đào tạo",
    "LĐTBXH": "lao động, thương binh và xã hội",
    "USD": "đô la Mỹ",
    # Schools
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    # Document codes
    "NQ": "nghị quyết",
    "NĐ": "nghị định",
    "QĐ": "quyết định",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng",
    "BTC": "Bộ Tài chính",
    "BCT": "Bộ Chính trị",
}

# Abbreviations that end in a dot (the dot belongs to them) or contain one.
DOTTED: dict[str, str] = {
    "TP.HCM": "thành phố Hồ Chí Minh",
    "Tp.HCM": "thành phố Hồ Chí Minh",
    "TP.": "thành phố",
    "Tp.": "thành phố",
    "TX.": "thị xã",
    "TT.": "thị trấn",
    "v.v.": "vân vân.",
    "v.v": "vân vân",
    "PGS.TS.": "phó giáo sư tiến sĩ",
    "PGS.TS": "phó giáo sư tiến sĩ",
    "GS.TS.": "giáo sư tiến sĩ",
    "GS.TS": "giáo sư tiến sĩ",
    "PGS.": "phó giáo sư",
    "GS.": "giáo sư",
    "TS.": "tiến sĩ",
    "ThS.": "thạc sĩ",
    "BS.": "bác sĩ",
    "Đ/c": "đồng chí",
    "đ/c": "đồng chí",
}

# Single-letter place abbreviations: only expanded before a number or a capitalised name
# ("Q.1", "P. Bến Nghé"), never after a capitalised word ("Nguyễn Văn P." is a name).
PLACE_LETTERS: dict[str, str] = {
    "Q.": "quận",
    "P.": "phường",
    "X.": "xã",
    "H.": "huyện",
}

# Acronyms that are said as a word, not spelled out.
SAID_AS_WORDS: frozenset[str] = frozenset(
    {"ASEAN", "APEC", "COVID", "NATO", "UNESCO", "UNICEF", "FIFA", "OPEC", "AIDS", "SEA"}
)

# Vietnamese names of Latin letters, for spelling unknown acronyms ("WHO" → "vê kép hát o").
LETTER_NAMES: dict[str, str] = {
    "A": "a", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "F": "ép",
    "G": "giê", "H": "hát", "I": "i", "J": "gi", "K": "ca", "L": "e lờ", "M": "em mờ",
    "N": "en nờ", "O": "o", "P": "pê", "Q": "quy", "R": "e rờ", "S": "ét", "T": "tê",
    "U": "u", "V": "vê", "W": "vê kép", "X": "ích", "Y": "i dài", "Z": "dét",
}

# Kinds of document in a document number ("07/2021/NĐ-CP"): said only when the sentence
# does not already name the kind ("Nghị định số 07/2021/NĐ-CP").
DOCUMENT_KINDS: dict[str, str] = {
    "NĐ": "nghị định", "QĐ": "quyết định", "NQ": "nghị quyết", "TT": "thông tư",
    "TTLT": "thông tư liên tịch", "CT": "chỉ thị", "KH": "kế hoạch", "TB": "thông báo",
    "BC": "báo cáo", "CV": "công văn", "HD": "hướng dẫn", "TTr": "tờ trình", "KL": "kết luận",
    "QC": "quy chế",
}
# Issuers in a document number, where they differ from the plain abbreviation.
DOCUMENT_ISSUERS: dict[str, str] = {"TTg": "Thủ tướng Chính phủ", "BCT": "Bộ Chính trị"}

# Units after a number.
UNITS: dict[str, str] = {
    "km/h": "ki lô mét một giờ",
    "km²": "ki lô mét vuông",
    "km2": "ki lô mét vuông",
    "m²": "mét vuông",
    "m2": "mét vuông",
    "m³": "mét khối",
    "m3": "mét khối",
    "km": "ki lô mét",
    "cm": "xen ti mét",
    "mm": "mi li mét",
    "m": "mét",
    "kg": "ki lô gam",
    "g": "gam",
    "ha": "héc ta",
    "ml": "mi li lít",
    "l": "lít",
    "kWh": "ki lô oát giờ",
    "kW": "ki lô oát",
    "MW": "mê ga oát",
    "°C": "độ C",
    "tr": "triệu",
    "k": "nghìn",
}

# Currencies after a number.
CURRENCIES: dict[str, str] = {
    "VNĐ": "đồng",
    "VND": "đồng",
    "vnđ": "đồng",
    "đồng": "đồng",
    "đ": "đồng",
    "USD": "đô la Mỹ",
    "EUR": "ơ rô",
}
