"""The question helper on the demo content: how many of the corpus questions it answers with the
right page, and how many questions the portal cannot answer it wrongly quotes something for.

    .venv/bin/python bench/answers.py [--postgresql URL] [--verbose]

Seeds the demo content (portal/demo.py, what `make run` shows) into a throw-away instance, indexes
it, and asks the questions of tests/search/data/questions.json: for Whoosh always, and for the
PostgreSQL backend too when a server is given (--postgresql, or DATABASE_URL pointing at PostgreSQL),
in a throw-away database. Prints the figures and the p95 time of one answer. Not a pass/fail test
(tests/search/test_answers_corpus.py is).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _instance import ROOT, seeded_app  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from portal import migrations  # noqa: E402
from portal.search import index  # noqa: E402
from portal.search.postgresql_index import PostgresBackend  # noqa: E402
from portal.search.questions import PassageAnswerer  # noqa: E402
from portal.search.registry import registry  # noqa: E402
from portal.search.whoosh_index import WhooshBackend  # noqa: E402

CORPUS = json.loads((ROOT / "tests" / "search" / "data" / "questions.json").read_text(encoding="utf-8"))


def right(quote, pages) -> bool:
    return any(quote.url.startswith(p) if p.startswith("/") else quote.title.startswith(p)
               for p in ([pages] if isinstance(pages, str) else pages))


def run(label: str, backend, app, verbose: bool) -> None:
    answerer, times, good, wrong = PassageAnswerer(backend), [], 0, []
    with app.test_request_context("/"):
        for question, pages in CORPUS["answered"]:
            start = time.perf_counter()
            quotes = answerer.answer(question).quotes
            times.append(time.perf_counter() - start)
            if any(right(q, pages) for q in quotes):
                good += 1
            elif verbose:
                print(f"  missed: {question!r} → {[q.url for q in quotes]}")
        for question in CORPUS["unanswered"]:
            start = time.perf_counter()
            quotes = answerer.answer(question).quotes
            times.append(time.perf_counter() - start)
            if quotes:
                wrong.append(question)
                if verbose:
                    print(f"  quoted for {question!r}: {[q.url for q in quotes]}")
    answered, unanswerable = len(CORPUS["answered"]), len(CORPUS["unanswered"])
    p95 = statistics.quantiles(times, n=20)[-1] * 1000
    print(f"== {label}: answered {good}/{answered} ({good / answered:.0%}) with the right page; "
          f"quoted something for {len(wrong)}/{unanswerable} questions it cannot answer; "
          f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95:.0f} ms per question")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    given = os.environ.get("DATABASE_URL", "")
    parser.add_argument("--postgresql", default=given if given.startswith("postgres") else "",
                        help="a PostgreSQL server URL: also run on the PostgreSQL backend")
    parser.add_argument("--verbose", action="store_true", help="list the misses")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-answers-") as root:
        app = seeded_app(Path(root), "demo", slow_jobs=False)
        run("Whoosh", WhooshBackend(app.config["SEARCH_INDEX_DIR"]), app, args.verbose)
        if args.postgresql:
            with app.app_context():
                docs = list(registry.all_documents())
            name = f"portal_answers_{uuid.uuid4().hex[:8]}"
            admin = create_engine(args.postgresql, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            url = make_url(args.postgresql).set(database=name).render_as_string(hide_password=False)
            engine = create_engine(url)
            try:
                migrations.upgrade(url)
                backend = PostgresBackend(engine)
                index.rebuild(backend, docs)
                run("PostgreSQL", backend, app, args.verbose)
            finally:
                engine.dispose()
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE "{name}"'))
                admin.dispose()


if __name__ == "__main__":
    main()
