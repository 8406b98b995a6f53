"""The faster evaluation of queries finds and scores what Whoosh itself finds and scores; the
counting-only search; the PostgreSQL vectors kept in the row."""

import os

import numpy as np
import pytest
from sqlalchemy import text

from portal.search import index
from portal.search import query as q
from portal.search.found import Filters
from portal.search.whoosh_index import WhooshBackend, searcher_of
from portal.search.whoosh_match import Engine
from tests.search.corpus import DOCS, QUERIES

ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.fixture(scope="module")
def whoosh_corpus(tmp_path_factory):
    """The corpus in two segments, with deleted documents (updated ones) in the first."""
    backend = WhooshBackend(tmp_path_factory.mktemp("engine-index"))
    index.rebuild(backend, DOCS)
    index.upsert(backend, DOCS[:3])
    return backend


TYPED = sorted({query for query, _url, _top in QUERIES} | {'"an toàn giao thông"', "lua d", "bao hiemm y te"})


@pytest.mark.parametrize("typed", TYPED)
def test_the_engine_finds_and_scores_as_whoosh(whoosh_corpus, typed):
    _ix, searcher = searcher_of(whoosh_corpus.directory)
    reader = searcher.reader()

    def known(folded):
        return ("text_folded", folded) in reader or ("title_folded", folded) in reader

    engine = Engine.of(searcher)
    assert not engine.live.all()  # the first segment's updated documents are deleted
    for live in (False, True):
        parsed = q.parse(typed, live=live)
        for every_word in (True, False):
            built = q.build(parsed, known, every_word=every_word)
            expected = [(h.docnum, h.score) for h in searcher.search(built, limit=None)]
            best, score, found = engine.run().top(built, engine.live, len(expected) + 1)
            assert [int(d) for d in best] == [d for d, _s in expected], (typed, live, every_word)
            assert np.allclose([score[d] for d in best], [s for _d, s in expected], rtol=1e-9, atol=0)
            assert int(np.count_nonzero(found & engine.live)) == len(expected)


def test_the_engine_checks_phrases_only_where_they_matter(whoosh_corpus):
    """The page's first rows are the same whether the words side by side are checked everywhere
    or only where they could reach the page."""
    _ix, searcher = searcher_of(whoosh_corpus.directory)
    engine = Engine.of(searcher)
    built = q.build(q.parse("lua dao qua mang"), lambda folded: True)
    everywhere = engine.run()
    found, score = everywhere.evaluate(built)
    ranked = np.flatnonzero(found & engine.live)
    ranked = ranked[np.lexsort((ranked, -score[ranked]))]
    best, _score, _found = engine.run().top(built, engine.live, 2)
    assert [int(d) for d in best] == [int(d) for d in ranked[:2]]


def test_counting_only_ranks_no_rows(empty):
    index.rebuild(empty, DOCS)
    parsed = q.parse("lua dao")
    full = empty.search(parsed, Filters(), 1, 10, any_word=False, counts=False)
    counted = empty.search(parsed, Filters(), 1, 0, any_word=False, counts=False)
    assert full.total == 3 and full.rows
    assert counted.rows == [] and counted.total == full.total and counted.every == full.every


if ON_POSTGRESQL:  # the PostgreSQL pass of the suite (SQLite has no search tables)
    def test_postgresql_keeps_search_vectors_in_the_row(app):
        from portal.db import db

        with app.app_context():
            options = db.session.execute(text(
                "SELECT reloptions FROM pg_class WHERE oid = 'public.search_documents'::regclass")).scalar()
        assert "toast_tuple_target=8160" in (options or [])
