"""Driving a route with wrk (Debian's `wrk`, compiled, so the load generator is not the ceiling):
GETs, or petition POSTs each with a submission id of its own. Imported by bench/load.py."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

# wrk's Lua: every thread counts the statuses it saw by class (2xx, 3xx, 4xx, 5xx); the summary adds
# them up and prints one line. (A petition POST answers 303: counting every status below 400 as a
# "200" hid that.)
_COMMON = r"""
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
s2, s3, s4, s5 = 0, 0, 0, 0
response = function(status, headers, body)
  if status < 300 then s2 = s2 + 1 elseif status < 400 then s3 = s3 + 1
  elseif status < 500 then s4 = s4 + 1 else s5 = s5 + 1 end
end
done = function(summary, latency, requests)
  local c2, c3, c4, c5 = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c2 = c2 + t:get("s2"); c3 = c3 + t:get("s3"); c4 = c4 + t:get("s4"); c5 = c5 + t:get("s5")
  end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %.1f %.1f %.1f\n", summary.requests, summary.duration,
    c2, c3, c4, c5, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95),
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
    requests, duration, c2, c3, c4, c5, errors, p50, p95, p99 = line.split()[1:]
    counts = {"2xx": int(c2), "3xx": int(c3), "4xx": int(c4), "5xx": int(c5), "err": int(errors)}
    statuses = {name: n for name, n in counts.items() if n}
    return {"rps": int(requests) / (int(duration) / 1e6), "p50": float(p50) / 1000, "p95": float(p95) / 1000,
            "p99": float(p99) / 1000, "n": int(requests), "statuses": statuses}
