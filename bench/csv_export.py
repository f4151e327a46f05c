"""Benchmark: stream /api/reactions/?format=csv and print rows, time, rows/s and peak memory.

Usage (against the database in DATABASE_URL, default the development SQLite file):
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_synthetic --reactions 1000000
    .venv/bin/python bench/csv_export.py [--max-rows N] [--gzip] [--copy] [--trace]

Memory: the process's resident size is printed every 200,000 rows and at the end (it should stay
flat: rows are read through a cursor ``CSV_SQL_FETCH`` lines at a time on PostgreSQL, in chunks of
``CSV_CHUNK_SIZE`` rows elsewhere, and written out chunk by chunk); ``--trace`` also prints the
tracemalloc peak of Python allocations during the export (it slows Python down several times).
``--gzip`` asks for the gzipped stream (Accept-Encoding: gzip) and counts the lines after inflating.
``--copy`` (PostgreSQL) first times the physical limit on the same rows: psycopg's
``COPY (SELECT ...) TO STDOUT (FORMAT csv)`` of the exact SQL the export runs, and of its bare columns.
"""

import argparse
import os
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE / 1e6


def copy_limit():
    """Rows/s of COPY (...) TO STDOUT (FORMAT csv) of the export's own SQL, and of the reader's bare
    columns (no formatting, no cited sources): what the database alone can send."""
    from django.db import connection
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from core.api.rows import csv_sql
    from events.api.views import ReactionViewSet

    view = ReactionViewSet(action="list", format_kwarg=None, kwargs={})
    view.request = Request(APIRequestFactory().get("/api/reactions/"))
    reader = view.row_reader(view.filter_queryset(view.get_queryset()))
    lines_sql, params = csv_sql(reader, view.csv_columns)
    columns_sql, column_params = reader.queryset.query.sql_with_params()
    for label, sql, args in (("the export's SQL", lines_sql, params),
                             ("bare columns", columns_sql, column_params)):
        started, rows, size = time.perf_counter(), 0, 0
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")  # one statement for all rows: no API limit
        statement = f"COPY ({sql}) TO STDOUT (FORMAT csv)"
        with connection.cursor() as cursor, cursor.cursor.copy(statement, args) as copy:
            for block in copy:
                rows += bytes(block).count(b"\n")
                size += len(block)
        elapsed = time.perf_counter() - started
        print(f"COPY floor ({label}): rows={rows} bytes={size} seconds={elapsed:.1f} "
              f"rows_per_second={rows / elapsed:,.0f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-rows", type=int, default=0, help="Stop after this many rows (0: all).")
    parser.add_argument("--gzip", action="store_true", help="Ask for the gzipped stream.")
    parser.add_argument("--copy", action="store_true", help="First time COPY of the same SQL (PostgreSQL).")
    parser.add_argument("--trace", action="store_true", help="Also print the tracemalloc peak (slow).")
    parser.add_argument("--no-trace", action="store_true", help="Accepted for old commands; the default.")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    if args.copy and connection.vendor == "postgresql":
        copy_limit()
    client = Client()
    headers = {"HTTP_ACCEPT_ENCODING": "gzip"} if args.gzip else {}
    inflate = zlib.decompressobj(31) if args.gzip else None
    start_rss = rss_mb()
    if args.trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get("/api/reactions/", {"format": "csv"}, **headers)
    rows = -1  # the header line
    size = 0
    next_mark = 200_000
    peak_rss = start_rss
    for chunk in response.streaming_content:
        size += len(chunk)
        text = inflate.decompress(chunk) if inflate else chunk
        rows += text.count(b"\r\n")  # each CSV line ends with \r\n; a quoted line break is a bare \n
        if rows >= next_mark:
            peak_rss = max(peak_rss, rss_mb())
            print(f"  {rows:>9,} rows  {time.perf_counter() - started:6.1f} s  rss {rss_mb():.0f} MB",
                  flush=True)
            next_mark += 200_000
        if args.max_rows and rows >= args.max_rows:
            break
    elapsed = time.perf_counter() - started
    peak_rss = max(peak_rss, rss_mb())
    traced = f" peak_python_memory_mb={tracemalloc.get_traced_memory()[1] / 1e6:.1f}" if args.trace else ""
    print(f"status={response.status_code} gzip={'yes' if args.gzip else 'no'} lines={rows} bytes={size} "
          f"seconds={elapsed:.1f} rows_per_second={rows / elapsed:,.0f} rss_start_mb={start_rss:.0f} "
          f"rss_peak_mb={peak_rss:.0f}{traced}")


if __name__ == "__main__":
    main()
