"""Load: requests per second and p50/p95/p99 latency at 50 keep-alive connections against a real
gunicorn, for the public pages (home, bulletin list and page, library list and item, a reading
page, a lesson step, public answers and one answer, a search) and a petition submission, each next
to a bare Flask endpoint served by the same gunicorn settings in the same run; then the memory
of each web worker and of the whole embedded stack (gunicorn, the job worker, its helpers).

    .venv/bin/python bench/load.py [--seconds 10] [--connections 50] [--workers 3] [--threads 1]
                                   [--generator auto|wrk|python] [--only "petition POST,home"]

Seeds a temporary instance (SQLite, the demo content of `make run`), starts gunicorn on it as
`make run` does (3 sync workers and the job worker, forked from its preloaded master), and a
second gunicorn on a one-route Flask app, then drives each route for a fixed time with `wrk`
(Debian's package: a compiled generator, so the bare figure is the server's and not the
generator's) when it is installed, else from a pool of Python threads (one keep-alive http.client connection each, which
caps the bare figure: the ratios are then too kind). Says which generator it used. Every visitor
is anonymous and keeps no cookie (the petition POST sends the one session its form came with), so
the pages come from the page cache as a crowd's would. Prints one table; not a test.
"""

from __future__ import annotations

import argparse
import http.client
import re
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

import _wrk  # noqa: E402
from _instance import HOST, Server, http_get, pss, rss, seeded_app, server_env, summary  # noqa: E402

UNIT = "11311"
SEARCH = "/tim-kiem?q=lua+dao"
# the petition every POST sends (with its form's CSRF token, a submission id and a title of its own)
PETITION = {"unit_code": UNIT, "buoc": "gui", "category": "moi-truong", "phone": "0912000999", "consent_public": "y",
            "body": "Rác thải sinh hoạt không được thu gom ba ngày nay, bốc mùi khó chịu cho cả khu."}
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
            self.form = dict(PETITION, csrf_token=token.group(1))
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
    return summary(results, elapsed)


def _links(port: int, path: str, pattern: str) -> list[str]:
    status, _headers, body = http_get(port, path)
    found = re.findall(pattern, body.decode())
    if status != 200 or not found:
        raise SystemExit(f"no link matching {pattern} on {path} ({status})")
    return found


def routes(port: int) -> list[tuple[str, str]]:
    """The public routes of the issue, found by following links from the lists."""
    bulletin = _links(port, "/ban-tin/", r'href="(/ban-tin/[a-z0-9-]+)"')[0]
    item = reading = ""
    for item in dict.fromkeys(_links(port, "/thu-vien/", r'href="(/thu-vien/[a-z0-9-]+)"')):
        status, _headers, body = http_get(port, item)
        pages = re.findall(r'href="(/thu-vien/[a-z0-9-]+/doc[^"]*)"', body.decode())
        if status == 200 and pages:  # an item with a text to read (not a recording)
            reading = pages[0].replace("&amp;", "&")
            break
    if not reading:
        raise SystemExit("no library item with a reading page")
    course = _links(port, "/hoc-so/", r'href="(/hoc-so/[a-z0-9-]+/)"')[0]
    lesson = _links(port, course, r'href="(/hoc-so/[a-z0-9-]+/[a-z0-9-]+/)"')[0]
    answer = _links(port, "/phan-anh/", r'href="(/phan-anh/PA-[A-Z0-9-]+)"')[0]
    return [("home", "/"), ("bulletin list", "/ban-tin/"), ("bulletin page", bulletin),
            ("library list", "/thu-vien/"), ("library item", item), ("reading page", reading),
            ("lesson step", lesson + "1"), ("public answers", "/phan-anh/"), ("an answer", answer),
            ("search", SEARCH)]


def _petition_form(port: int) -> tuple[dict[str, str], str]:
    user = User(port, "/phan-anh/gui", petition=True)
    cookie = "; ".join(f"{k}={v}" for k, v in user.cookies.items())
    user.conn.close()
    return user.form, cookie


def _petitions(app) -> int:
    """How many petitions the instance's database holds (to check that each POST stored one)."""
    from portal.db import db
    from portal.petitions.models import Petition

    with app.app_context():
        count = db.session.query(Petition).count()
        db.session.remove()
    return count


