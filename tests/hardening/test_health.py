"""Liveness and readiness probes, and the API's behaviour while the database is down."""

import concurrent.futures
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from deploy.local.topology import free_port  # below the ephemeral range: no race with clients

ROOT = Path(__file__).resolve().parents[2]


def refuse_connection(execute, sql, params, many, context):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_healthz_answers_without_touching_the_database():
    # No django_db mark: pytest-django makes any database access in this test raise.
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_whatever_the_host_header_so_a_container_check_works():
    # 10.1.2.3 is not in ALLOWED_HOSTS: the API itself refuses it, the probe does not.
    assert Client(HTTP_HOST="10.1.2.3:8000").get("/api/").status_code == 400
    assert Client(HTTP_HOST="10.1.2.3:8000").get("/healthz").status_code == 200


@pytest.mark.django_db
def test_readyz_is_ok_when_the_database_answers_and_all_migrations_are_applied():
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "unapplied_migrations": [],
                               "databases": {"default": {"role": "primary", "status": "ok", "reads": True}}}


@pytest.mark.django_db
def test_readyz_is_503_and_names_an_unapplied_migration():
    leaf = next(node for node in MigrationLoader(connection).graph.leaf_nodes() if node[0] == "sources")
    MigrationRecorder(connection).record_unapplied(*leaf)  # rolled back with the test's transaction
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["unapplied_migrations"] == [f"{leaf[0]}.{leaf[1]}"]


@pytest.mark.django_db
def test_readyz_is_json_503_while_the_database_is_down_and_recovers_by_itself():
    client = Client()
    with connection.execute_wrapper(refuse_connection):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"]
    assert response.json()["database"] == "unavailable"
    # The next request after the fault succeeds, with no restart.
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/reactions/", "/api/statements/", "/api/events/", "/api/actors/",
                                  "/api/sources/", "/api/reactions/some-slug/"])
def test_api_is_json_503_while_the_database_is_down_and_recovers_by_itself(api_client, path):
    with connection.execute_wrapper(refuse_connection):
        response = api_client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"]
    assert "database is unavailable" in response.json()["detail"]
    assert api_client.get(path).status_code in (200, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/reactions/", "/api/statements/", "/api/events/", "/api/actors/",
                                  "/api/sources/"])
def test_csv_export_while_the_database_is_down_is_a_json_503_not_a_broken_200(api_client, path):
    with connection.execute_wrapper(refuse_connection):
        response = api_client.get(path, {"format": "csv"})
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"]
    assert "public" not in response.get("Cache-Control", "")
    assert b"database is unavailable" in body


def test_with_the_database_on_a_closed_port_readyz_and_the_api_answer_json_503():
    # A real connection attempt to a port nothing listens on, in a separate process.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    code = (
        "from django.test import Client\n"
        "c = Client(raise_request_exception=False)\n"
        "for path in ('/healthz', '/readyz', '/api/reactions/', '/api/actors/some-slug/'):\n"
        "    r = c.get(path)\n"
        "    print(path, r.status_code, r['Content-Type'], r.get('Retry-After'))\n"
    )
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
           "DJANGO_SETTINGS_MODULE": "config.test_settings",
           "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port}/eventdb"}
    result = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "/healthz 200 application/json None",
        "/readyz 503 application/json 5",
        "/api/reactions/ 503 application/json 5",
        "/api/actors/some-slug/ 503 application/json 5",
    ]


# ---- A database that accepts connections and never answers (finding 3 of the second round) ----------

@pytest.fixture
def silent_database():
    """A TCP server that accepts every connection and never says a word: a hung database server."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    for sock in held:
        sock.close()
    server.close()


def timed_get(url, timeout=20):
    """GET: (status, headers, body, seconds it took)."""
    parts = urllib.parse.urlsplit(url)
    started = time.monotonic()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read(), time.monotonic() - started
    finally:
        connection.close()


def test_a_database_that_never_answers_gives_json_503_within_seconds_and_healthz_keeps_answering(
        silent_database, tmp_path):
    port = free_port()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "config.settings",
           "DJANGO_SECRET_KEY": "silent-database-test-key-" + "q8Wm2xZr" * 6,
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "0",
           "DJANGO_STATIC_MANIFEST": "0", "DATABASE_CONNECT_TIMEOUT": "2",
           "DATABASE_URL": f"postgres://postgres@127.0.0.1:{silent_database}/eventdb"}
    log = tmp_path / "gunicorn.log"
    with log.open("w") as log_file:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi:application",
                                   "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "30"],
                                  cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text()
            try:
                assert timed_get(f"{base}/healthz")[0] == 200
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)

        # Several API calls at once, as clients would send them; then the container's health check.
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            api = [pool.submit(timed_get, f"{base}{path}") for path in
                   ("/api/reactions/", "/api/events/", "/readyz", "/api/actors/?format=csv")]
            time.sleep(0.3)
            health = timed_get(f"{base}/healthz")
            answers = [future.result() for future in api]
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the gunicorn master this test started
        server.wait(timeout=30)

    for status, headers, body, elapsed in answers:
        assert status == 503, body
        assert headers["Content-Type"] == "application/json"
        assert 0 < int(headers["Retry-After"]) <= 5
        assert elapsed < 6, elapsed  # one connection attempt (2 s), then the process answers at once
    assert health[0] == 200 and json.loads(health[2]) == {"status": "ok"}
    assert health[3] < 5, health[3]


def test_statements_over_the_timeout_are_cancelled_by_postgresql():
    # The local PostgreSQL, whatever database this run's tests use: the timeout is PostgreSQL's.
    code = (
        "import time\n"
        "from django.db import OperationalError, connection\n"
        "print(connection.settings_dict['OPTIONS'])\n"
        "started = time.monotonic()\n"
        "try:\n"
        "    connection.cursor().execute('SELECT pg_sleep(5)')\n"
        "    print('finished')\n"
        "except OperationalError as exc:\n"
        "    print('cancelled', round(time.monotonic() - started), type(exc.__cause__).__name__)\n"
    )
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
           "DJANGO_SETTINGS_MODULE": "config.test_settings", "DATABASE_STATEMENT_TIMEOUT": "0.5",
           "DATABASE_CONNECT_TIMEOUT": "4", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"}
    result = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    options, outcome = result.stdout.splitlines()
    assert "'connect_timeout': 4" in options and "statement_timeout=500" in options
    assert outcome == "cancelled 1 QueryCanceled" or outcome == "cancelled 0 QueryCanceled", outcome
