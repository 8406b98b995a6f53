"""The words residents use for the same thing: abbreviations and everyday names.

Each group lists phrases that mean the same thing; the first is the full written form. A query
holding one of them also looks for the others ("cccd" finds "căn cước công dân", "sổ đỏ" finds
"giấy chứng nhận quyền sử dụng đất"). Phrases are matched on their folded words, but a word the
resident typed with diacritics must be spelled as in the group ("số đo" is not "sổ đỏ").
Used by the search (both backends build their queries from query.Parsed.groups), by the question
helper (a passage holding any phrase of the group covers it) and by "did you mean" (a phrase of
the dictionary is never "corrected").
"""

from __future__ import annotations

from functools import lru_cache

from portal.core.text import fold

GROUPS: tuple[tuple[str, ...], ...] = (
    ("bảo hiểm y tế", "bhyt", "thẻ bảo hiểm y tế", "thẻ bhyt", "thẻ bảo hiểm", "bảo hiểm yte"),
    ("bảo hiểm xã hội", "bhxh"),
    ("bảo hiểm thất nghiệp", "bhtn"),
    ("căn cước công dân", "cccd", "căn cước", "thẻ căn cước"),
    ("chứng minh nhân dân", "cmnd", "chứng minh thư"),
    ("ủy ban nhân dân", "ubnd", "uỷ ban nhân dân", "chính quyền xã"),
    ("hội đồng nhân dân", "hđnd", "hdnd"),
    ("mặt trận tổ quốc", "mttq", "mặt trận"),
    ("ủy ban mặt trận tổ quốc", "ủy ban mttq", "uỷ ban mttq", "ubmttq"),
    ("định danh điện tử", "vneid", "định danh"),
    ("giấy chứng nhận quyền sử dụng đất", "sổ đỏ", "sổ hồng", "bìa đỏ", "gcn quyền sử dụng đất"),
    ("lương hưu", "hưu trí", "tiền hưu"),
    ("hộ nghèo", "gia đình nghèo", "nhà nghèo"),
    ("hộ cận nghèo", "cận nghèo"),
    ("người cao tuổi", "người già", "cụ già", "ông bà già", "nct"),
    ("trợ cấp xã hội", "trợ cấp", "tiền trợ cấp", "trợ giúp xã hội"),
    ("người khuyết tật", "người tàn tật", "nkt"),
    ("dịch vụ công", "dvc", "dịch vụ công trực tuyến"),
    ("mã otp", "otp", "mã xác thực", "mã xác nhận"),
    ("căn cước gắn chip", "cccd gắn chip", "thẻ chip"),
    ("khám chữa bệnh", "kcb", "khám bệnh", "chữa bệnh"),
    ("lừa đảo", "lừa gạt", "bị lừa"),
    ("công an", "cảnh sát"),
    ("phản ánh", "kiến nghị", "khiếu nại", "góp ý"),
    ("tổ công nghệ số cộng đồng", "tổ công nghệ số", "tcns"),
    ("mặt trận tổ quốc việt nam", "mttqvn"),
    ("ủy ban trung ương", "ubtw"),
    ("thanh tra nhân dân", "ttnd", "ban thanh tra nhân dân"),
    ("giám sát đầu tư của cộng đồng", "gsđtcđ", "giám sát cộng đồng"),
    ("khu dân cư", "kdc", "thôn xóm", "tổ dân phố", "tdp"),
    ("thanh toán không dùng tiền mặt", "thanh toán qua ngân hàng", "ví điện tử"),
    ("chuyển khoản", "chuyển tiền"),
    ("tài khoản ngân hàng", "tk ngân hàng", "stk", "số tài khoản"),
    ("điện thoại thông minh", "smartphone", "điện thoại cảm ứng"),
    ("mạng xã hội", "mxh"),
    ("đường link", "đường dẫn", "link lạ", "liên kết"),
    ("mật khẩu", "password"),
    ("phòng chống thiên tai", "pctt", "mưa bão", "bão lũ"),
    ("nhà đại đoàn kết", "nhà tình nghĩa", "nhà tình thương"),
    ("quỹ vì người nghèo", "quỹ người nghèo", "vì người nghèo"),
    ("an sinh xã hội", "ansx", "an sinh"),
    ("thủ tục hành chính", "tthc"),
    ("bộ phận một cửa", "một cửa", "trung tâm phục vụ hành chính công"),
    ("giấy khai sinh", "khai sinh", "làm giấy khai sinh"),
    ("đăng ký thường trú", "hộ khẩu", "sổ hộ khẩu", "thường trú"),
    ("đăng ký tạm trú", "tạm trú", "tạm vắng"),
    ("trạm y tế", "tyt", "y tế xã"),
    ("bệnh viện", "bv", "nhà thương"),
    ("ủy ban nhân dân xã", "ubnd xã"),
    ("ủy ban nhân dân phường", "ubnd phường"),
    ("ủy ban nhân dân tỉnh", "ubnd tỉnh"),
    ("người có công", "ncc", "gia đình chính sách", "thương binh liệt sĩ"),
    ("học bổng", "hỗ trợ học tập", "tiền học"),
    ("nước sạch", "nước máy", "nước sinh hoạt"),
    ("đèn đường", "đèn chiếu sáng", "chiếu sáng công cộng"),
    ("rác thải", "phân loại rác"),
    ("ngập úng", "ngập nước", "ngập lụt"),
    ("đất đai", "nhà đất", "đất ở"),
    ("cán bộ", "cán bộ xã"),
    ("khu phố", "kp", "khu phố dân cư"),
    ("số điện thoại", "sđt", "sdt", "số đt"),
    ("tin nhắn", "sms", "nhắn tin"),
    ("ứng dụng", "app", "phần mềm"),
    ("tiền điện", "hóa đơn điện", "tiền điện hàng tháng"),
    ("tiền nước", "hóa đơn nước"),
    ("bình dân học vụ số", "bdhvs", "lớp học số"),
    ("chuyển đổi số", "cđs", "số hóa"),
    ("người dân", "bà con"),
)


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]]:
    """folded words of a phrase → [(the phrase's words as written, group number)]."""
    out: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = {}
    for n, group in enumerate(GROUPS):
        for phrase in group:
            words = tuple(phrase.split())
            out.setdefault(tuple(fold(w) for w in words), []).append((words, n))
    return out


