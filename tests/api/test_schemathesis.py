"""Property-based tests generated from the OpenAPI document (schemathesis) against a live
gunicorn serving the demo content, on the suite's database (SQLite, or the PostgreSQL pass):
no 5xx, every answer matches its schema, its status and its content type. The document itself
is loaded and validated by schemathesis first. Examples per operation are bounded so that a
pass takes well under a minute."""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks as sc

from tests.conftest import PROJECT_ROOT, _postgres_test_database
from tests.petitions.test_concurrency import _free_port
from tests.scale.servers import BIN, run_cli, wait_up

MAX_EXAMPLES = int(os.environ.get("API_MAX_EXAMPLES") or 12)


@pytest.fixture(scope="module")
def api_base(tmp_path_factory):
    root = tmp_path_factory.mktemp("api")
    given = os.environ.get("DATABASE_URL", "")
    url = _postgres_test_database(given)[0] if given.startswith("postgres") else f"sqlite:///{root / 'portal.db'}"
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DATABASE_URL=url, PORTAL_INSTANCE=str(root / "instance"), MEDIA_ROOT=str(root / "media"),
               SEARCH_INDEX_DIR=str(root / "search_index"), JOBS_DB=str(root / "jobs.db"),
               JOBS_NAME=f"api-{uuid.uuid4().hex[:8]}", SECRET_KEY="a" * 40, DEMO_PASSWORD="demo password 2026",
               API_RATE_LIMIT="100000 per minute", RATELIMIT_KEY_PREFIX=f"api-{uuid.uuid4().hex[:8]}")
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    for args in (["migrate"], ["load-units"], ["seed-demo"], ["search-rebuild"]):
        run_cli(args, env)
    port = _free_port()
    proc = subprocess.Popen([os.path.join(BIN, "gunicorn"), "-b", f"127.0.0.1:{port}", "-w", "2", "wsgi:app"],
                            cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(base, proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


CHECKS = [sc.not_a_server_error, sc.status_code_conformance, sc.content_type_conformance,
          sc.response_schema_conformance]


def test_api_answers_match_the_document(api_base):
    api = schemathesis.openapi.from_url(f"{api_base}/api/v1/openapi.json")  # loads and validates it
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 11
    seen = set()
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, suppress_health_check=list(HealthCheck), deadline=None,
                  database=None, derandomize=True)
        def check(case):
            response = case.call_and_validate(checks=CHECKS)
            seen.add((operation.label, response.status_code))

        check()
    # The demo content was found, not only 400s and 404s (a random committee code rarely exists:
    # tests/api/test_endpoints.py reads real ones).
    found = {label for label, status in seen if status == 200}
    assert found >= {op.label for op in operations} - {"GET /api/v1/committees/{code}"}, seen
