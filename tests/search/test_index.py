"""The search index: diacritic-free queries, Vietnamese words kept, escaped snippets."""

from portal.search import index, searching
from portal.search.registry import SearchDocument


def _docs():
    return [
        SearchDocument("bulletin", "1", "Bản tin tuần về an toàn giao thông", "Nhắc bà con đi đường an toàn.",
                       "/ban-tin/an-toan"),
        SearchDocument("document", "2", "Hướng dẫn đăng ký VNeID mức 2",
                       "Đến công an xã để đăng ký. <script>alert(1)</script>", "/thu-vien/vneid"),
        SearchDocument("lesson", "3", "Máy tính bảng cho người cao tuổi", "Tổ công nghệ số giúp in ấn.",
                       "/hoc-so/may-tinh"),
    ]


def test_folded_and_exact_queries(tmp_path):
    index.rebuild(tmp_path, _docs())
    for query, url in [("ban tin", "/ban-tin/an-toan"), ("bản tin", "/ban-tin/an-toan"),
                       ("dang ky vneid", "/thu-vien/vneid"), ("CÔNG AN", "/thu-vien/vneid"),
                       ("may tinh", "/hoc-so/may-tinh")]:
        found = searching.find(tmp_path, query)
        hits, total = found.hits, found.total
        assert total >= 1 and hits[0].url == url, query


def test_vietnamese_syllables_are_not_stop_words(tmp_path):
    index.rebuild(tmp_path, _docs())
    for word in ("an", "in", "tổ", "máy"):
        hits = searching.find(tmp_path, word).hits
        assert hits, word


def test_snippets_are_escaped(tmp_path, client, app):
    index.rebuild(app.config["SEARCH_INDEX_DIR"], _docs())
    try:
        html = client.get("/tim-kiem?q=cong+an").get_data(as_text=True)
        assert "Hướng dẫn đăng ký VNeID mức 2" in html
        assert "<script>alert(1)" not in html
    finally:
        index.rebuild(app.config["SEARCH_INDEX_DIR"], [])


def test_upsert_and_delete(tmp_path):
    index.rebuild(tmp_path, [])
    doc = _docs()[0]
    index.upsert(tmp_path, [doc])
    index.upsert(tmp_path, [doc])
    assert index.doc_count(tmp_path) == 1
    index.delete(tmp_path, [doc.doc_id])
    assert index.doc_count(tmp_path) == 0
