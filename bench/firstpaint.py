"""Cold first paint of the main pages on a simulated 2G link (800 ms round trip, 280 kbit/s, the
worst case of DESIGN.md §1), measured two ways, next to the handshake floor of the same link.

    .venv/bin/python bench/firstpaint.py [--runs 3] [--lighthouse-runs 1] [--cpu-slowdown 4]
                                         [--content demo|sample] [--only lighthouse|devtools]

1. Lighthouse 12 (bench/lighthouse/, installed here with `npm ci` when missing) in simulate mode:
   rttMs=800, throughputKbps=280, cpuSlowdownMultiplier=4, driving Debian's /usr/bin/chromium.
2. Chromium's own throttling through Playwright and the DevTools protocol
   (Network.emulateNetworkConditions: 800 ms, 35,000 bytes/s down and up; cache disabled; a fresh
   browser context per load), reading first-contentful-paint from the Paint Timing API.
3. The floor: TCP handshake + request/response = 2 round trips (3 with TLS 1.3, 4 with TLS 1.2)
   plus the page's first-view bytes at 280 kbit/s.

Seeds a temporary instance (SQLite) with the demo content of `make run` (or the tests' sample
content), serves it with gunicorn on a free loopback port and prints one table; not a test.
Chromium and Node.js must be installed: the script says how and exits non-zero when one is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _instance import Server, http_get, run_skipped, seeded_app, server_env  # noqa: E402

RTT_MS = 800
KBPS = 280
BYTES_PER_S = KBPS * 1000 // 8  # 35,000: what DevTools takes for throughput
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
PHONE = {"width": 360, "height": 640}
UNIT = "11311"  # Phường Hồng Bàng (Hải Phòng), the demo commune
SEARCH = "/tim-kiem?q=lua+dao"
LOAD_TIMEOUT_MS = 120_000
# Paint Timing, LCP (buffered) and Navigation Timing of the loaded page, relative to navigation start.
TIMINGS_JS = """() => new Promise(resolve => {
  let lcp = null;
  try {
    new PerformanceObserver(list => { for (const e of list.getEntries()) lcp = e.startTime; })
      .observe({type: 'largest-contentful-paint', buffered: true});
  } catch (e) {}
  setTimeout(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const nav = performance.getEntriesByType('navigation')[0];
    resolve({fcp: paint ? paint.startTime : null, lcp,
             ttfb: nav ? nav.responseStart : null, load: nav ? nav.loadEventEnd : null});
  }, 200);
})"""


def missing(what: str, install: str) -> SystemExit:
    """Say which tool the benchmark cannot run without and how to install it; exit status 2."""
    print(f"bench/firstpaint.py: {what}\n  install it with: {install}\n"
          "  (no figures without it: this benchmark is never skipped silently)", file=sys.stderr)
    return SystemExit(2)


def check_tools(need_node: bool) -> tuple[str, str | None, str | None]:
    """Chromium (always) and node + npm (for Lighthouse): their paths; exits saying how to install one missing."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        raise missing(f"Debian's Chromium is not installed at {CHROMIUM}", "apt-get install -y chromium")
    if not need_node:
        return CHROMIUM, None, None
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        raise missing("Node.js and npm (for Lighthouse 12) are not installed",
                      "apt-get install -y nodejs npm   (the machine's Node.js, 18.16 or newer)")
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    major, minor = (int(x) for x in version.lstrip("v").split(".")[:2])
    if (major, minor) < (18, 16):
        raise missing(f"Node.js {version} is too old for Lighthouse 12 (18.16 or newer)",
                      "apt-get install -y nodejs npm")
    return CHROMIUM, node, npm


def ensure_lighthouse(npm: str) -> str:
    """Install the pinned Lighthouse from bench/lighthouse/package-lock.json when missing; its version."""
    if not LIGHTHOUSE_CLI.is_file():
        print("installing Lighthouse into bench/lighthouse/ (npm ci)…", file=sys.stderr, flush=True)
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE_DIR,
                              capture_output=True, text=True)
        if done.returncode != 0 or not LIGHTHOUSE_CLI.is_file():
            raise SystemExit(f"npm ci in bench/lighthouse failed ({done.returncode}):\n{done.stderr[-3000:]}")
    package = json.loads((LIGHTHOUSE_CLI.parent.parent / "package.json").read_text())
    if not package["version"].startswith("12."):
        raise SystemExit(f"bench/lighthouse has Lighthouse {package['version']}, not 12: "
                         "rm -rf bench/lighthouse/node_modules and run again")
    return package["version"]


