"""Benchmark of the scale-out topology: the caching proxy, and reads on the replica, with CPU per request.

    bench/scaleout --reactions 1000000 --duration 10 [--concurrency 1,4] [--json out.json]

Starts deploy/local/topology.py (throwaway primary + streaming replica, Redis, two gunicorn app processes
with one sync worker each, nginx), generates the synthetic data on the primary (the replica streams it),
then measures, each with bench/load.py in separate processes:

1. ``proxy``: the dashboard's five API requests, repeated, through nginx (cache hits after the first);
2. ``app, replica reads``: the list/detail request types of bench/runner.py, sent straight to both app
   processes at once (no proxy cache), every read on the replica (checked: its lag and
   pg_stat_database's transaction counts);
3. the same with the apps' reads on the primary (the replica taken out with DATABASE_REPLICA_URLS unset).

For each run it prints req/s, p50/p95, and the CPU time each component spent per request (from
/proc: utime+stime of the process trees of nginx, the app processes, the primary and the replica), the
per-core figures the README's capacity model starts from.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.runner import PY, fmt, log, machine, pick_requests  # noqa: E402
from deploy.local.topology import Topology  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
DASHBOARD = [  # what dashboard/static/dashboard/dashboard.js asks for on load, unfiltered
    "/api/reactions/stats/?group_by=stance",
    "/api/reactions/stats/?group_by=country",
    "/api/reactions/stats/?group_by=date&interval=day",
    "/api/events/?page_size=1000&ordering=date",
    "/api/reactions/?page_size=25&page=1",
]
LIST_TYPES = ["country", "date_range", "deep_cursor", "detail", "text_search"]


def process_tree_cpu(root_pid: int) -> float:
    """CPU seconds used by a process and its descendants (living, and reaped through cutime/cstime)."""
    parents: dict[int, int] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid], stats[pid] = int(fields[1]), fields
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        current = frontier.pop()
        for pid, parent in parents.items():
            if parent == current and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total = 0
    for pid in tree:
        fields = stats.get(pid)
        if fields:  # utime, stime, cutime, cstime are fields 14-17 of stat; 12-15 after pid and comm
            total += sum(int(v) for v in fields[11:15])
    return total / TICKS


def components(topology) -> dict[str, int]:
    pids = {"proxy": topology.procs["proxy"].pid, "app1": topology.procs["app1"].pid,
            "app2": topology.procs["app2"].pid}
    pids["primary"] = topology.postmaster_pid("primary")
    pids["replica"] = topology.postmaster_pid("replica")
    return pids


def cpu_snapshot(pids) -> dict[str, float]:
    return {name: process_tree_cpu(pid) for name, pid in pids.items()}


def drive_many(targets, paths, duration, concurrency):
    """bench/load.py against several base URLs at once (one process each); summed."""
    procs = [subprocess.Popen([PY, str(ROOT / "bench" / "load.py"), "--base", base, "--duration",
                               str(duration), "--concurrency", str(concurrency), *paths],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True) for base in targets]
    results = [json.loads(p.communicate()[0]) for p in procs]
    latencies = {k: max(r[k] or 0 for r in results) for k in ("p50", "p95", "p99")}
    return {"requests": sum(r["requests"] for r in results), "errors": sum(r["errors"] for r in results),
            "rps": sum(r["rps"] for r in results), **latencies}


def measured(name, topology, targets, paths, duration, concurrency):
    pids = components(topology)
    before = cpu_snapshot(pids)
    result = drive_many(targets, paths, duration, concurrency)
    after = cpu_snapshot(pids)
    spent = {k: after[k] - before[k] for k in pids}
    # The load generator's 1 s warm-up is not counted in requests but is in CPU: scale it out.
    counted = result["requests"] * (duration + 1) / duration if result["requests"] else 0
    per_request = {k: (v * 1000 / counted if counted else None) for k, v in spent.items()}
    app_ms = (per_request["app1"] or 0) + (per_request["app2"] or 0)
    log(f"  {name:<34} c={concurrency}: {result['rps']:8.1f} req/s  p50 {fmt(result['p50'])} ms  p95 "
        f"{fmt(result['p95'])} ms  errors {result['errors']} | CPU ms/request: proxy "
        f"{fmt(per_request['proxy'], 3)}, apps {app_ms:.3f}, primary {fmt(per_request['primary'], 3)}, "
        f"replica {fmt(per_request['replica'], 3)}")
    return {"run": name, "concurrency": concurrency, **result, "cpu_ms_per_request": {
        "proxy": per_request["proxy"], "apps": app_ms, "primary": per_request["primary"],
        "replica": per_request["replica"]}}


def replica_commits(topology):
    rows = topology.replica_sql("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
    return rows[0][0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reactions", type=int, default=1_000_000)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--concurrency", default="1,4")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per app process")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    env = {"API_ANON_THROTTLE_RATE": "100000000/second", "DJANGO_LOG_LEVEL": "WARNING"}
    runs = []
    t = time.perf_counter()
    with Topology(seeds=False, synthetic=args.reactions, app_workers=args.workers, app_env=env) as topology:
        log(f"topology up with {args.reactions:,} reactions in {time.perf_counter() - t:.0f} s")
        info = {"machine": machine(topology.database_url("primary"))}
        with psycopg.connect(topology.database_url("primary")) as conn:
            info["database_size"] = conn.execute(
                "SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
            info["database_bytes"] = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        requests, picked = pick_requests(topology.database_url("primary"))
        info.update(picked)
        log(f"Machine: {info['machine']}; database {info['database_size']}")
        list_paths = [p for name in LIST_TYPES for p in requests[name]]
        apps = [topology.url("app1"), topology.url("app2")]

        for path in DASHBOARD:  # warm the proxy's cache (and the stats cache in Redis)
            with urllib.request.urlopen(topology.url() + path, timeout=120) as response:
                response.read()
        for c in concurrencies:
            runs.append(measured("proxy: dashboard (cache hits)", topology, [topology.url()], DASHBOARD,
                                 args.duration, c))
        for c in concurrencies:
            runs.append(measured("apps: dashboard (no proxy)", topology, apps, DASHBOARD, args.duration, c))

        before = replica_commits(topology)
        for c in concurrencies:
            runs.append(measured("apps: lists, reads on the replica", topology, apps, list_paths,
                                 args.duration, c))
        info["replica_transactions_during_replica_runs"] = replica_commits(topology) - before

        # The same apps reading from the primary: restart them without the replica.
        for service in ("app1", "app2"):
            topology.stop_service(service)
        topology.app_env["DATABASE_REPLICA_URLS"] = ""
        for service in ("app1", "app2"):
            topology.start_app(service)
        before = replica_commits(topology)
        for c in concurrencies:
            runs.append(measured("apps: lists, reads on the primary", topology, apps, list_paths,
                                 args.duration, c))
        info["replica_transactions_during_primary_runs"] = replica_commits(topology) - before

    log("")
    log(f"{args.reactions:,} synthetic reactions ({info['database_size']}), {args.duration:g} s per run, "
        f"2 app processes x {args.workers} sync worker(s), nginx 1 worker; {info['machine']}")
    log(f"replica transactions: {info['replica_transactions_during_replica_runs']:,} during the replica "
        f"runs, {info['replica_transactions_during_primary_runs']:,} during the primary runs")
    log("")
    log("| run | conc. | req/s | p50 ms | p95 ms | CPU ms/req proxy | apps | primary | replica |")
    log("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        cpu = r["cpu_ms_per_request"]
        log(f"| {r['run']} | {r['concurrency']} | {r['rps']:.1f} | {fmt(r['p50'])} | {fmt(r['p95'])} | "
            f"{fmt(cpu['proxy'], 3)} | {fmt(cpu['apps'], 2)} | {fmt(cpu['primary'], 2)} | "
            f"{fmt(cpu['replica'], 2)} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"info": info, "dashboard": DASHBOARD, "lists": list_paths,
                                               "runs": runs}, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
