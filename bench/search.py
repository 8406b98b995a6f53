"""Search figures: indexing speed and query latency on 10,000 generated Vietnamese documents.

    .venv/bin/python bench/search.py [--documents N] [--queries N] [--postgresql URL] [--no-cache]

Builds an index from documents made of realistic sentences (bulletins, documents, lessons,
answers, across the 34 provinces), then times typical queries: with and without diacritics, with
a typo, a phrase, a prefix while typing, a filter, and the question helper. "first" is the first
time a query is asked, which the result cache (portal/search/cache.py) cannot answer; p50 and p95
are over every repetition; --no-cache measures the engines alone. Prints one table per backend:
Whoosh in a temporary folder always; the PostgreSQL backend too when a server is given
(--postgresql, or DATABASE_URL pointing at PostgreSQL), in a throw-away database. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from portal import migrations  # noqa: E402
from portal.db import make_engine  # noqa: E402
from portal.search import cache, index, searching  # noqa: E402
from portal.search.postgresql_index import PostgresBackend  # noqa: E402
from portal.search.questions import PassageAnswerer  # noqa: E402
from portal.search.registry import SearchDocument  # noqa: E402
from portal.search.whoosh_index import WhooshBackend  # noqa: E402

SUBJECTS = ["Đèn đường", "Cống thoát nước", "Đường liên xã", "Trạm y tế", "Trường tiểu học", "Chợ dân sinh",
            "Kênh thủy lợi", "Nhà văn hóa thôn", "Bãi rác tự phát", "Cầu dân sinh", "Nước sạch", "Điện sinh hoạt"]
TOPICS = ["lừa đảo qua mạng", "bảo hiểm y tế", "định danh điện tử VNeID mức 2", "trợ cấp người cao tuổi",
          "cấp giấy chứng nhận quyền sử dụng đất", "thanh toán không dùng tiền mặt", "phòng chống thiên tai",
          "an toàn giao thông", "dịch vụ công trực tuyến", "bảo vệ môi trường", "xây nhà Đại đoàn kết",
          "chuyển đổi số", "học bổng cho học sinh nghèo", "tiêm chủng mở rộng"]
SENTENCES = [
    "Ban Thường trực Ủy ban MTTQ {place} đề nghị bà con quan tâm đến {topic}.",
    "{subject} ở tổ dân phố số {n} đã được sửa chữa sau phản ánh của người dân.",
    "Tổ công nghệ số cộng đồng hướng dẫn người cao tuổi về {topic} tại nhà văn hóa.",
    "Theo quy định, hồ sơ về {topic} được nộp tại bộ phận một cửa của xã trong {n} ngày làm việc.",
    "Năm nay {place} có {n} hộ được hỗ trợ, tăng so với năm trước.",
    "Người dân cần cảnh giác, không cung cấp mã OTP và gọi lại cho người thân trước khi chuyển tiền.",
    "Ủy ban đã làm việc với đơn vị thi công; {subject} sẽ hoàn thành trước ngày {n}/12.",
]
PLACES = ["phường Hồng Bàng", "xã Diễn Châu", "phường Ba Đình", "xã Tân Phú", "phường Ninh Kiều", "xã Mường Tè"]
KINDS = ["bulletin", "document", "lesson", "answer"]
QUERIES = {
    "words, no diacritics": "lua dao qua mang",
    "words, diacritics": "bảo hiểm y tế",
    "one typo": "bao hiemm y te",
    "phrase": '"an toàn giao thông"',
    "prefix while typing": "dinh danh dien t",
    "province filter": "nuoc sach",
    "rare word": "vneid",
}


def make_documents(count: int, seed: int = 7) -> list[SearchDocument]:
    rnd = random.Random(seed)
    provinces = [f"{n:02d}" for n in range(1, 35)]
    docs = []
    for i in range(count):
        topic, subject, place = rnd.choice(TOPICS), rnd.choice(SUBJECTS), rnd.choice(PLACES)
        text = " ".join(rnd.choice(SENTENCES).format(topic=topic, subject=subject, place=place, n=rnd.randint(2, 99))
                        for _ in range(rnd.randint(4, 16)))
        kind = KINDS[i % 4]
        docs.append(SearchDocument(kind, str(i), f"{subject}: {topic}", text, f"/{kind}/{i}",
                                   summary=f"Về {topic} ở {place}.", province_code=rnd.choice(provinces),
                                   published=datetime(2026, 1, 1) + timedelta(hours=i)))
    return docs


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@contextmanager
def whoosh():
    with tempfile.TemporaryDirectory() as folder:
        yield WhooshBackend(folder), lambda: sum(f.stat().st_size for f in Path(folder).iterdir())


@contextmanager
def postgresql(server: str):
    """A throw-away database on `server`, migrated, holding the PostgreSQL backend's tables."""
    url = make_url(server).set(drivername="postgresql+psycopg")
    name = f"portal_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    target = url.set(database=name).render_as_string(hide_password=False)
    engine = None
    try:
        migrations.upgrade(target)
        engine = make_engine(target)

        def size() -> int:
            with engine.connect() as conn:
                return conn.scalar(text("SELECT sum(pg_total_relation_size(c)) FROM unnest(ARRAY["
                                        "'search_documents', 'search_terms']::regclass[]) AS c"))

        yield PostgresBackend(engine), size
    finally:
        if engine is not None:
            engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(label: str, backend, size, docs: list[SearchDocument], repeat: int) -> None:
    words = sum(len(d.text.split()) for d in docs)
    started = time.perf_counter()
    index.rebuild(backend, docs)
    built = time.perf_counter() - started
    print(f"== {label}: index of {len(docs):,} documents ({words:,} words): built in {built:.1f} s, "
          f"{len(docs) / built:,.0f} documents/s, {size() / 1024 / 1024:.1f} MB")
    started = time.perf_counter()
    index.upsert(backend, docs[:50])
    print(f"Updating 50 documents in one write: {time.perf_counter() - started:.2f} s")
    print(f"{'query':<24} {'results':>8} {'first ms':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, query in QUERIES.items():
        times, total = [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            found = searching.find(backend, query, province="31" if name == "province filter" else "",
                                   live=name == "prefix while typing")
            times.append((time.perf_counter() - started) * 1000)
            total = found.total
        print(f"{name:<24} {total:>8,} {times[0]:>8.1f} {statistics.median(times):>8.1f} "
              f"{_percentile(times, 95):>8.1f}")
    answerer, times = PassageAnswerer(backend), []
    for _ in range(max(repeat // 4, 5)):
        started = time.perf_counter()
        answer = answerer.answer("làm sao đăng ký định danh điện tử VNeID mức 2?")
        times.append((time.perf_counter() - started) * 1000)
    print(f"{'question helper':<24} {len(answer.quotes):>8} {times[0]:>8.1f} {statistics.median(times):>8.1f} "
          f"{_percentile(times, 95):>8.1f}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=40, help="repetitions of each query")
    given = os.environ.get("DATABASE_URL", "")
    parser.add_argument("--postgresql", default=given if given.startswith("postgres") else "",
                        help="a PostgreSQL server URL: also measure the PostgreSQL backend there")
    parser.add_argument("--no-cache", action="store_true", help="no result cache: every query reaches the engine")
    args = parser.parse_args()
    cache.enabled = not args.no_cache
    print(f"result cache: {'off' if args.no_cache else 'on'}")
    docs = make_documents(args.documents)
    with whoosh() as (backend, size):
        run("Whoosh (files)", backend, size, docs, args.queries)
    if args.postgresql:
        with postgresql(args.postgresql) as (backend, size):
            run("PostgreSQL full-text search", backend, size, docs, args.queries)
    else:
        print("(PostgreSQL backend not measured: pass --postgresql postgresql://user@host/db "
              "or set DATABASE_URL)")

if __name__ == "__main__":
    main()
