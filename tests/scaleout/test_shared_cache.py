"""With CACHE_URL=redis://..., throttle counters and stats answers are shared by every app process, and a
Redis outage costs speed, never answers.

Two gunicorn processes (one worker each, so nothing is shared but Redis) serve one SQLite database and
use the machine's Redis on 127.0.0.1:6379 (TEST_REDIS_URL to change) under a key prefix of their own,
whose keys are removed afterwards. A Redis that cannot be reached fails these tests; they never skip.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from deploy.local.topology import free_port
from tests.scaleout.conftest import HttpClient, wait_until

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
THROTTLE = 6  # anonymous requests per minute, per client address


def base_env(tmp, cache_url, prefix):
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp),
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}", "CACHE_URL": cache_url,
            "CACHE_KEY_PREFIX": prefix, "DJANGO_SECRET_KEY": "shared-cache-test-key-" + "Zr4mW8qT" * 5,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_STATIC_MANIFEST": "0", "API_NUM_PROXIES": "1",
            "API_ANON_THROTTLE_RATE": f"{THROTTLE}/minute", "DJANGO_LOG_LEVEL": "ERROR"}


def start_app(env, log):
    port = free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
                                 f"127.0.0.1:{port}", "--workers", "1"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    client = HttpClient(f"http://127.0.0.1:{port}")

    def up():
        assert proc.poll() is None, Path(log).read_text()
        try:
            return client.get("/healthz").status == 200
        except OSError:
            return False
    wait_until(up, timeout=60, message=f"gunicorn on {port}")
    return proc, client


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # the gunicorn master this module started
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def shared_redis():
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    client.ping()  # no Redis: the tests fail here
    prefix = f"eventdb-test-{uuid.uuid4().hex[:12]}"
    yield client, prefix
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@pytest.fixture(scope="module")
def two_apps(tmp_path_factory, shared_redis):
    _client, prefix = shared_redis
    tmp = tmp_path_factory.mktemp("shared-cache")
    env = base_env(tmp, REDIS_URL, prefix)
    for command in (["migrate", "--noinput", "-v", "0"], ["load_seeds", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300)
    a, client_a = start_app(env, tmp / "a.log")
    b, client_b = start_app(env, tmp / "b.log")
    yield client_a, client_b
    stop(a)
    stop(b)


def as_client(address):
    """Request headers of a distinct client behind the one proxy (API_NUM_PROXIES=1)."""
    return {"X-Forwarded-For": address}


def test_the_anonymous_throttle_is_counted_across_processes(two_apps):
    a, b = two_apps
    client = as_client("198.51.100.10")
    statuses = [(a if i % 2 else b).get("/api/actors/", **client).status for i in range(THROTTLE)]
    assert statuses == [200] * THROTTLE
    # Each process has served only half the limit; together they reached it.
    for app in (a, b):
        refused = app.get("/api/actors/", **client)
        assert refused.status == 429 and int(refused.headers["Retry-After"]) > 0
    # Another client is counted apart.
    assert a.get("/api/actors/", **as_client("198.51.100.11")).status == 200


def test_a_stats_answer_computed_by_one_process_is_served_from_redis_by_the_other(two_apps, shared_redis):
    a, b = two_apps
    redis_client, prefix = shared_redis
    path = "/api/reactions/stats/?group_by=country"
    first = a.get(path, **as_client("198.51.100.20"))
    assert first.status == 200 and first.json()["total"] > 0
    [key] = [k for k in redis_client.scan_iter(match=f"{prefix}:*stats:events.reaction:*")]
    time.sleep(2.1)
    assert redis_client.object("idletime", key) >= 2  # nobody has read it since process A stored it

    second = b.get(path, **as_client("198.51.100.21"))

    assert second.status == 200 and second.json() == first.json()
    assert redis_client.object("idletime", key) <= 1  # process B just read A's answer from Redis


def test_with_redis_unreachable_the_api_answers_uncached_never_500(tmp_path):
    closed = free_port()  # nothing listens there
    env = {**base_env(tmp_path, f"redis://127.0.0.1:{closed}/0", "unreachable"),
           "DJANGO_LOG_LEVEL": "WARNING"}
    for command in (["migrate", "--noinput", "-v", "0"], ["load_seeds", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300)
    proc, app = start_app(env, tmp_path / "app.log")
    try:
        client = as_client("198.51.100.30")
        stats = [app.get("/api/reactions/stats/?group_by=stance", **client) for _ in range(3)]
        assert [r.status for r in stats] == [200, 200, 200]
        assert stats[0].json()["total"] > 0 and stats[0].json() == stats[2].json()
        # The throttle fails open while its counters are unreachable: more than the limit get through.
        lists = [app.get("/api/reactions/?country=NI", **client).status for _ in range(THROTTLE + 2)]
        assert lists == [200] * (THROTTLE + 2)
        assert app.get("/readyz").status == 200
    finally:
        stop(proc)
    assert "Cache unavailable" in (tmp_path / "app.log").read_text()


def test_the_topology_keeps_answering_while_its_redis_is_stopped_and_uses_it_again_after(topology):
    proxy = HttpClient(topology.url("proxy"))
    topology.stop_service("redis")
    try:
        for i in range(3):
            response = proxy.get(f"/api/reactions/stats/?group_by=country&redis-down={i}")
            assert response.status == 200 and response.json()["total"] > 0
    finally:
        topology.start_redis()
    keys = redis.Redis(port=topology.ports["redis"])
    # After the back-off (config/cache.py), answers are cached in Redis again.
    wait_until(lambda: proxy.get(f"/api/reactions/stats/?group_by=stance&up={time.time()}").status == 200
               and any(True for _ in keys.scan_iter(match="*stats:events.reaction:*")),
               timeout=20, interval=0.5, message="stats answers cached in Redis again")