LONGEST = max(len(p.split()) for g in GROUPS for p in g)


def _same(typed: tuple[str, ...], written: tuple[str, ...]) -> bool:
    """Typed without diacritics, or with the diacritics of the dictionary."""
    return all(t == fold(t) or t == w or fold(t) == fold(w) and t.replace("uỷ", "ủy") == w
               for t, w in zip(typed, written, strict=True))


def match(words: list[str], start: int) -> tuple[int, int] | None:
    """The longest phrase of the dictionary starting at words[start]: (its length, group)."""
    table = _index()
    for size in range(min(LONGEST, len(words) - start), 0, -1):
        typed = tuple(words[start:start + size])
        for written, group in table.get(tuple(fold(w) for w in typed), ()):
            if _same(typed, written):
                return size, group
    return None


def alternatives(group: int, typed: list[str]) -> list[list[str]]:
    """The other phrases of the group, as word lists (the typed one left out)."""
    folded = [fold(w) for w in typed]
    return [p.split() for p in GROUPS[group] if [fold(w) for w in p.split()] != folded]


def known(folded_word: str) -> bool:
    """Is this folded word part of a phrase of the dictionary ("did you mean" leaves it alone)?"""
    return any(folded_word in key for key in _index())


def written(words: list[str], start: int, size: int, group: int) -> tuple[str, ...]:
    """The phrase of `group` that words[start:start + size] matched, as the dictionary writes it."""
    typed = tuple(words[start:start + size])
    for phrase, n in _index().get(tuple(fold(w) for w in typed), ()):
        if n == group and _same(typed, phrase):
            return phrase
    return typed


NEAR_MIN = 7  # letters: a phrase shorter than this is corrected too easily ("cán bộ" ~ "các bộ")


def near(words: list[str], start: int) -> tuple[int, int, tuple[str, ...]] | None:
    """A phrase of two words or more of the dictionary one typo away from words[start:…] (a word
    typed without diacritics compared folded): "căng cước" → (2, its group, ("căn", "cước"))."""
    return _near(tuple(words[start:start + LONGEST]))


@lru_cache(maxsize=4096)
def _near(typed_all: tuple[str, ...]) -> tuple[int, int, tuple[str, ...]] | None:
    from .distance import within

    bare = [fold(w) for w in typed_all]
    for size in range(len(typed_all), 1, -1):
        typed, folded = list(typed_all[:size]), bare[:size]
        for phrase, group, phrase_folded in _by_size().get(size, ()):
            # Cheap first: every word starts with the same letter and is as long, give or take one.
            if any(a[:1] != b[:1] or abs(len(a) - len(b)) > 1 for a, b in zip(folded, phrase_folded, strict=True)):
                continue
            shown = [f if t == b else w for t, b, f, w in zip(typed, folded, phrase_folded, phrase, strict=True)]
            if shown != typed and within(" ".join(typed), " ".join(shown), 1):
                return size, group, phrase
    return None


@lru_cache(maxsize=1)
def _by_size() -> dict[int, list[tuple[tuple[str, ...], int, tuple[str, ...]]]]:
    """Phrases of two words or more, long enough to correct (NEAR_MIN), by their number of words."""
    out: dict[int, list[tuple[tuple[str, ...], int, tuple[str, ...]]]] = {}
    for n, group in enumerate(GROUPS):
        for phrase in group:
            words = tuple(phrase.split())
            if len(words) > 1 and sum(map(len, words)) >= NEAR_MIN:
                out.setdefault(len(words), []).append((words, n, tuple(fold(w) for w in words)))
    return out


# Words written as two syllables, one of which folds like (or is) a word a resident types alone:
# "đổi" in "chuyển đổi số" is not "đổi căn cước", "dõi" in "theo dõi" is not "đổi". A syllable
# found only inside one of these (its partner not typed) does not answer for the word typed.
COMPOUNDS: tuple[str, ...] = (
    "theo dõi", "chuyển đổi", "thay đổi", "sửa đổi", "tuyệt đối", "đối với", "đối tượng", "đối chiếu",
    "đời sống", "tiếp cận", "cần thiết", "căn cứ", "căn hộ", "cũ kỹ", "giá trị", "giá cả", "đòi hỏi",
    "bà con", "ông bà", "cận nghèo", "gần gũi", "con cháu", "quá trình", "qua đời", "cước phí", "căng thẳng",
)


@lru_cache(maxsize=1)
def compounds() -> frozenset[tuple[str, str]]:
    """COMPOUNDS as (first, second) pairs, lower case with diacritics."""
    return frozenset(tuple(c.split()) for c in COMPOUNDS)
