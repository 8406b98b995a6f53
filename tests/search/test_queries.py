"""The query corpus: what residents type (with or without diacritics, with slips) finds the right page."""

import pytest

from portal.search import index, searching
from tests.search.backends import BACKENDS, scratch_backend
from tests.search.corpus import DOCS, QUERIES


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(request, app, tmp_path_factory):
    """The corpus indexed by each backend (the same tests run on each)."""
    with scratch_backend(request.param, app, tmp_path_factory.mktemp("corpus-index")) as backend:
        index.rebuild(backend, DOCS)
        yield backend


@pytest.mark.parametrize(("query", "url", "top"), QUERIES)
def test_query_finds_the_expected_page(corpus, query, url, top):
    found = searching.find(corpus, query)
    assert url in [h.url for h in found.hits[:top]], (query, [h.url for h in found.hits])


def test_exact_diacritics_rank_above_folded_matches(corpus):
    urls = [h.url for h in searching.find(corpus, "đường").hits]
    assert "/ban-tin/tuyen-duong" not in urls[:1]
    folded = [h.url for h in searching.find(corpus, "duong").hits]
    assert {"/phan-anh/PA-BC2D-3FGH", "/ban-tin/tuyen-duong"} <= set(folded)  # both spellings match "duong"


def test_a_phrase_needs_its_words_together(corpus):
    urls = [h.url for h in searching.find(corpus, '"an toàn giao thông"').hits]
    assert urls == ["/ban-tin/an-toan-giao-thong"]  # "giao thông ... an toàn hơn" is not the phrase
    assert "/ban-tin/tuyen-duong" in [h.url for h in searching.find(corpus, "an toàn giao thông").hits]


def test_the_last_word_is_a_prefix_while_typing(corpus):
    assert not searching.find(corpus, "vne").hits
    assert searching.find(corpus, "vne", live=True).hits[0].url == "/hoc-so/dich-vu-cong/vneid-muc-2"


def test_did_you_mean_shows_the_words_with_diacritics(corpus):
    assert searching.find(corpus, "lau dao").suggestion == "lừa đảo"
    assert searching.find(corpus, "lua dao").suggestion == ""
    assert searching.find(corpus, "xyzzyqw").total == 0


def test_counts_by_kind_and_filters(corpus):
    found = searching.find(corpus, "lua dao")
    assert found.by_kind == {"lesson": 1, "bulletin": 1, "document": 1}
    only = searching.find(corpus, "lua dao", kind="document")
    assert [h.kind for h in only.hits] == ["document"] and only.by_kind == found.by_kind
    in_province = searching.find(corpus, "uy ban", province="31")
    assert {h.url for h in in_province.hits} == {"/ban-tin/canh-giac-lua-dao", "/phan-anh/PA-7K3M-9QXP",
                                                 "/phan-anh/PA-BC2D-3FGH"}
    assert {h.url for h in searching.find(corpus, "uy ban", unit="11311").hits} == {
        "/ban-tin/canh-giac-lua-dao", "/phan-anh/PA-7K3M-9QXP"}


def test_snippets_mark_folded_matches_and_are_escaped(empty):
    index.rebuild(empty, [*DOCS[:1], DOCS[0].__class__(
        "document", "99", "Mẫu đơn", "Điền <b>họ tên</b> và lừa đảo <script>x</script>", "/thu-vien/mau")])
    hit = next(h for h in searching.find(empty, "lua dao").hits if h.url == "/thu-vien/mau")
    assert "<mark>lừa</mark> <mark>đảo</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


