"""deploy/compose.yaml is a valid Compose file and describes the topology bin/scale-local runs.

There is no Docker engine here: the file is validated offline against the Compose specification's JSON
schema (as vendored by check-jsonschema, pinned in pyproject.toml), and compared with
deploy/local/topology.py, which the other tests in this folder run.
"""

import subprocess
import sys
from pathlib import Path

import yaml

from deploy.local.topology import APP_SERVICES, SERVICES, Topology

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "deploy" / "compose.yaml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def compose():
    return yaml.safe_load(COMPOSE.read_text())


def check(path):
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.compose-spec", str(path)],
                          capture_output=True, text=True, timeout=120)


def test_compose_file_is_valid_against_the_compose_specification():
    result = check(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_compose_file(tmp_path):
    broken = tmp_path / "compose.yaml"
    broken.write_text(COMPOSE.read_text().replace("interval: 5s", "interval: [5]", 1))
    result = check(broken)
    assert result.returncode != 0
    assert "healthcheck.interval" in result.stdout


def test_compose_and_the_local_script_run_the_same_services():
    assert list(compose()["services"]) == list(SERVICES)


def test_every_app_process_gets_the_same_settings_in_both():
    topology = Topology.__new__(Topology)  # addresses only: nothing is started
    topology.ports = dict.fromkeys(["primary", "replica", "redis", "app1", "app2", "proxy"], 1)
    topology.database, topology.app_env, topology.root = "eventdb", {}, Path("/tmp/x")
    services = compose()["services"]
    for name in APP_SERVICES:
        assert sorted(services[name]["environment"]) == sorted(topology.app_environment())
    assert sorted(services["proxy"]["environment"]) == sorted(topology.proxy_environment())


def test_the_proxy_in_compose_uses_the_same_nginx_template_as_the_script():
    volumes = compose()["services"]["proxy"]["volumes"]
    assert "./nginx/eventdb.conf.template:/etc/nginx/templates/default.conf.template:ro" in volumes
    template = (ROOT / "deploy" / "nginx" / "eventdb.conf.template").read_text()
    for name in ("CACHE_DIR", "APP1_ADDR", "APP2_ADDR", "PROXY_LISTEN"):
        assert "${" + name + "}" in template


def test_replicas_in_compose_stream_from_the_primary_and_apps_read_from_them():
    services = compose()["services"]
    assert "pg_basebackup -h primary" in " ".join(services["replica"]["command"])
    assert "-R" in " ".join(services["replica"]["command"])
    for name in APP_SERVICES:
        assert "@replica:5432/" in services[name]["environment"]["DATABASE_REPLICA_URLS"]
        assert services[name]["environment"]["CACHE_URL"].startswith("redis://redis:")
