"""Driving a route with wrk (Debian's `wrk`, compiled, so the load generator is not the ceiling):
GETs, or petition POSTs each with a submission id of its own. Imported by bench/load.py."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

# wrk's Lua: every thread counts the statuses it saw; the summary adds them up and prints one line.
_COMMON = r"""
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
ok, other = 0, 0
response = function(status, headers, body)
  if status < 400 then ok = ok + 1 else other = other + 1 end
end
done = function(summary, latency, requests)
  local good, bad = 0, 0
  for _, t in ipairs(threads) do good = good + t:get("ok"); bad = bad + t:get("other") end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %.1f %.1f %.1f\n", summary.requests, summary.duration,
    good, bad, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""

_POST = r"""
counter = 0
request = function()
  counter = counter + 1
  local id = string.format("%s%08x%08x", PREFIX, tid, counter)
  return wrk.format("POST", PATH, nil, BODY .. "&submission_id=" .. id .. "&title=" .. TITLE .. id:sub(-8))
end
"""


def available() -> str | None:
    return shutil.which("wrk")


def drive(url: str, path: str, connections: int, seconds: float, headers: dict[str, str],
          form: dict[str, str] | None = None, title: str = "", prefix: str = "") -> dict:
    """GET `path` (or POST `form` to it) for `seconds` over `connections` keep-alive connections."""
    script = _COMMON
    if form is not None:
        body = "&".join(f"{quote(k)}={quote(v)}" for k, v in form.items())
        script += (f'PATH = "{path}"\nBODY = "{body}"\nTITLE = "{quote(title)}"\nPREFIX = "{prefix}"\n'
                   + _POST)
        headers = dict(headers, **{"Content-Type": "application/x-www-form-urlencoded"})
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        lua = Path(tmp) / "script.lua"
        lua.write_text(script)
        threads = min(2, connections)
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "30s", "-s", str(lua)]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        done = subprocess.run([*command, url + path], capture_output=True, text=True, timeout=seconds + 120,
                              check=False)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk failed on {path}: {done.stdout[-1500:]} {done.stderr[-1500:]}")
    requests, duration, good, bad, errors, p50, p95, p99 = line.split()[1:]
    statuses = {200: int(good)}
    if int(bad):
        statuses[999] = int(bad)
    if int(errors):
        statuses[0] = int(errors)
    return {"rps": int(requests) / (int(duration) / 1e6), "p50": float(p50) / 1000, "p95": float(p95) / 1000,
            "p99": float(p99) / 1000, "n": int(requests), "statuses": statuses}
