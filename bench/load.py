"""Closed-loop HTTP load driver, run as its own process so it does not share the server's interpreter.

    python bench/load.py --base http://127.0.0.1:8150 --duration 10 --concurrency 1 URL_PATH...

Each of ``concurrency`` threads keeps one HTTP/1.1 keep-alive connection and sends the given paths in
turn, as fast as answers come back, for ``duration`` seconds (after ``--warmup`` seconds that are not
recorded). Only 127.0.0.1 / localhost is allowed. Prints one JSON object: requests, errors, requests/s
and latency percentiles in milliseconds.
"""

import argparse
import http.client
import json
import sys
import threading
import time
from urllib.parse import urlsplit


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def worker(host, port, paths, offset, warmup_end, end, latencies, errors):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    i = offset
    while True:
        path = paths[i % len(paths)]
        i += 1
        start = time.perf_counter()
        if start >= end:
            break
        try:
            conn.request("GET", path, headers={"Accept": "application/json"})
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        elapsed = time.perf_counter() - start
        if start >= warmup_end:
            if ok:
                latencies.append(elapsed)
            else:
                errors.append(path)
    conn.close()


def run(base, paths, duration, concurrency, warmup):
    parts = urlsplit(base)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("load.py only drives 127.0.0.1")
    now = time.perf_counter()
    warmup_end, end = now + warmup, now + warmup + duration
    latencies: list[float] = []
    errors: list[str] = []
    threads = [threading.Thread(target=worker, args=(parts.hostname, parts.port, paths, n, warmup_end, end,
                                                     latencies, errors)) for n in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    values = sorted(latencies)
    ms = [v * 1000 for v in values]
    return {"requests": len(values), "errors": len(errors), "rps": len(values) / duration,
            "p50": percentile(ms, 50), "p95": percentile(ms, 95), "p99": percentile(ms, 99),
            "first_error": errors[0] if errors else None}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=1)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    json.dump(run(args.base, args.paths, args.duration, args.concurrency, args.warmup), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
