"""API throughput: requests per second and p50/p95 of a public API list endpoint
(/api/v1/bulletins/) and an item, next to a bare Flask JSON endpoint served the same way in the
same run (target: ≥ 0.6× the bare endpoint, as for the pages).

    .venv/bin/python bench/api.py [--seconds 10] [--connections 50] [--workers 3] [--threads 1]
                                  [--generator auto|wrk|python]

Seeds a temporary instance with the sample content (tests/content.py), starts gunicorn on it and
on a one-route Flask app (as `make run` does: 3 sync workers), and drives each path for a fixed
time with `wrk` (compiled; bench/_wrk.py), or, where wrk is missing, from a pool of threads with
one keep-alive http.client connection each (which caps the bare figure). The load generator
shares the machine: the ratio to the bare endpoint is the figure that counts. Prints one table;
not a test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _wrk  # noqa: E402
from _instance import HOST, Server, http_get, sample_app, server_env, summary  # noqa: E402

BARE_APP = '''from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def ok():
    return jsonify(items=[], total=0)
'''


def drive(port: int, path: str, connections: int, seconds: float) -> dict:
    def run(_):
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        latencies, statuses, end = [], {}, time.perf_counter() + seconds
        while time.perf_counter() < end:
            began = time.perf_counter()
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = conn.getresponse()
            response.read()
            latencies.append((time.perf_counter() - began) * 1000)
            statuses[response.status] = statuses.get(response.status, 0) + 1
        conn.close()
        return latencies, statuses

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        results = list(pool.map(run, range(connections)))
    elapsed = time.perf_counter() - began
    return summary(results, elapsed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3, help="as `make run`")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto")
    args = parser.parse_args()
    use_wrk = args.generator == "wrk" or (args.generator == "auto" and _wrk.available())
    if args.generator == "wrk" and not _wrk.available():
        raise SystemExit("wrk is not installed: apt-get install wrk")

    def run(port: int, path: str) -> dict:
        if use_wrk:
            return _wrk.drive(f"http://{HOST}:{port}", path, args.connections, args.seconds,
                              {"Accept-Encoding": "gzip"})
        return drive(port, path, args.connections, args.seconds)

    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        root = Path(tmp)
        app = sample_app(root / "instance", slow_jobs=False)
        env = server_env(app, API_RATE_LIMIT="100000000 per minute")
        (root / "bare.py").write_text(BARE_APP)
        portal = Server("wsgi:app", ROOT, env, args.workers, args.threads)
        bare = None
        try:
            bare = Server("bare:app", root, env, args.workers, args.threads)
            first = json.loads(http_get(portal.port, "/api/v1/bulletins/")[2])["items"][0]["id"]
            results = [("bare Flask", "/", run(bare.port, "/"))]
            for name, path in (("API list", "/api/v1/bulletins/?per_page=20"),
                               ("API item", f"/api/v1/bulletins/{first}")):
                results.append((name, path, run(portal.port, path)))
        finally:
            portal.stop()
            if bare:
                bare.stop()
    base = results[0][2]["rps"]
    print("load generator: " + (f"wrk -t2 -c{args.connections} -d{args.seconds:g}s (compiled)" if use_wrk
                                else f"Python threads ({args.connections} http.client connections)"))
    print(f"gunicorn -w {args.workers} --threads {args.threads}, {args.connections} keep-alive connections, "
          f"{args.seconds:g} s per path, loopback, SQLite\n")
    print(f"{'route':<11} {'path':<32} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'vs bare':>8}  statuses")
    for name, path, r in results:
        statuses = " ".join(f"{s}:{n}" for s, n in sorted(r["statuses"].items()))
        print(f"{name:<11} {path:<32} {r['rps']:>7.0f} {r['p50']:>7.1f} {r['p95']:>7.1f} "
              f"{r['rps'] / base:>8.2f}  {statuses}")


if __name__ == "__main__":
    main()
