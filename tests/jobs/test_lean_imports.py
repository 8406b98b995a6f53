"""What a web worker and the job worker import at start: not the libraries they use only for a
feed, a book, an image, or a queue backend the site does not have (issue 17: ≤ 100 MiB per web
worker). Each check runs in a fresh interpreter, as gunicorn's worker would be, since this test
process has imported everything already."""

import json
import os
import subprocess
import sys

from tests.conftest import PROJECT_ROOT

# Imported where they are used (feeds, EPUB, OPDS, image processing and drawing), or (redis,
# psycopg) imported by huey.storage for backends the embedded default does not use: ~23 MiB.
HEAVY = ("redis", "psycopg", "lxml", "ebooklib", "feedgen", "PIL")


def _fresh(code: str, tmp_path, **env: str) -> dict:
    """Run `code` in a new interpreter on an embedded-default instance (SQLite, no Redis); it
    prints one JSON line, returned."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("REDIS_URL", "DATABASE_URL", "SEARCH_BACKEND", "JOBS_DB", "JOBS_NAME", "SEARCH_INDEX_DIR")}
    clean.update(PORTAL_INSTANCE=str(tmp_path / "instance"), SECRET_KEY="x" * 32, **env)
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=clean, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_web_worker_starts_without_the_heavy_libraries(tmp_path):
    code = f"""
import json, sys
import wsgi
print(json.dumps({{"loaded": [m for m in {HEAVY!r} if m in sys.modules],
                  "huey": type(wsgi.app.extensions["jobs"].huey).__name__}}))
"""
    got = _fresh(code, tmp_path)
    assert got == {"loaded": [], "huey": "SqliteHuey"}


def test_the_job_worker_starts_without_the_unused_queue_clients(tmp_path):
    code = """
import json, sys
sys.argv = ["consumer", "--help"]  # huey's option parser prints the help and exits
from portal.jobs import consumer
try:
    consumer.main()
except SystemExit:
    pass
print(json.dumps({"loaded": [m for m in ("redis", "psycopg") if m in sys.modules],
                  "consumer": "huey.consumer" in sys.modules or "huey.bin.huey_consumer" in sys.modules}))
"""
    assert _fresh(code, tmp_path) == {"loaded": [], "consumer": True}


def test_redis_huey_still_works_after_huey_was_imported_without_redis(tmp_path):
    """A process that made an embedded app first (huey imported without the client) and then
    needs the Redis queue gets a RedisHuey with a working client, not huey's "redis missing"."""
    code = """
import json, sys
import wsgi
from portal.jobs import huey_import
before = "redis" in sys.modules
huey = huey_import.load(with_redis=True)
queue = huey.RedisHuey("lean-imports-test", url="redis://127.0.0.1:6379/15")  # connects on first use only
import redis
print(json.dumps({"before": before, "client": isinstance(queue.storage.conn, redis.Redis)}))
"""
    assert _fresh(code, tmp_path) == {"before": False, "client": True}


def test_the_calendar_of_vietnam_without_every_other_country(tmp_path):
    """A petition's deadline needs Vietnam's holidays; `holidays.countries` would import ~250
    countries' calendars (~7 MiB). The days and names are the package's own, as
    `holidays.country_holidays("VN")` gives them (asked only after the check)."""
    code = """
import json, sys
from datetime import date, timedelta
from portal.petitions import deadlines
days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
ours = {str(d): deadlines.holiday_name(d) for d in days if not deadlines.is_working_day(d) and d.weekday() < 5}
countries = "holidays.countries" in sys.modules
import holidays
theirs = holidays.country_holidays("VN", years=range(2025, 2028), language="vi", expand=False)
print(json.dumps({"countries": countries, "ours": ours,
                  "theirs": {str(d): n for d, n in theirs.items() if d.year == 2026 and d.weekday() < 5}}))
"""
    got = _fresh(code, tmp_path)
    assert got["countries"] is False
    assert got["ours"] == got["theirs"]
    assert got["ours"]["2026-09-02"] == "Quốc khánh" and "2026-08-31" in got["ours"]