def stack_rss(*pids: int, measure=rss) -> int:
    """KiB resident in these processes and all their descendants (or another `measure`: pss)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, list(pids)
    while todo:
        pid = todo.pop()
        total += measure(pid)
        todo += children.get(pid, [])
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10, help="duration of each route")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3, help="as `make run`")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--only", default="", help="comma-separated route names (the bare endpoint always runs)")
    args = parser.parse_args()
    use_wrk = args.generator == "wrk" or (args.generator == "auto" and _wrk.available())
    if args.generator == "wrk" and not _wrk.available():
        raise SystemExit("wrk is not installed: apt-get install wrk")
    headers = {"Accept-Encoding": "br, gzip"}

    def run(port: int, path: str, form=None, cookie: str = "") -> dict:
        if not use_wrk:
            return drive(port, path, args.connections, args.seconds, petition=form is not None)
        sent = dict(headers, Cookie=cookie) if cookie else headers
        return _wrk.drive(f"http://{HOST}:{port}", path, args.connections, args.seconds, sent, form=form,
                          title="Rác tồn đọng ở tổ dân phố ", prefix=uuid.uuid4().hex[:16])

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        root = Path(tmp)
        app = seeded_app(root / "instance", "demo", slow_jobs=False)
        env = server_env(app, PETITION_RATE_LIMIT="10000000 per hour", JOBS_IMMEDIATE="0")
        (root / "bare.py").write_text(BARE_APP)
        # as `make run`: gunicorn's master forks the web workers and the job worker
        portal = Server("wsgi:app", ROOT, env, args.workers, args.threads,
                        job_worker="--workers 2 --worker-type thread")
        bare = None
        try:
            bare = Server("bare:app", root, env, args.workers, args.threads)
            found = routes(portal.port)
            form, cookie = _petition_form(portal.port)
            only = {name.strip() for name in args.only.split(",") if name.strip()}
            results = [("bare Flask", "/", run(bare.port, "/"))]
            for name, path in found:
                if not only or name in only:
                    results.append((name, path, run(portal.port, path)))
            stored = None
            if not only or "petition POST" in only:
                before = _petitions(app)
                results.append(("petition POST", "/phan-anh/gui", run(portal.port, "/phan-anh/gui", form, cookie)))
                stored = _petitions(app) - before
            memory = {"portal": portal.worker_rss(), "bare Flask": bare.worker_rss()}
            shares = {"portal": portal.worker_rss(pss), "bare Flask": bare.worker_rss(pss)}
            parts = {"gunicorn master": (rss(portal.proc.pid), pss(portal.proc.pid)),
                     "job worker and its helpers": (stack_rss(portal.job_worker),
                                                    stack_rss(portal.job_worker, measure=pss))}
            stack = stack_rss(portal.proc.pid)
            stack_pss = stack_rss(portal.proc.pid, measure=pss)
        finally:
            portal.stop()
            if bare:
                bare.stop()

    base = results[0][2]["rps"]
    generator = (f"wrk -t2 -c{args.connections} -d{args.seconds:g}s (compiled)" if use_wrk
                 else f"Python threads ({args.connections} http.client connections; caps the bare figure)")
    print(f"load generator: {generator}")
    print(f"gunicorn -w {args.workers} --threads {args.threads}, {args.connections} keep-alive connections, "
          f"{args.seconds:g} s per route, loopback, SQLite, demo content, page cache "
          f"{'off' if env.get('PAGE_CACHE') == '0' else 'on'}\n")
    print(f"{'route':<15} {'path':<44} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'vs bare':>8} {'requests':>9}  statuses")
    for name, path, r in results:
        statuses = " ".join(f"{('err' if s == 0 else s)}:{n}" for s, n in sorted(r["statuses"].items(), key=str))
        short = path if len(path) <= 44 else path[:43] + "…"
        print(f"{name:<15} {short:<44} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
              f"{r['rps'] / base:>8.2f} {r['n']:>9,}  {statuses}")
    if stored is not None:
        print(f"\npetitions stored during the POST run: {stored:,} "
              f"(for {results[-1][2]['n']:,} POSTs; each one answered by a redirect to its receipt)")
    print("\nmemory after the run, RSS (PSS: shared pages counted once, shared out among their processes):")
    for name, sizes in memory.items():
        pairs = zip(sizes, shares[name], strict=False)  # a worker may have been replaced in between
        shown = ", ".join(f"{kib / 1024:.0f} MiB ({share / 1024:.0f})" for kib, share in pairs)
        print(f"  {name:<11} per worker: {shown or '(no workers found)'}")
    for name, (kib, share) in parts.items():
        print(f"  {name}: {kib / 1024:.0f} MiB ({share / 1024:.0f})")
    print(f"  whole embedded stack (gunicorn master and workers, job worker and its helpers): "
          f"{stack / 1024:.0f} MiB RSS ({stack_pss / 1024:.0f} MiB PSS)")


if __name__ == "__main__":
    main()
