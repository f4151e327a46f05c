"""A Python client generated from the live schema type-checks under mypy --strict and gets the right rows.

openapi-python-client (pinned in the test extra) generates ``eventdb_client`` from /api/schema/ with no
warning; tests/contract/python_client_use.py, ordinary use of it, passes ``mypy --strict`` (errors inside
the generated package are the generator's and are not reported: ``--follow-imports=silent``), then runs
against a live server with the seed data: Nicaragua's reactions anonymously, two actors at once (sent
as the parameter repeated, as the client sends lists), every reaction by following cursors, a 400 and a
404 read as typed errors.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Reaction

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def run(args, cwd, **env):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def generated(tmp_path, client, transactional_db):
    schema = tmp_path / "schema.json"
    schema.write_bytes(client.get("/api/schema/", {"format": "json"}).content)
    result = run([str(BIN / "openapi-python-client"), "generate", "--path", str(schema), "--output-path",
                  str(tmp_path / "eventdb_client"), "--meta", "none"], cwd=tmp_path)
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    (tmp_path / "use.py").write_text((HERE / "python_client_use.py").read_text())
    return tmp_path


def test_the_generated_client_type_checks_strictly_and_gets_the_right_rows(generated, transactional_db,
                                                                           live_server):
    run([str(BIN / "mypy"), "--strict", "--follow-imports=silent", "--cache-dir", str(generated / ".mypy"),
         "use.py"], cwd=generated, MYPYPATH=str(generated))

    call_command("load_seeds", verbosity=0)
    output = run([sys.executable, "use.py", live_server.url], cwd=generated, PYTHONPATH=str(generated)).stdout
    lines = [json.loads(line) for line in output.splitlines()]

    reviewed = Reaction.objects.filter(status="reviewed")
    nicaragua = [line for line in lines if line["kind"] == "nicaragua"]
    expected = reviewed.filter(actor__country="NI").order_by("date", "id")
    assert [line["slug"] for line in nicaragua] == [r.slug for r in expected]
    assert nicaragua[0]["country"] == "NI" and nicaragua[0]["sources"]

    two = next(line for line in lines if line["kind"] == "two_actors")
    expected = reviewed.filter(actor__slug__in=["nicaragua", "honduras"])
    assert two["count"] == expected.count() == len(two["slugs"]) == 2  # not just the last actor's one

    walked = [slug for line in lines if line["kind"] == "cursor_page" for slug in line["slugs"]]
    assert sorted(walked) == sorted(reviewed.values_list("slug", flat=True))
    assert len(walked) == len(set(walked))
    pages = next(line for line in lines if line["kind"] == "cursor_done")["pages"]
    assert pages == -(-reviewed.count() // 4)

    refused = next(line for line in lines if line["kind"] == "refused")
    assert refused["parameters"] == ["status"] and "staff" in refused["message"]
    not_found = next(line for line in lines if line["kind"] == "not_found")
    assert not_found["status"] == 404 and not_found["detail"]
