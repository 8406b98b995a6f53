"""The search index: diacritic-free queries, Vietnamese words kept, escaped snippets."""


from portal.search import index, searching
from portal.search.backend import current
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


def test_folded_and_exact_queries(empty):
    index.rebuild(empty, _docs())
    for query, url in [("ban tin", "/ban-tin/an-toan"), ("bản tin", "/ban-tin/an-toan"),
                       ("dang ky vneid", "/thu-vien/vneid"), ("CÔNG AN", "/thu-vien/vneid"),
                       ("may tinh", "/hoc-so/may-tinh")]:
        found = searching.find(empty, query)
        hits, total = found.hits, found.total
        assert total >= 1 and hits[0].url == url, query


def test_vietnamese_syllables_are_not_stop_words(empty):
    index.rebuild(empty, _docs())
    for word in ("an", "in", "tổ", "máy"):
        hits = searching.find(empty, word).hits
        assert hits, word


def test_snippets_are_escaped(client, app):
    with app.app_context():
        index.rebuild(current(), _docs())
    html = client.get("/tim-kiem?q=cong+an").get_data(as_text=True)
    assert "Hướng dẫn đăng ký VNeID mức 2" in html
    assert "<script>alert(1)" not in html


def test_upsert_and_delete(empty):
    index.rebuild(empty, [])
    doc = _docs()[0]
    index.upsert(empty, [doc])
    index.upsert(empty, [doc])
    assert index.doc_count(empty) == 1
    index.delete(empty, [doc.doc_id])
    assert index.doc_count(empty) == 0
