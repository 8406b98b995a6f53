"""The floor under a petition POST: what the least a Flask POST that stores a row costs, next to the
bare GET that bench/load.py divides by, on the same gunicorn (3 sync workers, --preload) and with
the same wrk load (50 connections). It tells how far the portal's POST (bench/load.py's
"petition POST") is from what Flask itself allows, not how fast the portal is.

    .venv/bin/python bench/post_floor.py [--seconds 10] [--connections 50] [--workers 3]

Endpoints, each in the same tiny app:
  GET /             "ok" (bench/load.py's bare Flask endpoint)
  POST /form        parses the petition's form fields and answers 303
  POST /row         the same, plus one INSERT and a COMMIT on SQLite (WAL, synchronous=NORMAL,
                    a connection per worker, as the portal's engine sets it up)
  POST /row-session the same, plus Flask's signed session cookie written (a new one each time:
                    wrk keeps no cookie, so none is read back)
Lighter than the portal's POST on purpose: no CSRF token, no validation, no masking. Then the
portal itself (`wsgi:app` on a seeded instance, as bench/load.py serves it), three times:
  portal POST           bench/load.py's "petition POST": checked, masked, stored, a receipt
  ... storing nothing   the same with service.already_sent and service.submit replaced (no
                        petition is looked up or stored; everything else runs)
  ... nor the committee and the committee looked up once per worker instead of per POST: no
                        statement on the portal's database (the rate limit still counts in
                        its own SQLite file, instance/ratelimits.db)
The last two are not the portal (they store nothing): they show how much of a POST the database
work is, and what the rest (Flask, CSRF, WTForms, masking, the rate limit) costs without it. The
portal's own row also says how many petitions it stored.
Not a test. Needs wrk (Debian's package); without it, says so and measures nothing.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _wrk  # noqa: E402
from _instance import Server, seeded_app, server_env  # noqa: E402
from load import PETITION, _petition_form, _petitions  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

FLOOR_APP = '''import os, sqlite3, threading
from flask import Flask, redirect, request, session

app = Flask(__name__)
app.secret_key = "bench-floor-secret"  # a benchmark on loopback
_local = threading.local()
FIELDS = ("unit_code", "category", "title", "body", "phone", "submission_id")


def connection():
    if getattr(_local, "conn", None) is None:
        conn = sqlite3.connect(os.environ["FLOOR_DB"], timeout=10, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=10000")
        _local.conn = conn
    return _local.conn


@app.get("/")
def ok():
    return "ok"


@app.post("/form")
def form():
    values = [request.form.get(name, "") for name in FIELDS]
    return redirect(f"/done/{len(values[3])}", 303)


def _store():
    values = [request.form.get(name, "") for name in FIELDS]
    conn = connection()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO petition (unit_code, category, title, body, phone, submission_id) "
                 "VALUES (?, ?, ?, ?, ?, ?)", values)
    conn.execute("COMMIT")
    return values


@app.post("/row")
def row():
    _store()
    return redirect("/done", 303)


@app.post("/row-session")
def row_session():
    values = _store()
    session["sent"] = values[5]
    return redirect("/done", 303)
'''

PORTAL_APP = '''import os

import wsgi
from portal.petitions import send_form, service

app = wsgi.app
LEAVE_OUT = os.environ.get("FLOOR_LEAVE_OUT", "")


class Stored:  # what the receipt redirect reads of a stored petition
    code = "PA-7K3M-9QXP"


if LEAVE_OUT:
    service.already_sent = lambda session, submission_id: None
    service.submit = lambda session, data, checked=False: (Stored, True)
if LEAVE_OUT == "committee":
    lookup, units = send_form.get_by_code, {}

    def get_by_code(session, code):  # once per worker (the unit stays in the worker's first session)
        if code not in units:
            units[code] = lookup(session, code)
        return units[code]

    send_form.get_by_code = get_by_code
'''

PORTAL_ROWS = (("portal POST", ""), ("... storing nothing", "store"), ("... nor the committee", "committee"))


def _row(name: str, got: dict, bare: float) -> None:
    statuses = " ".join(f"{k}:{v}" for k, v in got["statuses"].items())
    print(f"{name:<20} {got['rps']:>8,.0f} {got['p95']:>8.1f} {got['rps'] / bare:>8.2f}  {statuses}")


def _portal(root: Path, args, headers: dict, bare: float) -> None:
    """The portal's POST as is, then with its database work left out (PORTAL_APP)."""
    app = seeded_app(root / "instance", "sample", slow_jobs=False)
    (root / "floor_portal.py").write_text(PORTAL_APP)
    for name, leave_out in PORTAL_ROWS:
        env = server_env(app, PETITION_RATE_LIMIT="10000000 per hour", JOBS_IMMEDIATE="0",
                         FLOOR_LEAVE_OUT=leave_out, PYTHONPATH=str(ROOT))
        server = Server("floor_portal:app", root, env, args.workers, 1)
        try:
            form, cookie = _petition_form(server.port)
            before = _petitions(app)
            got = _wrk.drive(server.url, "/phan-anh/gui", args.connections, args.seconds,
                             dict(headers, Cookie=cookie), form=form, title="Rác tồn đọng ",
                             prefix=uuid.uuid4().hex[:16])
        finally:
            server.stop()
        _row(name, got, bare)
        if not leave_out:  # each of its POSTs is answered by its receipt once the petition is stored
            print(f"{'':<20} petitions stored: {_petitions(app) - before:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if not _wrk.available():
        print("not measured: wrk is not installed (apt-get install wrk, or scripts/system-deps)")
        return
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        root = Path(tmp)
        (root / "floor.py").write_text(FLOOR_APP)
        db = root / "floor.db"
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE petition (id INTEGER PRIMARY KEY, unit_code TEXT, category TEXT, title TEXT, "
                         "body TEXT, phone TEXT, submission_id TEXT UNIQUE)")
        env = dict(os.environ, FLOOR_DB=str(db))
        server = Server("floor:app", root, env, args.workers, 1)
        headers = {"Accept-Encoding": "br, gzip"}
        try:
            print(f"wrk -t2 -c{args.connections} -d{args.seconds:g}s, gunicorn -w {args.workers} --preload, loopback")
            print(f"{'endpoint':<20} {'req/s':>8} {'p95 ms':>8} {'vs bare':>8}  statuses")
            bare = None
            for name, path, form in (("bare GET", "/", None), ("POST, form", "/form", PETITION),
                                     ("POST + row", "/row", PETITION),
                                     ("POST + row + session", "/row-session", PETITION)):
                got = _wrk.drive(server.url, path, args.connections, args.seconds, headers, form=form,
                                 title="Rác tồn đọng ", prefix=uuid.uuid4().hex[:16])
                bare = bare or got["rps"]
                _row(name, got, bare)
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM petition").fetchone()[0]
        finally:
            server.stop()
        _portal(root, args, headers, bare)
        print(f"rows stored by the tiny app: {stored:,}")


if __name__ == "__main__":
    main()
