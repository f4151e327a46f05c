"""API paths answer errors in JSON, never Django's HTML pages; other pages keep Django's pages."""

import pytest
from django.test import Client

from events.api.views import ReactionViewSet
from tests.factories import ReactionFactory

pytestmark = pytest.mark.django_db


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"]
    assert "Traceback" not in response.content.decode()
    return body


def test_unknown_api_url_answers_json_404_pointing_at_the_schema(api_client):
    body = assert_json_error(api_client.get("/api/no-such-endpoint/"), 404)
    assert "/api/schema/" in body["detail"]


def test_unknown_record_slug_answers_json_404(api_client):
    assert_json_error(api_client.get("/api/reactions/no-such-reaction/"), 404)


def test_unsupported_method_answers_json_405(staff_client):
    # Staff pass the permission check, so the read-only viewset itself refuses the method.
    body = assert_json_error(staff_client.post("/api/reactions/", {}, format="json"), 405)
    assert "POST" in body["detail"]


def test_crash_in_an_api_view_answers_json_500_without_a_debug_page(monkeypatch, settings):
    assert settings.DEBUG is False

    def crash(self, request, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(ReactionViewSet, "list", crash)
    client = Client(raise_request_exception=False)
    response = client.get("/api/reactions/")
    body = assert_json_error(response, 500)
    assert "secret internals" not in response.content.decode()
    assert body == {"detail": "Internal server error. It has been logged."}


def test_non_api_pages_keep_djangos_html_404():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


# No browsable API: every /api/ answer, errors included, is JSON (or the CSV a client asks for).


@pytest.mark.parametrize("accept", ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                                    "application/json", "*/*"])
def test_a_browser_gets_json_from_the_api(api_client, accept):
    response = api_client.get("/api/reactions/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "results" in response.json()


@pytest.mark.parametrize(("url", "params"), [
    ("/api/reactions/", {}),
    ("/api/reactions/stats/", {"group_by": "stance"}),
    ("/api/deletions/", {"since": "2024-01-01T00:00:00Z"}),
])
def test_the_browsable_api_format_is_gone_and_an_unknown_format_is_a_400_naming_it(api_client, url, params):
    response = api_client.get(url, {**params, "format": "api"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "json" in response.json()["format"][0]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_method_the_api_does_not_answer_is_a_405_with_allow_even_for_anonymous_users(api_client, method):
    ReactionFactory(slug="r")
    for url in ("/api/reactions/", "/api/reactions/r/", "/api/deletions/"):
        response = getattr(api_client, method)(url, {}, format="json")
        assert response.status_code == 405, (url, response.status_code)
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert method.upper() in response.json()["detail"]


def test_csv_still_refuses_a_malformed_page_or_page_size(api_client):
    for params in ({"page": "0"}, {"page_size": "lots"}):
        response = api_client.get("/api/reactions/", {"format": "csv", **params})
        assert response.status_code == 400
        assert list(response.json()) == list(params)


def test_asking_only_for_html_is_a_json_406(api_client):
    body = assert_json_error(api_client.get("/api/reactions/", HTTP_ACCEPT="text/html"), 406)
    assert "Accept" in body["detail"]


def test_an_anonymous_error_in_an_html_or_yaml_page_of_the_api_is_json(api_client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    assert api_client.get("/api/actors/").status_code == 200
    for url in ("/api/schema/", "/api/docs/", "/api/redoc/", "/api/"):
        response = api_client.get(url)
        body = assert_json_error(response, 429)
        assert "throttled" in body["detail"].lower() and response["Retry-After"]