# -- the pages ------------------------------------------------------------------------------

def _first_link(port: int, path: str, pattern: str) -> str:
    status, _headers, body = http_get(port, path)
    links = re.findall(f'href="({pattern})"', body.decode())
    if status != 200 or not links:
        raise SystemExit(f"no link like {pattern} on {path} (status {status})")
    return links[0]


def pick_pages(app, port: int) -> list[tuple[str, str]]:
    """The main pages, found by following links as a resident would (the first of each list)."""
    from sqlalchemy import select

    from portal.db import db
    from portal.petitions.models import Petition

    bulletin = _first_link(port, "/ban-tin/", r"/ban-tin/[a-z0-9-]+")
    item = _first_link(port, "/thu-vien/", r"/thu-vien/(?!opds)[a-z0-9-]+")
    course = _first_link(port, "/hoc-so/", r"/hoc-so/(?!da-hoc)[a-z0-9-]+/")
    lesson = _first_link(port, course, re.escape(course) + r"[a-z0-9-]+/")
    with app.app_context():
        # A petition answered and published, so its status page shows the whole history.
        code = db.session.scalar(select(Petition.code).where(Petition.published_at.is_not(None))
                                 .order_by(Petition.id).limit(1))
        if code is None:
            code = db.session.scalar(select(Petition.code).order_by(Petition.id).limit(1))
        if code is None:  # the sample content has none: send one, as a resident would
            from portal.petitions import service
            from portal.units.service import get_by_code

            petition, _created = service.submit(db.session, service.Submission(
                submission_id="bench-firstpaint", unit=get_by_code(db.session, UNIT), category="moi-truong",
                title="Rác tồn đọng ở tổ dân phố",
                body="Rác thải sinh hoạt không được thu gom ba ngày nay, bốc mùi khó chịu cho cả khu.",
                phone="0912000999", consent_public=True))
            db.session.commit()
            code = petition.code
    return [
        ("home", "/"),
        ("bulletin list", "/ban-tin/"),
        ("bulletin", bulletin),
        ("library list", "/thu-vien/"),
        ("library item", item),
        ("lesson step", f"{lesson}1"),
        ("petition form", f"/phan-anh/gui?don-vi={UNIT}"),
        ("search results", SEARCH),
        ("petition status", f"/phan-anh/tra-cuu?ma={code}"),
    ]


def render_media_of(app, pages: list[tuple[str, str]]) -> int:
    """Make the speech audio (and EPUB) of the measured bulletin, library item and lesson step, so
    their pages carry the players they have in production (the other pages' audio is not needed)."""
    from sqlalchemy import select

    from portal.bulletins.models import Bulletin
    from portal.db import db
    from portal.lessons.models import Course, Lesson
    from portal.library.models import Item

    paths = dict(pages)
    with app.app_context():
        bulletin = db.session.scalar(select(Bulletin.id).where(Bulletin.slug == paths["bulletin"].rsplit("/", 1)[1]))
        item = db.session.scalar(select(Item.id).where(Item.slug == paths["library item"].rsplit("/", 1)[1]))
        course_slug, lesson_slug = paths["lesson step"].split("/")[2:4]
        lesson = db.session.scalar(select(Lesson).join(Course).where(Course.slug == course_slug,
                                                                     Lesson.slug == lesson_slug))
        step = lesson.steps[0].id if lesson and lesson.steps else None
    wanted = {"render_media": bulletin, "render_audio": item, "render_step_audio": step}

    def match(name: str, args: tuple) -> bool:
        short = name.rsplit(".", 1)[-1]
        return short in wanted and bool(args) and args[0] == wanted[short]

    return run_skipped(app, match)


# -- Lighthouse ------------------------------------------------------------------------------

