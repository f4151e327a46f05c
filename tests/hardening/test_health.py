"""Liveness and readiness probes, and the API's behaviour while the database is down."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

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
