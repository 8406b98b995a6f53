"""Question forms: "bao nhiêu" asks for an amount, "ở đâu" for a place, "khi nào" for a time,
"cho ai" for a person or office, "làm gì" / "thế nào" for what to do. The form's words are not
the subject of the question; a passage that gives that kind of answer ranks higher.
"""

from __future__ import annotations

import re

from portal.core.text import fold

# Folded word sequences of each form, longest first where they overlap.
FORMS = {
    "amount": ("bao nhieu tien", "bao nhieu", "muc bao nhieu", "may phan tram", "bao nhieu phan tram",
               "duoc bao nhieu", "het bao nhieu", "ton bao nhieu"),
    "place": ("o dau", "cho nao", "noi nao", "den dau", "o cho nao", "tai dau", "di dau", "nop o dau"),
    "time": ("khi nao", "bao gio", "luc nao", "bao lau", "may ngay", "may thang", "han cuoi", "den khi nao"),
    "person": ("cho ai", "voi ai", "hoi ai", "nho ai", "ai giup", "goi ai", "bao ai", "ai lo", "ai duoc"),
    "action": ("lam gi", "lam the nao", "the nao", "lam sao", "cach nao", "phai lam gi", "nhu the nao",
               "ra sao", "the nao", "sao"),
}
CUES = {
    "amount": re.compile(r"\d|phan tram|dong|trieu|nghin|muc|he so"),
    "place": re.compile(r"\b(tai|den|noi|bo phan|trang|tru so|cong an|tram|uy ban|mot cua|nha van hoa|vao)\b"),
    "time": re.compile(r"\d|\b(ngay|thang|nam|truoc|han|gio|tuan|ngay khi|sau khi|truoc khi|khi)\b"),
    "person": re.compile(r"\b(cong an|uy ban|to cong nghe|can bo|bo phan|ngan hang|tong dai|113|111|"
                         r"nguoi than|mat tran|co quan|chinh quyen|bao ngay)\b"),
    "action": re.compile(r"\b(hay|bam|vao|mang|goi|chon|nhap|dung|can|buoc|nen|lam|mo|gui|den)\b"),
}
CUE_BONUS = 0.15
# Words that carry no subject in a resident's sentence (folded).
_FILLER = """chua hom nay bay gio van ak a nhe nhi ha day kia ay vui long chau bac cu co oi duoc khong
    sao nao gi ai lam biet nhung khi theo sap xong thi roi nua lai moi cung"""
FILLER = frozenset(_FILLER.split())


def detect(folded: list[str]) -> tuple[str, set[int]]:
    """The form of a question (or "") and the positions of its words."""
    joined = " ".join(folded)
    for form, phrases in FORMS.items():
        for phrase in sorted(phrases, key=len, reverse=True):
            found = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", joined)
            if found:
                start = joined[:found.start()].count(" ")
                return form, set(range(start, start + phrase.count(" ") + 1))
    return "", set()


def bonus(form: str, passage: str) -> float:
    return CUE_BONUS if form and CUES[form].search(fold(passage).lower()) else 0.0
