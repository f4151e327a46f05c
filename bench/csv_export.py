"""Benchmark: stream /api/reactions/?format=csv and print rows, time and peak Python memory.

Usage (against the database in DATABASE_URL, default the development SQLite file):
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_synthetic --reactions 1000000
    .venv/bin/python bench/csv_export.py [--max-rows N]

Peak memory is measured with tracemalloc over the response iteration (Python allocations only); it
should stay about the same whether 10k or 1M rows match, because rows are read in chunks of
core.api.renderers.CSV_CHUNK_SIZE and written out one line at a time.
"""

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-rows", type=int, default=0, help="Stop after this many rows (0: all).")
    parser.add_argument("--no-trace", action="store_true",
                        help="Skip tracemalloc (it slows Python down several times) to time the export.")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    client = Client()
    if not args.no_trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get("/api/reactions/", {"format": "csv"})
    rows = -1  # the header line
    size = 0
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")  # quoted newlines inside cells make this approximate
        size += len(chunk)
        if args.max_rows and rows >= args.max_rows:
            break
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if not args.no_trace else float("nan")
    print(f"status={response.status_code} lines={rows} bytes={size} seconds={elapsed:.1f} "
          f"rows_per_second={rows / elapsed:,.0f} peak_python_memory_mb={peak / 1e6:.1f}")


if __name__ == "__main__":
    main()
