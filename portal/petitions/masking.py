# SPDX-License-Identifier: AGPL-3.0-or-later
"""Hide personal data typed into a petition before its question or answer is published.

Masked: phone numbers, e-mail addresses, identity numbers (CCCD, CMND, passport, social and
health insurance, tax code), bank account numbers and house addresses. Left alone on purpose,
because they are what petitions are about rather than who sent them: dates, years, money,
percentages, quantities, legal document numbers, petition codes, hotlines (1900 …, 113),
streets and alleys without a house number, and area-level places (thôn, tổ, phường …).

Patterns run on the NFC text and on a folded copy of the same length (lower case, no
diacritics, đ → d), so "số nhà", "so nha" and "Số Nhà" are found alike and every match maps
back to the original characters one to one. Detectors run in priority order; a span already
claimed (personal or protected, such as a date or an amount) is never claimed again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache

from .masking_claims import Claims, Span

PLACEHOLDERS: dict[str, str] = {
    "phone": "[số điện thoại đã ẩn]",
    "email": "[email đã ẩn]",
    "id_number": "[số giấy tờ đã ẩn]",
    "bank_account": "[số tài khoản đã ẩn]",
    "address": "[địa chỉ đã ẩn]",
}
_SAFE = "safe"  # claimed so that nothing masks it: dates, money, legal documents, codes

Detector = Callable[[str, str], Iterator[Span]]


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


def _fold(text: str) -> str:
    return "".join(map(_fold_char, text))


def _digits(count: int) -> str:
    """`count` more digits, each optionally after one separator: 0912 345 678, 091.234.5678."""
    return rf"(?:[ .\-]?\d){{{count}}}"


_S = r"[ \t]++"
# A placeholder's brackets stop every pattern the way the letters or digits it replaced did,
# so that masking never uncovers a match: masking twice changes nothing.
_W0, _W1 = r"(?<![\w\]])", r"(?![\w\[])"  # word edges, instead of \b
# National significant numbers: mobile (9 digits), landline with area code 2x (10), pre-2018 01x mobile (10).
_NSN = rf"(?:[35789]{_digits(8)}|2{_digits(9)}|1{_digits(9)})"
_PHONE = re.compile(
    r"(?<![\d+\]])(?:"
    rf"(?:\(\s?(?:\+|00)84\s?\)|(?:\+|00)\s?84)[ .\-]?(?:\(0\)[ .\-]?|0[ .\-]?)?{_NSN}"
    rf"|84[ .\-]?[35789]{_digits(8)}"
    rf"|0[ .\-]?{_NSN}"
    rf"|\(\s?0[35789]\d\s?\)[ .\-]?\d{_digits(6)}"
    rf"|\(\s?02\d\s?\)[ .\-]?\d{_digits(7)}"
    rf"|\(\s?02\d\d\s?\)[ .\-]?\d{_digits(6)}"
    r")(?![\d\[])"
)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_EMAIL = re.compile(
    rf"(?<![\w.%+\-\]])[a-z0-9_](?:[a-z0-9._%+-]{{0,62}}[a-z0-9_])?[ \t]?@[ \t]?"
    rf"(?:{_LABEL}\.)+[a-z]{{2,24}}(?![a-z\-\[])",
    re.IGNORECASE | re.ASCII,
)
# Keyword, then at most a few words of the same clause, then the number itself.
_GAP = r"[^\d\n\[\].,;!?]{0,40}?"
_NOT_MONEY = rf"(?![\d\[]|[ \t]*+(?:dong|vnd|trieu|ty|nghin|ngan|usd|d|k){_W1})"
_ACCOUNT = re.compile(
    rf"{_W0}(?:so{_S}tai{_S}khoan|so{_S}tk|stk|tknh|tai{_S}khoan{_S}(?:so|ngan{_S}hang)|tk{_S}ngan{_S}hang){_W1}"
    rf"{_GAP}(?P<n>\d(?:[ .\-]?\d){{5,18}}){_NOT_MONEY}"
)
_ID_KEYWORD = re.compile(
    rf"{_W0}(?:cccd|cmnd|cmt|can{_S}cuoc(?:{_S}cong{_S}dan)?|chung{_S}minh{_S}(?:nhan{_S}dan|thu)|ho{_S}chieu"
    rf"|passport|(?:so|ma){_S}dinh{_S}danh(?:{_S}ca{_S}nhan)?|bhxh|bhyt|bao{_S}hiem{_S}(?:xa{_S}hoi|y{_S}te)"
    rf"|ma{_S}so{_S}thue|mst){_W1}{_GAP}(?P<n>(?<![a-z])[a-z]{{0,2}}\d(?:[ .\-]?\d){{5,14}}){_NOT_MONEY}"
)
_LEGAL = re.compile(
    r"(?<![\w/\]])\d{1,5}(?:/(?:19|20)\d\d)?[/-][a-z]{2,10}\d{0,3}(?:[/-][a-z0-9]{1,10}){0,4}(?![\w/\[])"
)
_CODE = re.compile(r"(?<![\w\-\]])pa[- ]?[0-9a-z]{3}[- ]?[0-9a-z]{3}[- ]?[0-9a-z]{3}(?![\w\[])")
_DATE = re.compile(
    r"(?<![\d/.\-\]])\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d(?![\d\[])"
    rf"|{_W0}(?:ngay|thang|nam)[ \t]++\d{{1,4}}(?:[ \t]*+[/.-][ \t]*+\d{{1,4}}){{0,2}}(?![\d\[])"
)
_MONEY = re.compile(
    r"(?<![\d.,\]])(?!84[.,][35789]\d\d[.,]\d{3}[.,]\d{3}(?!\d))[1-9]\d{0,2}(?:[.,]\d{3})+(?:,\d{1,2})?"
    r"(?![\d\[]|[.,]\d)"
    rf"|(?<![\d.,\]])\d{{1,15}}(?:[.,]\d+)?"
    rf"(?:[ \t]*+(?P<unit>dong|vnd|trieu|ty|nghin|ngan|usd){_W1}|(?P<glued>[dk]){_W1})"
)
_PASSPORT = re.compile(rf"{_W0}[a-z]{{1,2}}\d{{7}}{_W1}")
_ID_GROUPED = re.compile(r"(?<![\d.,\]])0(?:\d{2}(?:[ .]\d{3}){3}|\d{3}(?:[ .]\d{4}){2})(?![\d\[]|[ .,]\d)")
_LONG_NUMBER = re.compile(r"(?<![\d.,/\]])\d{9,19}(?![\d\[]|[.,/]\d)")

# Addresses: [kept intro] [label] house number, then street parts ("ngõ 34", "phố Lạch Tray").
_HOUSE = r"\d{1,4}[a-z]?(?:[/-]\d{1,4}[a-z]?){0,3}"
_ADDRESS = re.compile(
    rf"(?:{_W0}(?P<intro>nha|dia{_S}chi|d/c|can{_S}ho){_W1}[ \t]*+[:.]?[ \t]*+)?"
    rf"(?P<label>{_W0}(?:so{_S}nha|so){_W1}[ \t]*+[:.]?[ \t]*+)?"
    rf"(?<![\w/.,\-\]])(?P<house>{_HOUSE})(?![\w/\[])"
)
_STREET = re.compile(rf"[ \t]*+,?[ \t]*+(?:ngo|ngach|hem|kiet|pho|duong|dai{_S}lo|quoc{_S}lo|tinh{_S}lo){_W1}")
_NUMBERED = re.compile(rf"{_S}(?:so[ \t]*+)?\d{{1,4}}[a-z]?(?:/\d{{1,4}}[a-z]?)?(?![\w/\[])")
_WORD = re.compile(r"[ \t]++([^\W_]+)")
_AREA = re.compile(
    r"(?i:phường|phuong|xã|quận|huyện|huyen|tỉnh|tinh|thôn|thon|xóm|xom|ấp|tổ|khu|tp|tx|tt"
    r"|(?:thành|thanh)[ \t]++(?:phố|pho)|(?:thị|thi)[ \t]++(?:xã|xa|trấn|tran))(?!\w)",
)
# Numbers after these are alleys, roads, hamlets or distances, not houses: "ngõ 34 phố Lạch Tray".
_NOT_BEFORE_BARE = frozenset(
    ("km", "to", "thon", "xom", "ap", "khu", "phuong", "quan", "huyen", "lo", "tuyen", "tang")
    + ("ngo", "ngach", "hem", "kiet", "pho", "duong")
)
_PREVIOUS_WORD = re.compile(r"(?<![\w@.\-/\]])([a-z]+)[ \t]++$")


def _name_end(text: str, pos: int) -> int | None:
    """End of a capitalised street name starting after `pos` ("Lê Lợi", "D2"), if there is one."""
    end = None
    for _ in range(6):
        word = _WORD.match(text, pos)
        if not word or not word.group(1)[0].isupper() or _AREA.match(text, word.start(1)):
            break
        pos = end = word.end()
    return end


def _bare_house_rejected(text: str, folded: str, start: int, end: int) -> bool:
    house = folded[start:end]
    if re.fullmatch(r"(?:19|20)\d\d", house) or (house[-1].isalpha() and not text[end - 1].isupper()):
        return True  # a year ("2024 đường …") or a measure ("300m đường …")
    previous = _PREVIOUS_WORD.search(folded, max(0, start - 20), start)
    return bool(previous) and previous.group(1) in _NOT_BEFORE_BARE


def _addresses(text: str, folded: str) -> Iterator[Span]:
    last_end = 0
    for anchor in _ADDRESS.finditer(folded):
        if anchor.start() < last_end:
            continue
        intro, label = anchor.group("intro"), anchor.group("label")
        house_start, pos = anchor.span("house")
        bare = not intro and not label
        if bare and _bare_house_rejected(text, folded, house_start, pos):
            continue
        end, parts, street_seen = pos, 0, False
        while street := _STREET.match(folded, pos):
            street_seen = True
            numbered = _NUMBERED.match(folded, street.end())
            # "kiệt 42 Ông Ích Khiêm": a street's name may follow an alley's number directly.
            name_from = numbered.end() if numbered else street.end()
            part_end = _name_end(text, name_from) or (numbered.end() if numbered else None)
            if part_end is None:
                break  # a street word without a usable name ("đường lê lợi"): mask up to the number
            parts, pos, end = parts + 1, part_end, part_end
        if not parts:
            so_nha = bool(label) and label.startswith("so") and "nha" in label
            named = _name_end(text, pos) if (intro or so_nha) and not street_seen else None
            if named:
                end = named  # "nhà 12A Nguyễn Trãi", "địa chỉ: 25 Trần Phú"
            elif bare or not (street_seen or so_nha or intro == "can ho" or (intro and label)):
                continue
        last_end = end
        yield (anchor.start("label") if label else house_start), end, "address"


def _on(pattern: re.Pattern[str], kind: str, folded: bool = True, group: str | int = 0) -> Detector:
    def detect(text: str, folded_text: str) -> Iterator[Span]:
        for match in pattern.finditer(folded_text if folded else text):
            yield match.start(group), match.end(group), kind

    return detect


def _money(text: str, folded: str) -> Iterator[Span]:
    for match in _MONEY.finditer(folded):
        unit = max(match.start("unit"), match.start("glued"))
        if unit >= 0 and text[unit].isupper() and match.group("unit") not in ("vnd", "usd"):
            continue  # "12 Đông Các", "12D Lê Lợi": a street or a house, not an amount
        yield match.start(), match.end(), _SAFE


def _long_numbers(text: str, folded: str) -> Iterator[Span]:
    for match in _LONG_NUMBER.finditer(folded):
        yield match.start(), match.end(), "id_number" if len(match.group()) <= 12 else "bank_account"


_DETECTORS: tuple[Detector, ...] = (
    _on(_EMAIL, "email", folded=False),
    _on(_LEGAL, _SAFE),
    _on(_CODE, _SAFE),
    _on(_DATE, _SAFE),
    _on(_ACCOUNT, "bank_account", group="n"),
    _on(_ID_KEYWORD, "id_number", group="n"),
    _on(_PHONE, "phone"),
    _money,
    _addresses,
    _on(_PASSPORT, "id_number"),
    _on(_ID_GROUPED, "id_number"),
    _long_numbers,
)


def personal_data_spans(text: str) -> list[Span]:
    """(start, end, kind) of each piece of personal data in the NFC form of `text`, in order."""
    text = unicodedata.normalize("NFC", text)
    folded = _fold(text)
    claimed = Claims()
    for detect in _DETECTORS:
        for span in detect(text, folded):
            claimed.claim(span)
    return [span for span in claimed.spans() if span[2] != _SAFE]


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for each piece of personal data, in order; kinds are the keys of PLACEHOLDERS."""
    text = unicodedata.normalize("NFC", text)
    return [(kind, text[start:end]) for start, end, kind in personal_data_spans(text)]