def lighthouse(node: str, url: str, cpu: float, out: Path) -> dict:
    """One Lighthouse run in simulate mode; the metrics in ms and bytes, or {"error": …}."""
    cmd = [node, str(LIGHTHOUSE_CLI), url, "--quiet", "--output=json", f"--output-path={out}",
           "--only-categories=performance", "--form-factor=mobile", "--throttling-method=simulate",
           f"--throttling.rttMs={RTT_MS}", f"--throttling.throughputKbps={KBPS}",
           f"--throttling.cpuSlowdownMultiplier={cpu:g}", "--max-wait-for-load=120000",
           "--chrome-flags=" + " ".join(["--headless", *CHROMIUM_FLAGS])]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not out.is_file():
        return {"error": f"lighthouse exit {done.returncode}: {done.stderr.strip()[-300:]}"}
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        return {"error": f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message', '')[:200]}"}
    audits = report["audits"]

    def value(name: str):
        return audits.get(name, {}).get("numericValue")

    requests = [r for r in ((audits.get("network-requests") or {}).get("details") or {}).get("items") or []
                if not str(r.get("url", "")).startswith("data:")]
    blocking = sum(r.get("transferSize") or 0 for r in requests if r.get("resourceType") in ("Document", "Stylesheet"))
    return {"fcp": value("first-contentful-paint"), "lcp": value("largest-contentful-paint"),
            "si": value("speed-index"), "bytes": value("total-byte-weight"), "requests": len(requests),
            "blocking": blocking,
            "warnings": report.get("runWarnings", []), "chrome": report.get("environment", {}).get("hostUserAgent", "")}


# -- Chromium's own throttling ---------------------------------------------------------------------

def devtools_load(browser, url: str, cpu: float) -> dict:
    """One cold load through DevTools network throttling; Paint Timing FCP, LCP, load, wire bytes."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        wire: dict[str, int] = {}
        kinds: dict[str, str] = {}
        encodings: dict[str, str] = {}

        def sent(event: dict) -> None:
            if not event["request"]["url"].startswith("data:"):  # the audio player's own icons
                kinds.setdefault(event["requestId"], event.get("type", ""))

        def received(event: dict) -> None:
            headers = {k.lower(): v for k, v in event["response"].get("headers", {}).items()}
            encodings.setdefault(event["requestId"], headers.get("content-encoding", "identity"))

        def finished(event: dict) -> None:
            if event["requestId"] in kinds:
                wire[event["requestId"]] = int(event["encodedDataLength"])

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.responseReceived", received)
        cdp.on("Network.loadingFinished", finished)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": RTT_MS,
                                                       "downloadThroughput": BYTES_PER_S,
                                                       "uploadThroughput": BYTES_PER_S})
        if cpu > 1:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        response = page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
        if response is None or response.status != 200:
            return {"error": f"status {response.status if response else 'none'}"}
        timings = page.evaluate(TIMINGS_JS)
        if timings["fcp"] is None:
            page.wait_for_timeout(2000)
            timings = page.evaluate(TIMINGS_JS)
        if timings["fcp"] is None:
            return {"error": "no first-contentful-paint entry"}
        first = next(iter(kinds), None)
        blocking = sum(n for rid, n in wire.items() if kinds[rid] in ("Document", "Stylesheet"))
        return {**timings, "bytes": sum(wire.values()), "requests": len(wire), "blocking": blocking,
                "encoding": encodings.get(first, "?") if first else "?"}
    finally:
        context.close()


def devtools(chromium: str, pages: list[tuple[str, str]], base: str, cpu: float, runs: int) -> tuple[dict, str]:
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {}
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        except Exception as exc:  # a broken install must say so, not print nothing
            raise SystemExit(f"Chromium at {chromium} did not start: {exc}") from exc
        try:
            version = browser.version
            for _name, path in pages:
                loads = []
                for _ in range(runs):
                    loads.append(devtools_load(browser, base + path, cpu))
                    if "error" in loads[-1]:
                        break
                errors = [r["error"] for r in loads if "error" in r]
                if errors:
                    results[path] = {"error": errors[0]}
                    continue
                results[path] = {key: statistics.median(r[key] for r in loads if r[key] is not None)
                                 if any(r[key] is not None for r in loads) else None
                                 for key in ("fcp", "lcp", "ttfb", "load", "bytes", "requests", "blocking")}
                results[path]["encoding"] = loads[0]["encoding"]
        finally:
            browser.close()
    return results, version


# -- the table --------------------------------------------------------------------------------

def floor_ms(round_trips: int, wire_bytes: float) -> float:
    """Round trips at RTT_MS plus the bytes at KBPS: the least the link allows."""
    return round_trips * RTT_MS + wire_bytes * 8 / (KBPS * 1000) * 1000


def _s(ms) -> str:
    return "—" if ms is None else f"{ms / 1000:.1f}"


def _n(value) -> str:
    return "—" if value is None else f"{int(value):,}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="DevTools loads per page (median)")
    parser.add_argument("--lighthouse-runs", type=int, default=1, help="Lighthouse runs per page (median)")
    parser.add_argument("--cpu-slowdown", type=float, default=4, help="CPU slowdown, as for a cheap phone")
    parser.add_argument("--content", default="demo", choices=("demo", "sample"),
                        help="demo: what `make run` shows; sample: the tests' content")
    parser.add_argument("--only", choices=("lighthouse", "devtools"), help="measure one way only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    with_lighthouse = args.only != "devtools"
    with_devtools = args.only != "lighthouse"
    chromium, node, npm = check_tools(with_lighthouse)
    lh_version = ensure_lighthouse(npm) if with_lighthouse else None
    if with_devtools:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as exc:
            raise missing("Playwright for Python is not installed", "make install-test") from exc

    started = time.perf_counter()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-firstpaint-") as tmp:
        root = Path(tmp)
        print(f"seeding a temporary instance with the {args.content} content…", file=sys.stderr, flush=True)
        app = seeded_app(root / "instance", args.content, slow_jobs=False)
        server = Server("wsgi:app", ROOT, server_env(app), args.workers, args.threads)
        try:
            pages = pick_pages(app, server.port)
            rendered = render_media_of(app, pages)
            lh: dict[str, dict] = {}
            if with_lighthouse:
                for name, path in pages:
                    print(f"lighthouse: {name} {path}", file=sys.stderr, flush=True)
                    runs = [lighthouse(node, server.url + path, args.cpu_slowdown, root / f"lh-{i}.json")
                            for i in range(args.lighthouse_runs)]
                    good = [r for r in runs if "error" not in r]
                    if not good:
                        lh[path] = runs[0]
                        continue
                    lh[path] = {key: statistics.median(r[key] for r in good if r[key] is not None)
                                if any(r[key] is not None for r in good) else None
                                for key in ("fcp", "lcp", "si", "bytes", "requests", "blocking")}
                    lh[path]["warnings"] = sorted({w for r in good for w in r["warnings"]})
                    lh[path]["chrome"] = good[0]["chrome"]
            dt: dict[str, dict] = {}
            chrome_version = ""
            if with_devtools:
                print("devtools: throttled loads…", file=sys.stderr, flush=True)
                dt, chrome_version = devtools(chromium, pages, server.url, args.cpu_slowdown, args.runs)
        finally:
            server.stop()
    load_after = os.getloadavg()

    print(f"Cold first paint on a simulated 2G link: {RTT_MS} ms round trip, {KBPS} kbit/s ({BYTES_PER_S:,} B/s), "
          f"CPU {args.cpu_slowdown:g}x slower.\n"
          f"  {args.content.capitalize()} content on gunicorn -w {args.workers} --threads {args.threads}, loopback, "
          f"plain HTTP, SQLite; audio made for the bulletin, item and step measured ({rendered} jobs).")
    if with_lighthouse:
        print(f"  Lighthouse {lh_version}, simulate mode, Debian's {chromium}, mobile screen: it loads the page once\n"
              "    unthrottled, then models the link per connection (slow start included, and 2 round trips of DNS\n"
              "    for the host, even an IP address).\n"
              "    LH FCP / LH LCP / LH SI = first contentful paint, largest contentful paint, speed index (s);\n"
              "    LH B / LH req = bytes transferred and requests of the load.")
    if with_devtools:
        print(f"  Chromium {chrome_version} with its DevTools throttling (Network.emulateNetworkConditions: "
              f"{RTT_MS} ms added\n    to each request, {BYTES_PER_S:,} B/s down and up; cache off, "
              f"a fresh context per load; CPU {args.cpu_slowdown:g}x),\n    median of {args.runs} loads:\n"
              "    DT FCP = the Paint Timing API's first-contentful-paint, DT LCP, DT load = loadEventEnd (s);\n"
              "    DT B / DT req = bytes on the wire (headers included) and requests up to the load event.\n"
              "    This request-level throttling adds the latency once per request, never to the TCP handshake.")
    print("  Floor = the least time the link allows, from the bytes Chromium fetched (DT, else LH): no DNS,\n"
          "    no slow start, no server or CPU time.\n"
          "    floor / TLS1.3 / TLS1.2 = the whole first view (every byte up to the load event) after 2 round trips\n"
          "      (TCP handshake, request/response: plain HTTP), 3 (TLS 1.3) or 4 (TLS 1.2), at 280 kbit/s (s);\n"
          "    paint = the first paint's share: 3 round trips (handshake, the HTML, then the stylesheet it links)\n"
          "      plus the HTML and CSS bytes, plain HTTP (s). Request-level throttling can beat it by one round trip.")
    print(f"  The machine: {os.cpu_count()} CPUs shared with other work; load average "
          f"{load_before[0]:.1f} before, {load_after[0]:.1f} after ({time.perf_counter() - started:.0f} s).\n")

    width = max(len(path) for _name, path in pages)
    width = min(width, 44)
    head = f"{'page':<15} {'path':<{width}}"
    if with_lighthouse:
        head += f" {'LH FCP':>6} {'LH LCP':>6} {'LH SI':>5} {'LH B':>7} {'LH req':>6}"
    if with_devtools:
        head += f" {'DT FCP':>6} {'DT LCP':>6} {'DT load':>7} {'DT B':>7} {'DT req':>6}"
    head += f" {'floor':>5} {'TLS1.3':>6} {'TLS1.2':>6} {'paint':>5}"
    print(head)
    failed = []
    for name, path in pages:
        shown = path if len(path) <= width else path[:width - 1] + "…"
        row = f"{name:<15} {shown:<{width}}"
        fetched = None
        if with_lighthouse:
            r = lh[path]
            if "error" in r:
                failed.append(f"Lighthouse {path}: {r['error']}")
                row += f" {'error':>6} {'':>6} {'':>5} {'':>7} {'':>6}"
            else:
                row += (f" {_s(r['fcp']):>6} {_s(r['lcp']):>6} {_s(r['si']):>5} {_n(r['bytes']):>7} "
                        f"{_n(r['requests']):>6}")
                fetched = r
        if with_devtools:
            r = dt[path]
            if "error" in r:
                failed.append(f"DevTools {path}: {r['error']}")
                row += f" {'error':>6} {'':>6} {'':>7} {'':>7} {'':>6}"
            else:
                row += (f" {_s(r['fcp']):>6} {_s(r['lcp']):>6} {_s(r['load']):>7} {_n(r['bytes']):>7} "
                        f"{_n(r['requests']):>6}")
                fetched = r
        if fetched is None:
            row += f" {'—':>5} {'—':>6} {'—':>6} {'—':>5}"
        else:
            first_view, blocking = fetched["bytes"], fetched["blocking"]
            row += (f" {_s(floor_ms(2, first_view)):>5} {_s(floor_ms(3, first_view)):>6} "
                    f"{_s(floor_ms(4, first_view)):>6} {_s(floor_ms(3, blocking)):>5}")
        print(row)
    if with_devtools:
        encodings = sorted({r.get("encoding", "?") for r in dt.values() if "error" not in r})
        print(f"\nContent-Encoding of the HTML Chromium received: {', '.join(encodings)}.")
    warnings = sorted({w for r in lh.values() for w in r.get("warnings", [])}) if with_lighthouse else []
    for warning in warnings:
        print(f"Lighthouse warning: {warning}")
    if failed:
        print("\nfailed measurements:\n  " + "\n  ".join(failed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
