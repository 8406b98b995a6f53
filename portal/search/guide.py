"""Questions about the portal itself ("how do I follow my petition", "can it read to me", "the
letters are too small"): the page that does it, said in the portal's own words.

Each entry needs one word of every set in the question (folded, as whole words or phrases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.core.text import fold


@dataclass(frozen=True)
class Page:
    needs: tuple[tuple[str, ...], ...]  # every set must have a word (or phrase) in the question
    url: str  # the public address (DESIGN.md), not an endpoint: search imports no feature
    title: object  # lazily translated
    text: object


PETITION = ("phan anh", "kien nghi", "don", "gui y kien", "y kien", "ma pa", "ma theo doi")
PAGES = (
    Page((PETITION, ("tra loi", "theo doi", "tien do", "den dau", "ket qua", "tra cuu", "xem lai", "da xu ly",
                     "xu ly chua", "giai quyet chua", "chua thay", "ma theo doi", "ma pa")),
         "/phan-anh/tra-cuu", _l("Look up a petition"),
         _l("Type the tracking code you received when you sent it (for example PA-7K3M-9QXP) on the "
            "look-up page to see its progress and the Front committee's answer.")),
    Page((("gui", "viet", "nop", "lam", "cach"), ("phan anh", "kien nghi", "y kien", "don thu", "gop y")),
         "/phan-anh/gui", _l("Send a petition"),
         _l("Choose the Front committee of your commune, ward or province, write what happened, where and "
            "since when, and send it; you receive a tracking code.")),
    Page((("nghe", "doc cho", "doc to", "giong doc", "am thanh", "doc giup"),
          ("ban tin", "tin tuc", "trang", "tai lieu", "bai", "cong", "duoc khong", "the nao", "cach", "o dau")),
         "/ban-tin/", _l("Listen to the bulletins"),
         _l("Open a bulletin and press the round play button to hear it read aloud; the page shows how long it "
            "is and how much data it uses. Library documents can be listened to page by page.")),
    Page((("chu", "co chu", "phong to", "kinh lup"), ("to", "lon", "nho", "kho doc", "kho nhin", "phong to",
                                                      "de doc", "to hon", "lon hon", "mat kem")),
         "/co-chu/lon", _l("Larger text"),
         _l("Press “Larger text” at the top of any page: every page is then shown with bigger letters, on "
            "this phone or computer, until you choose normal text again.")),
)


def _has(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded) is not None


def page_for(question: str) -> Page | None:
    folded = " ".join(re.findall(r"\w+", fold(question))).replace("cong nghe", " ")  # "nghệ" is not "nghe"
    for page in PAGES:
        if all(any(_has(folded, p) for p in words) for words in page.needs):
            return page
    return None