def _replaced(text: str, spans: list[Span]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end, kind in spans:
        pieces += [text[position:start], PLACEHOLDERS[kind]]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def mask_personal_data(text: str) -> str:
    """The NFC text with each piece of personal data replaced by its placeholder; all else kept."""
    text = unicodedata.normalize("NFC", text)
    return _replaced(text, personal_data_spans(text))


_BARE_HOUSE = re.compile(rf"(?<![\w/.,\-\]])(?:so{_S})?(?P<house>{_HOUSE})(?![\w/\[])")


def name_spans(name: str) -> list[Span]:
    """Personal data in a sender's name, as in a text, and one thing more: a house number
    followed by a street's name ("17 Lạch Tray", "số 17/42 Lạch Tray"). In a petition's text
    that may be a quantity or a reference, so the text's rules leave it; in a name it can
    only be an address. "Tổ 5", "thôn 2 Đông Hải" and "khu dân cư số 3" stay (area-level)."""
    name = unicodedata.normalize("NFC", name)
    folded = _fold(name)
    claimed = Claims(personal_data_spans(name))
    for match in _BARE_HOUSE.finditer(folded):
        start, end = match.span()
        street_end = _name_end(name, end)
        if street_end is None or _bare_house_rejected(name, folded, match.start("house"), end):
            continue
        claimed.claim((start, street_end, "address"))
    return claimed.spans()


def find_personal_data_in_name(name: str) -> list[tuple[str, str]]:
    """(kind, matched text) for each piece of personal data in a sender's name."""
    name = unicodedata.normalize("NFC", name)
    return [(kind, name[start:end]) for start, end, kind in name_spans(name)]


def mask_name(name: str) -> str:
    """A sender's name as the public may read it: personal data in it replaced by placeholders."""
    name = unicodedata.normalize("NFC", name)
    return _replaced(name, name_spans(name))
