"""wrk, driven by a generated Lua script: one thread, bounded in time and (optionally)
in requests; every request can get a fresh query string or phone number from a counter.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass

LUA = r"""
local requests_ = %(requests)s
local bust = %(bust)s
local limit = %(limit)d
local phone_base = %(phone_base)d
local salt = "%(salt)s"
local counter, answered = 0, 0

request = function()
  counter = counter + 1
  local r = requests_[(counter - 1) %% #requests_ + 1]
  local path, body = r.path, r.body
  if bust or r.bust then
    local sep = "?"
    if string.find(path, "?", 1, true) then sep = "&" end
    path = path .. sep .. "_bench=" .. salt .. counter
  end
  if body and phone_base > 0 then
    body = string.gsub(body, "PHONE", string.format("1%%010d", phone_base + counter))
  end
  return wrk.format(r.method, path, r.headers, body)
end

if limit > 0 then
  response = function(status, headers, body)
    answered = answered + 1
    if answered >= limit then wrk.thread:stop() end
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH_RESULT %%d %%d %%d %%d %%d %%d %%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
"""


_SALT = f"{os.getpid()}{int(time.time())}"
_runs = 0


@dataclass
class Result:
    requests: int
    seconds: float
    bad_status: int
    socket_errors: int
    p50_ms: float
    p90_ms: float
    p99_ms: float

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print(">> installing wrk (Debian package)", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if subprocess.run(install, env=env, capture_output=True, timeout=300).returncode:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=300)
        subprocess.run(install, env=env, check=True, capture_output=True, timeout=300)


def _lua_string(value):
    return json.dumps(value, ensure_ascii=False)  # a JSON string (no \u escapes) is a Lua string


def _lua_requests(requests):
    items = []
    for r in requests:
        headers = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}"
                            for k, v in r.get("headers", {}).items())
        body = _lua_string(r["body"]) if r.get("body") is not None else "nil"
        bust = "true" if r.get("bust") else "false"
        items.append(f'{{method = {_lua_string(r.get("method", "GET"))}, path = {_lua_string(r["path"])}, '
                     f'headers = {{{headers}}}, body = {body}, bust = {bust}}}')
    return "{" + ", ".join(items) + "}"


def wrk(base_url, requests, *, seconds, connections=1, bust=False, limit=0, phone_base=0,
        timeout_s=10):
    """Run wrk against base_url, cycling through `requests` (dicts: path, method, headers,
    body, bust); `bust` gives every request its own query string (a cache miss)."""
    if isinstance(requests, str):
        requests = [{"path": requests}]
    global _runs
    _runs += 1  # a cache-busting query string is never reused, not even by the next run
    script = LUA % {"requests": _lua_requests(requests), "bust": "true" if bust else "false",
                    "limit": limit, "phone_base": phone_base, "salt": f"{_SALT}r{_runs}n"}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout_s}s",
                   "-s", handle.name, base_url]
        out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + timeout_s + 30)
    finally:
        os.unlink(handle.name)
    match = re.search(r"BENCH_RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out.stdout)
    if not match:
        raise RuntimeError(f"wrk gave no result: {out.stdout}\n{out.stderr}")
    n, duration_us, bad, sock, p50, p90, p99 = map(int, match.groups())
    return Result(n, duration_us / 1e6, bad, sock, p50 / 1000, p90 / 1000, p99 / 1000)
