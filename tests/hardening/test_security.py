"""Production settings, throttling, request size limits, and no write path for anonymous users."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from core.api.authentication import FailedAuthenticationThrottle

ROOT = Path(__file__).resolve().parents[2]
ENDPOINTS = ["reactions", "statements", "events", "actors", "sources"]


def run_manage(*args, **env):
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
                 "DATABASE_URL": "sqlite:////tmp/eventdb-never-opened.sqlite3", **env}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=clean_env,
                          capture_output=True, text=True, timeout=120)


def test_deploy_check_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        DJANGO_SECRET_KEY="a-long-random-production-key-" + "x7Q2pL9vR4" * 5,
                        DJANGO_ALLOWED_HOSTS="events.example.org")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_start_without_a_secret_key_fails_with_a_clear_message():
    result = run_manage("check", DJANGO_ALLOWED_HOSTS="events.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_throttle_rates_and_proxy_count_come_from_the_environment():
    code = ("from rest_framework.settings import api_settings as s; "
            "print(s.DEFAULT_THROTTLE_RATES, s.NUM_PROXIES)")
    result = run_manage("shell", "-c", code, DJANGO_DEBUG="1", API_ANON_THROTTLE_RATE="7/hour",
                        API_AUTH_FAILURE_RATE="4/hour", API_NUM_PROXIES="1")
    assert result.returncode == 0, result.stderr
    assert "{'anon': '7/hour', 'failed_auth': '4/hour'} 1" in result.stdout


@pytest.mark.django_db
def test_anonymous_reads_over_the_rate_get_json_429_with_retry_after(api_client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    for _ in range(3):
        assert api_client.get("/api/actors/").status_code == 200
    response = api_client.get("/api/reactions/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "throttled" in response.json()["detail"].lower()
    assert 0 < int(response["Retry-After"]) <= 60


@pytest.mark.django_db
def test_overlong_query_string_is_refused_with_json_414_naming_the_limit(api_client, settings):
    limit = settings.API_MAX_QUERY_STRING
    response = api_client.get("/api/reactions/", {"q": "a" * limit})
    assert response.status_code == 414
    assert response["Content-Type"] == "application/json"
    assert f"limit is {limit} bytes" in response.json()["detail"]
    assert api_client.get("/api/reactions/", {"q": "a" * (limit - 10)}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/actors/%00/", "/api/reactions/a%00b/", "/api/sources/%00/"])
def test_null_character_in_a_record_path_is_a_json_400_not_a_database_error(api_client, path):
    # On PostgreSQL a NUL in a slug lookup used to be a DataError: a 500.
    response = api_client.get(path)
    assert response.status_code == 400
    assert "null character" in response.json()["detail"]


@pytest.mark.django_db
def test_null_character_in_any_query_parameter_is_a_json_400_naming_it(api_client):
    response = api_client.get("/api/deletions/?since=2024-01-01T00:00:00Z%00")
    assert response.status_code == 400
    assert response.json() == {"since": ["Null characters are not allowed."]}


@pytest.mark.django_db
def test_page_size_over_the_cap_is_a_json_400_naming_page_size(api_client, settings):
    response = api_client.get("/api/reactions/", {"page_size": settings.API_MAX_PAGE_SIZE + 1})
    assert response.status_code == 400
    assert "page_size" in response.json()


def curated_counts():
    return {model._meta.label: model.objects.count()
            for app in ("actors", "events", "sources") for model in apps.get_app_config(app).get_models()}


def test_anonymous_users_have_no_write_path_on_any_endpoint(seeded, api_client):
    before = curated_counts()
    for endpoint in ENDPOINTS:
        listing = api_client.get(f"/api/{endpoint}/")
        assert listing.status_code == 200
        slug = listing.json()["results"][0]["slug"]
        attempts = [("post", f"/api/{endpoint}/")] + [
            (method, f"/api/{endpoint}/{slug}/") for method in ("put", "patch", "delete")]
        for method, url in attempts:
            response = getattr(api_client, method)(url, {"slug": "x", "title": "x"}, format="json")
            assert response.status_code in (401, 403, 405), (method, url, response.status_code)
            assert response["Content-Type"] == "application/json"
        assert api_client.get(f"/api/{endpoint}/{slug}/").status_code == 200
    assert curated_counts() == before


@pytest.mark.django_db
def test_admin_asks_anonymous_users_to_log_in():
    response = Client().get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_admin_login_post_without_csrf_token_is_refused(django_user_model):
    django_user_model.objects.create_superuser("root", password="pw-root-123")
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "root", "password": "pw-root-123"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_behind_a_proxy_each_client_address_has_its_own_throttle_bucket(api_client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    monkeypatch.setattr(api_settings, "NUM_PROXIES", 1)  # what API_NUM_PROXIES=1 sets
    first, second = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}, {"HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert [api_client.get("/api/actors/", **first).status_code for _ in range(3)] == [200, 200, 429]
    assert api_client.get("/api/actors/", **second).status_code == 200


# ---- No passwords on the API; failed authentication throttled (finding 5 of the second round) --------

def basic(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.fixture
def staff_token(django_user_model):
    user = django_user_model.objects.create_user("pipeline", password="pw-pipeline-123", is_staff=True)
    return Token.objects.create(user=user).key


def test_the_api_takes_no_password_even_a_right_one(api_client, staff_token):
    response = api_client.get("/api/reactions/", {"status": "all"},
                              HTTP_AUTHORIZATION=basic("pipeline", "pw-pipeline-123"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "Passwords are not accepted" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Token"


def test_a_staff_token_sees_drafts_and_a_wrong_one_is_a_401(api_client, staff_token):
    ok = api_client.get("/api/reactions/", {"status": "all"}, HTTP_AUTHORIZATION=f"Token {staff_token}")
    wrong = api_client.get("/api/reactions/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert ok.status_code == 200
    assert wrong.status_code == 401 and wrong.json()["detail"] == "Invalid token."


def test_failed_authentication_is_throttled_per_address_before_credentials_are_checked(
        api_client, staff_token, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(FailedAuthenticationThrottle, "THROTTLE_RATES", {"failed_auth": "3/minute"})
    attacker = {"REMOTE_ADDR": "203.0.113.7"}
    guesses = [api_client.get("/api/actors/", HTTP_AUTHORIZATION=f"Token guess{n}", **attacker).status_code
               for n in range(3)]
    assert guesses == [401, 401, 401]

    # From now on this address is refused without a look at what it sends: no query, even for the
    # right token, and a password is not hashed.
    with django_assert_num_queries(0):
        refused = api_client.get("/api/actors/", HTTP_AUTHORIZATION=f"Token {staff_token}", **attacker)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert 0 < int(refused["Retry-After"]) <= 60
    assert api_client.get("/api/actors/", HTTP_AUTHORIZATION=basic("pipeline", "x"), **attacker).status_code \
        == 429
    # Anonymous readers and other addresses are not affected.
    assert api_client.get("/api/actors/", **attacker).status_code == 200
    other = api_client.get("/api/actors/", HTTP_AUTHORIZATION=f"Token {staff_token}",
                           REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 200


# ---- Content-Security-Policy (finding 11 of the second round; the browser side is
# tests/browser/test_content_security_policy.py) ------------------------------------------------------

def policy(response) -> dict:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {name: values for name, *values in directives}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/api/docs/", "/api/reactions/", "/api/reactions/?format=csv"])
def test_pages_and_api_answers_carry_a_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"] and directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"] and directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/redoc/", "/admin/login/"])
def test_redoc_and_the_admin_allow_inline_styles_but_no_inline_script(client, path):
    directives = policy(client.get(path))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_name_no_other_site_and_hold_no_inline_script_or_style(client, path):
    html = client.get(path).content.decode()
    assert "googleapis" not in html and "gstatic" not in html
    assert "<style" not in html
    assert "<script>" not in html and all(" src=" in tag for tag in html.split("<script")[1:])


def test_redocs_script_is_served_without_its_logos_outside_address(client):
    response = client.get("/api/redoc/redoc.standalone.js")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Redoc" in body and len(body) > 500_000
    assert b"cdn.redoc.ly" not in body
