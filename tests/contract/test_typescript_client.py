"""The TypeScript side: openapi-typescript types and openapi-fetch calls, and Redocly's lint of the schema.

The npm packages are pinned in tests/contract/ts/package.json and package-lock.json; bin/test installs
them (``npm ci``) when missing, as it installs Chromium. The generated client type-checks under
``tsc --strict`` and, against a live server with the seed data, gets the same rows as the Python one.
Redocly CLI's recommended rules report no error; the warnings kept on purpose are listed in the README
("API contract") and here.
"""

import json
import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Reaction

TS = Path(__file__).resolve().parent / "ts"
README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
BIN = TS / "node_modules" / ".bin"
# Rule -> why the warning stays (README "API contract").
KEPT_WARNINGS = {
    "no-path-trailing-slash": "Django's canonical URLs end with a slash",
    "info-license": "the licence is the operator's to state (API_LICENSE_NAME)",
}


def run(args, cwd):
    env = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
           "NO_COLOR": "1"}
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=300)
    return result


@pytest.fixture
def schema_file(tmp_path, client, transactional_db):
    assert (BIN / "tsc").exists(), "npm packages missing: bin/test installs them (npm ci --prefix " \
                                   "tests/contract/ts)"
    path = tmp_path / "schema.json"
    path.write_bytes(client.get("/api/schema/", {"format": "json"}).content)
    return path


def test_redocly_recommended_lint_reports_no_error_and_only_the_warnings_kept_on_purpose(schema_file):
    result = run([BIN / "redocly", "lint", "--config", TS / "redocly.yaml", "--format", "json",
                  schema_file], cwd=TS)
    report = json.loads(result.stdout)
    problems = Counter((p["ruleId"], p["severity"]) for p in report["problems"])
    assert report["totals"]["errors"] == 0, problems
    assert {rule for rule, _severity in problems} <= set(KEPT_WARNINGS), problems
    assert problems[("no-path-trailing-slash", "warn")] == len(json.loads(schema_file.read_text())["paths"])
    for rule in KEPT_WARNINGS:
        assert rule in README, f"README does not explain the kept warning {rule}"


def test_the_generated_typescript_client_type_checks_strictly_and_gets_the_right_rows(
        schema_file, tmp_path, live_server):
    result = run([BIN / "openapi-typescript", schema_file, "-o", tmp_path / "schema.d.ts"], cwd=tmp_path)
    assert result.returncode == 0 and "warn" not in result.stderr.lower(), result.stdout + result.stderr
    for name in ("client_use.ts", "tsconfig.json"):
        (tmp_path / name).write_text((TS / name).read_text())
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "node_modules").symlink_to(TS / "node_modules")
    result = run([BIN / "tsc", "-p", "tsconfig.json"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr

    call_command("load_seeds", verbosity=0)
    result = run(["node", "out/client_use.js", live_server.url], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]

    reviewed = Reaction.objects.filter(status="reviewed")
    nicaragua = [line["slug"] for line in lines if line["kind"] == "nicaragua"]
    assert nicaragua == [r.slug for r in reviewed.filter(actor__country="NI").order_by("date", "id")]
    two = next(line for line in lines if line["kind"] == "two_actors")
    expected = reviewed.filter(actor__slug__in=["nicaragua", "honduras"]).count()
    assert two["count"] == len(two["slugs"]) == expected == 2  # both actors, not only the last
    walked = [slug for line in lines if line["kind"] == "cursor_page" for slug in line["slugs"]]
    assert sorted(walked) == sorted(reviewed.values_list("slug", flat=True))
    assert len(walked) == len(set(walked))
    refused = next(line for line in lines if line["kind"] == "refused")
    assert refused["parameters"] == ["status"] and "staff" in refused["message"]
    assert next(line for line in lines if line["kind"] == "not_found")["status"] == 404
