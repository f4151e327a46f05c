"""The benchmark's requests timed in one process through the WSGI application, without HTTP.

    .venv/bin/python bench/inprocess.py --database eventdb_bench [--types date_range,detail] [--profile TYPE]

Production settings, the same paths bench/run picks from the data, no load generator and no gunicorn:
per request type, the mean wall time and the CPU time this Python process spent (which other processes
on a shared machine do not inflate) over N requests, best of 3. ``--profile TYPE`` prints cProfile's
top functions for that type instead. Also times the floor (bench/floor.py) the same way, in process.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--database", default="eventdb_bench")
    parser.add_argument("--types", default="country,date_range,text_search,plover,deep_cursor,detail")
    parser.add_argument("-n", type=int, default=100, help="requests per path per repetition")
    parser.add_argument("--profile", metavar="TYPE", help="print cProfile's top functions for one type")
    args = parser.parse_args(argv)
    db_url = f"{args.server}/{args.database}"
    os.environ.update(DATABASE_URL=db_url, DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="config.settings",
                      DJANGO_SECRET_KEY="benchmark-only-secret-key-not-for-production-0123456789abcdef",
                      DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost", DJANGO_SECURE_SSL_REDIRECT="0",
                      DJANGO_STATIC_MANIFEST="0", API_ANON_THROTTLE_RATE="100000000/second",
                      DJANGO_LOG_LEVEL="WARNING", FLOOR_DATABASE_URL=db_url)
    from bench.runner import pick_requests
    from config.wsgi import application

    requests, _info = pick_requests(db_url)
    # After the application has loaded Django's settings: the floor configures them only when unset.
    from bench import floor

    def caller(app):
        def call(path):
            p, _, q = path.partition("?")
            environ = {"REQUEST_METHOD": "GET", "PATH_INFO": p, "QUERY_STRING": q, "SERVER_NAME": "127.0.0.1",
                       "SERVER_PORT": "8150", "HTTP_HOST": "127.0.0.1:8150", "wsgi.input": io.BytesIO(),
                       "wsgi.url_scheme": "http", "REMOTE_ADDR": "127.0.0.1", "wsgi.errors": sys.stderr}
            status = []
            body = b"".join(app(environ, lambda s, h, e=None: status.append(s)))
            assert status[0].startswith("200"), (path, status[0], body[:200])
            return body
        return call

    api, bare = caller(application), caller(floor.application)
    if args.profile:
        import cProfile
        import pstats
        paths = requests[args.profile]
        for path in paths * 20:
            api(path)
        profiler = cProfile.Profile()
        profiler.enable()
        for path in paths * (300 // len(paths)):
            api(path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
        return

    print(f"{'request':<12} {'API wall':>9} {'API CPU':>8} {'floor wall':>11} {'floor CPU':>10}  wall ratio")
    for name in args.types.split(","):
        paths = requests[name]
        row = []
        for call in (api, bare):
            for path in paths * 10:
                call(path)
            walls, cpus = [], []
            for _rep in range(3):
                t, c = time.perf_counter(), time.process_time()
                for _ in range(args.n):
                    for path in paths:
                        call(path)
                k = args.n * len(paths)
                walls.append((time.perf_counter() - t) / k * 1000)
                cpus.append((time.process_time() - c) / k * 1000)
            row += [min(walls), min(cpus)]
        api_wall, api_cpu, floor_wall, floor_cpu = row
        print(f"{name:<12} {api_wall:8.2f}  {api_cpu:7.2f}  {floor_wall:10.2f}  {floor_cpu:9.2f}   "
              f"{floor_wall / api_wall:.2f}")


if __name__ == "__main__":
    main()
