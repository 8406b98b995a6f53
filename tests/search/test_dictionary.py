"""Every group of the dictionary: a search for one of its phrases finds a text that writes another."""

import pytest

from portal.search import index, searching
from portal.search.dictionary import GROUPS
from portal.search.registry import SearchDocument
from tests.search.backends import BACKENDS, scratch_backend


def _doc(n: int, phrase: str) -> SearchDocument:
    return SearchDocument("document", str(n), f"Mục {n}", f"Hướng dẫn về {phrase}.", f"/tv/{n}")


@pytest.fixture(scope="module", params=BACKENDS)
def written(request, app, tmp_path_factory):
    """One text per group, holding only the group's first (written-out) phrase."""
    with scratch_backend(request.param, app, tmp_path_factory.mktemp("dictionary")) as backend:
        index.rebuild(backend, [_doc(n, group[0]) for n, group in enumerate(GROUPS)])
        yield backend


def test_at_least_sixty_groups():
    assert len(GROUPS) >= 60
    assert all(isinstance(g, tuple) and len(g) >= 2 for g in GROUPS)


@pytest.mark.parametrize("number", range(len(GROUPS)), ids=[g[1] for g in GROUPS])
def test_every_other_phrase_finds_the_written_form(written, number):
    for phrase in GROUPS[number][1:]:
        urls = [h.url for h in searching.find(written, phrase, per_page=20).hits]
        assert f"/tv/{number}" in urls, (phrase, urls)


def test_a_word_typed_with_other_diacritics_is_not_expanded():
    from portal.search import query as q

    assert q.parse("so do").synonyms and not q.parse("số đo").synonyms
