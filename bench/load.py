"""Load: requests per second and p50/p95/p99 latency at 50 concurrent connections against a real
gunicorn, for the home page, a bulletin page, a search and a petition submission, each next to a
bare Flask endpoint served the same way in the same run; memory per gunicorn worker.

    .venv/bin/python bench/load.py [--seconds 10] [--connections 50] [--workers 2] [--threads 4]

Seeds a temporary instance (SQLite, the sample content of tests/content.py), starts gunicorn on
it and a second gunicorn on a one-route Flask app (both on a free loopback port), then drives each
route for a fixed time from a pool of threads, one keep-alive http.client connection per thread.
The load generator shares the machine (and Python's GIL): the ratio to the bare endpoint is the
figure that counts, not the absolute numbers. Prints one table; not a test.
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _instance import HOST, Server, http_get, sample_app, server_env  # noqa: E402

UNIT = "11311"
SEARCH = "/tim-kiem?q=lua+dao"
BARE_APP = '''from flask import Flask

app = Flask(__name__)


@app.route("/")
def ok():
    return "ok"
'''


class User:
    """One virtual user: a keep-alive connection, its cookies, and what the next request is."""

    def __init__(self, port: int, path: str, petition: bool) -> None:
        self.port, self.path, self.petition = port, path, petition
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.form: dict[str, str] = {}
        if petition:
            status, body = self._send("GET", f"/phan-anh/gui?don-vi={UNIT}", compressed=False)
            html = body.decode()
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
            if status != 200 or token is None:
                raise SystemExit(f"the petition form answered {status} without a CSRF token")
            self.form = {"csrf_token": token.group(1), "unit_code": UNIT, "buoc": "gui",
                         "category": "moi-truong", "phone": "0912000999", "consent_public": "y",
                         "body": "Rác thải sinh hoạt không được thu gom ba ngày nay, bốc mùi khó chịu cho cả khu."}
        else:
            self.once()  # warm up (imports, caches, the connection) before the clock starts

    def _send(self, method: str, path: str, body: bytes | None = None, compressed: bool = True) -> tuple[int, bytes]:
        headers = {"Accept-Encoding": "br, gzip" if compressed else "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError, TimeoutError):
                self.conn.close()  # the server closed the keep-alive connection: open a new one
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def once(self) -> int:
        if not self.petition:
            return self._send("GET", self.path)[0]
        submission = uuid.uuid4().hex
        form = dict(self.form, submission_id=submission, title=f"Rác tồn đọng ở tổ dân phố {submission[:6]}")
        return self._send("POST", "/phan-anh/gui", urlencode(form).encode())[0]


def drive(port: int, path: str, connections: int, seconds: float, petition: bool = False) -> dict:
    """Every user sends requests back to back for `seconds`; latencies in ms, statuses counted."""
    with ThreadPoolExecutor(max_workers=connections) as pool:
        users = list(pool.map(lambda _: User(port, path, petition), range(connections)))
        start = threading.Event()
        deadline: list[float] = []

        def run(user: User) -> tuple[list[float], dict[int, int]]:
            start.wait()
            latencies, statuses = [], {}
            while time.perf_counter() < deadline[0]:
                began = time.perf_counter()
                try:
                    status = user.once()
                except OSError:
                    status = 0
                latencies.append((time.perf_counter() - began) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
            user.conn.close()
            return latencies, statuses

        futures = [pool.submit(run, user) for user in users]
        began = time.perf_counter()
        deadline.append(began + seconds)
        start.set()
        results = [f.result() for f in futures]
        elapsed = time.perf_counter() - began
    latencies = sorted(ms for lat, _ in results for ms in lat)
    statuses: dict[int, int] = {}
    for _, counts in results:
        for status, n in counts.items():
            statuses[status] = statuses.get(status, 0) + n
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {"rps": len(latencies) / elapsed, "p50": cuts[49], "p95": cuts[94], "p99": cuts[98],
            "n": len(latencies), "statuses": statuses}


def _bulletin_path(port: int) -> str:
    status, _headers, body = http_get(port, "/ban-tin/")
    links = re.findall(r'href="(/ban-tin/[a-z0-9-]+)"', body.decode())
    if status != 200 or not links:
        raise SystemExit("no bulletin linked from /ban-tin/")
    return links[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10, help="duration of each route")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        root = Path(tmp)
        app = sample_app(root / "instance", slow_jobs=False)
        env = server_env(app, PETITION_RATE_LIMIT="10000000 per hour")
        (root / "bare.py").write_text(BARE_APP)
        portal = Server("wsgi:app", ROOT, env, args.workers, args.threads)
        bare = None
        try:
            bare = Server("bare:app", root, env, args.workers, args.threads)
            routes = [("home page", "/", False), ("bulletin page", _bulletin_path(portal.port), False),
                      ("search", SEARCH, False), ("petition POST", "/phan-anh/gui", True)]
            results = [("bare Flask", "/", drive(bare.port, "/", args.connections, args.seconds))]
            for name, path, petition in routes:
                results.append((name, path, drive(portal.port, path, args.connections, args.seconds, petition)))
            memory = {"portal": portal.worker_rss(), "bare Flask": bare.worker_rss()}
        finally:
            portal.stop()
            if bare:
                bare.stop()

    base = results[0][2]["rps"]
    print(f"gunicorn -w {args.workers} --threads {args.threads}, {args.connections} keep-alive connections, "
          f"{args.seconds:g} s per route, loopback, SQLite\n")
    print(f"{'route':<14} {'path':<44} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'vs bare':>8} {'requests':>9}  statuses")
    for name, path, r in results:
        statuses = " ".join(f"{s or 'err'}:{n}" for s, n in sorted(r["statuses"].items()))
        short = path if len(path) <= 44 else path[:43] + "…"
        print(f"{name:<14} {short:<44} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
              f"{r['rps'] / base:>8.2f} {r['n']:>9,}  {statuses}")
    print("\nmemory per worker (RSS after the run):")
    for name, sizes in memory.items():
        shown = ", ".join(f"{kib / 1024:.0f} MiB" for kib in sizes) or "(no workers found)"
        print(f"  {name:<11} {shown}")


if __name__ == "__main__":
    main()
