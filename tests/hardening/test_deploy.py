"""The container image definition and its start script.

There is no Docker engine here, so the Dockerfile is linted with hadolint and its start script,
bin/start, is run outside a container with production settings and a throwaway SQLite database.
"""

import http.client
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from deploy.local.topology import free_port  # below the ephemeral range: no race with clients

ROOT = Path(__file__).resolve().parents[2]
HADOLINT = Path(sys.executable).parent / "hadolint"


def test_dockerfile_passes_hadolint():
    result = subprocess.run([str(HADOLINT), "Dockerfile"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_bin_start_as_a_non_root_user_with_a_python_health_check():
    dockerfile = (ROOT / "Dockerfile").read_text()
    instructions = [line.strip() for line in dockerfile.splitlines()
                    if line and not line.startswith(("#", " "))]
    assert instructions[0] == "FROM python:3.11-slim"
    assert 'CMD ["bin/start"]' in instructions
    user = next(line for line in instructions if line.startswith("USER "))
    assert user.split()[1].split(":")[0] not in ("root", "0")
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile and "curl" not in dockerfile
    assert "pip install --no-cache-dir ." in dockerfile
    assert "collectstatic" in dockerfile and "DJANGO_STATIC_MANIFEST=1" in dockerfile


def test_dockerfile_copies_every_package_the_project_installs():
    # A package left out of the image installs nothing and fails at start-up, which nothing else here
    # would notice without a Docker engine.
    import tomllib

    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    for pattern in packages["find"]["include"]:
        name = pattern.rstrip("*")
        assert f"COPY {name} ./{name}" in dockerfile, name


def get(url, **headers):
    """GET without following redirects: (status, headers, body)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        target = f"{parts.path}?{parts.query}" if parts.query else parts.path
        connection.request("GET", target, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_bin_start_migrates_loads_seeds_and_serves_with_production_settings(tmp_path):
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHON": sys.executable,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SECRET_KEY": "start-script-test-key-" + "k3Vn8sPq" * 6,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Static files are collected at image build time; this run serves only JSON.
        "DJANGO_STATIC_MANIFEST": "0",
    }
    log = tmp_path / "server.log"
    with log.open("w") as log_file:
        server = subprocess.Popen([str(ROOT / "bin" / "start")], cwd=tmp_path, env=env, stdout=log_file,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, log.read_text()
            try:
                status, _headers, body = get(f"{base}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
        assert status == 200 and json.loads(body) == {"status": "ok"}

        status, _headers, body = get(f"{base}/readyz")
        assert status == 200, body
        # Production settings: plain HTTP is redirected to HTTPS; behind the TLS proxy the API answers.
        status, headers, _body = get(f"{base}/api/")
        assert status == 301 and headers["Location"].startswith("https://")
        status, _headers, body = get(f"{base}/api/reactions/", **{"X-Forwarded-Proto": "https"})
        assert status == 200, body
        assert json.loads(body)["count"] > 0  # load_seeds ran
        status, _headers, body = get(f"{base}/api/no-such-thing/", **{"X-Forwarded-Proto": "https"})
        assert status == 404 and "detail" in json.loads(body)
        # A query string over API_MAX_QUERY_STRING (2048) in a request line over gunicorn's default limit
        # (4094 bytes): the API's JSON 414, not gunicorn's plain-text refusal.
        status, headers, body = get(f"{base}/api/reactions/?q={'a' * 6000}", **{"X-Forwarded-Proto": "https"})
        assert status == 414 and headers["Content-Type"] == "application/json", body
        assert "limit is 2048 bytes" in json.loads(body)["detail"]
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # the gunicorn master this test started
            server.wait(timeout=30)
    assert "Booting worker" in log.read_text()


def test_bin_start_lets_gunicorn_read_every_request_line_the_api_judges():
    from django.conf import settings

    start = (ROOT / "bin" / "start").read_text()
    assert f"--limit-request-line {settings.GUNICORN_LIMIT_REQUEST_LINE}" in start
    assert settings.API_MAX_QUERY_STRING + 1024 <= settings.GUNICORN_LIMIT_REQUEST_LINE


def test_a_query_string_limit_gunicorn_would_preempt_is_refused_at_start():
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DJANGO_DEBUG": "1",
           "API_MAX_QUERY_STRING": "8000", "DATABASE_URL": "sqlite:////tmp/eventdb-never-opened.sqlite3"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "API_MAX_QUERY_STRING is at most 7166" in result.stderr
