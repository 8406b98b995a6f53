"""The question corpus (data/questions.json) on the demo content, on each backend: questions as
elderly residents type them, each with the page to quote, and questions the portal cannot answer."""

import json
from pathlib import Path

import pytest

from portal.search.questions import PassageAnswerer, _units

pytestmark = pytest.mark.slow
CORPUS = json.loads((Path(__file__).parent / "data" / "questions.json").read_text(encoding="utf-8"))
FLOOR = 0.9  # the issue's figure; measured 77/82 on Whoosh, 77/82 on PostgreSQL (bench/answers.py)


def right(quote, pages) -> bool:
    """An address prefix ("/…"), or the title of a public answer (their codes are random)."""
    return any(quote.url.startswith(p) if p.startswith("/") else quote.title.startswith(p)
               for p in ([pages] if isinstance(pages, str) else pages))


def answered(backend, question: str, pages) -> bool:
    return any(right(q, pages) for q in PassageAnswerer(backend).answer(question).quotes)


def test_corpus_size():
    assert len(CORPUS["answered"]) >= 60 and len(CORPUS["unanswered"]) >= 15


def test_the_helper_quotes_the_right_page(app, demo_index):
    with app.test_request_context("/"):
        missed = [q for q, page in CORPUS["answered"] if not answered(demo_index, q, page)]
    assert len(missed) <= (1 - FLOOR) * len(CORPUS["answered"]), missed


@pytest.mark.parametrize("question", CORPUS["unanswered"])
def test_nothing_is_quoted_when_nothing_answers(app, demo_index, question):
    with app.test_request_context("/"):
        assert PassageAnswerer(demo_index).answer(question).quotes == []


@pytest.mark.parametrize("question, page", [
    ("phản ánh đã được trả lời chưa", "/phan-anh/tra-cuu"),
    ("chữ trên cổng nhỏ quá tôi đọc không được", "/co-chu/lon"),
    # An answer, never the resident's question (the test below): the law, the bulletin on it, or the
    # committee's reply on renewing the card, whichever ranks first on the content of the run.
    ("thẻ BHYT hết hạn thì làm gì", ["/thu-vien/luat-bao-hiem-y-te-sua-doi-nam-2024",
                                    "/ban-tin/bao-hiem-y-te-cho-nguoi-cao-tuoi",
                                    "Hỏi về việc gia hạn thẻ bảo hiểm y tế cho người trên 80 tuổi"]),
    ("bi lua dao chuyen tien thi bao cho ai", "/hoc-so/nhan-biet-lua-dao-tren-mang/khong-bao-gio-doc-ma-otp/3"),
])
def test_issue_examples(app, demo_index, question, page):
    with app.test_request_context("/"):
        assert answered(demo_index, question, page)


# As typed with diacritics, without them, with the typo "căng cước", and as a recogniser writes the
# spoken question ("… ạ"): the bulletin saying CCCD need not be changed is quoted first, and none of
# the passages that only share a folded word or the elderly ("chuyển đổi số", "tiếp cận", "cũ … giá",
# "theo dõi", the class of Diễn Châu that asks to bring the card) comes after it.
CARD = "/ban-tin/chinh-quyen-dia-phuong-hai-cap"
NOT_ABOUT_THE_CARD = ("/ban-tin/to-cong-nghe-so-cong-dong-cam-tay-chi-viec-giup-nguoi-cao-tuoi",
                      "/ban-tin/xa-dien-chau-mo-lop-binh-dan-hoc-vu-so-cho-nguoi-cao-tuoi",
                      "/ban-tin/bao-hiem-y-te-cho-nguoi-cao-tuoi", "/ban-tin/canh-giac-voi-cuoc-goi-gia-danh")


@pytest.mark.parametrize("question", ["làm sao đổi căn cước cho ông bà già", "lam sao doi can cuoc cho ong ba gia",
                                      "làm sao đổi căng cước cho ông bà già", "làm sao đổi căng cước cho ông bà già ạ",
                                      "lam sao doi cang cuoc cho ong ba gia a"])
def test_the_card_is_quoted_not_what_only_shares_a_folded_word(app, demo_index, question):
    with app.test_request_context("/"):
        quotes = PassageAnswerer(demo_index).answer(question).quotes
    urls = [q.url for q in quotes]
    assert urls and urls[0].startswith(CARD), urls
    assert not any(u.startswith(NOT_ABOUT_THE_CARD) for u in urls), urls
    # Marked as found: "CCCD" and "đổi", never "cũ", "giá" (folded "cụ già") nor a lone "Người".
    text = str(quotes[0].text)
    assert "<mark>CCCD</mark>" in text and "<mark>đổi</mark>" in text, text
    assert not any(f"<mark>{w}</mark>" in text for w in ("cũ", "giá", "Người", "dân")), text


def test_a_dictionary_phrase_weighs_as_its_commonest_spelling(app, demo_index):
    """"ông bà già" is rare as typed but found as "người cao tuổi", which much of the content holds:
    it must not outweigh the subject of "làm sao đổi căn cước cho ông bà già"."""
    answerer = PassageAnswerer(demo_index)
    with app.test_request_context("/"):
        units, _form = _units("làm sao đổi căn cước cho ông bà già")
        answerer._weigh(units)
        common, _form = _units("người cao tuổi")
        answerer._weigh(common)
    weights = {" ".join(u.typed): u.weight for u in units}
    assert weights["ông bà già"] <= common[0].weight + 1e-9 and weights["ông bà già"] < weights["căn cước"], weights


def test_a_replys_passage_is_quoted_not_the_residents_question(app, demo_index):
    with app.test_request_context("/"):
        quotes = PassageAnswerer(demo_index).answer("thẻ BHYT hết hạn thì làm gì").quotes
    for quote in quotes:
        if quote.kind == "answer":
            assert "Kính gửi" not in str(quote.text), quote.text
    assert quotes and quotes[0].kind != "answer"
