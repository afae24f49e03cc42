"""Load on one URL with wrk (bench/check.lua checks every answer), and single requests.

Every request looks like a reader's browser behind nginx: the site's host name, a browser's
User-Agent (the view count counts only those) and, to gunicorn directly, `X-Forwarded-Proto:
https` as nginx sends it; without that header production answers with a redirect to https.
"""

import http.client
import os
import re
import ssl
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.stack_support import HOST

LUA = Path(__file__).with_name("check.lua")
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
# An answer is whole when it has at least this share of the warm-up answer's body.
WHOLE = 0.9
# As long as gunicorn lets a request run (docker/gunicorn.conf.py) before it kills the worker.
TIMEOUT_SECONDS = 30
THREADS = 2
# Before each row, the same load for this long, not counted: each gunicorn worker keeps its own
# caches (pages, fragments, its database connection) and fills them at its first requests, so
# the first second after a start had a p99 of 35 ms against 14 in the seconds after (cached
# home page; one request before, as was done, warms one worker of three).
WARM_UP_SECONDS = 1


def headers(forwarded=True):
    sent = {"Host": HOST, "User-Agent": USER_AGENT}
    if forwarded:
        sent["X-Forwarded-Proto"] = "https"
    return sent


def fetch(url, method="GET"):
    """Status and body of one request (https: nginx's throwaway certificate is not checked)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        context = ssl._create_unverified_context()
        conn = http.client.HTTPSConnection(parts.netloc, timeout=120, context=context)
    else:
        conn = http.client.HTTPConnection(parts.netloc, timeout=120)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(method, path, body=b"" if method == "POST" else None, headers=headers())
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wrk(url, *, seconds, connections, min_bytes, forwarded=True, beacon="", every=1):
    """wrk's figures for `url` (see parse_summary); every answer checked by check.lua."""
    env = {
        **os.environ,
        "BENCH_HOST": HOST,
        "BENCH_USER_AGENT": USER_AGENT,
        "BENCH_PROTO": "https" if forwarded else "",
        "BENCH_MIN_BYTES": str(min_bytes),
        "BENCH_BEACON": beacon,
        "BENCH_BEACON_EVERY": str(every),
    }
    command = [
        "wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s",
        f"--timeout={TIMEOUT_SECONDS}s", "-s", str(LUA), url,
    ]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed on {url}: {result.stdout}{result.stderr}")
    return parse_summary(result.stdout)


def parse_summary(output):
    """The `bench-summary` line of check.lua's done(), in requests/s, milliseconds and counts.

    errors: every answer that was not the whole page (bad), plus timeouts and socket errors.
    """
    line = re.search(r"^bench-summary (.*)$", output, re.M)
    if not line:
        raise RuntimeError(f"no summary in wrk's output:\n{output}")
    values = {key: int(value) for key, value in re.findall(r"(\w+)=(-?\d+)", line[1])}
    return {
        "requests": values["requests"],
        "rps": values["requests"] / (values["duration_us"] / 1e6),
        "p50_ms": values["p50_us"] / 1000,
        "p99_ms": values["p99_us"] / 1000,
        "bad": values["bad"],
        "beacons": values["beacons"],
        "timeouts": values["timeouts"],
        "socket_errors": values["socket_errors"],
        "errors": values["bad"] + values["timeouts"] + values["socket_errors"],
    }


def measure(
    url, *, seconds, connections, warm_up=WARM_UP_SECONDS, forwarded=True, beacon="", every=1
):
    """One table row: fetch the URL once (its body size is the whole page), load it for
    `warm_up` seconds (0: not), then load it for `seconds`, measured; with a `beacon` (a path), its POST
    after every `every` pages, as readers' browsers send it."""
    status, body = fetch(url)
    row = {"url": url, "bytes": len(body)}
    if beacon:
        beacon_status, _ = fetch(urljoin(url, beacon), "POST")
        status = 200 if beacon_status == 204 else beacon_status
        row.update(beacon=beacon, every=every)
    if status != 200:
        # Nothing to measure: the row says why, and counts as an error.
        return {**row, "requests": 0, "rps": 0.0, "errors": 1, "failure": f"HTTP {status}"}
    options = {
        "connections": connections,
        "min_bytes": int(len(body) * WHOLE),
        "forwarded": forwarded,
        "beacon": beacon,
        "every": every,
    }
    if warm_up:
        warmed = wrk(url, seconds=warm_up, **options)
        row["warm_up"] = {key: warmed[key] for key in ("requests", "p99_ms", "errors")}
    summary = wrk(url, seconds=seconds, **options)
    pages = summary["requests"] - summary["beacons"]
    return {**row, **summary, "pages_per_s": pages / seconds}


def latencies(base_url, paths):
    """Sequential requests, one per path: milliseconds each, and the answers that were not 200."""
    timings, failures = [], []
    for path in paths:
        start = time.perf_counter()
        status, body = fetch(base_url + path)
        timings.append((time.perf_counter() - start) * 1000)
        if status != 200 or not body:
            failures.append(f"{path}: HTTP {status}")
    timings.sort()
    return {
        "requests": len(paths),
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[max(0, round(len(timings) * 0.95) - 1)],
        "max_ms": timings[-1],
        "failures": failures,
    }
