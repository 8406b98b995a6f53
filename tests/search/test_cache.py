"""Search results and helper answers kept by index generation (portal/search/cache.py): asked
again, they come without the engine; after any write to the index they are computed afresh, in
this process and through the shared store the other workers read."""

from __future__ import annotations

from datetime import datetime

import pytest
from markupsafe import Markup

from portal.core.pagecache_store import SqliteStore
from portal.search import cache, index, searching
from portal.search.questions import PassageAnswerer
from portal.search.registry import SearchDocument


def _doc(key: str, title: str, text: str) -> SearchDocument:
    return SearchDocument("bulletin", key, title, text, f"/ban-tin/{key}", summary=title,
                          published=datetime(2026, 3, 1))


SCAM = _doc("1", "Cảnh giác lừa đảo qua mạng", "Kẻ lừa đảo xin mã OTP: không chuyển tiền cho người lạ.")


@pytest.fixture
def counted(empty, monkeypatch):
    """The empty index of each backend, counting the searches that reach the engine."""
    calls = []
    original = empty.search

    def search(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(empty, "search", search)
    cache.clear()
    yield empty, calls
    cache.clear()


def test_a_search_asked_again_is_not_searched_again_until_the_index_changes(counted):
    backend, calls = counted
    index.upsert(backend, [SCAM])
    first = searching.find(backend, "lua dao")
    assert [h.url for h in first.hits] == ["/ban-tin/1"] and len(calls) == 1
    again = searching.find(backend, "lua dao")
    assert [h.url for h in again.hits] == ["/ban-tin/1"] and len(calls) == 1
    assert "<mark>" in again.hits[0].snippet

    index.upsert(backend, [_doc("2", "Lừa đảo bằng tin nhắn", "Tin nhắn giả mạo ngân hàng là lừa đảo.")])
    fresh = searching.find(backend, "lua dao")
    assert sorted(h.url for h in fresh.hits) == ["/ban-tin/1", "/ban-tin/2"] and len(calls) == 2
    index.delete(backend, ["bulletin:1"])
    assert [h.url for h in searching.find(backend, "lua dao").hits] == ["/ban-tin/2"]
    assert len(calls) == 3
    # Another query, another filter or page is another entry.
    searching.find(backend, "lua dao", page=2)
    searching.find(backend, "lua dao", kind="lesson")
    assert len(calls) == 5


def test_an_answer_is_kept_until_the_index_changes(counted):
    backend, calls = counted
    index.upsert(backend, [_doc("1", "Thẻ bảo hiểm y tế hết hạn",
                                "Khi thẻ bảo hiểm y tế hết hạn, bà con mang căn cước đến bưu điện xã để gia hạn.")])
    helper = PassageAnswerer(backend)
    first = helper.answer("thẻ bảo hiểm y tế hết hạn thì gia hạn ở đâu")
    assert first.found and len(calls) == 1
    assert helper.answer("thẻ bảo hiểm y tế hết hạn thì gia hạn ở đâu").quotes == first.quotes
    assert len(calls) == 1
    index.delete(backend, ["bulletin:1"])
    assert not helper.answer("thẻ bảo hiểm y tế hết hạn thì gia hạn ở đâu").found
    assert len(calls) == 2


def test_other_workers_get_the_result_from_the_shared_store_of_the_same_generation(counted, app, tmp_path,
                                                                                    monkeypatch):
    backend, calls = counted
    store = app.extensions.get("page_cache") or SqliteStore(str(tmp_path / "pagecache.db"))
    monkeypatch.setitem(app.extensions, "page_cache", store)
    index.upsert(backend, [SCAM])
    with app.app_context():
        first = searching.find(backend, "lua dao")
        cache.clear()  # another worker: nothing in its own memory
        again = searching.find(backend, "lua dao")
        assert len(calls) == 1
        assert again.hits[0].snippet == first.hits[0].snippet and isinstance(again.hits[0].snippet, Markup)
        assert (again.total, again.by_kind, again.suggestion) == (first.total, first.by_kind, first.suggestion)

        index.upsert(backend, [_doc("2", "Lừa đảo bằng tin nhắn", "Tin nhắn giả mạo là lừa đảo.")])
        cache.clear()
        assert searching.find(backend, "lua dao").total == 2 and len(calls) == 2


def test_without_the_cache_every_search_reaches_the_engine(counted, monkeypatch):
    backend, calls = counted
    monkeypatch.setattr(cache, "enabled", False)
    index.upsert(backend, [SCAM])
    searching.find(backend, "lua dao")
    searching.find(backend, "lua dao")
    assert len(calls) == 2
