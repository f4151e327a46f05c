"""Print EXPLAIN ANALYZE for the SQL the API really runs on the benchmark's main requests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eventdb_bench .venv/bin/python bench/explain.py

Each request goes through the Django test client; every query it runs is captured and explained, so
the plans (and the indexes they use) are those of the real code path, not hand-written SQL.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.runner import pick_requests  # noqa: E402


def main():
    if connection.vendor != "postgresql":
        raise SystemExit("Point DATABASE_URL at the PostgreSQL benchmark database.")
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    requests, _info = pick_requests(url)
    client = Client()
    for name, paths in requests.items():
        path = paths[0]
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path, HTTP_ACCEPT="application/json").status_code
        print(f"\n=== {name}: GET {path} -> {status}, {len(captured)} queries")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            print(f"\n--- {query['time']}s: {sql[:300]}{'...' if len(sql) > 300 else ''}")
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}")
                for (line,) in cursor.fetchall():
                    print(f"    {line}")


if __name__ == "__main__":
    main()