def test_highlighting_respects_the_diacritics_typed(empty):
    """"quà" marks "quà" only, never "qua" or "quả"; "qua" typed bare may mark every spelling."""
    index.rebuild(empty, [DOCS[0].__class__(
        "bulletin", "98", "Tặng quà Tết", "Đoàn đi qua xóm, tặng quả bưởi cho hộ nghèo.", "/ban-tin/qua"),
        DOCS[0].__class__(
        "bulletin", "97", "Quà Tết", "Đoàn đi qua xóm, tặng quà và quả bưởi.", "/ban-tin/qua-tet")])
    elsewhere = next(h for h in searching.find(empty, "quà").hits if h.url == "/ban-tin/qua").snippet
    assert "<mark>" not in elsewhere, elsewhere  # the text holds no "quà": nothing to mark
    marked = next(h for h in searching.find(empty, "quà").hits if h.url == "/ban-tin/qua-tet").snippet
    assert "<mark>quà</mark>" in marked and "<mark>qua</mark>" not in marked and "<mark>quả</mark>" not in marked
    bare = next(h for h in searching.find(empty, "qua").hits if h.url == "/ban-tin/qua").snippet
    assert "<mark>qua</mark>" in bare


def test_pagination(empty):
    docs = [DOCS[0].__class__("bulletin", str(i), f"Bản tin số {i}", "Tin về lúa gạo vụ đông.", f"/ban-tin/{i}")
            for i in range(1, 24)]
    index.rebuild(empty, docs)
    pages = [searching.find(empty, "lua gao", page=p) for p in (1, 2, 3)]
    assert [len(p.hits) for p in pages] == [10, 10, 3] and pages[0].total == 23
    assert len({h.url for p in pages for h in p.hits}) == 23


def test_steps_are_quoted_but_not_listed(app, empty):
    from portal.search.questions import PassageAnswerer

    lesson_text = "Chọn nơi nhận\nBấm “Gửi phản ánh”, chọn Ủy ban Mặt trận của xã, phường nơi bác ở."
    index.rebuild(empty, [
        DOCS[0].__class__("lesson", "1", "Gửi phản ánh, kiến nghị", lesson_text, "/hoc-so/cong/gui-phan-anh/"),
        DOCS[0].__class__("step", "s1", "Gửi phản ánh, kiến nghị: Chọn nơi nhận", lesson_text.split("\n")[1],
                          "/hoc-so/cong/gui-phan-anh/1"),
    ])
    listed = searching.find(empty, "gui phan anh", hidden=("step",))
    assert [h.url for h in listed.hits] == ["/hoc-so/cong/gui-phan-anh/"] and listed.by_kind == {"lesson": 1}
    assert searching.find(empty, "gui phan anh", kind="step", hidden=("step",)).total == 1
    with app.test_request_context("/"):
        answer = PassageAnswerer(empty).answer("làm thế nào để gửi phản ánh?")
    assert [q.url for q in answer.quotes] == ["/phan-anh/gui", "/hoc-so/cong/gui-phan-anh/1"]


def test_the_page_holding_the_phrase_ranks_above_folded_collisions(empty):
    """"thanh tra nhan dan": the item whose tags and text hold "thanh tra nhân dân" comes before a
    bulletin about "thanh toán" whose title and text hold the four syllables apart."""
    doc = DOCS[0].__class__
    index.rebuild(empty, [
        doc("bulletin", "1", "Thanh toán tiền điện, tiền nước không dùng tiền mặt",
            "Thanh toán qua ngân hàng tiện cho nhân dân: không phải ra điểm thu, tra cứu hóa đơn ngay trên điện "
            "thoại. Nhân viên thu tiền thành phố hướng dẫn bà con, dân cư các phường.", "/ban-tin/thanh-toan"),
        doc("document", "2", "Hướng dẫn hoạt động giám sát ở cơ sở",
            "Mặt trận, giám sát, thanh tra nhân dân\n\nBan thanh tra nhân dân ở xã, phường do hội nghị nhân dân "
            "bầu ra, giám sát việc thực hiện chính sách.", "/thu-vien/giam-sat"),
    ])
    assert [h.url for h in searching.find(empty, "thanh tra nhan dan").hits][:1] == ["/thu-vien/giam-sat"]
