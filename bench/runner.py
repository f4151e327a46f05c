"""Benchmark: the API on N synthetic reactions on PostgreSQL, against a raw psycopg+orjson floor.

Run it with ``bench/run`` (see bench/README.md). Steps: create the database if needed (``--fresh``
recreates it), migrate, ``generate_synthetic`` (skipped when the same size and seed are already
there), pick request parameters from the data, start the API (production settings) and the floor
(bench/floor.py) under identical gunicorn settings on 127.0.0.1, check that both give the same
answers, then drive each request type against each server in turn with bench/load.py (a separate
process) and print requests/s and p50/p95/p99 per type, plus API/floor throughput ratios.
"""

import argparse
import base64
import datetime
import json
import os
import platform
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def log(message):
    print(message, flush=True)


def sh(*args, env=None):
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def ensure_database(server_url, name, fresh):
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            log(f"Dropping database {name} (--fresh)")
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            log(f"Creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def cursor_token(day, last_id):
    # Same format as core.api.pagination.KeysetPage.encode for the default (date, id) ordering.
    data = json.dumps({"p": "values", "o": ["date", "id"], "v": [day.isoformat(), last_id]},
                      separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def pick_requests(db_url):
    """Representative requests, chosen from the data so each one has something to return."""
    with psycopg.connect(db_url) as conn:
        top = conn.execute(
            "SELECT a.country, count(*) FROM events_reaction r JOIN actors_actor a ON a.id = r.actor_id "
            "WHERE r.status = 'reviewed' AND a.country <> '' GROUP BY a.country ORDER BY 2 DESC").fetchall()
        total = sum(n for _c, n in top)
        big, mid, small = top[0], top[len(top) // 4], top[len(top) // 2]
        day = conn.execute("SELECT date FROM events_reaction WHERE status = 'reviewed' AND date IS NOT NULL "
                           "ORDER BY date, id OFFSET %s LIMIT 1", (total // 3,)).fetchone()[0]
        deep = [conn.execute("SELECT date, id FROM events_reaction WHERE status = 'reviewed' AND date IS NOT "
                             "NULL ORDER BY date, id OFFSET %s LIMIT 1", (total * k // 10,)).fetchone()
                for k in (5, 7, 9)]
        slugs = [r[0] for r in conn.execute(
            "SELECT slug FROM events_reaction WHERE status = 'reviewed' AND slug LIKE 'syn-%%' "
            "ORDER BY id OFFSET %s LIMIT 3", (total // 2,)).fetchall()]
    end = day + datetime.timedelta(days=30)
    return {
        "country": [f"/api/reactions/?country={c}" for c, _n in (big, mid, small)],
        "date_range": [f"/api/reactions/?date_after={day.isoformat()}&date_before={end.isoformat()}"],
        "text_search": ["/api/reactions/?q=ceasefire", "/api/reactions/?q=extradition"],
        "stats": ["/api/reactions/stats/?group_by=country"],
        "plover": ["/api/reactions/?plover_type=SANCTION&plover_context=diplomatic",
                   "/api/reactions/?plover_context=legal", "/api/reactions/?plover_mode=withdraw"],
        "deep_cursor": [f"/api/reactions/?cursor={cursor_token(d, i)}" for d, i in deep],
        "detail": [f"/api/reactions/{s}/" for s in slugs],
    }, {"countries": [(c, n) for c, n in (big, mid, small)], "reviewed_reactions": total}


def start_server(app, port, env, workers):
    args = [GUNICORN, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync",
            "--access-logfile", "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            "--error-logfile", "-", "--log-level", "warning", "--timeout", "60"]
    proc = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/reactions/r/", timeout=2):
                pass
        except urllib.error.HTTPError:
            return proc  # any HTTP answer means it is up
        except OSError:
            time.sleep(0.3)
            continue
        return proc
    stop_server(proc)
    raise SystemExit(f"{app} did not start on port {port}")


def stop_server(proc):
    if proc and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return json.loads(response.read())


def first_request_ms(port, path):
    """Time of one request, in ms: taken right after a server starts, the stats answer is not cached yet."""
    t = time.perf_counter()
    fetch(port, path)
    return (time.perf_counter() - t) * 1000


def compare(api_port, floor_port, requests):
    """The floor must do the same work: same rows in the same order for every benchmark request."""
    problems = []
    for name, paths in requests.items():
        for path in paths:
            api, floor = fetch(api_port, path), fetch(floor_port, path)
            if "results" in api and name != "stats":
                a = [r["slug"] for r in api["results"]]
                f = [r["slug"] for r in floor["results"]]
                if a != f or api.get("count") != floor.get("count"):
                    problems.append(f"{name} {path}: API {len(a)} rows (count {api.get('count')}), floor "
                                    f"{len(f)} rows (count {floor.get('count')})")
                if not a:
                    problems.append(f"{name} {path}: no rows")
            elif name == "stats":
                if api.get("total") != floor.get("total"):
                    problems.append(f"stats: API total {api.get('total')}, floor {floor.get('total')}")
            elif api.get("slug") != floor.get("slug"):
                problems.append(f"{name} {path}: detail differs")
    return problems


def drive(port, paths, duration, concurrency):
    out = subprocess.run([PY, str(ROOT / "bench" / "load.py"), "--base", f"http://127.0.0.1:{port}",
                          "--duration", str(duration), "--concurrency", str(concurrency), *paths],
                         cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def machine(db_url):
    with psycopg.connect(db_url) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"nproc {os.cpu_count()} ({cpu}), memory {mem}, PostgreSQL {pg}, "
            f"Python {platform.python_version()}")


def fmt(v, digits=1):
    return "-" if v is None else f"{v:.{digits}f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description="API vs floor benchmark on synthetic data (PostgreSQL).")
    parser.add_argument("--reactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--duration", type=float, default=10, help="Seconds per request type per server.")
    parser.add_argument("--concurrency", default="1", help="Comma-separated, e.g. 1,4.")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers.")
    parser.add_argument("--server", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--database", default="eventdb_bench")
    parser.add_argument("--port", type=int, default=8150, help="API port; the floor uses port + 1.")
    parser.add_argument("--fresh", action="store_true", help="Drop and recreate the database first.")
    parser.add_argument("--json", help="Also write the results to this file.")
    args = parser.parse_args(argv)
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    db_url = f"{args.server}/{args.database}"

    ensure_database(args.server, args.database, args.fresh)
    env = {**os.environ, "DATABASE_URL": db_url, "DJANGO_DEBUG": "0",
           "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789abcdef",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SECURE_SSL_REDIRECT": "0",
           "DJANGO_STATIC_MANIFEST": "0", "API_ANON_THROTTLE_RATE": "100000000/second",
           "DJANGO_LOG_LEVEL": "WARNING", "FLOOR_DATABASE_URL": db_url, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    t = time.perf_counter()
    sh(PY, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
    log(f"migrate: {time.perf_counter() - t:.1f}s")
    t = time.perf_counter()
    sh(PY, "manage.py", "generate_synthetic", "--reactions", str(args.reactions), "--seed", str(args.seed),
       "--replace", env=env)
    log(f"generate_synthetic: {time.perf_counter() - t:.1f}s")
    requests, info = pick_requests(db_url)
    info["machine"] = machine(db_url)
    log(f"Machine: {info['machine']}")
    log(f"Reviewed reactions: {info['reviewed_reactions']:,}; countries used (reactions): "
        f"{info['countries']}")

    api = floor = None
    results = {}
    cold_stats = {}
    try:
        api = start_server("config.wsgi:application", args.port, env, args.workers)
        floor = start_server("bench.floor:application", args.port + 1, env, args.workers)
        # Before anything else asks for stats: the API caches stats answers per data version, so this
        # first request is the one that computes it (as after every data change); the floor never caches.
        stats_path = requests["stats"][0]
        cold_stats = {"api": first_request_ms(args.port, stats_path),
                      "floor": first_request_ms(args.port + 1, stats_path)}
        problems = compare(args.port, args.port + 1, requests)
        for p in problems:
            log(f"WARNING: API and floor disagree: {p}")
        for c in concurrencies:
            for name, paths in requests.items():
                a = drive(args.port, paths, args.duration, c)
                f = drive(args.port + 1, paths, args.duration, c)
                results[(name, c)] = (a, f)
                log(f"  {name:<12} c={c}: API {a['rps']:7.1f} req/s p95 {fmt(a['p95'])} ms | floor "
                    f"{f['rps']:7.1f} req/s p95 {fmt(f['p95'])} ms" + (f" | API errors {a['errors']}"
                                                                      if a["errors"] else ""))
    finally:
        stop_server(api)
        stop_server(floor)

    log("")
    log(f"{args.reactions:,} synthetic reactions, {args.duration:g}s per type per server, gunicorn "
        f"{args.workers} sync workers; {info['machine']}")
    log("")
    log("| request | conc. | API req/s | API p50 ms | API p95 ms | API p99 ms | floor req/s | floor p95 ms "
        "| API/floor |")
    log("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (name, c), (a, f) in results.items():
        ratio = a["rps"] / f["rps"] if f["rps"] else 0
        log(f"| {name} | {c} | {a['rps']:.1f} | {fmt(a['p50'])} | {fmt(a['p95'])} | {fmt(a['p99'])} | "
            f"{f['rps']:.1f} | {fmt(f['p95'])} | {ratio:.2f} |")
    if cold_stats:
        log("")
        log(f"stats, first request after start (cold cache): API {cold_stats['api']:.0f} ms, "
            f"floor {cold_stats['floor']:.0f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"info": info, "requests": requests, "stats_first_request_ms": cold_stats,
             "results": [{"request": n, "concurrency": c, "api": a, "floor": f}
                         for (n, c), (a, f) in results.items()]}, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
